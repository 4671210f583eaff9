package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.plan.Rel;

import java.util.List;

/**
 * evaluate active_users_count(Id, Timeline, Start, End, LookbackWindow, Period, ActivePeriodsCount, Bin [, dim...]):
 * per Bin from Start to End the distinct ids with an active appearance there: one whose id was seen in at least
 * ActivePeriodsCount distinct Periods within (appearance - LookbackWindow, appearance]. The documented example shows
 * the window's start excluded (B on 2018-07-08 is not active although 2018-06-30 is eight days before).
 * <p>
 * Rather than pairing every appearance with every other one of its id, each id's appearances are cut to the earliest
 * one per Period and Bin (within a Period a later appearance never sees more periods), and an earlier Period counts
 * for it when that Period's latest appearance is inside the window, which keeps the pairing at periods x periods.
 */
final class ActiveUsersCount {
    private static final String PIPELINE = """
            let __auc_rows = __auc_in | where __t > __auc_start - __auc_lookback and __t <= __auc_end
                | extend __pd = __auc_start + bin(__t - __auc_start, __auc_period);
            let __auc_periods = __auc_rows | summarize __last = max(__t) by %DIMS%__id, __qd = __pd;
            __auc_rows | where __t >= __auc_start
            | summarize __first = min(__t) by %DIMS%__id, __pd, __b = %BIN%
            | join kind=inner (__auc_periods) on %JOIN%__id
            | summarize __n = countif(__qd < __pd and __last > __first - __auc_lookback) by %DIMS%__id, __pd, __b, __first
            | where __n + 1 >= __auc_active
            | summarize by %DIMS%__id, __b
            | summarize ['dcount'] = count() by %TIMELINE% = __b%DIMSAFTER%
            """;

    private final Analyzer a;
    private final Operators ops;

    ActiveUsersCount(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        PluginPipeline p = new PluginPipeline(a, ops, ev);
        p.need(8, "IdColumn, TimelineColumn, Start, End, LookbackWindow, Period, ActivePeriodsCount, Bin [, dim1, dim2, ...]");
        List<Expr> args = p.args();
        String timeline = p.column(args.get(1), "TimelineColumn");
        p.window(in, "__auc");
        p.scalar("__auc_lookback", args.get(4), "LookbackWindow", ActivityMetrics.POINTS);
        p.scalar("__auc_period", args.get(5), "Period", ActivityMetrics.POINTS);
        p.scalar("__auc_active", args.get(6), "ActivePeriodsCount", PluginPipeline.NUMBERS);
        PeriodStep bin = PeriodStep.of(p, args.get(7), "Bin", "__auc_bin", "__auc_start", ActivityMetrics.POINTS);
        List<String> dims = p.columns(8, "dimension");
        p.input(in, "__auc_in", p.idAndTime(dims));
        return p.compile(PIPELINE.replace("%JOIN%", PluginPipeline.joinKeys(dims))
                .replace("%DIMS%", PluginPipeline.listBefore(PluginPipeline.keyed(dims)))
                .replace("%DIMSAFTER%", PluginPipeline.listAfter(dims))
                .replace("%BIN%", bin.periodOf("__t"))
                .replace("%TIMELINE%", PluginPipeline.quote(timeline)));
    }
}
