package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.plan.Rel;

import java.util.ArrayList;
import java.util.List;

/**
 * evaluate session_count(Id, Timeline, Start, End, Bin, LookBackWindow [, dim...]): per Bin the sessions that start in
 * it, a session starting at an appearance of an id not seen in the LookBackWindow before it. Bins are aligned to zero
 * (bin(Timeline, Bin)), not to Start: the documented chart's per-bin values follow that alignment. Only rows from
 * Start to End are read, so an id's first appearance there always starts a session.
 */
final class SessionCount {
    private static final String PIPELINE = """
            __sc_in | where __t >= __sc_start and __t <= __sc_end
            | summarize by %DIMS%__id, __t
            | extend __g = tostring(pack_array(%DIMS%__id))
            | sort by __g asc, __t asc
            | extend __new = row_number(1, __g != prev(__g)) == 1 or __t - prev(__t) > __sc_lookback
            | summarize count_sessions = countif(__new) by %TIMELINE% = %PERIOD%%DIMSAFTER%
            """;

    private final Analyzer a;
    private final Operators ops;

    SessionCount(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        PluginPipeline p = new PluginPipeline(a, ops, ev);
        p.need(6, "IdColumn, TimelineColumn, Start, End, Bin, LookBackWindow [, dim1, dim2, ...]");
        List<Expr> args = p.args();
        String timeline = p.column(args.get(1), "TimelineColumn");
        p.window(in, "__sc");
        p.scalar("__sc_bin", args.get(4), "Bin", ActivityMetrics.POINTS);
        p.scalar("__sc_lookback", args.get(5), "LookBackWindow", ActivityMetrics.POINTS);
        PeriodStep bin = new PeriodStep(null, "__sc_bin", null);
        List<String> dims = p.columns(6, "dimension");
        List<Operator.Assignment> cols = new ArrayList<>();
        dims.forEach(d -> cols.add(p.keep(d)));
        cols.add(p.col("__id", args.get(0)));
        cols.add(p.col("__t", args.get(1)));
        p.input(in, "__sc_in", cols);
        return p.compile(PIPELINE.replace("%DIMS%", PluginPipeline.listBefore(dims))
                .replace("%DIMSAFTER%", PluginPipeline.listAfter(dims))
                .replace("%PERIOD%", bin.periodOf("__t"))
                .replace("%TIMELINE%", PluginPipeline.quote(timeline)));
    }
}
