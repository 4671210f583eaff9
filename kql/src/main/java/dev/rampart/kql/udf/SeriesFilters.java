package dev.rampart.kql.udf;

import dev.rampart.kql.analyzer.Json;
import dev.rampart.kql.analyzer.JsonLines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/**
 * Series functions that run along the array, each element depending on earlier ones: the IIR and FIR filters,
 * the product, the Pearson correlation of two series, and the per-series statistics whose result is one bag. Series arrive as JSON text; a null or non-numeric
 * element counts as 0 in the filters, as Kusto's do, and is skipped by the statistics.
 */
final class SeriesFilters implements Family {
    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "series_iir y,y,y>y", a -> {
            double[] x = numbers(a[0]);
            double[] b = numbers(a[1]);
            double[] d = numbers(a[2]);
            if (x == null || b == null || d == null || d.length == 0 || d[0] == 0) {
                return null;
            }
            // y[i] = (sum_k b[k] x[i-k] - sum_{k>=1} a[k] y[i-k]) / a[0]
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double s = 0;
                for (int k = 0; k < b.length && k <= i; k++) {
                    s += b[k] * x[i - k];
                }
                for (int k = 1; k < d.length && k <= i; k++) {
                    s -= d[k] * y[i - k];
                }
                y[i] = s / d[0];
            }
            return array(y);
        });
        fn(out, "series_fir y,y,b?,b?>y", a -> {
            double[] x = numbers(a[0]);
            double[] f = numbers(a[1]);
            if (x == null || f == null || f.length == 0) {
                return null;
            }
            boolean normalize = a.length < 3 || a[2] == null || (Boolean) a[2];
            boolean center = a.length > 3 && a[3] != null && (Boolean) a[3];
            double sum = 0;
            for (double v : f) {
                sum += v;
            }
            double scale = normalize && sum != 0 ? sum : 1;
            // A centered filter looks as far ahead as behind; values beyond either end are 0.
            int shift = center ? (f.length - 1) / 2 : 0;
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double s = 0;
                for (int j = 0; j < f.length; j++) {
                    int at = i + shift - j;
                    if (at >= 0 && at < x.length) {
                        s += f[j] * x[at];
                    }
                }
                y[i] = s / scale;
            }
            return array(y);
        });
        fn(out, "series_product y>r", a -> {
            double[] x = numbers(a[0]);
            if (x == null) {
                return null;
            }
            double p = 1;
            for (double v : x) {
                p *= v;
            }
            return p;
        });
        fn(out, "series_pearson_correlation y,y>r", a -> {
            double[] x = numbers(a[0]);
            double[] y = numbers(a[1]);
            if (x == null || y == null || x.length != y.length || x.length == 0) {
                return null;
            }
            double mx = 0;
            double my = 0;
            for (int i = 0; i < x.length; i++) {
                mx += x[i] / x.length;
                my += y[i] / y.length;
            }
            double sxy = 0;
            double sxx = 0;
            double syy = 0;
            for (int i = 0; i < x.length; i++) {
                sxy += (x[i] - mx) * (y[i] - my);
                sxx += (x[i] - mx) * (x[i] - mx);
                syy += (y[i] - my) * (y[i] - my);
            }
            return sxx == 0 || syy == 0 ? null : sxy / Math.sqrt(sxx * syy);
        });
        fn(out, "series_stats_dynamic y,b?>y", a -> {
            if (!(a[0] != null && JsonLines.read((String) a[0]) instanceof List<?> l)) {
                return null;
            }
            boolean skipNonFinite = a.length > 1 && a[1] != null && (Boolean) a[1];
            double min = Double.NaN;
            double max = Double.NaN;
            long minIdx = -1;
            long maxIdx = -1;
            double sum = 0;
            int n = 0;
            boolean nonFinite = false;
            for (int i = 0; i < l.size(); i++) {
                double v = l.get(i) instanceof Number num ? num.doubleValue() : Double.NaN;
                if (!Double.isFinite(v)) {
                    nonFinite = true;
                    continue;
                }
                if (n == 0 || v < min) {
                    min = v;
                    minIdx = i;
                }
                if (n == 0 || v > max) {
                    max = v;
                    maxIdx = i;
                }
                sum += v;
                n++;
            }
            if (nonFinite && !skipNonFinite) {
                // Unless told to skip them, a null, NaN or infinite element leaves every statistic undefined.
                n = 0;
            }
            Map<String, Object> bag = new LinkedHashMap<>();
            double avg = n == 0 ? Double.NaN : sum / n;
            double squares = 0;
            for (Object o : l) {
                double v = o instanceof Number num ? num.doubleValue() : Double.NaN;
                if (Double.isFinite(v)) {
                    squares += (v - avg) * (v - avg);
                }
            }
            double variance = n < 2 ? 0 : squares / (n - 1);
            bag.put("min", n == 0 ? null : min);
            bag.put("min_idx", n == 0 ? null : minIdx);
            bag.put("max", n == 0 ? null : max);
            bag.put("max_idx", n == 0 ? null : maxIdx);
            bag.put("avg", n == 0 ? null : avg);
            bag.put("stdev", n == 0 ? null : Math.sqrt(Math.max(variance, 0)));
            bag.put("variance", n == 0 ? null : Math.max(variance, 0));
            bag.put("sum", n == 0 ? null : sum);
            bag.put("len", (long) l.size());
            return Json.write(bag);
        });
    }

    private static double[] numbers(Object json) {
        if (json == null || !(JsonLines.read((String) json) instanceof List<?> l)) {
            return null;
        }
        double[] out = new double[l.size()];
        for (int i = 0; i < l.size(); i++) {
            out[i] = l.get(i) instanceof Number n ? n.doubleValue() : 0;
        }
        return out;
    }

    private static String array(double[] y) {
        List<Object> l = new ArrayList<>(y.length);
        for (double v : y) {
            l.add(v);
        }
        return Json.write(l);
    }
}
