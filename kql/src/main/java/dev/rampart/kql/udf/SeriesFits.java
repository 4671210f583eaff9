package dev.rampart.kql.udf;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/**
 * Regressions whose results are bags: series_fit_2lines_dynamic (two lines split where they fit best) and the bag
 * behind series_fit_poly's columns. A null or non-numeric element is a missing point: it keeps its position, is
 * left out of the fit, and still gets a fitted value.
 */
final class SeriesFits implements Family {
    /**
     * Each side of a split needs two points for its line to be a fit rather than the point itself (which would make
     * a one-point side a free perfect fit).
     */
    private static final int MIN_SIDE = 2;
    /**
     * A Vandermonde system of higher degree is numerically meaningless in doubles, and its matrix grows with the
     * degree times the length; such a call returns null rather than exhausting memory.
     */
    static final long MAX_DEGREE = 64;

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "series_fit_2lines_dynamic y>y", a -> {
            double[] y = SeriesJson.doubles(a[0]);
            return y == null || y.length < 2 * MIN_SIDE ? null : SeriesJson.write(twoLines(y));
        });
        fn(out, "series_fit_poly y,y?,l?>y", a -> {
            double[] y = SeriesJson.doubles(a[0]);
            if (y == null) {
                return null;
            }
            double[] x = a.length > 1 && a[1] != null ? SeriesJson.doubles(a[1]) : positions(y.length);
            long degree = a.length > 2 && a[2] != null ? (Long) a[2] : 1;
            if (x == null || x.length != y.length || degree < 0 || degree > MAX_DEGREE) {
                return null;
            }
            Map<String, Object> bag = poly(x, y, (int) degree);
            return bag == null ? null : SeriesJson.write(bag);
        });
    }

    private static double[] positions(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    /**
     * The split whose two lines leave the least squared residual (the highest total R squared); the first on a tie.
     * split_idx is the first position of the right part (Kusto documents only "the index of breaking point"), and each
     * side is series_fit_line of its part, so the right line's positions, and its interception, start at 1 again.
     */
    static Map<String, Object> twoLines(double[] y) {
        int n = y.length;
        // Prefix sums over the present points, centered on the series' middle and mean so that the subtractions
        // below lose little precision; a line's squared residual does not depend on where positions start.
        double cx = (n - 1) / 2.0;
        double cy = 0;
        int present = 0;
        for (double v : y) {
            if (!Double.isNaN(v)) {
                cy += v;
                present++;
            }
        }
        cy = present == 0 ? 0 : cy / present;
        double[][] s = new double[6][n + 1];
        for (int i = 0; i < n; i++) {
            boolean here = !Double.isNaN(y[i]);
            double x = i - cx;
            double v = here ? y[i] - cy : 0;
            s[0][i + 1] = s[0][i] + (here ? 1 : 0);
            s[1][i + 1] = s[1][i] + (here ? x : 0);
            s[2][i + 1] = s[2][i] + v;
            s[3][i + 1] = s[3][i] + (here ? x * x : 0);
            s[4][i + 1] = s[4][i] + x * v;
            s[5][i + 1] = s[5][i] + v * v;
        }
        int best = MIN_SIDE;
        double bestError = Double.POSITIVE_INFINITY;
        for (int split = MIN_SIDE; split <= n - MIN_SIDE; split++) {
            double e = residual(s, 0, split) + residual(s, split, n);
            if (e < bestError) {
                bestError = e;
                best = split;
            }
        }
        LineFit left = LineFit.of(y, 0, best);
        LineFit right = LineFit.of(y, best, n);
        double[] line = new double[n];
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) {
            line[i] = i < best ? left.fitted()[i] : right.fitted()[i - best];
            residual[i] = y[i] - line[i];
        }
        double variance = LineFit.sampleVariance(y);
        double rvariance = LineFit.sampleVariance(residual);
        Map<String, Object> bag = new LinkedHashMap<>();
        bag.put("rsquare", SeriesJson.real(variance == 0 ? Double.NaN : 1 - rvariance / variance));
        bag.put("split_idx", (long) best);
        bag.put("variance", SeriesJson.real(variance));
        bag.put("rvariance", SeriesJson.real(rvariance));
        bag.put("line_fit", SeriesJson.reals(line));
        bag.put("right", side(right));
        bag.put("left", side(left));
        return bag;
    }

    /** Squared residual of the least-squares line over the present points of [from, to), from the prefix sums. */
    private static double residual(double[][] s, int from, int to) {
        double k = s[0][to] - s[0][from];
        if (k == 0) {
            return 0;
        }
        double sx = s[1][to] - s[1][from];
        double sy = s[2][to] - s[2][from];
        double sxx = s[3][to] - s[3][from] - sx * sx / k;
        double sxy = s[4][to] - s[4][from] - sx * sy / k;
        double syy = s[5][to] - s[5][from] - sy * sy / k;
        return Math.max(0, sxx > 0 ? syy - sxy * sxy / sxx : syy);
    }

    private static Map<String, Object> side(LineFit f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rsquare", SeriesJson.real(f.rsquare()));
        m.put("slope", SeriesJson.real(f.slope()));
        m.put("interception", SeriesJson.real(f.interception()));
        m.put("variance", SeriesJson.real(f.variance()));
        m.put("rvariance", SeriesJson.real(f.rvariance()));
        return m;
    }

    /**
     * Least squares by QR decomposition of the Vandermonde matrix over the points where both x and y are known;
     * null when they are fewer than the coefficients or the x values do not determine them (too few distinct).
     */
    static Map<String, Object> poly(double[] x, double[] y, int degree) {
        List<Integer> known = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                known.add(i);
            }
        }
        int terms = degree + 1;
        if (known.size() < terms) {
            return null;
        }
        double[][] v = new double[known.size()][terms];
        double[] b = new double[known.size()];
        for (int r = 0; r < known.size(); r++) {
            double p = 1;
            for (int c = 0; c < terms; c++) {
                v[r][c] = p;
                p *= x[known.get(r)];
            }
            b[r] = y[known.get(r)];
        }
        RealVector solution = new QRDecomposition(new Array2DRowRealMatrix(v, false)).getSolver().solve(new ArrayRealVector(b, false));
        double[] lowestFirst = solution.toArray();
        double[] fit = new double[y.length];
        double[] residual = new double[y.length];
        double[] used = new double[y.length];
        java.util.Arrays.fill(residual, Double.NaN);
        java.util.Arrays.fill(used, Double.NaN);
        for (int i = 0; i < y.length; i++) {
            double f = 0;
            for (int c = terms - 1; c >= 0; c--) {
                f = f * x[i] + lowestFirst[c];
            }
            fit[i] = f;
        }
        for (int i : known) {
            residual[i] = y[i] - fit[i];
            used[i] = y[i];
        }
        double[] highestFirst = new double[terms];
        for (int c = 0; c < terms; c++) {
            highestFirst[c] = lowestFirst[terms - 1 - c];
        }
        double variance = LineFit.sampleVariance(used);
        double rvariance = LineFit.sampleVariance(residual);
        Map<String, Object> bag = new LinkedHashMap<>();
        bag.put("rsquare", SeriesJson.real(variance == 0 ? Double.NaN : 1 - rvariance / variance));
        bag.put("coefficients", SeriesJson.reals(highestFirst));
        bag.put("variance", SeriesJson.real(variance));
        bag.put("rvariance", SeriesJson.real(rvariance));
        bag.put("poly_fit", SeriesJson.reals(fit));
        return bag;
    }
}
