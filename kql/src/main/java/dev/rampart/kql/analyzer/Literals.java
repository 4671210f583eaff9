package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns AST literals into typed constants. */
final class Literals {
    private static final Pattern DATETIME = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7}))?)?)?\\s*(Z|[+-]\\d{2}:?\\d{2})?");

    /** US month-day-year order, as .NET's invariant culture reads it: 12-02-2022 is December 2nd. */
    private static final Pattern US_DATE = Pattern.compile(
            "(\\d{1,2})[-/](\\d{1,2})[-/](\\d{4})((?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,7})?)?)?\\s*(?:Z|[+-]\\d{2}:?\\d{2})?)");
    /** Comma-separated parts: datetime(2025, 6, 14[, hour, minute, second]). */
    private static final Pattern PARTS = Pattern.compile(
            "(\\d{4})\\s*,\\s*(\\d{1,2})\\s*,\\s*(\\d{1,2})(?:\\s*,\\s*(\\d{1,2})(?:\\s*,\\s*(\\d{1,2})(?:\\s*,\\s*(\\d{1,2}))?)?)?");

    private Literals() {
    }

    static Rex of(Expr.Literal l) {
        return switch (l.kind()) {
            case STRING -> new Rex.Lit(l.value(), KqlType.STRING);
            case GUID -> new Rex.Lit(l.value(), KqlType.GUID);
            case LONG -> new Rex.Lit(l.value(), KqlType.LONG);
            case INT -> new Rex.Lit(l.value(), KqlType.INT);
            case REAL -> new Rex.Lit(l.value(), KqlType.REAL);
            case BOOL -> new Rex.Lit(l.value(), KqlType.BOOL);
            case NULL -> new Rex.Lit(null, KqlType.DYNAMIC);
            case TIMESPAN -> new Rex.Lit(((Expr.Timespan) l.value()).micros(), KqlType.TIMESPAN);
            case DATETIME -> new Rex.Lit(dateTime(((Expr.DateTimeText) l.value()).text(), l.span()), KqlType.DATETIME);
            case DYNAMIC -> new Rex.Lit(l.value(), KqlType.DYNAMIC);
        };
    }

    static LocalDateTime dateTime(String text, Span span) {
        String t0 = text.trim();
        Matcher us = US_DATE.matcher(t0);
        if (us.matches()) {
            t0 = us.group(3) + "-" + us.group(1) + "-" + us.group(2) + us.group(4);
        }
        Matcher parts = PARTS.matcher(t0);
        if (parts.matches()) {
            t0 = parts.group(1) + "-" + parts.group(2) + "-" + parts.group(3) + (parts.group(4) == null ? ""
                    : " " + parts.group(4) + ":" + (parts.group(5) == null ? "00" : pad(parts.group(5)))
                    + ":" + (parts.group(6) == null ? "00" : pad(parts.group(6))));
        }
        Matcher m = DATETIME.matcher(t0);
        if (!m.matches()) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, span, "Malformed datetime literal '" + text + "'",
                    "Write it as datetime(2024-01-31) or datetime(2024-01-31 13:45:00).");
        }
        try {
            int nanos = 0;
            if (m.group(7) != null) {
                nanos = Integer.parseInt((m.group(7) + "000000000").substring(0, 9));
                nanos -= nanos % 1000; // the store keeps microseconds
            }
            LocalDateTime t = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
            String zone = m.group(8);
            if (zone != null && !zone.equals("Z")) {
                ZoneOffset off = ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
                t = OffsetDateTime.of(t, off).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
            return t;
        } catch (DateTimeException | NumberFormatException e) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, span, "Invalid datetime literal '" + text + "'");
        }
    }

    private static String pad(String two) {
        return two.length() == 1 ? "0" + two : two;
    }
}
