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
 * Each is analyzed to one call whose result is a record; the tuple names read its fields in order.
 */
final class SeriesFunctions {
    /** Output fields in Kusto's order. */
    static final Map<String, List<String>> OUTPUTS = Map.of(
            "series_decompose_anomalies", List.of("ad_flag", "ad_score", "baseline"),
            "series_decompose", List.of("baseline", "seasonal", "trend", "residual"),
            "series_fit_line", List.of("rsquare", "slope", "variance", "rvariance", "interception", "line_fit"),
            "series_stats", List.of("min", "min_idx", "max", "max_idx", "avg", "stdev", "variance"),
            // Kusto names detect's second column periods_scores but validate's scores.
            "series_periods_detect", List.of("periods", "periods_scores"),
            "series_periods_validate", List.of("periods", "scores"));

    private final ExprAnalyzer x;

    SeriesFunctions(ExprAnalyzer x) {
        this.x = x;
    }

    static boolean isTupleValued(String name) {
        return OUTPUTS.containsKey(name);
    }

    /** The type of one output field: series_fit_line's statistics are reals, every other field a series. */
    static KqlType fieldType(String fn, String field) {
        if (fn.equals("series_stats")) {
            return field.endsWith("_idx") ? KqlType.LONG : KqlType.REAL;
        }
        return fn.equals("series_fit_line") && !field.equals("line_fit") ? KqlType.REAL : KqlType.DYNAMIC;
    }

    /** Kusto's names for an unnamed call's outputs: series_stats(x) gives series_stats_x_min, series_stats_x_max... */
    static List<String> defaultNames(String fn, Expr.Call c) {
        String arg = c.args().isEmpty() ? null : Naming.derive(c.args().get(0));
        String prefix = fn + (arg == null ? "" : "_" + arg) + "_";
        return OUTPUTS.get(fn).stream().map(f -> prefix + f).toList();
    }

    /**
     * The call with every optional argument made explicit: series, then for decompose(_anomalies) the
     * seasonal period (0 = none), the trend kind, and for anomalies the threshold and the percentile pair
     * of the outlier test.
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
        if (period < 0) {
            x.analyzer.warn(ErrorCode.UNSUPPORTED, c.span(), fn + "(): seasonality autodetection (-1) is not performed;"
                    + " the series is decomposed without a seasonal component. Pass the period in bins to use one");
            period = 0;
        }
        if (testPoints != 0) {
            throw KqlException.unsupported(c.span(), "fn:" + fn + ":test_points", fn + "() with Test_points (forecasting)");
        }
        if (!List.of("avg", "linefit", "none").contains(trend)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), fn + "(): unknown trend '" + trend + "'",
                    "Use 'avg', 'linefit' or 'none'.");
        }
        Rex p = new Rex.Lit(period, KqlType.LONG);
        Rex t = new Rex.Lit(trend, KqlType.STRING);
        if (!anomalies) {
            return new Rex.Call(fn, List.of(series, p, t), KqlType.DYNAMIC);
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
                new Rex.Lit(lo, KqlType.REAL), new Rex.Lit(hi, KqlType.REAL)), KqlType.DYNAMIC);
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
