package dev.rampart.kql.udf;

/**
 * A least-squares line over a stretch of a series, with the statistics series_fit_line reports: the positions
 * are 1, 2, ... from the stretch's first element, variances are sample variances (n - 1), and R squared is
 * 1 - rvariance / variance. A NaN element is a missing point: it keeps its position but is left out of the fit.
 * A statistic that is undefined (fewer than two points, a constant stretch) is NaN.
 */
record LineFit(double slope, double interception, double rsquare, double variance, double rvariance, double[] fitted) {

    /** The line through {@code y[from..to)}. */
    static LineFit of(double[] y, int from, int to) {
        int n = 0;
        double sx = 0;
        double sy = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(y[i])) {
                n++;
                sx += i - from + 1;
                sy += y[i];
            }
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(y[i])) {
                double dx = i - from + 1 - mx;
                sxx += dx * dx;
                sxy += dx * (y[i] - my);
            }
        }
        double slope = n == 0 ? Double.NaN : sxx > 0 ? sxy / sxx : 0;
        double interception = my - slope * mx;
        double[] fitted = new double[to - from];
        double[] residual = new double[to - from];
        double[] values = new double[to - from];
        for (int i = from; i < to; i++) {
            fitted[i - from] = interception + slope * (i - from + 1);
            residual[i - from] = y[i] - fitted[i - from];
            values[i - from] = y[i];
        }
        double variance = sampleVariance(values);
        double rvariance = sampleVariance(residual);
        return new LineFit(slope, interception, variance == 0 ? Double.NaN : 1 - rvariance / variance, variance, rvariance, fitted);
    }

    /** Sum of squared deviations from the mean / (n - 1) over the values that are not NaN; NaN below two values. */
    static double sampleVariance(double[] v) {
        int n = 0;
        double sum = 0;
        for (double d : v) {
            if (!Double.isNaN(d)) {
                n++;
                sum += d;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mean = sum / n;
        double ss = 0;
        for (double d : v) {
            if (!Double.isNaN(d)) {
                ss += (d - mean) * (d - mean);
            }
        }
        return ss / (n - 1);
    }
}
