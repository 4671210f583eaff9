package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * evaluate activity_metrics(Id, Timeline, [Start, End,] Window [, dim...]): per period with activity the distinct ids,
 * those not active in the period just before (dcount_newvalues), and against the previous period's distinct ids the
 * share that came back (retention_rate) or did not (churn_rate); both are NaN when the previous period had no ids.
 * Start and End are told from the dimensions by the fourth argument: a dimension is an input column.
 */
final class ActivityMetrics {
    private static final String PIPELINE = """
            let __am_acts = __am_in %FILTER% | summarize by %DIMS%__id, __p = %PERIOD%;
            let __am_per = __am_acts | summarize __dc = count() by %DIMS%__p;
            let __am_back = __am_acts | join kind=inner (__am_acts | project %DIMS%__id, __p = %NEXT%) on %JOIN%__id, __p
                | summarize __ret = count() by %DIMS%__p;
            __am_per
            | join kind=leftouter (__am_back) on %JOIN%__p
            | join kind=leftouter (__am_per | project %DIMS%__p = %NEXT%, __prev = __dc) on %JOIN%__p
            | extend __ret = coalesce(__ret, 0), __prev = coalesce(__prev, 0)
            | project %TIMELINE% = __p, dcount_values = __dc, dcount_newvalues = __dc - __ret,
                retention_rate = iff(__prev == 0, real(nan), todouble(__ret) / __prev),
                churn_rate = iff(__prev == 0, real(nan), todouble(__prev - __ret) / __prev)%DIMSAFTER%
            """;

    static final Set<KqlType> POINTS = PluginPipeline.POINTS;

    private final Analyzer a;
    private final Operators ops;

    ActivityMetrics(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    /**
     * Whether the optional Start and End are given: there are more than {@code probeAt} arguments and the one at
     * {@code probeAt} (the first dimension when they are not) is no input column.
     */
    static boolean hasStartEnd(Rel in, List<Expr> args, int probeAt) {
        if (args.size() <= probeAt + 1) {
            return false;
        }
        Expr e = args.get(probeAt);
        return !(e instanceof Expr.Name n && in.fields().stream().map(Field::name).anyMatch(n.name()::equals));
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        PluginPipeline p = new PluginPipeline(a, ops, ev);
        p.need(3, "IdColumn, TimelineColumn, [Start, End,] Window [, dim1, dim2, ...]");
        List<Expr> args = p.args();
        String timeline = p.column(args.get(1), "TimelineColumn");
        boolean bounded = hasStartEnd(in, args, 3);
        int windowAt = bounded ? 4 : 2;
        String filter = "";
        if (bounded) {
            p.window(in, "__am");
            filter = "| where __t >= __am_start and __t <= __am_end";
        }
        PeriodStep step = PeriodStep.of(p, args.get(windowAt), "Window", "__am_window", bounded ? "__am_start" : null, POINTS);
        List<String> dims = p.columns(windowAt + 1, "dimension");
        List<Operator.Assignment> cols = new ArrayList<>();
        cols.addAll(p.idAndTime(dims));
        p.input(in, "__am_in", cols);
        return p.compile(PIPELINE.replace("%FILTER%", filter)
                .replace("%JOIN%", PluginPipeline.joinKeys(dims))
                .replace("%DIMS%", PluginPipeline.listBefore(PluginPipeline.keyed(dims)))
                .replace("%DIMSAFTER%", PluginPipeline.listAfter(dims))
                .replace("%PERIOD%", step.periodOf("__t"))
                .replace("%NEXT%", step.shift("__p", "1"))
                .replace("%TIMELINE%", PluginPipeline.quote(timeline)));
    }
}
