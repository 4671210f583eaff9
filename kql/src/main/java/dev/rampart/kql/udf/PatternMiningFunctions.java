package dev.rampart.kql.udf;

import dev.rampart.kql.analyzer.Json;
import dev.rampart.kql.analyzer.JsonLines;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/**
 * The mining steps of the basket, autocluster and diffpatterns plugins, each called once on the list of the input's
 * distinct attribute combinations (see {@link ItemsetTable} for the row layout). Each returns one array per pattern,
 * in output order: {@code [rid, SegmentId, counts and percentages..., mask]}, where rid names a row holding the
 * pattern's values and mask says which columns the pattern fixes.
 */
final class PatternMiningFunctions implements Family {
    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "__basket y,r,l>y", a -> {
            ItemsetTable t = table(a[0]);
            return t == null ? null : Json.write(basket(t, (Double) a[1], ((Long) a[2]).intValue()));
        });
        fn(out, "__autocluster y,r,l>y", a -> {
            ItemsetTable t = table(a[0]);
            return t == null ? null : Json.write(AutoCluster.patterns(t, (Double) a[1], ((Long) a[2]).intValue()));
        });
        fn(out, "__diffpatterns y,r,l>y", a -> {
            ItemsetTable t = table(a[0]);
            return t == null ? null : Json.write(DiffPatterns.patterns(t, (Double) a[1], ((Long) a[2]).intValue()));
        });
    }

    private static ItemsetTable table(Object json) {
        if (json == null || !(JsonLines.read((String) json) instanceof List<?> rows)) {
            return null;
        }
        List<Object> parsed = new ArrayList<>();
        for (Object r : rows) {
            parsed.add(r instanceof String s ? JsonLines.read(s) : r);
        }
        return new ItemsetTable(parsed);
    }

    /**
     * Frequent itemsets (Apriori) whose weight is at least {@code threshold} of the total, of at most
     * {@code maxDimensions} items, keeping only closed ones: a pattern is dropped when a one-item-larger pattern covers
     * the same weight, since it says nothing the larger one does not. Order: Count descending, then fewer fixed
     * columns first, then by the fixed (column, value) items.
     */
    static List<Object> basket(ItemsetTable t, double threshold, int maxDimensions) {
        double min = threshold * t.totalA;
        Map<int[], BitSet> frequent = t.apriori(maxDimensions, c -> {
            double w = t.weightA(c);
            return w > 0 && w >= min;
        });
        record Found(int[] items, BitSet cover, double weight) {
        }
        List<Found> kept = new ArrayList<>();
        for (Map.Entry<int[], BitSet> e : frequent.entrySet()) {
            double w = t.weightA(e.getValue());
            boolean closed = true;
            for (int item = 0; item < t.itemCount() && closed; item++) {
                int[] bigger = with(e.getKey(), item, t);
                if (bigger != null && frequent.containsKey(bigger) && t.weightA(frequent.get(bigger)) == w) {
                    closed = false;
                }
            }
            if (closed) {
                kept.add(new Found(e.getKey(), e.getValue(), w));
            }
        }
        kept.sort(Comparator.comparingDouble((Found f) -> -f.weight).thenComparingInt(f -> f.items.length)
                .thenComparing(Found::items, ItemsetTable.ITEMS_ORDER));
        List<Object> out = new ArrayList<>();
        for (Found f : kept) {
            out.add(List.of(t.representative(f.cover), out.size(), Math.round(f.weight), percent(f.weight, t.totalA),
                    t.mask(f.items)));
        }
        return out;
    }

    /** The pattern plus one item on a column it does not fix, sorted; null when that column is already fixed. */
    static int[] with(int[] items, int item, ItemsetTable t) {
        for (int i : items) {
            if (t.columnOf[i] == t.columnOf[item]) {
                return null;
            }
        }
        int[] out = new int[items.length + 1];
        int j = 0;
        boolean placed = false;
        for (int i : items) {
            if (!placed && item < i) {
                out[j++] = item;
                placed = true;
            }
            out[j++] = i;
        }
        if (!placed) {
            out[j] = item;
        }
        return out;
    }

    static double percent(double part, double total) {
        return total == 0 ? 0.0 : 100.0 * part / total;
    }
}
