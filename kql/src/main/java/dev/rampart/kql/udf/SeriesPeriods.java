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
 * series_periods_detect and series_periods_validate ({@link Periodicity}), and series_seasonal, which uses the
 * detected period. The first two return a bag of their two output arrays, which the renderer splits into the two
 * columns Kusto returns; the analyzer only lets them be called that way. A null or non-numeric element is a
 * missing point.
 */
final class SeriesPeriods implements Family {
    /** Beyond this many requested periods the output arrays would be padding only. */
    private static final long MAX_PERIODS = 1 << 16;
    private static final double SEASONALITY_THRESHOLD = 0.7;

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "series_periods_detect y,r,r,l>y", a -> {
            double[] x = series(a[0]);
            if (x == null || a[1] == null || a[2] == null || a[3] == null) {
                return null;
            }
            long wanted = (Long) a[3];
            if (wanted < 1 || wanted > MAX_PERIODS) {
                return null;
            }
            List<Periodicity.Found> found = new Periodicity(x).detect((Double) a[1], (Double) a[2]);
            List<Object> periods = new ArrayList<>();
            List<Object> scores = new ArrayList<>();
            for (int i = 0; i < wanted; i++) {
                // Fewer periods than asked for: the arrays keep their length, padded with 0.
                periods.add(i < found.size() ? found.get(i).period() : 0L);
                scores.add(i < found.size() ? found.get(i).score() : 0.0);
            }
            Map<String, Object> bag = new LinkedHashMap<>();
            bag.put("periods", periods);
            bag.put("periods_scores", scores);
            return Json.write(bag);
        });
        fn(out, "series_seasonal y,l?>y", SeriesPeriods::seasonal);
        // The seasonality autodetection of the decomposition functions (sql.SeriesSql): the period, or 0 for none.
        fn(out, "__series_period y,r>l", a -> {
            double[] x = series(a[0]);
            return x == null || a[1] == null ? null : detectedPeriod(x, (Double) a[1]);
        });
        fn(out, "series_periods_validate y,y>y", a -> {
            double[] x = series(a[0]);
            if (x == null || a[1] == null || !(JsonLines.read((String) a[1]) instanceof List<?> given) || given.isEmpty()) {
                return null;
            }
            Periodicity p = new Periodicity(x);
            List<Object> periods = new ArrayList<>();
            List<Object> scores = new ArrayList<>();
            for (Object g : given) {
                if (!(g instanceof Number n)) {
                    return null;
                }
                periods.add(n.doubleValue());
                scores.add(p.score(n.doubleValue()));
            }
            Map<String, Object> bag = new LinkedHashMap<>();
            bag.put("periods", periods);
            bag.put("scores", scores);
            return Json.write(bag);
        });
    }

    /** series_seasonal(series [, period]): each point's phase median; -1 (the default) detects the period. */
    private static Object seasonal(Object[] a) {
        double[] x = series(a[0]);
        if (x == null) {
            return null;
        }
        long period = a.length > 1 && a[1] != null ? (Long) a[1] : -1;
        if (period == -1) {
            // Kusto's documented rule for series_seasonal: the best detected period counts when it scores at least 0.7.
            period = detectedPeriod(x, SEASONALITY_THRESHOLD);
        }
        List<Object> out = new ArrayList<>(x.length);
        if (period <= 0) {
            for (int i = 0; i < x.length; i++) {
                out.add(0.0);
            }
            return Json.write(out);
        }
        int p = (int) Math.min(period, Math.max(x.length, 1));
        double[] median = new double[p];
        for (int ph = 0; ph < p; ph++) {
            List<Double> values = new ArrayList<>();
            for (int t = ph; t < x.length; t += p) {
                if (Double.isFinite(x[t])) {
                    values.add(x[t]);
                }
            }
            values.sort(null);
            int m = values.size();
            median[ph] = m == 0 ? 0 : m % 2 == 1 ? values.get(m / 2) : (values.get(m / 2 - 1) + values.get(m / 2)) / 2;
        }
        for (int t = 0; t < x.length; t++) {
            out.add(median[t % p]);
        }
        return Json.write(out);
    }

    /** The strongest period series_periods_detect finds in [4, n/2] bins when it scores at least the threshold, else 0. */
    static long detectedPeriod(double[] x, double threshold) {
        List<Periodicity.Found> found = new Periodicity(x).detect(Periodicity.MIN_PERIOD, x.length / 2.0);
        return !found.isEmpty() && found.get(0).score() >= threshold ? found.get(0).period() : 0;
    }

    /** The series' numbers, NaN for a missing element; null when the value is not an array. */
    private static double[] series(Object json) {
        if (json == null || !(JsonLines.read((String) json) instanceof List<?> l)) {
            return null;
        }
        double[] out = new double[l.size()];
        for (int i = 0; i < l.size(); i++) {
            out[i] = l.get(i) instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        return out;
    }
}
