package dev.rampart.kql.analyzer;

import dev.rampart.kql.CompiledQuery;
import dev.rampart.kql.DuckDb;
import dev.rampart.kql.KqlCompiler;
import dev.rampart.kql.TestSupport;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the examples of the KQL reference (datatable/print based, with the outputs the pages print) on
 * DuckDB and compares results after normalising the pages' formatting. Prints
 * {@code kql-semantics: compiled C/N passed X/N}; skipped when the corpus is not checked out.
 */
class KqlSemanticsTest {

    private static Path corpus() {
        return Stream.of("/work/shared/corpus/kql-semantics/dev.jsonl", "../shared/corpus/kql-semantics/dev.jsonl",
                        "../../shared/corpus/kql-semantics/dev.jsonl")
                .map(Path::of).filter(Files::isRegularFile).findFirst().orElse(null);
    }

    @Test
    void referenceExamples_compileAndReturnThePrintedResults() throws Exception {
        Path file = corpus();
        Assumptions.assumeTrue(file != null, "kql-semantics corpus not available");
        int total = 0;
        int compiled = 0;
        int passed = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        List<String> crashes = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        try (DuckDb db = new DuckDb(TestSupport.schema())) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> c = (Map<String, Object>) JsonLines.read(line);
                total++;
                String id = (String) c.get("id");
                CompiledQuery q;
                try {
                    q = KqlCompiler.compile((String) c.get("query"), TestSupport.options());
                    compiled++;
                } catch (KqlException e) {
                    if (e.code() == ErrorCode.INTERNAL) {
                        crashes.add(id + ": " + e.getMessage());
                    }
                    reasons.merge(e.diagnostic().feature().orElse(e.code().name()), 1, Integer::sum);
                    mismatches.add(id + ": compile " + e.getMessage().lines().findFirst().orElse(""));
                    continue;
                }
                List<List<Object>> actual;
                try {
                    actual = db.run(q);
                } catch (Exception e) {
                    reasons.merge("EXECUTE", 1, Integer::sum);
                    mismatches.add(id + ": " + e.getMessage().lines().findFirst().orElse(""));
                    continue;
                }
                if (matches(c, actual)) {
                    passed++;
                } else {
                    reasons.merge("WRONG_RESULT", 1, Integer::sum);
                    mismatches.add(id + ": got " + actual + " expected " + c.get("rows_rendered"));
                }
            }
        }
        System.out.println("kql-semantics: compiled " + compiled + "/" + total + " passed " + passed + "/" + total);
        reasons.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(25)
                .forEach(e -> System.out.printf("  %4d  %s%n", e.getValue(), e.getKey()));
        if (System.getProperty("kql.semantics.list") != null) {
            mismatches.forEach(System.out::println);
        }
        assertThat(crashes).isEmpty();
        // Raise these floors as semantics land; they guard against silent regressions.
        assertThat(compiled).isGreaterThanOrEqualTo(FLOOR_COMPILED);
        assertThat(passed).isGreaterThanOrEqualTo(FLOOR_PASSED);
    }

    private static final int FLOOR_COMPILED = 370;
    private static final int FLOOR_PASSED = 325;

    @SuppressWarnings("unchecked")
    private static boolean matches(Map<String, Object> c, List<List<Object>> actual) {
        List<List<Object>> expected = (List<List<Object>>) c.get("rows_rendered");
        boolean unordered = Boolean.TRUE.equals(c.get("order_insensitive"));
        boolean truncated = Boolean.TRUE.equals(c.get("truncated"));
        if (!truncated && expected.size() != actual.size()) {
            return false;
        }
        List<String> exp = new ArrayList<>();
        List<String> act = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            exp.add(String.valueOf(expected.get(i).size()));
        }
        if (unordered || truncated) {
            List<List<Object>> remaining = new ArrayList<>(actual);
            for (List<Object> e : expected) {
                int hit = -1;
                for (int i = 0; i < remaining.size() && hit < 0; i++) {
                    if (rowEquals(e, remaining.get(i))) {
                        hit = i;
                    }
                }
                if (hit < 0) {
                    return false;
                }
                remaining.remove(hit);
            }
            return true;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!rowEquals(expected.get(i), actual.get(i))) {
                return false;
            }
        }
        return exp.size() == expected.size() && act.isEmpty();
    }

    private static boolean rowEquals(List<Object> expected, List<Object> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!cellEquals(String.valueOf(expected.get(i)).trim(), actual.get(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean cellEquals(String e, Object a) {
        if (a == null) {
            return e.isEmpty() || e.equals("null") || e.equals("(null)");
        }
        if (a instanceof Boolean b) {
            return e.equalsIgnoreCase(b.toString()) || e.equals(b ? "1" : "0");
        }
        if (a instanceof Number n) {
            return numberEquals(e, n);
        }
        if (a instanceof LocalDateTime t) {
            LocalDateTime et = dateTime(e);
            return et != null && et.withNano(et.getNano() / 1000 * 1000).equals(t);
        }
        String s = a.toString();
        if (s.trim().equals(e)) {
            return true;
        }
        Long span = kqlTimespan(e);
        if (span != null) {
            Long actualSpan = duckDbInterval(s);
            return actualSpan != null && actualSpan.equals(span);
        }
        if (!s.isEmpty() && (s.charAt(0) == '[' || s.charAt(0) == '{' || s.charAt(0) == '"') || e.startsWith("[") || e.startsWith("{")) {
            Object x = json(s);
            if (x instanceof String text) {
                return text.trim().equals(e); // a dynamic string prints without its JSON quotes
            }
            Object y = json(e);
            return x != null && y != null && jsonEquals(x, y);
        }
        return false;
    }

    private static boolean numberEquals(String e, Number n) {
        String t = e.replace(",", "");
        if (t.equals("NaN")) {
            return n instanceof Double d && d.isNaN();
        }
        if (t.equals("∞") || t.equals("-∞")) {
            return n instanceof Double d && d.isInfinite() && (d > 0) == !t.startsWith("-");
        }
        try {
            BigDecimal x = new BigDecimal(t);
            BigDecimal y = new BigDecimal(n.toString());
            if (x.compareTo(y) == 0) {
                return true;
            }
            double dx = x.doubleValue();
            double dy = y.doubleValue();
            return Math.abs(dx - dy) <= 1e-9 * Math.max(Math.abs(dx), Math.abs(dy));
        } catch (NumberFormatException ex) {
            return false;
        }
    }

    private static final java.util.regex.Pattern KQL_SPAN =
            java.util.regex.Pattern.compile("(-)?(?:(\\d+)[.:])?(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,7}))?");
    private static final java.util.regex.Pattern DUCKDB_INTERVAL = java.util.regex.Pattern.compile(
            "(?:(-?\\d+) years? ?)?(?:(-?\\d+) mons? ?)?(?:(-?\\d+) days? ?)?(?:(-)?(\\d+):(\\d{2}):(\\d{2})(?:\\.(\\d{1,6}))?)?");

    /** A KQL timespan as the pages print it ([-][d.]hh:mm:ss[.f]), in microseconds; null if it is not one. */
    static Long kqlTimespan(String e) {
        java.util.regex.Matcher m = KQL_SPAN.matcher(e.trim());
        if (!m.matches()) {
            return null;
        }
        long days = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        long micros = (((days * 24 + Long.parseLong(m.group(3))) * 60 + Long.parseLong(m.group(4))) * 60 + Long.parseLong(m.group(5))) * 1_000_000L;
        if (m.group(6) != null) {
            micros += Long.parseLong((m.group(6) + "000000").substring(0, 7)) / 10;
        }
        return m.group(1) != null ? -micros : micros;
    }

    /** DuckDB's interval text ("1 day 02:00:00", "-12:00:00") in microseconds; months count 30 days. */
    static Long duckDbInterval(String s) {
        java.util.regex.Matcher m = DUCKDB_INTERVAL.matcher(s.trim());
        if (s.isBlank() || !m.matches()) {
            return null;
        }
        long days = (m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 360) + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 30)
                + (m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
        long micros = 0;
        if (m.group(5) != null) {
            micros = ((Long.parseLong(m.group(5)) * 60 + Long.parseLong(m.group(6))) * 60 + Long.parseLong(m.group(7))) * 1_000_000L;
            if (m.group(8) != null) {
                micros += Long.parseLong((m.group(8) + "000000").substring(0, 6));
            }
            if (m.group(4) != null) {
                micros = -micros;
            }
        }
        return days * 86_400_000_000L + micros;
    }

    private static LocalDateTime dateTime(String e) {
        String t = e.replace('T', ' ').replace("Z", "").trim();
        try {
            return LocalDateTime.parse(t, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss][.[SSSSSSS][SSSSSS][SSSSS][SSSS][SSS][SS][S]]"));
        } catch (RuntimeException ex) {
            try {
                return java.time.LocalDate.parse(t).atStartOfDay();
            } catch (RuntimeException ex2) {
                return null;
            }
        }
    }

    private static Object json(String s) {
        try {
            return JsonLines.read(s);
        } catch (RuntimeException ex) {
            try {
                return JsonLines.read(s.replace('\'', '"'));
            } catch (RuntimeException ex2) {
                return null;
            }
        }
    }

    private static boolean jsonEquals(Object x, Object y) {
        if (x instanceof Number a && y instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        if (x instanceof List<?> a && y instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!jsonEquals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (x instanceof Map<?, ?> a && y instanceof Map<?, ?> b) {
            if (!a.keySet().equals(b.keySet())) {
                return false;
            }
            return a.keySet().stream().allMatch(k -> jsonEquals(a.get(k), b.get(k)));
        }
        return Objects.equals(x, y);
    }
}
