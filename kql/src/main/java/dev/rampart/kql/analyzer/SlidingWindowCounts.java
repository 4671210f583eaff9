package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.schema.KqlType;

import java.util.List;
import java.util.Set;

/**
 * evaluate sliding_window_counts(Id, Timeline, Start, End, LookbackWindow, Bin [, dim...]): for each Bin-wide period
 * from Start to End, the rows (count) and distinct ids (dcount) of the LookbackWindow ending with that period, the
 * window rounded down to whole bins. Each row's period is spread to the periods whose window holds it, then counted,
 * so a period appears when its window has rows. Rows outside Start..End are not counted.
 */
final class SlidingWindowCounts {
    private static final String PIPELINE = """
            let __swc_k = %BINS%;
            __swc_in | where __t >= __swc_start and __t <= __swc_end
            | summarize __c = count() by %DIMS%__id, __p = %PERIOD%
            | extend __j = 1
            | join kind=inner (range __o from 0 to __swc_k - 1 step 1 | extend __j = 1) on __j
            | extend __q = %SHIFT%
            | where __q <= __swc_end
            | summarize __c = sum(__c) by %DIMS%__q, __id
            | summarize ['count'] = sum(__c), ['dcount'] = count() by %TIMELINE% = __q%DIMSAFTER%
            """;

    private static final Set<KqlType> POINTS = Set.of(KqlType.INT, KqlType.LONG, KqlType.REAL, KqlType.DATETIME, KqlType.TIMESPAN);

    private final Analyzer a;
    private final Operators ops;

    SlidingWindowCounts(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        PluginPipeline p = new PluginPipeline(a, ops, ev);
        p.need(6, "IdColumn, TimelineColumn, Start, End, LookbackWindow, Bin [, dim1, dim2, ...]");
        List<Expr> args = p.args();
        String timeline = p.column(args.get(1), "TimelineColumn");
        List<String> dims = p.columns(6, "dimension");
        p.sameKind(args.get(1), in, p.scalar("__swc_start", args.get(2), "Start", POINTS), "Start");
        p.scalar("__swc_end", args.get(3), "End", POINTS);
        p.scalar("__swc_lookback", args.get(4), "LookbackWindow", POINTS);
        PeriodStep step = PeriodStep.of(p, args.get(5), "Bin", "__swc_bin", "__swc_start", POINTS);
        String bins;
        if (!step.calendar()) {
            bins = "tolong(__swc_lookback / __swc_bin)";
        } else if (step.unit().equals("week")) {
            bins = "tolong(__swc_lookback / 7d)";
        } else {
            throw p.wrong(args.get(5).span(), "a LookbackWindow is no whole number of '" + step.unit()
                    + "' bins; use a fixed Bin such as 30d");
        }
        List<Operator.Assignment> cols = new java.util.ArrayList<>();
        dims.forEach(d -> cols.add(p.keep(d)));
        cols.add(p.col("__id", args.get(0)));
        cols.add(p.col("__t", args.get(1)));
        p.input(in, "__swc_in", cols);
        String text = PIPELINE.replace("%BINS%", bins)
                .replace("%DIMS%", PluginPipeline.listBefore(dims))
                .replace("%DIMSAFTER%", PluginPipeline.listAfter(dims))
                .replace("%PERIOD%", step.periodOf("__t"))
                .replace("%SHIFT%", step.shift("__p", "__o"))
                .replace("%TIMELINE%", PluginPipeline.quote(timeline));
        return p.compile(text);
    }
}
