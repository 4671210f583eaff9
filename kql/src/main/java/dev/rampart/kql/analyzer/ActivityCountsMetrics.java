package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.schema.KqlType;

import java.util.List;
import java.util.Set;

/**
 * evaluate activity_counts_metrics(Id, Timeline, Start, End, Step [, dim...]): per period with activity (and
 * dimension values) the rows, the distinct ids, the ids never seen in an earlier period (new_dcount) and the distinct
 * ids of all periods so far (aggregated_dcount: the new ids of this and every earlier period, since each id is new
 * exactly once). Rows outside Start..End are not counted.
 */
final class ActivityCountsMetrics {
    private static final String PIPELINE = """
            let __acm_acts = __acm_in | where __t >= __acm_start and __t <= __acm_end
                | summarize __c = count() by %DIMS%__id, __p = %PERIOD%;
            let __acm_first = __acm_acts | summarize __f = min(__p) by %DIMS%__id;
            let __acm_new = __acm_first | summarize __n = count() by %DIMS%__f | extend __j = 1;
            __acm_acts | join kind=inner (__acm_first) on %JOIN%__id
            | summarize __cnt = sum(__c), __dc = count(), __new = countif(__p == __f) by %DIMS%__p
            | extend __j = 1
            | join kind=inner (__acm_new) on %JOIN%__j
            | where __f <= __p
            | summarize __agg = sum(__n) by %DIMS%__p, __cnt, __dc, __new
            | project %TIMELINE% = __p%DIMSAFTER%, ['count'] = __cnt, ['dcount'] = __dc, new_dcount = __new,
                aggregated_dcount = __agg
            """;

    private static final Set<KqlType> POINTS = PluginPipeline.POINTS;

    private final Analyzer a;
    private final Operators ops;

    ActivityCountsMetrics(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        PluginPipeline p = new PluginPipeline(a, ops, ev);
        p.need(5, "IdColumn, TimelineColumn, Start, End, Step [, dim1, dim2, ...]");
        List<Expr> args = p.args();
        String timeline = p.column(args.get(1), "TimelineColumn");
        List<String> dims = p.columns(5, "dimension");
        p.window(in, "__acm");
        PeriodStep step = PeriodStep.of(p, args.get(4), "Step", "__acm_step", "__acm_start", POINTS);
        List<Operator.Assignment> cols = p.idAndTime(dims);
        p.input(in, "__acm_in", cols);
        return p.compile(PIPELINE.replace("%JOIN%", PluginPipeline.joinKeys(dims))
                .replace("%DIMS%", PluginPipeline.listBefore(PluginPipeline.keyed(dims)))
                .replace("%DIMSAFTER%", PluginPipeline.listAfter(dims))
                .replace("%PERIOD%", step.periodOf("__t"))
                .replace("%TIMELINE%", PluginPipeline.quote(timeline)));
    }
}
