package dev.rampart.kql.sql;

import dev.rampart.kql.plan.Rex;

import java.util.List;

/**
 * The several-output series functions as one correlated subquery over DuckDB lists, each step a layer so
 * every intermediate series is computed once. The result is a record of JSON series (and reals); for
 * series_decompose_forecast, the one series it returns. Positions are 1-based, as DuckDB's lambda index is.
 */
final class SeriesSql {
    private SeriesSql() {
    }

    static boolean handles(String fn) {
        return fn.equals("series_decompose_anomalies") || fn.equals("series_decompose") || fn.equals("series_fit_line")
                || fn.equals("series_stats") || fn.equals("series_periods_detect") || fn.equals("series_periods_validate")
                || fn.equals("series_decompose_forecast") || BAGS.containsKey(fn);
    }

    static String render(RexRenderer x, Rex.Call c, String q) {
        SqlDialect d = x.dialect();
        List<Rex> a = c.args();
        String series = x.r(a.get(0), q);
        if (c.fn().equals("series_stats")) {
            return stats(x, series, x.r(a.get(1), q));
        }
        if (c.fn().startsWith("series_periods_")) {
            return periods(x, c, q);
        }
        if (BAGS.containsKey(c.fn())) {
            return bag(x, c, q);
        }
        if (c.fn().equals("series_decompose_forecast")) {
            return forecast(x, c, q, series);
        }
        boolean fit = c.fn().equals("series_fit_line");
        boolean anomalies = c.fn().equals("series_decompose_anomalies");
        long period = fit ? 0 : (Long) ((Rex.Lit) a.get(1)).value();
        String trend = fit ? "linefit" : (String) ((Rex.Lit) a.get(2)).value();
        String tail = fit ? "0" : x.r(a.get(anomalies ? 6 : 3), q);
        String p = fit ? x.param(0L) : period(x, period, a.get(anomalies ? 7 : 4), q);
        String layers = decompose(x, series, p, trend, tail);
        switch (c.fn()) {
            case "series_decompose":
                return "(SELECT " + d.packRecord(List.of("baseline", "seasonal", "trend", "residual"),
                        List.of(d.toJson("b"), d.toJson("se"), d.toJson("tr"), d.toJson("r"))) + " FROM " + layers + ")";
            case "series_fit_line": {
                String variance = "list_aggregate(x, 'var_samp')";
                String rvariance = "list_aggregate(r, 'var_samp')";
                return "(SELECT " + d.packRecord(List.of("rsquare", "slope", "variance", "rvariance", "interception", "line_fit"),
                        List.of("(1 - " + rvariance + " / nullif(" + variance + ", 0))", "coalesce(k, 0)", variance, rvariance,
                                "(my - coalesce(k, 0) * mi)", d.toJson("tr"))) + " FROM " + layers + ")";
            }
            default: {
                String threshold = x.r(a.get(3), q);
                // The fences come from the learnt points; test points are scored against them.
                String lo = "list_aggregate(list_slice(r, 1, nt), 'quantile_cont', " + x.r(a.get(4), q) + ")";
                String hi = "list_aggregate(list_slice(r, 1, nt), 'quantile_cont', " + x.r(a.get(5), q) + ")";
                // Tukey's test: distance beyond the fence in units of the percentile range (0 inside it or when the range is empty).
                String score = "list_transform(r, lambda v: CASE WHEN hi - lo <= 0 THEN 0.0 WHEN v > hi THEN (v - hi) / (hi - lo)"
                        + " WHEN v < lo THEN (v - lo) / (hi - lo) ELSE 0.0 END)";
                String flag = "list_transform(sc, lambda v: CASE WHEN v > " + threshold + " THEN 1 WHEN v < - " + threshold + " THEN -1 ELSE 0 END)";
                return "(SELECT " + d.packRecord(List.of("ad_flag", "ad_score", "baseline"), List.of(d.toJson(flag), d.toJson("sc"), d.toJson("b")))
                        + " FROM (SELECT b, " + score + " AS sc FROM (SELECT b, r, " + lo + " AS lo, " + hi + " AS hi FROM "
                        + layers + ") AS _sa) AS _sb)";
            }
        }
    }

    /**
     * The several-output functions computed in Java as one bag (udf.SeriesFits, udf.SeriesFourier): the Java function
     * that makes it and each output's field path and SQL type (null keeps JSON), in the analyzer's output order.
     */
    private record Output(String name, String path, String type) {
    }

    private record Bag(String javaFunction, List<Output> outputs) {
    }

    private static final java.util.Map<String, Bag> BAGS = java.util.Map.of(
            "series_fit_2lines", new Bag("series_fit_2lines_dynamic", twoLinesOutputs()),
            "series_fit_poly", new Bag("series_fit_poly", List.of(new Output("rsquare", "$.rsquare", "DOUBLE"),
                    new Output("coefficients", "$.coefficients", null), new Output("variance", "$.variance", "DOUBLE"),
                    new Output("rvariance", "$.rvariance", "DOUBLE"), new Output("poly_fit", "$.poly_fit", null))),
            "series_fft", new Bag("series_fft", List.of(new Output("real", "$.real", null), new Output("imag", "$.imag", null))),
            "series_ifft", new Bag("series_ifft", List.of(new Output("real", "$.real", null), new Output("imag", "$.imag", null))));

    /** series_fit_2lines' columns read series_fit_2lines_dynamic's bag, right_slope from right.slope. */
    private static List<Output> twoLinesOutputs() {
        List<Output> out = new java.util.ArrayList<>(List.of(new Output("rsquare", "$.rsquare", "DOUBLE"),
                new Output("split_idx", "$.split_idx", "BIGINT"), new Output("variance", "$.variance", "DOUBLE"),
                new Output("rvariance", "$.rvariance", "DOUBLE"), new Output("line_fit", "$.line_fit", null)));
        for (String side : List.of("right", "left")) {
            for (String stat : List.of("rsquare", "slope", "interception", "variance", "rvariance")) {
                out.add(new Output(side + "_" + stat, "$." + side + "." + stat, "DOUBLE"));
            }
        }
        return out;
    }

    private static String bag(RexRenderer x, Rex.Call c, String q) {
        SqlDialect d = x.dialect();
        Bag bag = BAGS.get(c.fn());
        dev.rampart.kql.udf.JavaFunction f = dev.rampart.kql.udf.JavaFunctions.find(bag.javaFunction()).orElseThrow();
        String[] specs = f.argumentSpecs();
        List<String> args = new java.util.ArrayList<>();
        for (int i = 0; i < specs.length; i++) {
            args.add("CAST(" + x.r(c.args().get(i), q) + " AS " + dev.rampart.kql.udf.JavaFunctions.sqlType(specs[i].charAt(0)) + ")");
        }
        List<String> names = new java.util.ArrayList<>();
        List<String> values = new java.util.ArrayList<>();
        for (Output o : bag.outputs()) {
            String v = "json_extract(_sb.j, " + x.param(o.path()) + ")";
            names.add(o.name());
            values.add(o.type() == null ? v : "CAST(" + v + " AS " + o.type() + ")");
        }
        return "(SELECT " + d.packRecord(names, values) + " FROM (SELECT CAST(" + f.sqlName() + "(" + String.join(", ", args)
                + ") AS JSON) AS j) AS _sb)";
    }

    /**
     * series_decompose_forecast: the baseline of the decomposition learnt without the last points. A negative
     * seasonality detects the period in the learning part, kept when it scores at least the threshold.
     */
    private static String forecast(RexRenderer x, Rex.Call c, String q, String series) {
        List<Rex> a = c.args();
        long period = (Long) ((Rex.Lit) a.get(2)).value();
        String trend = (String) ((Rex.Lit) a.get(3)).value();
        String p = period(x, period, a.get(4), q);
        return "(SELECT " + x.dialect().toJson("b") + " FROM " + decompose(x, series, p, trend, x.r(a.get(1), q)) + ")";
    }

    /**
     * The seasonal period of a decomposition: the given one, or for a negative one the period detected in the learning
     * part (the points before the test points), kept when it scores at least the threshold (0 = no seasonality).
     */
    private static String period(RexRenderer x, long period, Rex threshold, String q) {
        return period >= 0 ? x.param(period)
                : dev.rampart.kql.udf.JavaFunctions.find("__series_period").orElseThrow().sqlName()
                + "(CAST(to_json(list_slice(x, 1, nt)) AS VARCHAR), CAST(" + x.r(threshold, q) + " AS DOUBLE))";
    }

    /** series_stats: the bag series_stats_dynamic computes (udf.SeriesFilters), read field by field into a record. */
    private static String stats(RexRenderer x, String series, String ignore) {
        SqlDialect d = x.dialect();
        String fn = dev.rampart.kql.udf.JavaFunctions.find("series_stats_dynamic").orElseThrow().sqlName();
        List<String> names = List.of("min", "min_idx", "max", "max_idx", "avg", "stdev", "variance");
        List<String> values = new java.util.ArrayList<>();
        for (String n : names) {
            values.add("CAST(json_extract(_st.j, " + x.param("$." + n) + ") AS " + (n.endsWith("_idx") ? "BIGINT" : "DOUBLE") + ")");
        }
        return "(SELECT " + d.packRecord(names, values) + " FROM (SELECT CAST(" + fn + "(CAST(" + series + " AS VARCHAR), CAST(" + ignore
                + " AS BOOLEAN)) AS JSON) AS j) AS _st)";
    }

    /** series_periods_detect/validate: the bag of both arrays the Java function (udf.SeriesPeriods) computes, as a record. */
    private static String periods(RexRenderer x, Rex.Call c, String q) {
        SqlDialect d = x.dialect();
        dev.rampart.kql.udf.JavaFunction f = dev.rampart.kql.udf.JavaFunctions.find(c.fn()).orElseThrow();
        String[] specs = f.argumentSpecs();
        List<String> args = new java.util.ArrayList<>();
        for (int i = 0; i < specs.length; i++) {
            args.add("CAST(" + x.r(c.args().get(i), q) + " AS " + dev.rampart.kql.udf.JavaFunctions.sqlType(specs[i].charAt(0)) + ")");
        }
        List<String> names = List.of("periods", c.fn().equals("series_periods_detect") ? "periods_scores" : "scores");
        List<String> values = new java.util.ArrayList<>();
        for (String n : names) {
            values.add("json_extract(_sp.j, " + x.param("$." + n) + ")");
        }
        return "(SELECT " + d.packRecord(names, values) + " FROM (SELECT CAST(" + f.sqlName() + "(" + String.join(", ", args)
                + ") AS JSON) AS j) AS _sp)";
    }

    /**
     * x (the series), nt (how many leading points the decomposition learns from: all but the {@code tail} last),
     * p (the period, from SQL that may read x and nt), se (seasonal: the median of the learnt points of the same phase),
     * tr (trend of x - se, fitted to the learnt points and extended over the rest), b = se + tr (baseline),
     * r = x - b (residual), and the line's my, mi, k (mean value, mean position, slope).
     */
    private static String decompose(RexRenderer x, String series, String period, String trend, String tail) {
        String seasonal = "CASE WHEN p > 0 THEN list_transform(x, lambda v, i: list_aggregate(list_filter(x, lambda w, j: j <= nt"
                + " AND (j - i) % p = 0), 'median')) ELSE list_transform(x, lambda v: 0.0) END";
        String learnt = "list_slice(ds, 1, nt)";
        String slope = "list_sum(list_transform(" + learnt + ", lambda v, i: (i - mi) * (v - my))) / nullif(list_sum(list_transform("
                + learnt + ", lambda v, i: (i - mi) * (i - mi))), 0)";
        String tr = switch (trend) {
            case "avg" -> "list_transform(ds, lambda v: my)";
            case "linefit" -> "list_transform(ds, lambda v, i: my + coalesce(k, 0) * (i - mi))";
            default -> "list_transform(ds, lambda v: 0.0)";
        };
        String l0 = "(SELECT x, CAST(greatest(len(x) - greatest(" + tail + ", 0), 0) AS BIGINT) AS nt FROM (SELECT CAST(" + series
                + " AS DOUBLE[]) AS x) AS _sx) AS _s0";
        String lp = "(SELECT x, nt, CAST(" + period + " AS BIGINT) AS p FROM " + l0 + ") AS _sp";
        String l1 = "(SELECT x, nt, " + seasonal + " AS se FROM " + lp + ") AS _s1";
        String l2 = "(SELECT x, nt, se, list_transform(x, lambda v, i: v - se[i]) AS ds FROM " + l1 + ") AS _s2";
        String l3 = "(SELECT x, nt, se, ds, coalesce(list_avg(" + learnt + "), 0) AS my, (nt + 1) / 2.0 AS mi FROM " + l2 + ") AS _s3";
        String l4 = "(SELECT x, nt, se, ds, my, mi, " + slope + " AS k FROM " + l3 + ") AS _s4";
        String l5 = "(SELECT x, nt, se, my, mi, k, " + tr + " AS tr FROM " + l4 + ") AS _s5";
        String l6 = "(SELECT x, nt, se, tr, my, mi, k, list_transform(x, lambda v, i: se[i] + tr[i]) AS b FROM " + l5 + ") AS _s6";
        return "(SELECT x, nt, se, tr, b, my, mi, k, list_transform(x, lambda v, i: v - b[i]) AS r FROM " + l6 + ") AS _s7";
    }
}
