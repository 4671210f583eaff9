package dev.rampart.kql.analyzer;

import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Result types of + - * / % over numbers, datetimes and timespans; constant datetime math is folded. */
final class Arithmetic {
    private Arithmetic() {
    }

    static Rex apply(String op, Rex l, Rex r, Span span) {
        // A dynamic operand takes the other's type, except that dynamic with int is long (Kusto.Language's signatures).
        if (l.type() == KqlType.DYNAMIC) {
            l = Types.coerce(l, r.type() == KqlType.DYNAMIC ? KqlType.REAL : r.type() == KqlType.INT ? KqlType.LONG : r.type());
        }
        if (r.type() == KqlType.DYNAMIC) {
            r = Types.coerce(r, l.type() == KqlType.INT ? KqlType.LONG : l.type());
        }
        KqlType a = l.type();
        KqlType b = r.type();
        KqlType result = resultType(op, a, b);
        if (result == null) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, span,
                    "Operator '" + op + "' cannot combine " + a.kustoName() + " and " + b.kustoName());
        }
        Rex folded = fold(op, l, r);
        if (folded != null) {
            return folded;
        }
        Rex ticks = dateTicks(op, l, r, result);
        if (ticks != null) {
            return ticks;
        }
        String fn = switch (op) {
            case "+" -> a == KqlType.TIMESPAN && b == KqlType.DATETIME ? "+" : "+";
            case "/" -> (Types.isIntegral(a) && Types.isIntegral(b)) ? "intdiv"
                    : (a == KqlType.TIMESPAN && b == KqlType.TIMESPAN ? "span_ratio" : "/");
            default -> op;
        };
        if (op.equals("+") && a == KqlType.TIMESPAN && b == KqlType.DATETIME) {
            return new Rex.Call("+", List.of(r, l), result);
        }
        if ((op.equals("*") || op.equals("/")) && a == KqlType.TIMESPAN && b.isNumeric()) {
            return new Rex.Call("span_" + (op.equals("*") ? "mul" : "div"), List.of(l, r), result);
        }
        if (op.equals("*") && b == KqlType.TIMESPAN && a.isNumeric()) {
            return new Rex.Call("span_mul", List.of(r, l), result);
        }
        return new Rex.Call(fn, List.of(l, r), result);
    }

    /**
     * Kusto's language service also types datetime + datetime, datetime * number, datetime / number (datetime) and
     * datetime / datetime or timespan (real): arithmetic on the ticks since 0001-01-01, so (a + b) / 2.0 is the
     * midpoint of two datetimes (anomaly-diagnosis.md). Ticks are counted here in microseconds, the store's unit.
     */
    private static Rex dateTicks(String op, Rex l, Rex r, KqlType result) {
        KqlType a = l.type();
        KqlType b = r.type();
        boolean dl = a == KqlType.DATETIME;
        boolean dr = b == KqlType.DATETIME;
        if (op.equals("+") && dl && dr) {
            return fromTicks(new Rex.Call("+", List.of(ticks(l), ticks(r)), KqlType.LONG));
        }
        if (op.equals("*") && (dl && b.isNumeric() || dr && a.isNumeric())) {
            Rex n = dl ? r : l;
            return fromTicks(new Rex.Call("*", List.of(Types.coerce(ticks(dl ? l : r), KqlType.REAL), Types.coerce(n, KqlType.REAL)), KqlType.REAL));
        }
        if (op.equals("/") && dl && b.isNumeric()) {
            return fromTicks(new Rex.Call("/", List.of(Types.coerce(ticks(l), KqlType.REAL), Types.coerce(r, KqlType.REAL)), KqlType.REAL));
        }
        if (op.equals("/") && dl && (dr || b == KqlType.TIMESPAN)) {
            Rex den = dr ? ticks(r) : new Rex.Call("timespan_micros", List.of(r), KqlType.REAL);
            return new Rex.Call("/", List.of(Types.coerce(ticks(l), KqlType.REAL), Types.coerce(den, KqlType.REAL)), result);
        }
        if (op.equals("%") && (dl || a == KqlType.TIMESPAN)) {
            return timeModulo(l, r, result);
        }
        return null;
    }

    /** Remainder of two times as Kusto takes it, on ticks (100 ns); here on microseconds, with tick counts for a number. */
    private static Rex timeModulo(Rex l, Rex r, KqlType result) {
        Rex left = l.type() == KqlType.DATETIME ? ticks(l) : micros(l);
        if (r.type() == KqlType.DATETIME || r.type() == KqlType.TIMESPAN) {
            Rex right = r.type() == KqlType.DATETIME ? ticks(r) : micros(r);
            return new Rex.Call("span_from_micros", List.of(new Rex.Call("%", List.of(left, right), KqlType.LONG)), result);
        }
        // A number divides ticks, which are ten to a microsecond.
        Rex tickCount = new Rex.Call("*", List.of(left, new Rex.Lit(10L, KqlType.LONG)), KqlType.LONG);
        Rex rem = new Rex.Call("%", List.of(tickCount, Types.coerce(r, KqlType.LONG)), KqlType.LONG);
        Rex us = new Rex.Call("intdiv", List.of(rem, new Rex.Lit(10L, KqlType.LONG)), KqlType.LONG);
        return result == KqlType.DATETIME ? fromTicks(us) : new Rex.Call("span_from_micros", List.of(us), result);
    }

    private static Rex micros(Rex timespan) {
        return new Rex.Call("span_micros_long", List.of(timespan), KqlType.LONG);
    }

    private static Rex ticks(Rex datetime) {
        return new Rex.Call("datetime_ticks_us", List.of(datetime), KqlType.LONG);
    }

    private static Rex fromTicks(Rex number) {
        return new Rex.Call("datetime_from_ticks_us", List.of(number), KqlType.DATETIME);
    }

    private static KqlType resultType(String op, KqlType a, KqlType b) {
        if (a.isNumeric() && b.isNumeric()) {
            if (a == KqlType.REAL || b == KqlType.REAL || a == KqlType.DECIMAL || b == KqlType.DECIMAL) {
                return KqlType.REAL;
            }
            return (a == KqlType.INT && b == KqlType.INT) ? KqlType.INT : KqlType.LONG;
        }
        switch (op) {
            case "+":
                if (a == KqlType.DATETIME && b == KqlType.TIMESPAN || a == KqlType.TIMESPAN && b == KqlType.DATETIME
                        || a == KqlType.DATETIME && b == KqlType.DATETIME) {
                    return KqlType.DATETIME;
                }
                if (a == KqlType.TIMESPAN && b == KqlType.TIMESPAN) {
                    return KqlType.TIMESPAN;
                }
                return null;
            case "-":
                if (a == KqlType.DATETIME && b == KqlType.TIMESPAN) {
                    return KqlType.DATETIME;
                }
                if (a == KqlType.DATETIME && b == KqlType.DATETIME || a == KqlType.TIMESPAN && b == KqlType.TIMESPAN) {
                    return KqlType.TIMESPAN;
                }
                return null;
            case "*":
                if (a == KqlType.DATETIME && b.isNumeric() || b == KqlType.DATETIME && a.isNumeric()) {
                    return KqlType.DATETIME;
                }
                return (a == KqlType.TIMESPAN && b.isNumeric()) || (b == KqlType.TIMESPAN && a.isNumeric()) ? KqlType.TIMESPAN : null;
            case "/":
                if (a == KqlType.TIMESPAN && b == KqlType.TIMESPAN
                        || a == KqlType.DATETIME && (b == KqlType.DATETIME || b == KqlType.TIMESPAN)) {
                    return KqlType.REAL;
                }
                if (a == KqlType.DATETIME && b.isNumeric()) {
                    return KqlType.DATETIME;
                }
                return a == KqlType.TIMESPAN && b.isNumeric() ? KqlType.TIMESPAN : null;
            case "%":
                // Kusto.Language: the remainder of ticks; a datetime or timespan by a time is a timespan, a datetime by a number a datetime.
                if ((a == KqlType.DATETIME || a == KqlType.TIMESPAN) && (b == KqlType.DATETIME || b == KqlType.TIMESPAN)) {
                    return a == KqlType.TIMESPAN && b == KqlType.DATETIME ? null : KqlType.TIMESPAN;
                }
                if (a == KqlType.DATETIME && b.isNumeric()) {
                    return KqlType.DATETIME;
                }
                return a == KqlType.TIMESPAN && b.isNumeric() ? KqlType.TIMESPAN : null;
            default:
                return null;
        }
    }

    /** now() - 1d and the like become one constant, so the SQL compares a column with a parameter. */
    private static Rex fold(String op, Rex l, Rex r) {
        if (!(l instanceof Rex.Lit a) || !(r instanceof Rex.Lit b) || a.value() == null || b.value() == null) {
            return null;
        }
        if (a.value() instanceof LocalDateTime t && b.type() == KqlType.TIMESPAN && (op.equals("+") || op.equals("-"))) {
            long us = (Long) b.value();
            return new Rex.Lit(t.plus(op.equals("+") ? us : -us, ChronoUnit.MICROS), KqlType.DATETIME);
        }
        if (a.type() == KqlType.TIMESPAN && b.type() == KqlType.TIMESPAN && (op.equals("+") || op.equals("-"))) {
            long x = (Long) a.value();
            long y = (Long) b.value();
            return new Rex.Lit(op.equals("+") ? x + y : x - y, KqlType.TIMESPAN);
        }
        if (a.type() == KqlType.TIMESPAN && b.value() instanceof Long n && op.equals("*")) {
            return new Rex.Lit((Long) a.value() * n, KqlType.TIMESPAN);
        }
        if (b.type() == KqlType.TIMESPAN && a.value() instanceof Long n && op.equals("*")) {
            return new Rex.Lit((Long) b.value() * n, KqlType.TIMESPAN);
        }
        return null;
    }
}
