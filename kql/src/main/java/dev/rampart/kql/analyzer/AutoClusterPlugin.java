package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.schema.KqlType;

import java.util.List;
import java.util.Set;

/**
 * evaluate autocluster([SizeWeight, WeightColumn, NumSeeds, CustomWildcard, ...]): a few patterns that summarize the
 * input's attribute values, as SegmentId, Count, Percent and then every input column but the weight column, holding
 * the pattern's value or the wildcard. SizeWeight (0 to 1, default 0.5) trades coverage against specificity; NumSeeds
 * (default 25) is how many starting points the search uses; the weight column must hold whole numbers. The search is
 * udf.AutoCluster's Seed-Expand, deterministic where Kusto may pick seeds at random.
 */
final class AutoClusterPlugin {
    private final Analyzer a;
    private final Operators ops;

    AutoClusterPlugin(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        PatternMining m = new PatternMining(a, ops, ev, in);
        double sizeWeight = m.number(0, "SizeWeight", 0, 1, 0.5);
        m.weight(1, Set.of(KqlType.INT, KqlType.LONG));
        long numSeeds = m.count(2, "NumSeeds", 25);
        m.wildcards(3);
        return m.mine("'A'", List.of(), "__autocluster(%ROWS%, " + PatternMining.real(sizeWeight) + ", " + numSeeds + ")",
                List.of(new PatternMining.Measure("Count", "long", 2), new PatternMining.Measure("Percent", "real", 3)));
    }
}
