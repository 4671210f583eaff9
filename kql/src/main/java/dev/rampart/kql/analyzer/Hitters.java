package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.List;

/**
 * top-hitters and sample-distinct: the two operators that pick values of one column. Kusto answers top-hitters
 * with a Count-Min sketch, so its counts and sums are estimates; here they are the exact count or sum per value,
 * i.e. what {@code summarize approximate_count_C = count() by C | top N by approximate_count_C} gives (ties go to
 * the smaller value, where Kusto's choice is arbitrary). sample-distinct returns any N distinct values; Kusto
 * promises no particular ones either.
 */
final class Hitters {
    private final ExprAnalyzer x;

    Hitters(ExprAnalyzer x) {
        this.x = x;
    }

    Rel topHitters(Rel in, Operator.TopHitters t) {
        Rex n = count(t.count(), "top-hitters");
        Rex.ColRef value = column(in, t.of(), "top-hitters");
        Rex.Agg measure;
        String name;
        if (t.by() == null) {
            measure = new Rex.Agg("count", List.of(), null, false, KqlType.LONG);
            name = "approximate_count_" + value.name();
        } else {
            Rex v = x.analyze(t.by(), Operators.scope(in));
            if (v.type() == KqlType.DYNAMIC) {
                v = Types.coerce(v, KqlType.REAL);
            }
            if (!v.type().isNumeric()) {
                throw KqlException.at(ErrorCode.TYPE_MISMATCH, t.by().span(), "top-hitters sums a number after 'by' but was given a "
                        + v.type().kustoName());
            }
            measure = new Rex.Agg("sum", List.of(v), null, false, v.type() == KqlType.INT ? KqlType.LONG : v.type());
            String by = Naming.derive(t.by());
            name = "approximate_sum_" + (by == null ? "" : by);
        }
        Rel grouped = new Rel.Aggregate(in, List.of(new Rel.NamedRex(value.name(), value)), List.of(new Rel.NamedRex(name, measure)));
        List<Rel.SortKey> order = List.of(new Rel.SortKey(new Rex.ColRef(name, measure.type()), false, false),
                new Rel.SortKey(new Rex.ColRef(value.name(), value.type()), true, true));
        return new Rel.Limit(new Rel.Sort(grouped, order), n);
    }

    Rel sampleDistinct(Rel in, Operator.SampleDistinct s) {
        Rex n = count(s.count(), "sample-distinct");
        Rex.ColRef value = column(in, s.of(), "sample-distinct");
        return new Rel.Limit(new Rel.Distinct(new Rel.Project(in, List.of(new Rel.NamedRex(value.name(), value)))), n);
    }

    /** Kusto takes the number of values from any constant number; a fraction is cut to a whole number. */
    private Rex count(Expr e, String op) {
        Rex n = x.analyze(e, Scope.EMPTY);
        if (n instanceof Rex.Lit l && l.value() instanceof Number v && (v.doubleValue() >= 0)) {
            return new Rex.Lit(v.longValue(), KqlType.LONG);
        }
        throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), op + " needs a constant, non-negative number of values");
    }

    /** Both operators name a column after 'of' (Kusto refuses other expressions there). */
    private Rex.ColRef column(Rel in, Expr e, String op) {
        if (x.analyze(e, Operators.scope(in)) instanceof Rex.ColRef c) {
            return c;
        }
        throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), op + " needs a column name after 'of'");
    }
}
