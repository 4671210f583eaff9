package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.plan.Rel;

import java.util.List;

/**
 * evaluate basket([Threshold, WeightColumn, MaxDimensions, CustomWildcard, ...]): the frequent patterns of the
 * input's attribute values (Apriori), as SegmentId, Count, Percent and then every input column but the weight
 * column, holding the pattern's value or the wildcard. Threshold (0.015 to 1, default 0.05) is the least share of
 * the total weight a pattern must cover; MaxDimensions (default 5) caps the columns one pattern fixes. Only closed
 * patterns are returned (see udf.PatternMiningFunctions for the rule and the row order). Unlike Kusto no sampling is
 * used, so the result is exact and the same on every run.
 */
final class Basket {
    private final Analyzer a;
    private final Operators ops;

    Basket(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        PatternMining m = new PatternMining(a, ops, ev, in);
        double threshold = m.number(0, "Threshold", 0.015, 1, 0.05);
        m.weight(1, PluginPipeline.NUMBERS);
        long maxDimensions = m.count(2, "MaxDimensions", 5);
        m.wildcards(3);
        return m.mine("'A'", List.of(), "__basket(%ROWS%, " + PatternMining.real(threshold) + ", " + maxDimensions + ")",
                List.of(new PatternMining.Measure("Count", "long", 2), new PatternMining.Measure("Percent", "real", 3)));
    }
}
