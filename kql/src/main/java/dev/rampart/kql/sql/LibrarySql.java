package dev.rampart.kql.sql;

import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.kql.udf.JavaFunction;
import dev.rampart.kql.udf.JavaFunctions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DuckDB spelling of the plain-typed library functions. A template names its arguments {@code $0..$9}
 * ({@code $*}: all, comma-separated); text between single quotes becomes a bind parameter, so no query
 * text and no constant reaches the SQL as a literal.
 */
final class LibrarySql {
    private static final Map<String, String> T = new HashMap<>();

    private static void t(String name, String template) {
        T.put(name, template);
    }

    static {
        for (String f : List.of("sin", "cos", "tan", "atan", "cot", "radians", "degrees", "gamma", "isnan", "isinf", "isfinite", "sign")) {
            t(f, f + "($0)");
        }
        // Outside their domain Kusto answers null where DuckDB would fail the query; log2(0) is -infinity.
        t("asin", "(CASE WHEN $0 BETWEEN -1 AND 1 THEN asin($0) END)");
        t("acos", "(CASE WHEN $0 BETWEEN -1 AND 1 THEN acos($0) END)");
        t("log2", "(CASE WHEN $0 > 0 THEN log2($0) WHEN $0 = 0 THEN CAST('-Infinity' AS DOUBLE) END)");
        t("atan2", "atan2($0, $1)");
        t("exp2", "pow(2, $0)");
        t("exp10", "pow(10, $0)");
        t("loggamma", "lgamma($0)");
        t("pi", "pi()");
        t("binary_and", "($0 & $1)");
        t("binary_or", "($0 | $1)");
        t("binary_xor", "xor($0, $1)");
        t("binary_not", "(~ $0)");
        t("binary_shift_left", "($0 << $1)");
        t("binary_shift_right", "($0 >> $1)");
        t("bitset_count_ones", "CAST(bit_count($0) AS BIGINT)");
        t("strcmp", "(CASE WHEN $0 < $1 THEN -1 WHEN $0 > $1 THEN 1 ELSE 0 END)");
        t("isascii", "regexp_full_match($0, '[\\x00-\\x7F]*')");
        t("unicode_codepoints_from_string", "to_json(list_transform(string_split($0, ''), lambda _c: unicode(_c)))");
        t("url_encode_component", "array_to_string(list_transform(string_split($0, ''), lambda _c: CASE WHEN regexp_full_match(_c, '[A-Za-z0-9_.~-]') THEN _c"
                + " ELSE regexp_replace(lower(hex(encode(_c))), '(..)', '%\\1', 'g') END), '')");
        t("url_encode", "array_to_string(list_transform(string_split($0, ''), lambda _c: CASE WHEN regexp_full_match(_c, '[A-Za-z0-9_.~-]') THEN _c"
                + " WHEN _c = ' ' THEN '+' ELSE regexp_replace(lower(hex(encode(_c))), '(..)', '%\\1', 'g') END), '')");
        t("base64_encode_tostring", "to_base64(encode($0))");
        // Text that is not base64 gives null, as in Kusto, instead of failing the query.
        t("base64_decode_toarray", "to_json(list_transform(range(0, CAST(octet_length(try(from_base64($0))) AS BIGINT)),"
                + " lambda _i: CAST(concat('0x', substring(hex(from_base64($0)), CAST(2 * _i + 1 AS BIGINT), 2)) AS INTEGER)))");
        t("base64_encode_fromarray", "to_base64(unhex(array_to_string(list_transform(CAST($0 AS BIGINT[]), lambda _b: lpad(to_hex(_b), 2, '0')), '')))");
        t("hash_md5", "md5($0)");
        // hash() inputs: datetimes and timespans as 100-ns ticks (datetimes from 0001-01-01)
        t("__datetime_ticks", "(epoch_us($0) * 10 + 621355968000000000)");
        // countof() of plain text counts every start position, overlapping ones included
        t("__countof_overlapping", "CAST(len(list_filter(range(1, length($0) - length($1) + 2), lambda _i: length($1) > 0"
                + " AND substring($0, _i, length($1)) = $1)) AS BIGINT)");
        t("__timespan_ticks", "CAST(round(epoch($0) * 10000000) AS BIGINT)");
        t("hash_sha256", "sha256($0)");
        t("hash_sha1", "sha1($0)");
        t("strcat_delim", "concat_ws($*)");
        t("repeat", "to_json(list_transform(range(0, greatest($1, 0)), lambda _i: $0))");
        t("array_reverse", "to_json(list_reverse(CAST($0 AS JSON[])))");
        t("array_sum", "list_sum(CAST($0 AS DOUBLE[]))");
        // A merge patch merges a bag value into the old one, so the old value is removed first in that case.
        t("bag_set_key", "json_merge_patch(CASE WHEN json_type(to_json($2)) = 'OBJECT' THEN json_merge_patch($0, json_object($1, NULL)) ELSE $0 END,"
                + " json_object($1, to_json($2)))");
        // bag_set_key with a constant key or path: bag, a patch that removes the leaf, the nested value, the value (see ScalarExtras).
        // indexof_regex(text, re, start, length, occurrence) searches the window of length characters from start (all the rest
        // for -1). Splitting the window on the regex and extracting its matches walk the same successive non-overlapping
        // matches, so the n-th match starts after the first n pieces and the first n - 1 matches.
        String window = "substring($0, $2 + 1, CASE WHEN $3 = -1 THEN length($0) ELSE $3 END)";
        t("indexof_regex", "CAST(CASE WHEN $0 IS NULL OR $1 IS NULL OR $2 < 0 OR $3 < -1 OR $4 < 0 THEN NULL"
                + " WHEN $4 = 0 OR len(regexp_extract_all(" + window + ", $1)) < $4 THEN -1"
                + " ELSE $2 + coalesce(list_sum(list_transform(list_slice(regexp_split_to_array(" + window + ", $1), 1, $4),"
                + " lambda _p: length(_p))), 0) + coalesce(list_sum(list_transform(list_slice(regexp_extract_all(" + window + ", $1),"
                + " 1, $4 - 1), lambda _m: length(_m))), 0) END AS BIGINT)");
        t("assert", "(CASE WHEN $0 THEN true ELSE error(concat('assert() failed: ', $1)) END)");
        // As RE2 quotes: every ASCII character other than letters, digits and '_' gets a backslash.
        t("regex_quote", "regexp_replace($0, '([^A-Za-z0-9_\\x{80}-\\x{10FFFF}])', '\\\\\\1', 'g')");
        // Nested keys as DuckDB paths (see ScalarExtras): existence, and removal by a patch that nulls the key.
        t("bag_has_path", "coalesce(json_type($0) = 'OBJECT' AND json_exists($0, $1), false)");
        t("bag_remove_path", "(CASE WHEN json_exists($0, $1) THEN json_merge_patch($0, $2) ELSE $0 END)");
        t("bag_set_path", "json_merge_patch(CASE WHEN json_type(to_json($3)) = 'OBJECT' THEN json_merge_patch($0, $1) ELSE $0 END, $2)");
        t("bag_remove_keys", "to_json(map_from_entries(list_filter(map_entries(CAST($0 AS MAP(VARCHAR, JSON))),"
                + " lambda _e: NOT list_contains(CAST($1 AS VARCHAR[]), _e.key))))");
        t("bag_zip", "(CASE WHEN json_type($0) = 'ARRAY' THEN to_json(map_from_entries(list_filter(list_transform(CAST($0 AS JSON[]), lambda _k, _i:"
                + " struct_pack(k := CASE WHEN json_type(_k) = 'VARCHAR' THEN json_extract_string(_k, '$') END,"
                + " v := CASE WHEN json_type($1) = 'ARRAY' THEN CAST($1 AS JSON[])[_i] END)), lambda _e: _e.k IS NOT NULL))) END)");
        t("datetime_utc_to_local", "timezone($1, timezone('UTC', $0))");
        // The zones the conversions above accept are the database's own (ICU's), so the list is read from it, less ICU's
        // aliases that are no IANA names: the three-letter IDs it keeps for old Java and the withdrawn SystemV zones.
        t("datetime_list_timezones", "(SELECT to_json(list(name ORDER BY name)) FROM pg_timezone_names() WHERE NOT starts_with(name, 'SystemV/')"
                + " AND name NOT IN ('ACT', 'AET', 'AGT', 'ART', 'AST', 'BET', 'BST', 'CAT', 'CNT', 'CST', 'CTT', 'EAT', 'ECT', 'IET', 'IST',"
                + " 'JST', 'MIT', 'NET', 'NST', 'PLT', 'PNT', 'PRT', 'PST', 'SST', 'VST'))");
        // A local time in a DST gap takes the offset in force after the transition, as Kusto does.
        t("datetime_local_to_utc", "($0 - (timezone($1, timezone('UTC', timezone('UTC', timezone($1, $0)))) - timezone('UTC', timezone($1, $0))))");
        // Great-circle distance in meters on the sphere Kusto's geospatial functions use (radius 6,371,010 m,
        // which the documented lengths reproduce); out-of-range coordinates give null.
        String valid = "$0 BETWEEN -180 AND 180 AND $1 BETWEEN -90 AND 90 AND $2 BETWEEN -180 AND 180 AND $3 BETWEEN -90 AND 90";
        String distance = haversine("$0", "$1", "$2", "$3");
        t("geo_distance_2points", "(CASE WHEN " + valid + " THEN " + distance + " END)");
        t("geo_azimuth", "(CASE WHEN " + valid + " AND NOT ($0 = $2 AND $1 = $3) THEN (atan2(sin(radians($2 - $0)) * cos(radians($3)),"
                + " cos(radians($1)) * sin(radians($3)) - sin(radians($1)) * cos(radians($3)) * cos(radians($2 - $0))) + 2 * pi()) % (2 * pi()) END)");
        String segments = "list_sum(list_transform(range(1, len(_l)), lambda _i: " + haversine("_l[_i][1]", "_l[_i][2]", "_l[_i + 1][1]", "_l[_i + 1][2]") + "))";
        String line = "(SELECT CASE WHEN len(_l) >= 2 THEN " + segments + " END FROM (SELECT CAST(json_extract($0, '$.coordinates') AS DOUBLE[][]) AS _l) AS _s)";
        String lines = "(SELECT CASE WHEN len(_m) > 0 AND list_bool_and(list_transform(_m, lambda _l: len(_l) >= 2)) THEN list_sum(list_transform(_m,"
                + " lambda _l: " + segments + ")) END FROM (SELECT CAST(json_extract($0, '$.coordinates') AS DOUBLE[][][]) AS _m) AS _s)";
        t("geo_line_length", "(CASE json_extract_string($0, '$.type') WHEN 'LineString' THEN " + line + " WHEN 'MultiLineString' THEN " + lines + " END)");
        // geo_polygon_area, geo_polygon_perimeter and geo_point_in_polygon are Java functions (udf.PolygonFunctions).
        // Shortest distance to any segment: the cross-track distance when the point projects inside the segment, else to its nearer end.
        String a = "_l[_i][1], _l[_i][2]";
        String b = "_l[_i + 1][1], _l[_i + 1][2]";
        String d13 = angle(a, "$0, $1");
        String turn = "(" + bearing(a, "$0, $1") + " - " + bearing(a, b) + ")";
        String dxt = "asin(sin(" + d13 + ") * sin(" + turn + "))";
        String segment = "CASE WHEN cos(" + turn + ") < 0 THEN " + d13 + " WHEN acos(least(1.0, cos(" + d13 + ") / cos(" + dxt + "))) > " + angle(a, b)
                + " THEN " + angle(b, "$0, $1") + " ELSE abs(" + dxt + ") END";
        String toLine = "CASE WHEN len(_l) >= 2 THEN 6371010.0 * list_min(list_transform(range(1, len(_l)), lambda _i: " + segment + ")) END";
        // One-element list_transforms rather than subqueries: DuckDB cannot bind a row's columns in a lambda inside a subquery.
        // A MultiLineString is as near as its nearest line, and invalid if any line has fewer than two points.
        t("geo_distance_point_to_line", "(CASE WHEN NOT ($0 BETWEEN -180 AND 180 AND $1 BETWEEN -90 AND 90) THEN NULL"
                + " WHEN json_extract_string($2, '$.type') = 'LineString' THEN"
                + " list_transform([CAST(json_extract($2, '$.coordinates') AS DOUBLE[][])], lambda _l: " + toLine + ")[1]"
                + " WHEN json_extract_string($2, '$.type') = 'MultiLineString' THEN"
                + " list_transform([CAST(json_extract($2, '$.coordinates') AS DOUBLE[][][])], lambda _m: CASE WHEN len(_m) > 0"
                + " AND len(list_filter(_m, lambda _l: len(_l) < 2)) = 0 THEN list_min(list_transform(_m, lambda _l: " + toLine + ")) END)[1] END)");
        t("geo_point_in_circle", "(CASE WHEN " + valid + " AND $4 >= 0 THEN " + distance + " <= $4 END)");
        t("week_of_year", "CAST(weekofyear($0) AS INTEGER)");
        t("monthofyear", "CAST(month($0) AS INTEGER)");
        t("dayofyear", "CAST(dayofyear($0) AS INTEGER)");
        t("getyear", "CAST(year($0) AS INTEGER)");
        t("unixtime_microseconds_todatetime", "make_timestamp(CAST($0 AS BIGINT))");
        t("unixtime_nanoseconds_todatetime", "make_timestamp(CAST($0 / 1000 AS BIGINT))");
        t("gettype_dynamic", "(CASE json_type($0) WHEN 'BIGINT' THEN (CASE WHEN CAST($0 AS BIGINT) BETWEEN -2147483648 AND 2147483647 THEN 'int' ELSE 'long' END)"
                + " WHEN 'UBIGINT' THEN (CASE WHEN CAST($0 AS HUGEINT) <= 2147483647 THEN 'int' ELSE 'long' END) WHEN 'DOUBLE' THEN 'real'"
                + " WHEN 'VARCHAR' THEN 'string' WHEN 'BOOLEAN' THEN 'bool' WHEN 'OBJECT' THEN 'dictionary' WHEN 'ARRAY' THEN 'array'"
                + " WHEN 'NULL' THEN 'null' END)");
    }

    static {
        String unary = "to_json(list_transform(CAST($0 AS DOUBLE[]), lambda _v: %s))";
        for (String f : List.of("abs", "acos", "asin", "atan", "cos", "exp", "floor", "sign", "sin", "sqrt", "tan")) {
            t("series_" + f, unary.formatted(f + "(_v)"));
        }
        t("series_ceiling", unary.formatted("ceil(_v)"));
        t("series_log", unary.formatted("ln(_v)"));
        // Either operand may be a scalar, which applies to every element (series_multiply(10, s)); arrays of
        // different lengths give a result as long as the longer one, null where an element is missing or not a number.
        String at1 = "(CASE WHEN json_type($1) = 'ARRAY' THEN CAST($1 AS DOUBLE[])[_i] ELSE CAST($1 AS DOUBLE) END)";
        String binary = "to_json(list_transform(range(1, CAST(greatest(" + seriesLength(0) + ", " + seriesLength(1) + ") AS BIGINT) + 1),"
                + " lambda _i: %s))";
        String a = seriesElement(0);
        String b = seriesElement(1);
        String[][] ops = {{"add", a + " + " + b}, {"subtract", a + " - " + b}, {"multiply", a + " * " + b}, {"divide", a + " / " + b},
                {"pow", "pow(" + a + ", " + b + ")"}, {"greater", a + " > " + b}, {"greater_equals", a + " >= " + b},
                {"less", a + " < " + b}, {"less_equals", a + " <= " + b}, {"equals", a + " = " + b}, {"not_equals", a + " <> " + b}};
        for (String[] op : ops) {
            t("series_" + op[0], binary.formatted(op[1]));
        }
        t("series_sum", "coalesce(list_sum(CAST($0 AS DOUBLE[])), 0)");
        t("series_magnitude", "sqrt(coalesce(list_sum(list_transform(CAST($0 AS DOUBLE[]), lambda _v: _v * _v)), 0))");
        t("series_dot_product", "list_sum(list_transform(CAST($0 AS DOUBLE[]), lambda _v, _i: _v * " + at1 + "))");
        t("series_cosine_similarity", "(list_sum(list_transform(CAST($0 AS DOUBLE[]), lambda _v, _i: _v * " + at1 + "))"
                + " / sqrt(list_sum(list_transform(CAST($0 AS DOUBLE[]), lambda _v: _v * _v)) * list_sum(list_transform(CAST($1 AS DOUBLE[]), lambda _v: _v * _v))))");
        t("series_fill_forward", "to_json(list_transform(CAST($0 AS JSON[]), lambda _v, _i: list_filter(list_slice(CAST($0 AS JSON[]), 1, _i),"
                + " lambda _w: json_type(_w) <> 'NULL')[-1]))");
        t("series_fill_backward", "to_json(list_transform(CAST($0 AS JSON[]), lambda _v, _i: list_filter(list_slice(CAST($0 AS JSON[]), _i, len(CAST($0 AS JSON[]))),"
                + " lambda _w: json_type(_w) <> 'NULL')[1]))");
    }

    /** Central angle between two points given as "lon, lat" SQL pairs. */
    private static String angle(String p1, String p2) {
        String[] a = p1.split(", ");
        String[] b = p2.split(", ");
        return "(2 * asin(sqrt(pow(sin(radians(" + b[1] + " - " + a[1] + ") / 2), 2) + cos(radians(" + a[1] + ")) * cos(radians(" + b[1]
                + ")) * pow(sin(radians(" + b[0] + " - " + a[0] + ") / 2), 2))))";
    }

    /** Initial bearing from the first point to the second, in radians. */
    private static String bearing(String p1, String p2) {
        String[] a = p1.split(", ");
        String[] b = p2.split(", ");
        return "atan2(sin(radians(" + b[0] + " - " + a[0] + ")) * cos(radians(" + b[1] + ")), cos(radians(" + a[1] + ")) * sin(radians(" + b[1]
                + ")) - sin(radians(" + a[1] + ")) * cos(radians(" + b[1] + ")) * cos(radians(" + b[0] + " - " + a[0] + ")))";
    }

    // Serialized-row window layers (analyzer.SerialWindows): $0 value, then group number and row position.
    static {
        t("win_flag", "coalesce($0, false)");
        t("win_changed", "(coalesce($1, false) OR ($0 IS DISTINCT FROM lag($0, 1) OVER ()) OR row_number() OVER () = 1)");
        t("win_group", "sum(CASE WHEN $0 THEN 1 ELSE 0 END) OVER (ORDER BY $1 ROWS UNBOUNDED PRECEDING)");
        t("win_rownum", "CAST($0 + row_number() OVER (PARTITION BY $1 ORDER BY $2) - 1 AS BIGINT)");
        t("win_cumsum", "sum($0) OVER (PARTITION BY $1 ORDER BY $2 ROWS UNBOUNDED PRECEDING)");
        t("win_cumsum_long", "CAST(sum($0) OVER (PARTITION BY $1 ORDER BY $2 ROWS UNBOUNDED PRECEDING) AS BIGINT)");
        t("win_dense", "CAST(sum(CASE WHEN $0 THEN 1 ELSE 0 END) OVER (PARTITION BY $1 ORDER BY $2 ROWS UNBOUNDED PRECEDING) AS BIGINT)");
        t("win_min", "CAST(max(CASE WHEN $0 THEN $2 END) OVER (PARTITION BY $1 ORDER BY $2 ROWS UNBOUNDED PRECEDING)"
                + " - min($2) OVER (PARTITION BY $1) + 1 AS BIGINT)");
        // A session restarts when the value is too far from the session's first value or from the previous one:
        // a fold over the group's values up to this row, carrying (session start, previous value). The fold is redone
        // for every row, so the cost grows with the square of the longest group (restarts keep groups short).
        t("win_session", "list_reduce(list(struct_pack(s := $0, p := $0)) OVER (PARTITION BY $3 ORDER BY $4 ROWS UNBOUNDED PRECEDING),"
                + " lambda _a, _x: CASE WHEN _x.p - _a.s > $1 OR _x.p - _a.p > $2 THEN _x ELSE struct_pack(s := _a.s, p := _x.p) END).s");
    }

    // Exact sketches (analyzer.Sketches): hll values are arrays of distinct values, tdigest values arrays of {v, w}.
    static {
        String records = "CAST($0 AS STRUCT(v DOUBLE, w DOUBLE)[])";
        t("sk_items", "CAST($0 AS JSON[])");
        t("sk_union", "to_json(list_distinct(flatten(list_filter([$*], lambda _l: _l IS NOT NULL))))");
        t("sk_concat", "to_json(flatten(list_filter([$*], lambda _l: _l IS NOT NULL)))");
        t("sk_intersect", "to_json(list_intersect(CAST($0 AS JSON[]), CAST($1 AS JSON[])))");
        t("sk_count", "CAST(coalesce(json_array_length($0), 0) AS BIGINT)");
        t("sk_rank", "CASE WHEN $0 IS NOT NULL THEN CAST(coalesce(list_sum(list_transform(list_filter(" + records
                + ", lambda _e: _e.v <= $1), lambda _e: _e.w)), 0) AS BIGINT) END");
        String total = "list_sum(list_transform(" + records + ", lambda _e: _e.w))";
        String percentile = "list_reduce(list_sort(" + records + "), lambda _a, _x:"
                + " CASE WHEN _a.w >= %s / 100.0 * " + total + " THEN _a ELSE struct_pack(v := _x.v, w := _a.w + _x.w) END).v";
        t("sk_percentile", "CASE WHEN coalesce(len(" + records + "), 0) > 0 THEN " + String.format(percentile, "$1") + " END");
        // percentiles_array_tdigest over an array of percentages known only when the query runs
        t("sk_percentiles", "CASE WHEN coalesce(len(" + records + "), 0) > 0 THEN to_json(list_transform(CAST($1 AS DOUBLE[]), lambda _p: "
                + String.format(percentile, "_p") + ")) END");
        t("sk_percentiles_long", "CASE WHEN coalesce(len(" + records + "), 0) > 0 THEN to_json(list_transform(CAST($1 AS DOUBLE[]), lambda _p: "
                + "CAST(trunc(" + String.format(percentile, "_p") + ") AS BIGINT))) END");
        t("sk_percentrank", "CASE WHEN coalesce(len(" + records + "), 0) > 0 THEN 100.0 * coalesce(list_sum(list_transform(list_filter("
                + records + ", lambda _e: _e.v <= $1), lambda _e: _e.w)), 0) / " + total + " END");
    }

    // range() over reals, datetimes and timespans (analyzer.Ranges): $0 start, $1 stop, $2 step, $3 the last allowed index.
    static {
        t("range_real", "to_json(list_transform(range(0, CAST(least(greatest(floor(($1 - $0) / $2) + 1, 0), $3 + 1) AS BIGINT)), lambda _i: $0 + _i * $2))");
        String count = "CAST(least(greatest(floor(%s / round(epoch($2) * 1000000)) + 1, 0), $3 + 1) AS BIGINT)";
        t("range_datetime", "to_json(list_transform(range(0, " + String.format(count, "(epoch_us($1) - epoch_us($0))") + "), lambda _i: strftime($0 + _i * $2, '%Y-%m-%dT%H:%M:%S.%f0Z')))");
        t("range_timespan", "to_json(list_transform(range(0, " + String.format(count, "round(epoch($1 - $0) * 1000000)") + "), lambda _i: $0 + _i * $2))");
    }

    private static String haversine(String lon1, String lat1, String lon2, String lat2) {
        return "(2 * 6371010.0 * asin(sqrt(pow(sin(radians(" + lat2 + " - " + lat1 + ") / 2), 2) + cos(radians(" + lat1 + ")) * cos(radians(" + lat2
                + ")) * pow(sin(radians(" + lon2 + " - " + lon1 + ") / 2), 2))))";
    }

    private LibrarySql() {
    }

    static boolean handles(String fn) {
        return T.containsKey(fn) || CODED.contains(fn) || JavaFunctions.find(fn).isPresent() || ExtrasSql.handles(fn);
    }

    private static final List<String> CODED = List.of("tohex", "unicode_codepoints_to_string", "translate", "array_rotate_left",
            "array_rotate_right", "array_shift_left", "array_shift_right", "array_sort_asc", "array_sort_desc", "array_iff",
            "array_split", "zip", "bag_merge", "set_union", "set_intersect", "set_difference", "jaccard_index", "endofweek",
            "endofmonth", "endofyear", "make_timespan", "make_datetime", "series_fill_const", "replace_strings", "format_bytes", "bin_at_number", "bin_at_datetime", "bin_at_timespan");

    static String render(RexRenderer x, Rex.Call c, String q) {
        List<String> s = new ArrayList<>();
        for (Rex r : c.args()) {
            s.add(x.r(r, q));
        }
        String template = T.get(c.fn());
        if (template != null) {
            return fill(x, template, s);
        }
        if (ExtrasSql.handles(c.fn())) {
            return ExtrasSql.render(x, c, s);
        }
        var java = JavaFunctions.find(c.fn());
        if (java.isPresent()) {
            return javaCall(java.get(), s);
        }
        return LibraryCode.render(x, c, s);
    }

    /** Arguments cast to the types the Java function was registered with, so overload resolution is exact. */
    private static String javaCall(JavaFunction f, List<String> args) {
        String[] specs = f.argumentSpecs();
        List<String> cast = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            char letter = specs[Math.min(i, specs.length - 1)].charAt(0);
            cast.add("CAST(" + args.get(i) + " AS " + JavaFunctions.sqlType(letter) + ")");
        }
        String call = f.sqlName() + "(" + String.join(", ", cast) + ")";
        return switch (f.resultLetter()) {
            case 'y' -> "CAST(" + call + " AS JSON)";
            case 'i' -> "CAST(" + call + " AS INTEGER)";
            default -> call;
        };
    }

    static String fill(RexRenderer x, String template, List<String> s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char ch = template.charAt(i);
            if (ch == '$' && i + 1 < template.length() && (Character.isDigit(template.charAt(i + 1)) || template.charAt(i + 1) == '*')) {
                char n = template.charAt(i + 1);
                b.append(n == '*' ? String.join(", ", s) : s.get(n - '0'));
                i += 2;
            } else if (ch == '\'') {
                int end = template.indexOf('\'', i + 1);
                b.append(x.param(template.substring(i + 1, end)));
                i = end + 1;
            } else {
                b.append(ch);
                i++;
            }
        }
        return b.toString();
    }


    private static String seriesLength(int arg) {
        return "(CASE WHEN json_type($" + arg + ") = 'ARRAY' THEN json_array_length($" + arg + ") ELSE 1 END)";
    }

    private static String seriesElement(int arg) {
        return "(CASE WHEN json_type($" + arg + ") = 'ARRAY' THEN TRY_CAST(CAST($" + arg + " AS JSON[])[_i] AS DOUBLE)"
                + " ELSE TRY_CAST($" + arg + " AS DOUBLE) END)";
    }
}
