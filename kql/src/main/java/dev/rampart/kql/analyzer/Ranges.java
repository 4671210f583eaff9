package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.List;

/**
 * range(start, stop [, step]) over reals, datetimes and timespans (whole numbers are Functions' range_array): the
 * values start + i * step up to stop, capped like Kusto at 1,048,576 elements. A datetime or timespan range needs
 * a timespan step (one hour unless given); a numeric one defaults to 1.
 */
final class Ranges {
    private Ranges() {
    }

    static Rex range(Functions f, Expr.Call c, Rex from, Rex to, Scope scope) {
        List<Expr> a = c.args();
        KqlType t = from.type();
        if (t.isNumeric() && to.type().isNumeric()) {
            Rex step = a.size() > 2 ? f.typed(a.get(2), scope, KqlType.REAL, c) : new Rex.Lit(1.0, KqlType.REAL);
            return new Rex.Call("range_real", List.of(Types.coerce(from, KqlType.REAL), Types.coerce(to, KqlType.REAL), step,
                    new Rex.Lit(Functions.RANGE_MAX - 1, KqlType.LONG)), KqlType.DYNAMIC);
        }
        if ((t == KqlType.DATETIME || t == KqlType.TIMESPAN) && (to.type() == t || to.type() == KqlType.DYNAMIC)) {
            Rex step = a.size() > 2 ? f.typed(a.get(2), scope, KqlType.TIMESPAN, c) : new Rex.Lit(3_600_000_000L, KqlType.TIMESPAN);
            return new Rex.Call(t == KqlType.DATETIME ? "range_datetime" : "range_timespan", List.of(from, Types.coerce(to, t), step,
                    new Rex.Lit(Functions.RANGE_MAX - 1, KqlType.LONG)), KqlType.DYNAMIC);
        }
        throw KqlException.at(ErrorCode.TYPE_MISMATCH, c.span(), "range() expects numbers, datetimes or timespans of one kind but was given "
                + t.kustoName() + " and " + to.type().kustoName());
    }
}
