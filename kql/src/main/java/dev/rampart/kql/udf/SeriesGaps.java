package dev.rampart.kql.udf;

import dev.rampart.kql.analyzer.JsonLines;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/**
 * Point-wise repair and scoring of a series: series_fill_linear interpolates missing points, series_outliers scores
 * each point by Tukey's fences. Both take a placeholder that marks missing points besides null.
 */
final class SeriesGaps implements Family {
    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "series_fill_linear y,y?,b?,y?>y", SeriesGaps::fillLinear);
        fn(out, "series_outliers y,s,r,r,r>y", SeriesGaps::outliers);
    }

    /**
     * series_fill_linear(series, placeholder, fill_edges, constant). A missing point between two known ones lies on
     * the line joining them; at the edges it takes the nearest known value (unless fill_edges is false); a series
     * with no known point is filled with the constant (0 when not given, kept as is when given as null). A series of
     * whole numbers stays whole: interpolated values are cut to their integer part, as Kusto's documented example
     * shows (73.5 becomes 73, 32.67 becomes 32).
     */
    private static Object fillLinear(Object[] a) {
        List<?> in = SeriesJson.list(a[0]);
        if (in == null) {
            return null;
        }
        Double placeholder = a.length > 1 ? number(a[1]) : null;
        boolean edges = a.length < 3 || a[2] == null || (Boolean) a[2];
        List<Object> out = new ArrayList<>(in);
        List<Integer> known = new ArrayList<>();
        boolean whole = true;
        for (int i = 0; i < in.size(); i++) {
            if (in.get(i) instanceof Number n && (placeholder == null || n.doubleValue() != placeholder)) {
                known.add(i);
                whole &= n instanceof Long;
            }
        }
        if (known.isEmpty()) {
            boolean given = a.length > 3;
            if (!given || a[3] != null) {
                Object constant = given ? JsonLines.read((String) a[3]) : (Object) 0.0;
                for (int i = 0; i < out.size(); i++) {
                    out.set(i, constant);
                }
            }
            return SeriesJson.write(out);
        }
        for (int k = 0; k + 1 < known.size(); k++) {
            int from = known.get(k);
            int to = known.get(k + 1);
            double v0 = ((Number) in.get(from)).doubleValue();
            double v1 = ((Number) in.get(to)).doubleValue();
            for (int i = from + 1; i < to; i++) {
                double v = v0 + (v1 - v0) * (i - from) / (to - from);
                out.set(i, whole ? (Object) (long) v : (Object) v);
            }
        }
        if (edges) {
            int first = known.get(0);
            int last = known.get(known.size() - 1);
            for (int i = 0; i < first; i++) {
                out.set(i, in.get(first));
            }
            for (int i = last + 1; i < in.size(); i++) {
                out.set(i, in.get(last));
            }
        }
        return SeriesJson.write(out);
    }

    /** The placeholder as a number; null (the default placeholder) when it is null or not a number. */
    private static Double number(Object json) {
        return json != null && JsonLines.read((String) json) instanceof Number n ? n.doubleValue() : null;
    }

    /**
     * series_outliers(series, kind, ignore_val, min_percentile, max_percentile), every argument explicit (the analyzer
     * fills the defaults). The normal range is between two percentiles of the known points (25th and 75th for
     * 'tukey', the given ones for 'ctukey'); a point above it scores its distance from the upper percentile in
     * units of the range, a point below it the (negative) distance from the lower one, a point inside it 0. Null and
     * ignored points score 0 and are left out of the percentiles. Percentiles interpolate linearly between ranks.
     */
    private static Object outliers(Object[] a) {
        List<?> in = SeriesJson.list(a[0]);
        if (in == null || a[1] == null || a[3] == null || a[4] == null) {
            return null;
        }
        Double ignore = (Double) a[2];
        double lo;
        double hi;
        switch ((String) a[1]) {
            case "tukey" -> {
                lo = 25;
                hi = 75;
            }
            case "ctukey" -> {
                lo = (Double) a[3];
                hi = (Double) a[4];
            }
            default -> {
                return null;
            }
        }
        if (!validPercentiles(lo, hi)) {
            return null;
        }
        boolean[] known = new boolean[in.size()];
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            if (in.get(i) instanceof Number n && Double.isFinite(n.doubleValue()) && (ignore == null || n.doubleValue() != ignore)) {
                known[i] = true;
                values.add(n.doubleValue());
            }
        }
        values.sort(null);
        double qlo = percentile(values, lo);
        double qhi = percentile(values, hi);
        double range = qhi - qlo;
        List<Object> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            double v = known[i] ? ((Number) in.get(i)).doubleValue() : 0;
            // An empty range (most points equal) has no unit to measure distances in: every point scores 0.
            out.add(!known[i] || !(range > 0) ? 0.0 : v > qhi ? (v - qhi) / range : v < qlo ? (v - qlo) / range : 0.0);
        }
        return SeriesJson.write(out);
    }

    /** Kusto's documented bounds for ctukey's percentiles: both in [2, 98], the lower below the upper. */
    static boolean validPercentiles(double lo, double hi) {
        return lo >= 2 && hi <= 98 && lo < hi;
    }

    /** The p-th percentile of sorted values, interpolated between the closest ranks; NaN for no values. */
    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        double h = (sorted.size() - 1) * p / 100;
        int below = (int) Math.floor(h);
        int above = Math.min(below + 1, sorted.size() - 1);
        return sorted.get(below) + (h - below) * (sorted.get(above) - sorted.get(below));
    }
}
