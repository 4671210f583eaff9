package dev.rampart.kql.udf;

import org.apache.commons.math3.special.Beta;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Periods of a regular series. The periodogram proposes candidate frequencies; a period profile (the mean of
 * the points of each phase, fitted together with a linear trend) pins each to a whole number of bins and
 * scores it; significance tests keep only the periods the series really shows.
 *
 * <ul>
 * <li>A periodogram peak of the detrended series is a candidate when Fisher's test for hidden periodicities
 * rejects white noise for it (tested successively, strongest first, each against the power left after
 * removing the stronger ones).</li>
 * <li>Within the periods the peak's frequency bin spans, the candidate is the period whose profile explains
 * most of the variance left by the trend line (adjusted for the profile's number of phases).</li>
 * <li>A period must explain significantly more than its best proper divisor (nested F test), so a multiple
 * of a period is not a period of its own unless the longer cycle adds structure (weekly on top of daily); the
 * series must correlate with itself one period later beyond the white-noise band (1.96 / sqrt(pairs)), which
 * rejects the harmonics of a non-sinusoidal shape; and in detection, a period must still explain something
 * once the periods already found (other than its multiples) are taken out, so the common multiple of two
 * periods is not a third.</li>
 * <li>The score is the profile's R squared: the share of the variance around the trend that the repeating
 * pattern explains, 0 for a period that fails the tests, 1 for a series that repeats exactly. (The tests
 * already discount what a profile of many phases fits by chance, so the plain share is reported.)</li>
 * </ul>
 */
final class Periodicity {
    /** Shorter periods cannot be told apart from noise; Kusto scores them 0 too. */
    static final int MIN_PERIOD = 4;
    /** Level of the significance tests. */
    private static final double ALPHA = 0.01;
    private static final double NOISE_BAND = 1.96;
    /** Variation below this share of the total is rounding noise of an exactly periodic series. */
    private static final double NEGLIGIBLE = 1e-10;
    private static final int BACKFIT_ROUNDS = 10;

    /** The series, missing points filled. */
    private final double[] y;
    /** The series minus its least-squares line. */
    private final double[] x;
    /** Squared error of the trend line: the variation a period can explain. */
    private final double lineError;

    /** @param values the series; NaN marks a missing element, read as the mean of the others */
    Periodicity(double[] values) {
        this.y = fillMissing(values);
        this.x = detrend(y);
        double ss = 0;
        for (double v : x) {
            ss += v * v;
        }
        this.lineError = ss;
    }

    /** The score of a period in bins (whole or not); 0 outside [4, n/2] or when the series does not show it. */
    double score(double period) {
        if (!Double.isFinite(period) || period < MIN_PERIOD || period > y.length / 2.0) {
            return 0;
        }
        int lo = (int) Math.floor(period);
        int hi = (int) Math.ceil(period);
        double f = period - lo;
        // A fractional period lies between two whole ones; its score is read off the line between theirs.
        return lo == hi ? wholeScore(lo, List.of()) : (1 - f) * wholeScore(lo, List.of())
                + f * (hi <= y.length / 2 ? wholeScore(hi, List.of()) : 0);
    }

    record Found(long period, double score) {
    }

    /** The periods within [minPeriod, maxPeriod] that the series shows, highest score first. */
    List<Found> detect(double minPeriod, double maxPeriod) {
        int n = y.length;
        int lo = (int) Math.ceil(Math.max(minPeriod, MIN_PERIOD));
        int hi = (int) Math.floor(Math.min(maxPeriod, n / 2.0));
        List<Found> found = new ArrayList<>();
        if (lo > hi || lineError <= 0) {
            return found;
        }
        List<Integer> accepted = new ArrayList<>();
        for (int k : significantFrequencies()) {
            // The peak's frequency lies between the neighbouring bins; so does the period the series repeats at.
            int from = Math.max(lo, (int) Math.ceil((double) n / (k + 1)));
            int to = Math.min(hi, k == 1 ? hi : (int) Math.floor((double) n / (k - 1)));
            int best = -1;
            double bestFit = Double.NEGATIVE_INFINITY;
            for (int p = from; p <= to; p++) {
                double fit = adjustedR2(p);
                if (fit > bestFit) {
                    best = p;
                    bestFit = fit;
                }
            }
            if (best < 0 || accepted.contains(best)) {
                continue;
            }
            double s = wholeScore(best, accepted);
            if (s > 0) {
                accepted.add(best);
                found.add(new Found(best, s));
            }
        }
        found.sort(Comparator.comparingDouble(Found::score).reversed().thenComparingLong(Found::period));
        return found;
    }

    private double wholeScore(int p, List<Integer> accepted) {
        int n = y.length;
        if (lineError <= 0 || p < 2 || p > n / 2 || n - p - 1 < 1) {
            return 0;
        }
        if (lagCorrelation(p) <= NOISE_BAND / Math.sqrt(n - p)) {
            return 0;
        }
        if (!beyondDivisors(p, y)) {
            return 0;
        }
        List<Integer> others = accepted.stream().filter(q -> q % p != 0).toList();
        if (!others.isEmpty() && !beyondDivisors(p, residual(others))) {
            return 0;
        }
        return Math.min(1, r2(p));
    }

    /** Nested F test on a series: do p phases explain significantly more than its best proper divisor's (1: none)? */
    private boolean beyondDivisors(int p, double[] base) {
        int n = base.length;
        double none = error(1, base);
        if (none <= NEGLIGIBLE * lineError) {
            return false;
        }
        int d = 1;
        double divisorError = none;
        for (int q = 2; q * 2 <= p; q++) {
            if (p % q == 0) {
                double e = error(q, base);
                if (e < divisorError) {
                    d = q;
                    divisorError = e;
                }
            }
        }
        double own = error(p, base);
        double gain = divisorError - own;
        if (own <= NEGLIGIBLE * none) {
            return gain > NEGLIGIBLE * none;
        }
        double d1 = p - d;
        double d2 = n - p - 1;
        double f = (gain / d1) / (own / d2);
        if (!(f > 0)) {
            return false;
        }
        double pValue = Beta.regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
        return pValue < ALPHA;
    }

    /** The series minus a trend line and the profiles of the given periods, fitted together by backfitting. */
    private double[] residual(List<Integer> periods) {
        int n = y.length;
        double[][] profiles = new double[periods.size()][n];
        double[] r = new double[n];
        for (int round = 0; round < BACKFIT_ROUNDS; round++) {
            for (int i = 0; i < periods.size(); i++) {
                for (int t = 0; t < n; t++) {
                    double v = y[t];
                    for (int j = 0; j < periods.size(); j++) {
                        if (j != i) {
                            v -= profiles[j][t];
                        }
                    }
                    r[t] = v;
                }
                profiles[i] = fitted(periods.get(i), r);
            }
        }
        double[] out = y.clone();
        for (double[] prof : profiles) {
            for (int t = 0; t < n; t++) {
                out[t] -= prof[t];
            }
        }
        return out;
    }

    /** Squared error of a trend line plus a profile of p phases fitted to the series (p = 1: the line alone). */
    private static double error(int p, double[] base) {
        double[] fit = fitted(p, base);
        double e = 0;
        for (int t = 0; t < base.length; t++) {
            e += (base[t] - fit[t]) * (base[t] - fit[t]);
        }
        return e;
    }

    /** A trend line plus a profile of p phases, fitted by least squares: the slope is the within-phase one. */
    private static double[] fitted(int p, double[] base) {
        int n = base.length;
        double[] st = new double[p];
        double[] sv = new double[p];
        int[] count = new int[p];
        for (int t = 0; t < n; t++) {
            st[t % p] += t;
            sv[t % p] += base[t];
            count[t % p]++;
        }
        double stv = 0;
        double stt = 0;
        for (int t = 0; t < n; t++) {
            double dt = t - st[t % p] / count[t % p];
            stv += dt * (base[t] - sv[t % p] / count[t % p]);
            stt += dt * dt;
        }
        double slope = stt == 0 ? 0 : stv / stt;
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            int ph = t % p;
            out[t] = sv[ph] / count[ph] + slope * (t - st[ph] / count[ph]);
        }
        return out;
    }

    /** Share of the variation around the trend line that the period's profile explains. */
    private double r2(int p) {
        return lineError <= 0 ? 0 : Math.max(0, 1 - error(p, y) / lineError);
    }

    /** R squared with the chance share of p phases taken off: about 0 for noise, whatever the period. */
    private double adjustedR2(int p) {
        int n = y.length;
        if (n - p - 1 < 1 || lineError <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return 1 - (1 - r2(p)) * (n - 2) / (n - p - 1);
    }

    /** Pearson correlation of the series with itself shifted by the lag. */
    private double lagCorrelation(int lag) {
        int pairs = x.length - lag;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < pairs; i++) {
            ma += x[i];
            mb += x[i + lag];
        }
        ma /= pairs;
        mb /= pairs;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < pairs; i++) {
            double a = x[i] - ma;
            double b = x[i + lag] - mb;
            sab += a * b;
            saa += a * a;
            sbb += b * b;
        }
        // Stretches whose variation is rounding noise of a flat series correlate with nothing.
        double flat = lineError * 1e-20;
        return saa <= flat || sbb <= flat ? 0 : sab / Math.sqrt(saa * sbb);
    }

    /** Frequency bins (cycles per series) whose power Fisher's test finds significant, strongest first. */
    private List<Integer> significantFrequencies() {
        int n = x.length;
        int m = n / 2;
        double[] power = new double[m + 1];
        double[] cos = new double[n];
        double[] sin = new double[n];
        for (int t = 0; t < n; t++) {
            cos[t] = Math.cos(2 * Math.PI * t / n);
            sin[t] = Math.sin(2 * Math.PI * t / n);
        }
        double total = 0;
        for (int k = 1; k <= m; k++) {
            double re = 0;
            double im = 0;
            for (int t = 0; t < n; t++) {
                int at = (int) ((long) k * t % n);
                re += x[t] * cos[at];
                im -= x[t] * sin[at];
            }
            power[k] = re * re + im * im;
            total += power[k];
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 1; k <= m; k++) {
            order.add(k);
        }
        order.sort(Comparator.comparingDouble((Integer k) -> -power[k]).thenComparingInt(k -> k));
        List<Integer> out = new ArrayList<>();
        double negligible = total * NEGLIGIBLE;
        int left = m;
        for (int k : order) {
            if (left < 2 || power[k] <= negligible) {
                break;
            }
            double g = power[k] / total;
            // Fisher's g test; the first term of its tail sum is accurate at the small levels used here.
            double pValue = left * Math.pow(1 - g, left - 1);
            if (pValue > ALPHA) {
                break;
            }
            out.add(k);
            total -= power[k];
            left--;
        }
        return out;
    }

    private static double[] fillMissing(double[] v) {
        double sum = 0;
        int count = 0;
        for (double d : v) {
            if (Double.isFinite(d)) {
                sum += d;
                count++;
            }
        }
        double mean = count == 0 ? 0 : sum / count;
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.isFinite(v[i]) ? v[i] : mean;
        }
        return out;
    }

    private static double[] detrend(double[] v) {
        int n = v.length;
        if (n < 2) {
            return v.clone();
        }
        double mt = (n - 1) / 2.0;
        double mv = 0;
        for (double d : v) {
            mv += d / n;
        }
        double stv = 0;
        double stt = 0;
        for (int t = 0; t < n; t++) {
            stv += (t - mt) * (v[t] - mv);
            stt += (t - mt) * (t - mt);
        }
        double slope = stv / stt;
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            out[t] = v[t] - mv - slope * (t - mt);
        }
        return out;
    }
}
