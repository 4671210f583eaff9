package dev.rampart.kql.udf;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.stat.descriptive.StatisticalSummaryValues;
import org.apache.commons.math3.stat.inference.TTest;

import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/**
 * Special functions without a DuckDB counterpart: the error function, the beta distribution and Welch's test. Invalid
 * distribution parameters give NaN, as Kusto documents; a probability outside [0, 1] gives null.
 */
final class MathFunctions implements Family {
    /** Kusto refuses shape parameters above this. */
    private static final double MAX_SHAPE = 10_000;
    /** The inverse is searched to full double precision, not commons-math's default 1e-9. */
    private static final double INVERSE_ACCURACY = 1e-15;

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "erf r>r", a -> a[0] == null ? null : Erf.erf((Double) a[0]));
        fn(out, "erfc r>r", a -> a[0] == null ? null : Erf.erfc((Double) a[0]));
        fn(out, "beta_cdf r,r,r>r", a -> {
            if (anyNull(a)) {
                return null;
            }
            double x = (Double) a[0];
            if (!validShapes(a) || x < 0 || x > 1) {
                return Double.NaN;
            }
            return beta(a).cumulativeProbability(x);
        });
        fn(out, "beta_pdf r,r,r>r", a -> {
            if (anyNull(a)) {
                return null;
            }
            double x = (Double) a[0];
            if (!validShapes(a) || x <= 0 || x >= 1) {
                return Double.NaN;
            }
            return beta(a).density(x);
        });
        // Two-sided p-value of Welch's unequal-variances t-test from each sample's mean, variance and count.
        fn(out, "welch_test r,r,r,r,r,r>r", a -> {
            if (anyNull(a)) {
                return null;
            }
            StatisticalSummaryValues s1 = new StatisticalSummaryValues((Double) a[0], (Double) a[1], Math.round((Double) a[2]), Double.NaN, Double.NaN, Double.NaN);
            StatisticalSummaryValues s2 = new StatisticalSummaryValues((Double) a[3], (Double) a[4], Math.round((Double) a[5]), Double.NaN, Double.NaN, Double.NaN);
            return new TTest().tTest(s1, s2);
        });
        fn(out, "beta_inv r,r,r>r", a -> {
            if (anyNull(a)) {
                return null;
            }
            double p = (Double) a[0];
            if (p < 0 || p > 1) {
                return null;
            }
            if (!validShapes(a)) {
                return Double.NaN;
            }
            return beta(a).inverseCumulativeProbability(p);
        });
    }

    private static boolean anyNull(Object[] a) {
        for (Object o : a) {
            if (o == null) {
                return true;
            }
        }
        return false;
    }

    private static boolean validShapes(Object[] a) {
        double alpha = (Double) a[1];
        double beta = (Double) a[2];
        return alpha > 0 && alpha <= MAX_SHAPE && beta > 0 && beta <= MAX_SHAPE;
    }

    private static BetaDistribution beta(Object[] a) {
        return new BetaDistribution(null, (Double) a[1], (Double) a[2], INVERSE_ACCURACY);
    }
}
