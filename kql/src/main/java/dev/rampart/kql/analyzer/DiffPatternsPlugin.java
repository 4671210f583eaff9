package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;

import java.util.List;

/**
 * evaluate diffpatterns(SplitColumn, SplitValueA, SplitValueB [, WeightColumn, Threshold, MaxDimensions,
 * CustomWildcard, ...]): patterns whose share of set A (rows where tostring(SplitColumn) == SplitValueA) and of set B
 * differ by at least Threshold (0.015 to 1, default 0.05), as SegmentId, CountA, CountB, PercentA, PercentB,
 * PercentDiffAB and then every input column but the split and weight columns. Rows in neither set are ignored;
 * MaxDimensions (default unlimited) caps the columns one pattern fixes. The search is udf.DiffPatterns'.
 */
final class DiffPatternsPlugin {
    private static final String USAGE = "SplitColumn, SplitValueA, SplitValueB [, WeightColumn, Threshold, MaxDimensions, CustomWildcard, ...]";

    private final Analyzer a;
    private final Operators ops;

    DiffPatternsPlugin(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        PatternMining m = new PatternMining(a, ops, ev, in);
        PluginPipeline p = m.pipeline();
        p.need(3, USAGE);
        String split = p.column(p.args().get(0), "SplitColumn");
        if (m.typeOf(split) == null) {
            throw p.wrong(p.args().get(0).span(), "the SplitColumn argument names no input column: '" + split + "'");
        }
        String valueA = splitValue(p, 1, "SplitValueA");
        String valueB = splitValue(p, 2, "SplitValueB");
        m.weight(3, PluginPipeline.NUMBERS);
        double threshold = m.number(4, "Threshold", 0.015, 1, 0.05);
        long maxDimensions = m.count(5, "MaxDimensions", 0);
        m.wildcards(6);
        String s = "tostring(" + PluginPipeline.quote(split) + ")";
        String side = "case(" + s + " == " + PluginPipeline.literal(valueA) + ", 'A', " + s + " == " + PluginPipeline.literal(valueB)
                + ", 'B', '')";
        return m.mine(side, List.of(split), "__diffpatterns(%ROWS%, " + PatternMining.real(threshold) + ", " + maxDimensions + ")",
                List.of(new PatternMining.Measure("CountA", "long", 2), new PatternMining.Measure("CountB", "long", 3),
                        new PatternMining.Measure("PercentA", "real", 4), new PatternMining.Measure("PercentB", "real", 5),
                        new PatternMining.Measure("PercentDiffAB", "real", 6)));
    }

    /** The text a split value stands for: a string as is, a number or bool as tostring() would write it. */
    private static String splitValue(PluginPipeline p, int index, String argName) {
        Expr e = p.args().get(index);
        Rex r = p.constant(e, argName);
        if (r instanceof Rex.Lit l && (l.value() instanceof String || l.value() instanceof Long || l.value() instanceof Integer
                || l.value() instanceof Boolean)) {
            return String.valueOf(l.value());
        }
        throw p.wrong(e.span(), "the " + argName + " argument must be a constant string");
    }
}
