package dev.rampart.kql.parser;

import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.lexer.Token;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed scalars written inside a dynamic(...) literal, such as {@code datetime(2022-01-01)}: a dynamic value
 * holds them as JSON text, the way Kusto serialises them (ISO 8601 UTC datetimes, [-][d.]hh:mm:ss timespans).
 */
final class DynamicScalars {
    private static final Pattern DATETIME = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7}))?)?)?Z?");

    private DynamicScalars() {
    }

    static Object value(Token t) {
        int colon = t.text().indexOf(':');
        String kind = t.text().substring(0, colon);
        String inner = t.text().substring(colon + 1).trim();
        if (inner.equals("null")) {
            return null;
        }
        switch (kind) {
            case "datetime" -> {
                Matcher m = DATETIME.matcher(inner);
                if (!m.matches()) {
                    throw KqlException.at(ErrorCode.SYNTAX_ERROR, t.span(), "Malformed datetime literal '" + inner + "'",
                            "Write it as datetime(2024-01-31) or datetime(2024-01-31 13:45:00).");
                }
                String fraction = m.group(7) == null ? "" : "." + (m.group(7) + "0000000").substring(0, 7);
                return String.format("%04d-%02d-%02dT%02d:%02d:%02d%sZ", Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), num(m.group(4)), num(m.group(5)), num(m.group(6)), fraction);
            }
            case "guid" -> {
                return inner;
            }
            default -> {
                Long micros = TimespanText.parse(inner);
                if (micros == null) {
                    throw KqlException.at(ErrorCode.SYNTAX_ERROR, t.span(), "Malformed timespan literal '" + inner + "'");
                }
                return timespan(micros);
            }
        }
    }

    private static int num(String g) {
        return g == null ? 0 : Integer.parseInt(g);
    }

    /** Kusto's timespan text: [-][d.]hh:mm:ss[.fffffff]. */
    static String timespan(long micros) {
        String sign = micros < 0 ? "-" : "";
        long m = Math.abs(micros);
        long days = m / 86_400_000_000L;
        long rest = m % 86_400_000_000L;
        String s = String.format("%s%s%02d:%02d:%02d", sign, days > 0 ? days + "." : "", rest / 3_600_000_000L,
                rest / 60_000_000L % 60, rest / 1_000_000L % 60);
        long frac = rest % 1_000_000L;
        return frac == 0 ? s : s + String.format(".%06d0", frac);
    }
}
