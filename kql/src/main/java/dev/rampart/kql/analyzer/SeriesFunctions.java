package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.List;
import java.util.Map;

/**
 * Series functions that return several columns at once: {@code extend (a, b, c) = series_decompose_anomalies(s)}.
 * Each is analyzed to one call whose result is a record; the tuple names read its fields in order. Also the
 * single-valued series_outliers and series_decompose_forecast, whose constant arguments are checked here.
 */
final class SeriesFunctions {
    /** Output fields in Kusto's order. */
    static final Map<String, List<String>> OUTPUTS = Map.ofEntries(
            Map.entry("series_decompose_anomalies", List.of("ad_flag", "ad_score", "baseline")),
            Map.entry("series_decompose", List.of("baseline", "seasonal", "trend", "residual")),
            Map.entry("series_fit_line", List.of("rsquare", "slope", "variance", "rvariance", "interception", "line_fit")),
            Map.entry("series_fit_2lines", List.of("rsquare", "split_idx", "variance", "rvariance", "line_fit", "right_rsquare",
                    "right_slope", "right_interception", "right_variance", "right_rvariance", "left_rsquare", "left_slope",
                    "left_interception", "left_variance", "left_rvariance")),
            Map.entry("series_fit_poly", List.of("rsquare", "coefficients", "variance", "rvariance", "poly_fit")),
            Map.entry("series_fft", List.of("real", "imag")),
            Map.entry("series_ifft", List.of("real", "imag")),
            Map.entry("series_stats", List.of("min", "min_idx", "max", "max_idx", "avg", "stdev", "variance")),
            // Kusto names detect's second column periods_scores but validate's scores.
            Map.entry("series_periods_detect", List.of("periods", "periods_scores")),
            Map.entry("series_periods_validate", List.of("periods", "scores")));

    /** Highest degree series_fit_poly fits (udf.SeriesFits.MAX_DEGREE, where the reason is given). */
    private static final long MAX_POLY_DEGREE = 64;

    private final ExprAnalyzer x;

    SeriesFunctions(ExprAnalyzer x) {
        this.x = x;
    }

    static boolean isTupleValued(String name) {
        return OUTPUTS.containsKey(name);
    }

    /** The type of one output field: the fits' statistics are reals and split_idx a long, every other field a series. */
    static KqlType fieldType(String fn, String field) {
        return switch (fn) {
            case "series_stats" -> field.endsWith("_idx") ? KqlType.LONG : KqlType.REAL;
            case "series_fit_line" -> field.equals("line_fit") ? KqlType.DYNAMIC : KqlType.REAL;
            case "series_fit_2lines" -> field.equals("line_fit") ? KqlType.DYNAMIC : field.equals("split_idx") ? KqlType.LONG : KqlType.REAL;
            case "series_fit_poly" -> field.equals("coefficients") || field.equals("poly_fit") ? KqlType.DYNAMIC : KqlType.REAL;
            default -> KqlType.DYNAMIC;
        };
    }

    /**
     * Kusto's names for an unnamed call's outputs: series_stats(x) gives series_stats_x_min, series_stats_x_max...
     * A series with no name of its own leaves its part empty: series_stats(series_add(t, 0)) gives series_stats__min.
     */
    static List<String> defaultNames(String fn, Expr.Call c) {
        String arg = c.args().isEmpty() ? null : Naming.derive(c.args().get(0));
        String prefix = fn + "_" + (arg == null ? "" : arg) + "_";
        return OUTPUTS.get(fn).stream().map(f -> prefix + f).toList();
    }

    /**
     * The call with every optional argument made explicit: series, then for decompose(_anomalies) the
     * seasonal period (0 = none), the trend kind, for decompose the test points, and for anomalies the threshold
     * and the percentile pair of the outlier test.
     */
    Rex analyze(Expr.Call c, Scope scope) {
        String fn = c.name();
        List<Expr> a = c.args();
        if (a.isEmpty()) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), fn + "() needs the series (a dynamic array of numbers)");
        }
        Rex series = Types.coerce(x.analyze(a.get(0), scope), KqlType.DYNAMIC);
        if (fn.equals("series_stats")) {
            if (a.size() > 2) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), "series_stats() takes the series and optionally ignore_nonfinite");
            }
            Rex ignore = a.size() > 1 ? Types.coerce(x.analyze(a.get(1), scope), KqlType.BOOL) : new Rex.Lit(false, KqlType.BOOL);
            return new Rex.Call(fn, List.of(series, ignore), KqlType.DYNAMIC);
        }
        if (fn.equals("series_periods_detect") || fn.equals("series_periods_validate")) {
            return periods(c, series, scope);
        }
        if (fn.equals("series_fit_2lines")) {
            Functions.arity(c, 1, 1);
            return new Rex.Call(fn, List.of(series), KqlType.DYNAMIC);
        }
        if (fn.equals("series_fit_poly")) {
            return poly(c, series, scope);
        }
        if (fn.equals("series_fft") || fn.equals("series_ifft")) {
            Functions.arity(c, 1, 2);
            Rex imaginary = a.size() > 1 ? Types.coerce(x.analyze(a.get(1), scope), KqlType.DYNAMIC) : new Rex.Lit(null, KqlType.DYNAMIC);
            return new Rex.Call(fn, List.of(series, imaginary), KqlType.DYNAMIC);
        }
        if (fn.equals("series_fit_line")) {
            if (a.size() > 1) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), "series_fit_line() takes one argument, the series");
            }
            return new Rex.Call(fn, List.of(series), KqlType.DYNAMIC);
        }
        boolean anomalies = fn.equals("series_decompose_anomalies");
        int at = 1;
        double threshold = 1.5;
        if (anomalies) {
            threshold = number(c, a, at++, 1.5);
        }
        long period = (long) number(c, a, at++, -1);
        String trend = text(c, a, at++, "avg");
        long testPoints = (long) number(c, a, at++, 0);
        String method = anomalies ? text(c, a, at++, "ctukey") : "";
        // -1 (the default) detects the period as series_periods_detect would, kept when it scores at least this.
        double seasonalityThreshold = number(c, a, at++, 0.6);
        if (a.size() > at) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, a.get(at).span(), fn + "() takes at most " + at + " arguments");
        }
        if (period < 0) {
            period = -1;
        }
        if (testPoints < 0) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), fn + "(): Test_points cannot be negative");
        }
        if (!List.of("avg", "linefit", "none").contains(trend)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), fn + "(): unknown trend '" + trend + "'",
                    "Use 'avg', 'linefit' or 'none'.");
        }
        Rex p = new Rex.Lit(period, KqlType.LONG);
        Rex t = new Rex.Lit(trend, KqlType.STRING);
        Rex tail = new Rex.Lit(testPoints, KqlType.LONG);
        Rex seasonScore = new Rex.Lit(seasonalityThreshold, KqlType.REAL);
        if (!anomalies) {
            return new Rex.Call(fn, List.of(series, p, t, tail, seasonScore), KqlType.DYNAMIC);
        }
        // Kusto's outlier test: Tukey's fences over the 25th-75th percentiles, or 10th-90th for 'ctukey'.
        double lo;
        double hi;
        switch (method) {
            case "ctukey" -> {
                lo = 0.10;
                hi = 0.90;
            }
            case "tukey" -> {
                lo = 0.25;
                hi = 0.75;
            }
            default -> throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), fn + "(): unknown anomaly detection method '"
                    + method + "'", "Use 'ctukey' or 'tukey'.");
        }
        return new Rex.Call(fn, List.of(series, p, t, new Rex.Lit(threshold, KqlType.REAL),
                new Rex.Lit(lo, KqlType.REAL), new Rex.Lit(hi, KqlType.REAL), tail, seasonScore), KqlType.DYNAMIC);
    }

    /** series_fit_poly(y_series [, x_series [, degree]]): x defaults to 1, 2, ... (null here) and the degree to 1. */
    private Rex poly(Expr.Call c, Rex y, Scope scope) {
        List<Expr> a = c.args();
        Functions.arity(c, 1, 3);
        Rex xs = a.size() > 1 ? Types.coerce(x.analyze(a.get(1), scope), KqlType.DYNAMIC) : new Rex.Lit(null, KqlType.DYNAMIC);
        Rex degree = a.size() > 2 ? Types.coerce(x.analyze(a.get(2), scope), KqlType.LONG) : new Rex.Lit(1L, KqlType.LONG);
        if (degree instanceof Rex.Lit l && l.value() instanceof Number n && (n.longValue() < 0 || n.longValue() > MAX_POLY_DEGREE)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, a.get(2).span(), "series_fit_poly(): degree " + n.longValue()
                    + " is out of range", "Use a degree from 0 to " + MAX_POLY_DEGREE + " (1 fits a line, 2 a parabola).");
        }
        return new Rex.Call("series_fit_poly", List.of(y, xs, degree), KqlType.DYNAMIC);
    }

    /**
     * The single-valued series functions that need constant arguments checked: series_outliers and
     * series_decompose_forecast. Every optional argument is made explicit.
     */
    Rex scalar(Expr.Call c, Scope scope) {
        String fn = Functions.canonical(c.name());
        List<Expr> a = c.args();
        if (fn.equals("series_outliers")) {
            Functions.arity(c, 1, 5);
        } else {
            Functions.arity(c, 2, 5);
        }
        Rex series = Types.coerce(x.analyze(a.get(0), scope), KqlType.DYNAMIC);
        return fn.equals("series_outliers") ? outliers(c, series, scope) : forecast(c, series, scope);
    }

    /** series_outliers(series [, kind [, ignore_val [, min_percentile [, max_percentile]]]]). */
    private Rex outliers(Expr.Call c, Rex series, Scope scope) {
        List<Expr> a = c.args();
        String kind = text(c, a, 1, "ctukey");
        if (!kind.equals("tukey") && !kind.equals("ctukey")) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, a.get(1).span(), "series_outliers(): unknown kind '" + kind + "'",
                    "Use 'ctukey' (custom percentiles, 10 and 90 by default) or 'tukey' (25 and 75).");
        }
        Rex ignore = a.size() > 2 ? Types.coerce(x.analyze(a.get(2), scope), KqlType.REAL) : new Rex.Lit(null, KqlType.REAL);
        double lo = number(c, a, 3, 10);
        double hi = number(c, a, 4, 90);
        if (lo < 2 || hi > 98 || lo >= hi) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, a.get(lo < 2 || lo >= hi ? 3 : 4).span(), "series_outliers(): percentiles "
                    + lo + " and " + hi + " are out of range", "Both must be in [2, 98], min_percentile below max_percentile.");
        }
        return new Rex.Call("series_outliers", List.of(series, new Rex.Lit(kind, KqlType.STRING), ignore, new Rex.Lit(lo, KqlType.REAL),
                new Rex.Lit(hi, KqlType.REAL)), KqlType.DYNAMIC);
    }

    /**
     * series_decompose_forecast(series, points [, seasonality [, trend [, seasonality_threshold]]]): the decomposition
     * learnt from all but the last points, its baseline extended over them. Seasonality -1 (the default) is detected.
     */
    private Rex forecast(Expr.Call c, Rex series, Scope scope) {
        List<Expr> a = c.args();
        Rex points = Types.coerce(x.analyze(a.get(1), scope), KqlType.LONG);
        if (points instanceof Rex.Lit l && l.value() instanceof Number n && n.longValue() < 0) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, a.get(1).span(), "series_decompose_forecast(): Points cannot be negative",
                    "Give the number of trailing points to forecast.");
        }
        long period = (long) number(c, a, 2, -1);
        String trend = text(c, a, 3, "avg");
        double threshold = number(c, a, 4, 0.6);
        if (!List.of("avg", "linefit", "none").contains(trend)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, a.get(3).span(), c.name() + "(): unknown trend '" + trend + "'",
                    "Use 'avg', 'linefit' or 'none'.");
        }
        return new Rex.Call("series_decompose_forecast", List.of(series, points, new Rex.Lit(Math.max(period, -1), KqlType.LONG),
                new Rex.Lit(trend, KqlType.STRING), new Rex.Lit(threshold, KqlType.REAL)), KqlType.DYNAMIC);
    }

    /**
     * series_periods_detect(series, min_period, max_period, num_periods) and series_periods_validate(series,
     * period1, ..., period16); validate's periods travel as one array.
     */
    private Rex periods(Expr.Call c, Rex series, Scope scope) {
        String fn = c.name();
        List<Expr> a = c.args();
        if (Functions.canonical(fn).equals("series_periods_detect")) {
            if (a.size() != 4) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(),
                        fn + "() takes the series, min_period, max_period and num_periods");
            }
            return new Rex.Call("series_periods_detect", List.of(series,
                    Types.coerce(x.analyze(a.get(1), scope), KqlType.REAL), Types.coerce(x.analyze(a.get(2), scope), KqlType.REAL),
                    Types.coerce(x.analyze(a.get(3), scope), KqlType.LONG)), KqlType.DYNAMIC);
        }
        if (a.size() < 2 || a.size() > 17) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), fn + "() takes the series and 1 to 16 periods");
        }
        List<Rex> periods = new java.util.ArrayList<>();
        for (Expr e : a.subList(1, a.size())) {
            periods.add(Types.coerce(x.analyze(e, scope), KqlType.REAL));
        }
        return new Rex.Call("series_periods_validate", List.of(series, new Rex.Call("pack_array", periods, KqlType.DYNAMIC)),
                KqlType.DYNAMIC);
    }

    private double number(Expr.Call c, List<Expr> a, int i, double dflt) {
        if (i >= a.size()) {
            return dflt;
        }
        Rex r = x.analyze(a.get(i), Scope.EMPTY);
        if (r instanceof Rex.Lit l && l.value() instanceof Number n) {
            return n.doubleValue();
        }
        if (r instanceof Rex.Lit l && l.value() == null) {
            return dflt;
        }
        throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, a.get(i).span(), c.name() + "() argument " + (i + 1) + " must be a constant number");
    }

    private String text(Expr.Call c, List<Expr> a, int i, String dflt) {
        if (i >= a.size()) {
            return dflt;
        }
        Rex r = x.analyze(a.get(i), Scope.EMPTY);
        if (r instanceof Rex.Lit l && l.value() instanceof String s) {
            return s.isEmpty() ? dflt : s;
        }
        if (r instanceof Rex.Lit l && l.value() == null) {
            return dflt;
        }
        throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, a.get(i).span(), c.name() + "() argument " + (i + 1) + " must be a constant string");
    }
}
