package dev.rampart.kql.udf;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * diffpatterns' search. A pattern's share of a set is its weight there over the set's total weight; the pattern is
 * significant when the two shares differ by at least the threshold. A difference that large needs a share of at
 * least the threshold in one set, and that condition only weakens for sub-patterns, so Apriori over "share at least
 * the threshold in A or in B" finds every significant pattern (of at most MaxDimensions columns). Those are ranked by
 * PercentDiffAB descending, then the more specific first, then by their values, and a pattern is left out when it
 * is a sub- or super-pattern of one ranked before it: the output is a small set of distinct explanations, and a
 * pattern covering the same rows as a larger one gives way to it.
 */
final class DiffPatterns {
    /** Absorbs rounding in share differences such as 0.3 - 0.25, so a difference equal to the threshold passes. */
    private static final double SLACK = 1e-12;

    private DiffPatterns() {
    }

    private record Found(int[] items, BitSet cover, double weightA, double weightB, double diff) {
    }

    static List<Object> patterns(ItemsetTable t, double threshold, int maxDimensions) {
        int maxItems = maxDimensions <= 0 ? t.columns : maxDimensions;
        Map<int[], BitSet> frequent = t.apriori(maxItems, c -> {
            double a = t.weightA(c);
            double b = t.weightB(c);
            return a > 0 && share(a, t.totalA) >= threshold - SLACK || b > 0 && share(b, t.totalB) >= threshold - SLACK;
        });
        List<Found> ranked = new ArrayList<>();
        for (Map.Entry<int[], BitSet> e : frequent.entrySet()) {
            double a = t.weightA(e.getValue());
            double b = t.weightB(e.getValue());
            double diff = Math.abs(share(a, t.totalA) - share(b, t.totalB));
            if (diff >= threshold - SLACK) {
                ranked.add(new Found(e.getKey(), e.getValue(), a, b, diff));
            }
        }
        ranked.sort(Comparator.comparingDouble((Found f) -> -f.diff).thenComparingInt(f -> -f.items.length)
                .thenComparing(Found::items, ItemsetTable.ITEMS_ORDER));
        List<Found> kept = new ArrayList<>();
        for (Found f : ranked) {
            if (kept.stream().noneMatch(k -> ItemsetTable.comparable(k.items, f.items))) {
                kept.add(f);
            }
        }
        List<Object> out = new ArrayList<>();
        for (Found f : kept) {
            double pa = PatternMiningFunctions.percent(f.weightA, t.totalA);
            double pb = PatternMiningFunctions.percent(f.weightB, t.totalB);
            out.add(List.of(t.representative(f.cover), out.size(), Math.round(f.weightA), Math.round(f.weightB), pa, pb,
                    Math.abs(pa - pb), t.mask(f.items)));
        }
        return out;
    }

    private static double share(double weight, double total) {
        return total == 0 ? 0 : weight / total;
    }
}
