package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.List;

/** range(start, stop [, step]) over datetime or timespan values: the step is a timespan, one hour by default. */
final class RangeFunction {
    private RangeFunction() {
    }

    static Rex temporal(ExprAnalyzer x, Expr.Call c, Rex from, Rex to, Scope scope) {
        KqlType t = from.type();
        if (to.type() != t) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, c.args().get(1).span(), "range() from a " + t.kustoName()
                    + " needs a " + t.kustoName() + " end, not a " + to.type().kustoName());
        }
        Rex step = c.args().size() > 2 ? x.analyze(c.args().get(2), scope) : new Rex.Lit(3_600_000_000L, KqlType.TIMESPAN);
        if (step.type() != KqlType.TIMESPAN) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, c.args().get(2).span(), "range() over " + t.kustoName() + " values needs a timespan step");
        }
        // The same cap as for numbers: at most 1,048,576 elements.
        return new Rex.Call("range_array", List.of(from, to, step, new Rex.Lit(Functions.RANGE_MAX - 1, KqlType.LONG)), KqlType.DYNAMIC);
    }

    /** range() with a real bound: real elements start, start + step, ... up to stop. */
    static Rex real(ExprAnalyzer x, Expr.Call c, Rex from, Rex to, Scope scope) {
        Rex step = c.args().size() > 2 ? x.analyze(c.args().get(2), scope) : new Rex.Lit(1.0, KqlType.REAL);
        if (!step.type().isNumeric()) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, c.args().get(2).span(), "range() over numbers needs a numeric step");
        }
        return new Rex.Call("range_array", List.of(Types.coerce(from, KqlType.REAL), Types.coerce(to, KqlType.REAL), Types.coerce(step, KqlType.REAL),
                new Rex.Lit(Functions.RANGE_MAX - 1, KqlType.LONG)), KqlType.DYNAMIC);
    }
}
