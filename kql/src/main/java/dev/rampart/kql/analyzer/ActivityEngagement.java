package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;

import java.util.ArrayList;
import java.util.List;

/**
 * evaluate activity_engagement(Id, Timeline, [Start, End,] InnerActivityWindow, OuterActivityWindow [, dim...]): per
 * inner window with activity, its distinct ids, the distinct ids of the outer window that ends with it (rounded down
 * to whole inner windows), and their ratio, e.g. daily over weekly active users. The outer counts are made as
 * sliding_window_counts makes its distinct counts.
 */
final class ActivityEngagement {
    private static final String PIPELINE = """
            let __ae_k = tolong(__ae_outer / __ae_inner);
            let __ae_acts = __ae_in %FILTER% | summarize by %DIMS%__id, __p = %PERIOD%;
            let __ae_in_c = __ae_acts | summarize __inner = count() by %DIMS%__p;
            %IDS%
            | join kind=inner (__ae_in_c) on $left.__q == $right.__p%DIMSON%
            | project %TIMELINE% = __q, dcount_activities_inner = __inner, dcount_activities_outer = __d,
                activity_ratio = todouble(__inner) / __d%DIMSAFTER%
            """;

    private final Analyzer a;
    private final Operators ops;

    ActivityEngagement(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        PluginPipeline p = new PluginPipeline(a, ops, ev);
        p.need(4, "IdColumn, TimelineColumn, [Start, End,] InnerActivityWindow, OuterActivityWindow [, dim1, dim2, ...]");
        List<Expr> args = p.args();
        String timeline = p.column(args.get(1), "TimelineColumn");
        boolean bounded = ActivityMetrics.hasStartEnd(in, args, 4);
        int innerAt = bounded ? 4 : 2;
        String filter = "";
        Rex start = null;
        if (bounded) {
            start = p.window(in, "__ae");
            filter = "| where __t >= __ae_start and __t <= __ae_end";
        }
        if (args.size() <= innerAt + 1) {
            throw p.wrong(args.get(args.size() - 1).span(), "the OuterActivityWindow argument is missing");
        }
        Rex width = p.scalar("__ae_inner", args.get(innerAt), "InnerActivityWindow", ActivityMetrics.POINTS);
        p.scalar("__ae_outer", args.get(innerAt + 1), "OuterActivityWindow", ActivityMetrics.POINTS);
        PeriodStep step = new PeriodStep(null, "__ae_inner", bounded ? "__ae_start" : null);
        List<String> dims = p.columns(innerAt + 2, "dimension");
        List<Operator.Assignment> cols = new ArrayList<>();
        cols.addAll(p.idAndTime(dims));
        Rel rows = p.input(in, "__ae_in", cols);
        String type = PluginPipeline.periodType(rows, "__t", start, width);
        return p.compile(PIPELINE.replace("%IDS%", SlidingWindowCounts.windowedIds("__ae_acts", PluginPipeline.keyed(dims), "__ae_k", step, null, type))
                .replace("%DIMSON%", dims.isEmpty() ? "" : ", $left.__dk == $right.__dk")
                .replace("%FILTER%", filter)
                .replace("%DIMS%", PluginPipeline.listBefore(PluginPipeline.keyed(dims)))
                .replace("%DIMSAFTER%", PluginPipeline.listAfter(dims))
                .replace("%PERIOD%", step.periodOf("__t"))
                .replace("%TIMELINE%", PluginPipeline.quote(timeline)));
    }
}
