package dev.rampart.kql.parser;

import dev.rampart.kql.analyzer.Literals;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.lexer.Token;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Typed scalars written inside a dynamic(...) literal, such as {@code datetime(2022-01-01)}: a dynamic value
 * holds them as JSON text, the way Kusto serialises them (ISO 8601 UTC datetimes, [-][d.]hh:mm:ss timespans).
 */
final class DynamicScalars {
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
                LocalDateTime d = Literals.dateTime(inner, t.span());
                String text = d.format(DateTimeFormatter.ISO_LOCAL_DATE) + "T" + d.format(DateTimeFormatter.ofPattern("HH:mm:ss"));
                return (d.getNano() == 0 ? text : text + String.format(".%07d", d.getNano() / 100)) + "Z";
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
