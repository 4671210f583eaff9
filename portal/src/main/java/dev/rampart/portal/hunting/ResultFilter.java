package dev.rampart.portal.hunting;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One filter of the results grid on a column's shown text: {@code eq} equal, {@code ne} not equal, {@code has}
 * contains, {@code sw} starts with, {@code ew} ends with (the last three ignore case, as KQL's operators do). Several
 * filters all apply. In URLs each is one {@code f=op~column~value} parameter ({@link #encoded()}).
 */
public record ResultFilter(String op, String column, String value) {
    public static final List<String> OPS = List.of("eq", "ne", "has", "sw", "ew");

    /**
     * Null for text that is not {@code op~column~value} with a known operator. A {@code ~} inside the column name is
     * written twice ({@link #encoded()}); the value is everything after the column's end.
     */
    static ResultFilter parse(String s) {
        if (s == null) {
            return null;
        }
        int first = s.indexOf('~');
        if (first < 0 || !OPS.contains(s.substring(0, first))) {
            return null;
        }
        StringBuilder column = new StringBuilder();
        int i = first + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '~') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '~') {
                    column.append('~');
                    i += 2;
                    continue;
                }
                break;
            }
            column.append(c);
            i++;
        }
        if (i >= s.length() || column.isEmpty()) {
            return null;
        }
        return new ResultFilter(s.substring(0, first), column.toString(), s.substring(i + 1));
    }

    /** {@code op~column~value} with the column's {@code ~} doubled: the text {@link #parse} reads. */
    public String encoded() {
        return op + "~" + column.replace("~", "~~") + "~" + value;
    }

    /** The filters of a request: {@code f} parameters, and the older single {@code fcol}/{@code fval} equality. */
    static List<ResultFilter> of(List<String> f, String fcol, String fval) {
        List<ResultFilter> out = new ArrayList<>();
        if (f != null) {
            f.stream().map(ResultFilter::parse).filter(java.util.Objects::nonNull).forEach(out::add);
        }
        if (fcol != null && !fcol.isEmpty()) {
            out.add(new ResultFilter("eq", fcol, fval == null ? "" : fval));
        }
        return List.copyOf(out);
    }

    boolean test(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        String v = value.toLowerCase(Locale.ROOT);
        return switch (op) {
            case "eq" -> text.equals(value);
            case "ne" -> !text.equals(value);
            case "has" -> t.contains(v);
            case "sw" -> t.startsWith(v);
            case "ew" -> t.endsWith(v);
            default -> true;
        };
    }

    public String label() {
        String sign = switch (op) {
            case "eq" -> "=";
            case "ne" -> "≠";
            case "has" -> "contains";
            case "sw" -> "starts with";
            default -> "ends with";
        };
        return column + " " + sign + " “" + value + "”";
    }

    /** This filter as one URL parameter, {@code &f=...}. */
    public String param() {
        return "&f=" + URLEncoder.encode(encoded(), StandardCharsets.UTF_8);
    }

    /** All of {@code filters} as URL parameters, leaving out {@code except} (null: none). */
    public static String params(List<ResultFilter> filters, ResultFilter except) {
        StringBuilder b = new StringBuilder();
        filters.stream().filter(x -> !x.equals(except)).forEach(x -> b.append(x.param()));
        return b.toString();
    }
}
