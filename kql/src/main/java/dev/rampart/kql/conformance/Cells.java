package dev.rampart.kql.conformance;

import dev.rampart.kql.analyzer.JsonLines;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a cell as the reference pages print it with a value the engine returned. The pages are hand-pasted
 * markdown, so the expected side is normalised: the several datetime, timespan, bool and null spellings, thousands
 * separators, reals printed with 15 or 17 digits (or rounded for display), JSON with single quotes or in any key
 * order. The actual side may be what JDBC returns (LocalDateTime, JSON text) or what the portal returns (Instant,
 * parsed maps and lists).
 */
public final class Cells {
    private static final double RELATIVE = 1e-9;
    private static final Pattern ELIDED_ARRAY = Pattern.compile("\\[\\s*(?:(?:\\.\\.\\.|\u2026)\\s*)+]");
    private static final String ELIDED = "\u2026elided\u2026";
    /** An array element written as an ellipsis ([1, 2, ....., 9]): the elements between what is shown are left out. */
    private static final Pattern ELIDED_ELEMENTS = Pattern.compile("(?<=[\\[,])\\s*(?:\\.{3,}|\u2026)\\s*(?=[,\\]])");
    private static final String GAP = "\u2026gap\u2026";
    private static final double APPROXIMATE = 0.05;
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss][.[SSSSSSS][SSSSSS][SSSSS][SSSS][SSS][SS][S]]");
    /** Kusto prints {@code [-][d.]hh:mm:ss[.fffffff]}; one page writes days as a fourth field (14:00:00:00). */
    private static final Pattern KUSTO_TIMESPAN =
            Pattern.compile("(-)?(?:(\\d+)[.:])?(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,7}))?");
    /** DuckDB prints intervals as {@code [N day[s]] [-]hh:mm:ss[.ffffff]} with hours beyond 24 allowed. */
    private static final Pattern DUCKDB_INTERVAL =
            Pattern.compile("(?:(-?\\d+) days?)?\\s*(?:(-)?(\\d+):(\\d{2}):(\\d{2})(?:\\.(\\d{1,6}))?)?");

    private Cells() {
    }

    public static boolean equal(String expected, Object actual) {
        return equal(expected, actual, false);
    }

    /**
     * @param partial the page shows part of the output ({@code truncated}): an array element written as an ellipsis
     *                stands for any number of elements, so only the elements shown before and after it are checked
     */
    public static boolean equal(String expected, Object actual, boolean approximate, boolean partial) {
        if (partial && actual != null) {
            Object shown = withGaps(expected.trim());
            if (shown != null) {
                Object a = actual instanceof String s ? json(s) : actual;
                return a != null && jsonEquals(shown, a, approximate);
            }
        }
        return equal(expected, actual, approximate);
    }

    /** JSON whose ellipsis elements became gap markers; null when there are none or it is still not JSON. */
    private static Object withGaps(String s) {
        if (!looksLikeJson(s)) {
            return null;
        }
        Matcher m = ELIDED_ELEMENTS.matcher(s);
        int gaps = 0;
        while (m.find()) {
            gaps++;
        }
        if (gaps != 1) {
            return null; // with two gaps the elements between them could sit anywhere: not checked as a prefix and suffix
        }
        String marked = m.replaceAll("\"" + GAP + "\"");
        Object x = json(marked);
        return x instanceof String ? null : x;
    }

    /** @param approximate numbers may differ by a few percent (estimating aggregates) */
    public static boolean equal(String expected, Object actual, boolean approximate) {
        String e = expected.trim();
        if (isNull(actual)) {
            return e.isEmpty() || e.equals("null") || e.equals("(null)");
        }
        if (actual instanceof Boolean b) {
            return e.equalsIgnoreCase(b.toString()) || e.equals(b ? "1" : "0");
        }
        if (actual instanceof Number n) {
            return numberEquals(e, n, approximate);
        }
        LocalDateTime t = dateTimeOf(actual);
        if (t != null) {
            LocalDateTime et = dateTime(e);
            return et != null && et.truncatedTo(ChronoUnit.MICROS).equals(t.truncatedTo(ChronoUnit.MICROS));
        }
        if (actual instanceof Map<?, ?> || actual instanceof List<?>) {
            Object x = json(e);
            return x != null && jsonEquals(x, actual, approximate);
        }
        return textEquals(e, actual.toString(), approximate);
    }

    private static boolean isNull(Object actual) {
        return actual == null;
    }

    private static boolean textEquals(String e, String s, boolean approximate) {
        if (s.equals(e) || s.trim().equals(e)) {
            return true;
        }
        // A dynamic null is JSON text "null" from the engine and an empty cell on the page.
        if (s.equals("null") && e.isEmpty()) {
            return true;
        }
        // A non-breaking space is rendered as a plain one on the page.
        if (s.indexOf('\u00A0') >= 0 && s.replace('\u00A0', ' ').trim().equals(e.replace('\u00A0', ' '))) {
            return true;
        }
        // A newline in a cell is shown as <br>, and surrounding blanks cannot be shown at all.
        if (s.strip().replaceAll("\\s*\\n\\s*", "\n").equals(e.replaceAll("\\s*\\n\\s*", "\n"))) {
            return true;
        }
        // A page that writes no <br> shows a multi-line value on one line, its line breaks read as blanks.
        if (e.indexOf('\n') < 0 && s.indexOf('\n') >= 0 && s.strip().replaceAll("\\s*\\n\\s*", " ").equals(e)) {
            return true;
        }
        Long ts = timespan(e);
        if (ts != null) {
            Long as = timespan(s);
            if (as != null) {
                return ts.equals(as);
            }
        }
        if (looksLikeJson(s) || looksLikeJson(e)) {
            Object x = json(s);
            Object y = json(e);
            if (x instanceof String str) {
                return str.equals(e);
            }
            return x != null && y != null && jsonEquals(y, x, approximate);
        }
        return false;
    }

    private static boolean looksLikeJson(String s) {
        return !s.isEmpty() && "[{\"".indexOf(s.charAt(0)) >= 0;
    }

    static boolean numberEquals(String e, Number n, boolean approximate) {
        String t = e.replace(",", "").trim();
        double d = n.doubleValue();
        switch (t) {
            case "NaN" -> {
                return Double.isNaN(d);
            }
            case "∞", "Infinity", "+∞" -> {
                return d == Double.POSITIVE_INFINITY;
            }
            case "-∞", "-Infinity" -> {
                return d == Double.NEGATIVE_INFINITY;
            }
            default -> {
            }
        }
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return (d != 0) == t.equalsIgnoreCase("true") && (d == 0 || d == 1);
        }
        BigDecimal x;
        try {
            x = new BigDecimal(t);
        } catch (NumberFormatException ex) {
            return false;
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return false;
        }
        BigDecimal y = new BigDecimal(n.toString());
        if (x.compareTo(y) == 0) {
            return true;
        }
        double dx = x.doubleValue();
        double tolerance = (approximate ? APPROXIMATE : RELATIVE) * Math.max(Math.abs(dx), Math.abs(d));
        if (Math.abs(dx - d) <= tolerance) {
            return true;
        }
        // Some pages round reals for display (0.982, 7.389056): accept the value the shown digits round from.
        boolean real = n instanceof Double || n instanceof Float || n instanceof BigDecimal;
        return real && x.scale() >= 3 && Math.abs(dx - d) <= 0.5 * Math.pow(10, -x.scale()) + 1e-12;
    }

    private static LocalDateTime dateTimeOf(Object a) {
        if (a instanceof LocalDateTime l) {
            return l;
        }
        if (a instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        }
        if (a instanceof OffsetDateTime o) {
            return o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (a instanceof java.util.Date d) {
            return a instanceof java.sql.Timestamp ts ? ts.toLocalDateTime() : LocalDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC);
        }
        return null;
    }

    /** The page spellings: 2017-01-01 00:00:00.0000000, 2017-01-01T00:00:00Z, 2017-01-01, with 0 to 7 fraction digits. */
    static LocalDateTime dateTime(String e) {
        String t = e.replace('T', ' ').replaceFirst("(Z|\\+00:00)$", "").trim();
        try {
            return LocalDateTime.parse(t, DATE_TIME);
        } catch (RuntimeException ex) {
            try {
                return LocalDate.parse(t).atStartOfDay();
            } catch (RuntimeException ex2) {
                return null;
            }
        }
    }

    /** Microseconds of a Kusto or DuckDB timespan text, or null when the text is neither. */
    static Long timespan(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return null;
        }
        Matcher k = KUSTO_TIMESPAN.matcher(t);
        if (k.matches()) {
            long days = k.group(2) == null ? 0 : Long.parseLong(k.group(2));
            long micros = clock(days, k.group(3), k.group(4), k.group(5), k.group(6));
            return k.group(1) != null ? -micros : micros;
        }
        Matcher d = DUCKDB_INTERVAL.matcher(t);
        if (d.matches() && (d.group(1) != null || d.group(3) != null)) {
            long days = d.group(1) == null ? 0 : Long.parseLong(d.group(1));
            long clock = d.group(3) == null ? 0 : clock(0, d.group(3), d.group(4), d.group(5), d.group(6));
            return days * 86_400_000_000L + (d.group(2) != null ? -clock : clock);
        }
        return null;
    }

    private static long clock(long days, String h, String m, String sec, String frac) {
        long micros = ((days * 24 + Long.parseLong(h)) * 60 + Long.parseLong(m)) * 60_000_000L + Long.parseLong(sec) * 1_000_000L;
        if (frac != null) {
            micros += Long.parseLong((frac + "000000").substring(0, 6)); // 100-ns ticks beyond micros are dropped
        }
        return micros;
    }

    /** JSON as printed, also with single quotes (['a','b']); null when the text is not JSON. */
    static Object json(String s) {
        try {
            return JsonLines.read(s);
        } catch (RuntimeException ex) {
            try {
                return JsonLines.read(s.replace('\'', '"'));
            } catch (RuntimeException ex2) {
                // A page may elide a long array as [ ... ]: that part then matches any value.
                String elided = ELIDED_ARRAY.matcher(s).replaceAll("\"" + ELIDED + "\"");
                if (!elided.equals(s)) {
                    try {
                        return JsonLines.read(elided);
                    } catch (RuntimeException ex3) {
                        return null;
                    }
                }
                return bareWords(s);
            }
        }
    }

    /** An array whose strings the page shows without quotes ([yes, no, yes]); null when it is still not JSON. */
    private static Object bareWords(String s) {
        if (!s.startsWith("[")) {
            return null;
        }
        Matcher m = BARE_WORD.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String w = m.group(2);
            boolean literal = w.equals("true") || w.equals("false") || w.equals("null");
            m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + (literal ? w : "\"" + w + "\"")));
        }
        m.appendTail(b);
        try {
            return JsonLines.read(b.toString());
        } catch (RuntimeException ex) {
            return null;
        }
    }

    private static final Pattern BARE_WORD = Pattern.compile("([\\[,]\\s*)([A-Za-z_][A-Za-z0-9_ .-]*?)(?=\\s*[,\\]])");

    /** The elements shown before the gap start the actual array and those after it end it; the two may not overlap. */
    private static boolean prefixAndSuffixEqual(List<?> shown, int gap, List<?> actual, boolean approximate) {
        int suffix = shown.size() - gap - 1;
        if (actual.size() < gap + suffix) {
            return false;
        }
        for (int i = 0; i < shown.size(); i++) {
            if (i != gap && !jsonEquals(shown.get(i), actual.get(i < gap ? i : actual.size() - (shown.size() - i)), approximate)) {
                return false;
            }
        }
        return true;
    }

    /** Structural: property bag key order does not count, 5 equals 5.0. */
    static boolean jsonEquals(Object expected, Object actual, boolean approximate) {
        if (ELIDED.equals(expected)) {
            return actual != null;
        }
        if (expected instanceof Number a && actual instanceof Number b) {
            return numberEquals(a.toString(), b, approximate);
        }
        if (expected instanceof List<?> a && actual instanceof List<?> b) {
            int gap = a.indexOf(GAP);
            if (gap >= 0) {
                return prefixAndSuffixEqual(a, gap, b, approximate);
            }
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!jsonEquals(a.get(i), b.get(i), approximate)) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof Map<?, ?> a && actual instanceof Map<?, ?> b) {
            return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> jsonEquals(a.get(k), b.get(k), approximate));
        }
        return Objects.equals(expected, actual);
    }
}
