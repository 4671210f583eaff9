package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * evaluate sliding_window_counts(Id, Timeline, Start, End, LookbackWindow, Bin [, dim...]): for each Bin-wide period
 * from Start to End, the rows (count) and distinct ids (dcount) of the LookbackWindow ending with that period, the
 * window rounded down to whole bins. A period appears when its window has rows; rows outside Start..End are not
 * counted.
 * <p>
 * Rows are summed per period and spread over the periods whose window holds them. Ids are not spread per
 * appearance (appearances x window could be huge for hourly bins over weeks): each appearance of an id covers the
 * periods up to its window's end or the id's next appearance, whichever comes first, so the covered stretches of
 * one id never overlap and each (id, period) pair is made once.
 */
final class SlidingWindowCounts {
    private static final String PIPELINE = """
            let __swc_k = %BINS%;
            let __swc_acts = __swc_in | where __t >= __swc_start and __t <= __swc_end
                | summarize __c = count() by %DIMS%__id, __p = %PERIOD%;
            let __swc_rows = __swc_acts | summarize __c = sum(__c) by %DIMS%__p
                | mv-expand __q = range(__p, min_of(%LAST%, __swc_end), %WIDTH%) to typeof(%TYPE%)
                | summarize __n = sum(__c) by %DIMS%__q;
            let __swc_ids = %IDS%;
            __swc_rows | join kind=inner (__swc_ids) on %JOIN%__q
            | project %TIMELINE% = __q%DIMSAFTER%, ['count'] = __n, ['dcount'] = __d
            """;

    static final Set<KqlType> POINTS = PluginPipeline.POINTS;

    private final Analyzer a;
    private final Operators ops;

    SlidingWindowCounts(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    /**
     * KQL counting, per dimensions and period {@code __q}, the distinct ids as {@code __d} over windows of {@code k}
     * periods ending at {@code __q}, from {@code acts} (rows of dimensions, {@code __id} and period {@code __p}).
     * Each appearance covers the periods up to the earliest of its window's end, the id's next appearance and
     * {@code end} (when not null), so one id's stretches never overlap.
     */
    static String windowedIds(String acts, List<String> dims, String k, PeriodStep step, String end, String type) {
        String last = step.shift("__p", k + " - 1");
        String capped = end == null ? "" : ", " + end;
        return acts + " | summarize by " + PluginPipeline.listBefore(dims) + "__id, __p"
                + " | extend __g = tostring(pack_array(" + PluginPipeline.listBefore(dims) + "__id))"
                + " | sort by __g asc, __p asc"
                + " | extend __e = iff(__g == next(__g), min_of(" + last + ", " + step.shift("next(__p)", "-1") + capped + "), "
                + (end == null ? last : "min_of(" + last + capped + ")") + ")"
                + " | mv-expand __q = range(__p, __e, " + step.fixedWidth() + ") to typeof(" + type + ")"
                + " | summarize __d = count() by " + PluginPipeline.listBefore(dims) + "__q";
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        PluginPipeline p = new PluginPipeline(a, ops, ev);
        p.need(6, "IdColumn, TimelineColumn, Start, End, LookbackWindow, Bin [, dim1, dim2, ...]");
        List<Expr> args = p.args();
        String timeline = p.column(args.get(1), "TimelineColumn");
        List<String> dims = p.columns(6, "dimension");
        Rex start = p.window(in, "__swc");
        p.scalar("__swc_lookback", args.get(4), "LookbackWindow", POINTS);
        PeriodStep step = PeriodStep.of(p, args.get(5), "Bin", "__swc_bin", "__swc_start", POINTS);
        if (step.fixedWidth() == null) {
            throw p.wrong(args.get(5).span(), "a LookbackWindow is no whole number of '" + step.unit()
                    + "' bins; use a fixed Bin such as 30d");
        }
        Rex width = step.calendar() ? null : p.analyze(args.get(5));
        List<Operator.Assignment> cols = new ArrayList<>();
        cols.addAll(p.idAndTime(dims));
        Rel rows = p.input(in, "__swc_in", cols);
        String type = PluginPipeline.periodType(rows, "__t", start, width);
        String text = PIPELINE.replace("%BINS%", "tolong(__swc_lookback / " + step.fixedWidth() + ")")
                .replace("%IDS%", windowedIds("__swc_acts", PluginPipeline.keyed(dims), "__swc_k", step, "__swc_end", type))
                .replace("%LAST%", step.shift("__p", "__swc_k - 1"))
                .replace("%WIDTH%", step.fixedWidth())
                .replace("%TYPE%", type)
                .replace("%JOIN%", PluginPipeline.joinKeys(dims))
                .replace("%DIMS%", PluginPipeline.listBefore(PluginPipeline.keyed(dims)))
                .replace("%DIMSAFTER%", PluginPipeline.listAfter(dims))
                .replace("%PERIOD%", step.periodOf("__t"))
                .replace("%TIMELINE%", PluginPipeline.quote(timeline));
        return p.compile(text);
    }
}
