package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.plan.Rel;

import java.util.List;

/**
 * evaluate funnel_sequence(Id, Timeline, Start, End, MaxSequenceStepWindow, Step, State, Sequence): occurrences of the
 * Sequence as consecutive events of one id (ordered by time, then state), each step within MaxSequenceStepWindow of
 * the one before, and per Step bin of the occurrence's start the distinct ids by the state just before (prev) and just
 * after (next) it; prev/next are empty when there is no such event of the id within the step window.
 * <p>
 * Kusto returns two more tables (by prev only and by next only); a query has one result here, so only the first is
 * returned and a warning says so.
 */
final class FunnelSequence {
    private final Analyzer a;
    private final Operators ops;

    FunnelSequence(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        PluginPipeline p = new PluginPipeline(a, ops, ev);
        p.need(8, "IdColumn, TimelineColumn, Start, End, MaxSequenceStepWindow, Step, StateColumn, Sequence");
        List<Expr> args = p.args();
        if (args.size() > 8) {
            throw p.wrong(args.get(8).span(), "takes 8 arguments, got " + args.size());
        }
        String timeline = p.column(args.get(1), "TimelineColumn");
        p.column(args.get(6), "StateColumn");
        p.window(in, "__fs");
        p.scalar("__fs_window", args.get(4), "MaxSequenceStepWindow", ActivityMetrics.POINTS);
        PeriodStep step = PeriodStep.of(p, args.get(5), "Step", "__fs_step", "__fs_start", ActivityMetrics.POINTS);
        List<String> seq = p.stringArray(args.get(7), "Sequence");
        p.input(in, "__fs_in", List.of(p.col("__id", args.get(0)), p.col("__t", args.get(1)),
                p.col("__s", new Expr.Call("tostring", List.of(args.get(6)), p.span()))));
        int n = seq.size();
        StringBuilder ext = new StringBuilder("__pv = prev(__s), __pt = prev(__t), __pid = prev(__id)");
        StringBuilder match = new StringBuilder("__s == " + PluginPipeline.literal(seq.get(0)));
        for (int k = 1; k <= n; k++) {
            ext.append(", __s").append(k).append(" = next(__s, ").append(k).append("), __t").append(k).append(" = next(__t, ")
                    .append(k).append("), __id").append(k).append(" = next(__id, ").append(k).append(")");
        }
        for (int k = 1; k < n; k++) {
            String before = k == 1 ? "__t" : "__t" + (k - 1);
            match.append(" and __id").append(k).append(" == __id and __s").append(k).append(" == ")
                    .append(PluginPipeline.literal(seq.get(k))).append(" and __t").append(k).append(" - ").append(before)
                    .append(" <= __fs_window");
        }
        String last = n == 1 ? "__t" : "__t" + (n - 1);
        String text = "__fs_in | where __t >= __fs_start and __t <= __fs_end\n"
                + "| sort by __id asc, __t asc, __s asc\n"
                + "| extend " + ext + "\n"
                + "| where " + match + "\n"
                + "| extend prev = iff(__pid == __id and __t - __pt <= __fs_window, __pv, ''),"
                + " next = iff(__id" + n + " == __id and __t" + n + " - " + last + " <= __fs_window, __s" + n + ", '')\n"
                + "| summarize ['dcount'] = count_distinct(__id), samples = make_set(__id, 128) by "
                + PluginPipeline.quote(timeline) + " = " + step.periodOf("__t") + ", prev, next";
        p.warn(ev.plugin().span(), "funnel_sequence returns only its first table (by prev and next);"
                + " the tables by prev only and by next only are not returned");
        return p.compile(text);
    }
}
