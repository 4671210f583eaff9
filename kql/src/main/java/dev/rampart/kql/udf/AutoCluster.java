package dev.rampart.kql.udf;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * autocluster's Seed-Expand search. A pattern's score is the weighted geometric mean of its size (the share of the
 * total weight it covers) and its informativeness (the share of the columns it fixes): size^w * info^(1-w) with w
 * the SizeWeight. Seeds are the heaviest distinct attribute combinations (ties broken by their values), NumSeeds of
 * them. From each seed the search climbs: it drops the one fixed column whose removal raises the score most (the
 * first such column on a tie) and repeats while the score strictly rises, never dropping the last one. The local
 * optima are then ranked by score, Count and size (all descending), then by their values, and a pattern is left out
 * when it is a sub- or super-pattern of one ranked before it, so no two results restate each other.
 */
final class AutoCluster {
    private AutoCluster() {
    }

    private record Found(int[] items, BitSet cover, double weight, double score) {
    }

    static List<Object> patterns(ItemsetTable t, double sizeWeight, int numSeeds) {
        List<Object> out = new ArrayList<>();
        if (t.columns == 0 || t.totalA <= 0) {
            return out;
        }
        List<int[]> seeds = new ArrayList<>();
        List<Double> seedWeights = new ArrayList<>();
        for (ItemsetTable.Row r : t.rows) {
            int[] items = java.util.Arrays.stream(r.items()).filter(i -> i >= 0).sorted().toArray();
            if (items.length > 0 && r.weightA() > 0) {
                seeds.add(items);
                seedWeights.add(r.weightA());
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -seedWeights.get(i))
                .thenComparing(i -> seeds.get(i), ItemsetTable.ITEMS_ORDER));
        Map<int[], Found> optima = new TreeMap<>(ItemsetTable.ITEMS_ORDER);
        for (int s = 0; s < Math.min(numSeeds, order.size()); s++) {
            Found f = climb(t, seeds.get(order.get(s)), sizeWeight);
            optima.putIfAbsent(f.items, f);
        }
        List<Found> ranked = new ArrayList<>(optima.values());
        ranked.sort(Comparator.comparingDouble((Found f) -> -f.score).thenComparingDouble(f -> -f.weight)
                .thenComparingInt(f -> -f.items.length).thenComparing(Found::items, ItemsetTable.ITEMS_ORDER));
        List<Found> kept = new ArrayList<>();
        for (Found f : ranked) {
            if (kept.stream().noneMatch(k -> ItemsetTable.comparable(k.items, f.items))) {
                kept.add(f);
            }
        }
        for (Found f : kept) {
            out.add(List.of(t.representative(f.cover), out.size(), Math.round(f.weight),
                    PatternMiningFunctions.percent(f.weight, t.totalA), t.mask(f.items)));
        }
        return out;
    }

    private static Found climb(ItemsetTable t, int[] seed, double sizeWeight) {
        Found cur = found(t, seed, sizeWeight);
        while (cur.items.length > 1) {
            Found best = null;
            for (int drop = 0; drop < cur.items.length; drop++) {
                int[] smaller = new int[cur.items.length - 1];
                for (int i = 0, j = 0; i < cur.items.length; i++) {
                    if (i != drop) {
                        smaller[j++] = cur.items[i];
                    }
                }
                Found f = found(t, smaller, sizeWeight);
                if (best == null || f.score > best.score) {
                    best = f;
                }
            }
            if (!(best.score > cur.score)) {
                break;
            }
            cur = best;
        }
        return cur;
    }

    private static Found found(ItemsetTable t, int[] items, double sizeWeight) {
        BitSet cover = t.cover(items);
        double weight = t.weightA(cover);
        double size = weight / t.totalA;
        double info = (double) items.length / t.columns;
        return new Found(items, cover, weight, Math.pow(size, sizeWeight) * Math.pow(info, 1 - sizeWeight));
    }
}
