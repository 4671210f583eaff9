package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;

import java.util.ArrayList;
import java.util.List;

/**
 * evaluate funnel_sequence_completion(Id, Timeline, Start, End, BinSize, State, Sequence, MaxSequenceStepPeriods):
 * per BinSize bin (each analyzed on its own events), per step of the Sequence and per period, the distinct ids that
 * went from the first state through the states up to that step, in time order (other events may come between),
 * ending within the period after the first step.
 * <p>
 * For each start event the earliest time each later step can be reached is found step by step (taking the
 * earliest reachable event is never worse for the later steps), so a start is checked against each period without
 * enumerating combinations of events.
 */
final class FunnelSequenceCompletion {
    private final Analyzer a;
    private final Operators ops;

    FunnelSequenceCompletion(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        PluginPipeline p = new PluginPipeline(a, ops, ev);
        p.need(8, "IdColumn, TimelineColumn, Start, End, BinSize, StateColumn, Sequence, MaxSequenceStepPeriods");
        List<Expr> args = p.args();
        String timeline = p.column(args.get(1), "TimelineColumn");
        String state = p.column(args.get(5), "StateColumn");
        p.window(in, "__fc");
        PeriodStep bin = PeriodStep.of(p, args.get(4), "BinSize", "__fc_bin", "__fc_start", ActivityMetrics.POINTS);
        List<String> seq = p.stringArray(args.get(6), "Sequence");
        List<String> periods = periods(p, args.get(7));
        p.input(in, "__fc_in", List.of(p.col("__id", args.get(0)), p.col("__t", args.get(1)),
                p.col("__s", new Expr.Call("tostring", List.of(args.get(5)), p.span()))));
        int n = seq.size();
        StringBuilder t = new StringBuilder();
        List<String> states = seq.stream().map(PluginPipeline::literal).toList();
        t.append("let __fc_ev = __fc_in | where __t >= __fc_start and __t <= __fc_end | extend __b = ").append(bin.periodOf("__t"))
                .append(" | where __s in (").append(String.join(", ", states)).append(") | summarize by __id, __b, __s, __t;\n");
        t.append("let __fc_r0 = __fc_ev | where __s == ").append(states.get(0)).append(" | project __id, __b, __t0 = __t, __e = __t;\n");
        for (int k = 1; k < n; k++) {
            String after = seq.get(k).equals(seq.get(k - 1)) ? ">" : ">=";
            t.append("let __fc_r").append(k).append(" = __fc_r").append(k - 1)
                    .append(" | join kind=inner (__fc_ev | where __s == ").append(states.get(k))
                    .append(" | project __id, __b, __x = __t) on __id, __b | where __x ").append(after)
                    .append(" __e | summarize __e = min(__x) by __id, __b, __t0;\n");
        }
        t.append("let __fc_periods = range __pi from 0 to ").append(periods.size() - 1).append(" step 1 | extend __P = ")
                .append(choose("__pi", periods)).append(";\n");
        t.append("let __fc_reach = union ");
        for (int k = 0; k < n; k++) {
            t.append(k == 0 ? "" : ", ").append("(__fc_r").append(k).append(" | project __id, __b, __t0, __e, __k = ").append(k).append(")");
        }
        t.append(";\n");
        t.append("let __fc_counts = __fc_reach | extend __j = 1 | join kind=inner (__fc_periods | extend __j = 1) on __j"
                + " | where __e - __t0 <= __P | summarize __dc = count_distinct(__id) by __b, __k, __pi;\n");
        t.append("__fc_r0 | summarize by __b | extend __j = 1\n")
                .append("| join kind=inner (range __k from 0 to ").append(n - 1).append(" step 1 | extend __j = 1) on __j\n")
                .append("| join kind=inner (__fc_periods | extend __j = 1) on __j\n")
                .append("| join kind=leftouter (__fc_counts) on __b, __k, __pi\n")
                .append("| order by __b asc, __pi asc, __k asc\n")
                .append("| project ").append(PluginPipeline.quote(timeline)).append(" = __b, ").append(PluginPipeline.quote(state))
                .append(" = ").append(choose("__k", states)).append(", Period = __P, ['dcount'] = coalesce(__dc, 0)");
        return p.compile(t.toString());
    }

    /** The KQL for element i of the given KQL values, i being the value of {@code index}. */
    private static String choose(String index, List<String> values) {
        if (values.size() == 1) {
            return values.get(0);
        }
        StringBuilder sb = new StringBuilder("case(");
        for (int i = 0; i < values.size() - 1; i++) {
            sb.append(index).append(" == ").append(i).append(", ").append(values.get(i)).append(", ");
        }
        return sb.append(values.get(values.size() - 1)).append(")").toString();
    }

    /** The periods as KQL values: timespans (held as text in a dynamic array) or numbers. */
    private static List<String> periods(PluginPipeline p, Expr e) {
        Rex r = p.constant(e, "MaxSequenceStepPeriods");
        if (!(r instanceof Rex.Lit l) || !(l.value() instanceof List<?> list) || list.isEmpty()) {
            throw p.wrong(e.span(), "the MaxSequenceStepPeriods argument must be a constant, non-empty dynamic array");
        }
        List<String> out = new ArrayList<>();
        for (Object v : list) {
            if (v instanceof Number num) {
                out.add(num.toString());
            } else if (v instanceof String s) {
                out.add("totimespan(" + PluginPipeline.literal(s) + ")");
            } else {
                throw p.wrong(e.span(), "MaxSequenceStepPeriods must hold timespans or numbers, not " + v);
            }
        }
        return out;
    }
}
