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
        if (l.type() == KqlType.DYNAMIC) {
            l = Types.coerce(l, r.type() == KqlType.DYNAMIC ? KqlType.REAL : r.type());
        }
        if (r.type() == KqlType.DYNAMIC) {
            r = Types.coerce(r, l.type());
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

    private static KqlType resultType(String op, KqlType a, KqlType b) {
        if (a.isNumeric() && b.isNumeric()) {
            if (a == KqlType.REAL || b == KqlType.REAL || a == KqlType.DECIMAL || b == KqlType.DECIMAL) {
                return KqlType.REAL;
            }
            return (a == KqlType.INT && b == KqlType.INT) ? KqlType.INT : KqlType.LONG;
        }
        switch (op) {
            case "+":
                if (a == KqlType.DATETIME && b == KqlType.TIMESPAN || a == KqlType.TIMESPAN && b == KqlType.DATETIME) {
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
                return (a == KqlType.TIMESPAN && b.isNumeric()) || (b == KqlType.TIMESPAN && a.isNumeric()) ? KqlType.TIMESPAN : null;
            case "/":
                if (a == KqlType.TIMESPAN && b == KqlType.TIMESPAN) {
                    return KqlType.REAL;
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
