package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Suggestions;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scalar function catalogue: arity, argument conversions and result type of each supported function,
 * with obsolete aliases mapped to their current names.
 */
final class Functions {
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("iif", "iff"), Map.entry("parsejson", "parse_json"), Map.entry("todynamic", "parse_json"),
            Map.entry("toobject", "parse_json"), Map.entry("pack", "bag_pack"), Map.entry("pack_dictionary", "bag_pack"),
            Map.entry("toreal", "todouble"), Map.entry("todecimal", "todouble"), Map.entry("notempty", "isnotempty"),
            Map.entry("isnotnull", "isnotnull"), Map.entry("notnull", "isnotnull"), Map.entry("replace", "replace_regex"),
            Map.entry("base64_decodestring", "base64_decode_tostring"), Map.entry("extractjson", "extract_json"),
            Map.entry("ceiling", "ceiling"), Map.entry("floor", "bin"), Map.entry("make_string", "unicode_codepoints_to_string"), Map.entry("to_utf8", "unicode_codepoints_from_string"),
            Map.entry("totimespan", "totimespan"), Map.entry("time", "totimespan"), Map.entry("toguid", "toguid"),
            Map.entry("array_length", "array_length"), Map.entry("makeset", "make_set"), Map.entry("makelist", "make_list"),
            Map.entry("any", "take_any"), Map.entry("anyif", "take_anyif"), Map.entry("argmax", "arg_max"),
            Map.entry("argmin", "arg_min"), Map.entry("stdev", "stdev"), Map.entry("datepart", "datetime_part"),
            Map.entry("startofday", "startofday"), Map.entry("weekofyear", "week_of_year"), Map.entry("parseurlquery", "parse_urlquery"),
            // the reference page's title spells the function without the s its syntax has
            Map.entry("percentile_array_tdigest", "percentiles_array_tdigest"),
            // older spellings Kusto's language service still accepts (marked obsolete there)
            Map.entry("arraylength", "array_length"), Map.entry("base64_encodestring", "base64_encode_tostring"),
            Map.entry("columnifexists", "column_ifexists"), Map.entry("extractall", "extract_all"), Map.entry("parseurl", "parse_url"),
            Map.entry("totime", "totimespan"), Map.entry("array_iif", "array_iff"), Map.entry("array_strcat", "strcat_array"),
            Map.entry("make_dictionary", "make_bag"));

    static final List<String> SUPPORTED = List.of(
            "ago", "now", "tostring", "tolong", "toint", "todouble", "toreal", "tobool", "todatetime", "toguid",
            "parse_json", "todynamic", "tolower", "toupper", "strlen", "substring", "strcat", "split", "extract",
            "replace_string", "replace_regex", "trim", "trim_start", "trim_end", "indexof", "countof", "strcat_array",
            "reverse", "string_size", "isempty", "isnotempty", "isnull", "isnotnull", "coalesce", "iff", "iif", "case",
            "startofday", "startofweek", "startofmonth", "startofyear", "endofday", "datetime_diff", "datetime_add",
            "format_datetime", "dayofweek", "hourofday", "dayofmonth", "getyear", "getmonth", "bin", "floor",
            "unixtime_seconds_todatetime", "unixtime_milliseconds_todatetime", "array_length", "pack_array", "bag_pack", "pack_all",
            "bag_keys", "set_has_element", "array_concat", "abs", "round", "ceiling", "sqrt", "log", "log10", "exp",
            "pow", "max_of", "min_of", "ipv4_is_private", "not", "rand", "new_guid", "column_ifexists", "toscalar",
            "extract_json", "url_decode", "hash", "strrep", "array_slice", "array_index_of", "bag_has_key", "parse_path", "parse_url", "parse_urlquery", "base64_decode_tostring",
            "ingestion_time", "geo_info_from_ip_address", "parse_version", "prev", "next", "row_number", "row_cumsum",
            "row_rank_dense", "row_rank_min", "row_window_session", "series_fit_line_dynamic", "series_outliers",
            "series_decompose_forecast",
            "extract_all", "range");

    static final List<String> AGGREGATES = List.of(
            "count", "countif", "dcount", "dcountif", "count_distinct", "count_distinctif", "sum", "sumif", "avg", "avgif", "min", "max",
            "minif", "maxif", "make_set", "make_set_if", "make_list", "make_list_if", "make_list_with_nulls", "take_any", "take_anyif",
            "stdev", "variance", "percentile", "arg_max", "arg_min", "make_bag", "make_bag_if", "stdevif", "varianceif", "stdevp",
            "variancep", "stdevpif", "variancepif", "covariance", "covariancep", "covarianceif", "covariancepif", "binary_all_and",
            "binary_all_or", "binary_all_xor",
            // percentiles and sketches (Sketches)
            "percentiles", "percentilesw", "percentiles_array", "percentilesw_array", "tdigest", "tdigest_merge", "hll", "hll_if", "hll_merge", "buildschema",
            "merge_tdigest");

    /**
     * Real KQL functions that are recognised but not translated: reported as unsupported rather than as typos.
     */
    private static final List<String> KNOWN_UNSUPPORTED = List.of(
            // Cluster cursors and endpoints have no meaning on one event store; make_series and materialize are
            // operators or tabular calls, not scalars.
            "current_cluster_endpoint", "cursor_after", "arg", "make_series", "materialize",
            // Their combining step is not documented, and the single documented value (hash_combine of the
            // xxhash64 of "Hello" and "World") is not reproduced by any known 64-bit combiner: boost (both
            // constants, any shift pair), FNV, djb/multiply-add/multiply-xor folds with common primes, CityHash
            // Hash128to64, abseil/wyhash 128-bit folds, murmur/splitmix/xxhash finalizers, xxhash64 rounds or a
            // recovered seed, and XXH64/XXH3/XXH128/murmur3/city/farm/metro/wy/SipHash/CRC64 of the two values'
            // bytes or text. (The pages do show hash_many(a, b) == hash_combine(hash(a), hash(b)).) Emitting a guess
            // would give wrong hashes silently, so they stay unsupported.
            "hash_many", "hash_combine");

    static final long RANGE_MAX = 1_048_576L;

    private final ExprAnalyzer x;

    Functions(ExprAnalyzer x) {
        this.x = x;
    }

    /** Names Kusto marks obsolete: still accepted, with a warning naming the replacement. */
    private static final Map<String, String> OBSOLETE = Map.ofEntries(
            Map.entry("makeset", "make_set"), Map.entry("makelist", "make_list"), Map.entry("iif", "iff"),
            Map.entry("parsejson", "parse_json"), Map.entry("pack", "bag_pack"), Map.entry("any", "take_any"),
            Map.entry("anyif", "take_anyif"), Map.entry("argmax", "arg_max"), Map.entry("argmin", "arg_min"),
            Map.entry("replace", "replace_regex"), Map.entry("base64_decodestring", "base64_decode_tostring"),
            Map.entry("notempty", "isnotempty"), Map.entry("pack_dictionary", "bag_pack"), Map.entry("extractjson", "extract_json"),
            Map.entry("make_string", "unicode_codepoints_to_string"), Map.entry("to_utf8", "unicode_codepoints_from_string"),
            Map.entry("weekofyear", "week_of_year"), Map.entry("parseurlquery", "parse_urlquery"),
            Map.entry("arraylength", "array_length"), Map.entry("base64_encodestring", "base64_encode_tostring"),
            Map.entry("columnifexists", "column_ifexists"), Map.entry("extractall", "extract_all"), Map.entry("parseurl", "parse_url"),
            Map.entry("totime", "totimespan"), Map.entry("array_iif", "array_iff"), Map.entry("make_dictionary", "make_bag"));

    static void warnIfObsolete(Analyzer a, Expr.Call c) {
        String replacement = OBSOLETE.get(c.name());
        if (replacement != null) {
            a.warn(ErrorCode.DEPRECATED, c.span(), "'" + c.name() + "' is obsolete; use '" + replacement + "'");
        }
    }

    static String canonical(String name) {
        return ALIASES.getOrDefault(name, name);
    }

    static boolean isAggregate(String name) {
        return AGGREGATES.contains(canonical(name));
    }

    Rex call(Expr.Call c, Scope scope) {
        warnIfObsolete(x.analyzer, c);
        String name = canonical(c.name());
        if (Sketches.scalar(name, c, scope)) {
            return new Sketches(x).scalarCall(name, c, scope);
        }
        if (isAggregate(name)) {
            if (!scope.aggregates()) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(),
                        "Aggregation function '" + c.name() + "' can only be used in summarize");
            }
            if (name.equals("arg_max") || name.equals("arg_min")) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(),
                        c.name() + "() must be a whole summarize column, not part of an expression");
            }
            return new Aggregates(x).aggregate(Sketches.aggregateName(name), c, scope);
        }
        List<Expr> a = c.args();
        if (SerialWindows.handles(name, a.size())) {
            return SerialWindows.call(this, x, name, c, scope);
        }
        switch (name) {
            case "ago": {
                arity(c, 1, 1);
                Rex span = typed(a.get(0), scope, KqlType.TIMESPAN, c);
                Rex now = now();
                return Arithmetic.apply("-", now, span, c.span());
            }
            case "now": {
                arity(c, 0, 1);
                Rex now = now();
                return a.isEmpty() ? now : Arithmetic.apply("+", now, typed(a.get(0), scope, KqlType.TIMESPAN, c), c.span());
            }
            case "__typed_null": {
                Expr.TypeOf t = (Expr.TypeOf) a.get(0);
                return new Rex.Lit(null, Analyzer.type(t.type(), t.span()));
            }
            case "tostring":
                return convert(c, scope, KqlType.STRING);
            case "tolong":
                return convert(c, scope, KqlType.LONG);
            case "toint":
                return convert(c, scope, KqlType.INT);
            case "todouble":
                return convert(c, scope, KqlType.REAL);
            case "tobool", "toboolean":
                return convert(c, scope, KqlType.BOOL);
            case "todatetime":
                return convert(c, scope, KqlType.DATETIME);
            case "parse_json":
                return convert(c, scope, KqlType.DYNAMIC);
            case "tolower", "toupper", "strlen", "reverse", "string_size", "url_decode":
                return fn(name, c, scope, 1, 1, strings(1), name.startsWith("str") ? KqlType.LONG : KqlType.STRING);
            case "substring":
                return fn(name, c, scope, 2, 3, List.of(KqlType.STRING, KqlType.LONG, KqlType.LONG), KqlType.STRING);
            case "strcat": {
                if (a.isEmpty() || a.size() > 64) {
                    arity(c, 1, 64);
                }
                return new Rex.Call("strcat", args(c, scope, strings(a.size())), KqlType.STRING);
            }
            case "strrep":
                return fn(name, c, scope, 2, 3, List.of(KqlType.STRING, KqlType.LONG, KqlType.STRING), KqlType.STRING);
            case "split":
                return fn(name, c, scope, 2, 3, List.of(KqlType.STRING, KqlType.STRING, KqlType.LONG), KqlType.DYNAMIC);
            case "extract":
                return extract(c, scope);
            case "extract_all":
                return extractAll(c, scope);
            case "range": {
                arity(c, 2, 3);
                Rex from = x.analyze(a.get(0), scope);
                Rex to = x.analyze(a.get(1), scope);
                if (from.type() == KqlType.DATETIME || from.type() == KqlType.TIMESPAN) {
                    return RangeFunction.temporal(x, c, from, to, scope);
                }
                if (from.type().isNumeric() && to.type().isNumeric() && (!Types.isIntegral(from.type()) || !Types.isIntegral(to.type()))) {
                    return RangeFunction.real(x, c, from, to, scope);
                }
                if (!Types.isIntegral(from.type()) || !Types.isIntegral(to.type())) {
                    return Ranges.range(this, c, from, to, scope);
                }
                Rex step = a.size() > 2 ? typed(a.get(2), scope, KqlType.LONG, c) : new Rex.Lit(1L, KqlType.LONG);
                // Kusto caps the array at 1,048,576 elements.
                return new Rex.Call("range_array", List.of(Types.coerce(from, KqlType.LONG), Types.coerce(to, KqlType.LONG), step,
                        new Rex.Lit(RANGE_MAX - 1, KqlType.LONG)), KqlType.DYNAMIC);
            }
            case "extract_json":
                return extractJson(c, scope);
            case "replace_string":
                return fn(name, c, scope, 3, 3, strings(3), KqlType.STRING);
            case "replace_regex": {
                arity(c, 3, 3);
                List<Rex> r = args(c, scope, strings(3));
                // The obsolete replace(regex, rewrite, text) takes the text last.
                if (c.name().equals("replace")) {
                    r = List.of(r.get(2), r.get(0), r.get(1));
                }
                return new Rex.Call("replace_regex", r, KqlType.STRING);
            }
            case "trim", "trim_start", "trim_end":
                return fn(name, c, scope, 2, 2, strings(2), KqlType.STRING);
            case "indexof":
                arity(c, 2, 5);
                if (a.size() == 2) {
                    return fn(name, c, scope, 2, 2, strings(2), KqlType.LONG);
                }
                return new Rex.Call("__indexof_range", IndexOf.arguments(this, c, scope), KqlType.LONG);
            case "base64_decode_tostring":
                return fn(name, c, scope, 1, 1, strings(1), KqlType.STRING);
            case "countof":
                return countof(c, scope);
            case "strcat_array":
                return fn(name, c, scope, 2, 2, List.of(KqlType.DYNAMIC, KqlType.STRING), KqlType.STRING);
            case "isempty", "isnotempty": {
                arity(c, 1, 1);
                Rex v = x.analyze(a.get(0), scope);
                return new Rex.Call(name, List.of(v), KqlType.BOOL);
            }
            case "isnull", "isnotnull": {
                arity(c, 1, 1);
                return new Rex.Call(name, List.of(x.analyze(a.get(0), scope)), KqlType.BOOL);
            }
            case "not": {
                arity(c, 1, 1);
                return new Rex.Call("not", List.of(x.predicate(a.get(0), scope)), KqlType.BOOL);
            }
            case "coalesce", "max_of", "min_of":
                return sameType(name, c, scope, 1);
            case "iff":
                return iff(c, scope);
            case "case":
                return caseFn(c, scope);
            case "startofday", "startofweek", "startofmonth", "startofyear", "endofday":
                return fn(name, c, scope, 1, 2, List.of(KqlType.DATETIME, KqlType.LONG), KqlType.DATETIME);
            case "totimespan":
                return convert(c, scope, KqlType.TIMESPAN);
            case "dayofweek":
                return fn(name, c, scope, 1, 1, List.of(KqlType.DATETIME), KqlType.TIMESPAN);
            case "hourofday", "dayofmonth", "getyear", "getmonth":
                return fn(name, c, scope, 1, 1, List.of(KqlType.DATETIME), KqlType.INT);
            case "datetime_diff":
                return datetimeDiff(c, scope);
            case "datetime_add":
                return datetimeAdd(c, scope);
            case "format_datetime":
                return formatDatetime(c, scope);
            case "bin":
                return bin(c, scope);
            case "bin_at":
                return binAt(c, scope);
            case "bin_auto":
                return binAuto(c, scope);
            case "convert_angle", "convert_energy", "convert_force", "convert_length", "convert_mass", "convert_speed", "convert_volume",
                 "convert_temperature":
                return convertUnits(name, c, scope);
            case "unixtime_seconds_todatetime", "unixtime_milliseconds_todatetime":
                return fn(name, c, scope, 1, 1, List.of(KqlType.REAL), KqlType.DATETIME);
            case "array_length":
                return fn(name, c, scope, 1, 1, List.of(KqlType.DYNAMIC), KqlType.LONG);
            case "bag_keys":
                return fn(name, c, scope, 1, 1, List.of(KqlType.DYNAMIC), KqlType.DYNAMIC);
            case "bag_has_key": {
                Rex path = a.size() == 2 ? new BagPaths(this, x).has(c, scope) : null;
                return path != null ? path : fn(name, c, scope, 2, 2, List.of(KqlType.DYNAMIC, KqlType.STRING), KqlType.BOOL);
            }
            case "pack_array": {
                List<Rex> r = new ArrayList<>();
                for (Expr e : a) {
                    if (e instanceof Expr.Star) {
                        // pack_array(*): the row's values in column order.
                        for (dev.rampart.kql.plan.Field f : scope.fields()) {
                            if (!f.name().startsWith("__")) {
                                r.add(ScalarExtras.jsonValue(new Rex.ColRef(f.name(), f.type())));
                            }
                        }
                        continue;
                    }
                    r.add(ScalarExtras.jsonValue(x.analyze(e, scope)));
                }
                return new Rex.Call("pack_array", r, KqlType.DYNAMIC);
            }
            case "pack_all": {
                // Every column of the row, named by the column; pack_all(true) leaves out null and empty values.
                arity(c, 0, 1);
                boolean skipEmpty = a.size() == 1 && x.analyze(a.get(0), Scope.EMPTY) instanceof Rex.Lit l && Boolean.TRUE.equals(l.value());
                List<Rex> r = new ArrayList<>();
                for (dev.rampart.kql.plan.Field f : scope.fields()) {
                    if (!f.name().startsWith("__")) {
                        r.add(new Rex.Lit(f.name(), KqlType.STRING));
                        r.add(new Rex.ColRef(f.name(), f.type()));
                    }
                }
                return new Rex.Call(skipEmpty ? "bag_pack_nonnull" : "bag_pack", r, KqlType.DYNAMIC);
            }
            case "bag_pack": {
                if (a.size() % 2 != 0) {
                    throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), c.name() + "() takes pairs of key and value");
                }
                List<Rex> r = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) {
                    Rex v = x.analyze(a.get(i), scope);
                    r.add(i % 2 == 0 ? Types.string(v) : ScalarExtras.jsonValue(v));
                }
                return new Rex.Call("bag_pack", r, KqlType.DYNAMIC);
            }
            case "set_has_element", "array_index_of": {
                if (name.equals("array_index_of") && a.size() > 2) {
                    return new ScalarExtras(this, x).arrayIndexOfRange(c, scope);
                }
                arity(c, 2, 2);
                Rex arr = typed(a.get(0), scope, KqlType.DYNAMIC, c);
                Rex v = x.analyze(a.get(1), scope);
                return new Rex.Call(name, List.of(arr, v), name.equals("set_has_element") ? KqlType.BOOL : KqlType.LONG);
            }
            case "array_concat": {
                List<KqlType> ts = new ArrayList<>();
                a.forEach(e -> ts.add(KqlType.DYNAMIC));
                return new Rex.Call(name, args(c, scope, ts), KqlType.DYNAMIC);
            }
            case "array_slice":
                return fn(name, c, scope, 3, 3, List.of(KqlType.DYNAMIC, KqlType.LONG, KqlType.LONG), KqlType.DYNAMIC);
            case "abs", "ceiling", "sqrt", "log", "log10", "exp": {
                arity(c, 1, 1);
                Rex v = x.analyze(a.get(0), scope);
                if (v.type() == KqlType.DYNAMIC) {
                    v = Types.coerce(v, KqlType.REAL);
                }
                numeric(v, a.get(0), c);
                KqlType t = name.equals("abs") || name.equals("ceiling") ? v.type() : KqlType.REAL;
                return new Rex.Call(name, List.of(v), t);
            }
            case "round": {
                // A whole number rounds to its own type (Kusto.Language: the first argument's type).
                Rex v = a.isEmpty() ? null : x.analyze(a.get(0), scope);
                if (v != null && (v.type() == KqlType.INT || v.type() == KqlType.LONG)) {
                    arity(c, 1, 2);
                    List<Rex> args = new ArrayList<>(List.of(v));
                    if (a.size() > 1) {
                        args.add(typed(a.get(1), scope, KqlType.LONG, c));
                    }
                    return new Rex.Call("round", args, v.type());
                }
                return fn(name, c, scope, 1, 2, List.of(KqlType.REAL, KqlType.LONG), KqlType.REAL);
            }
            case "pow":
                return fn(name, c, scope, 2, 2, List.of(KqlType.REAL, KqlType.REAL), KqlType.REAL);
            case "parse_url", "parse_urlquery":
                return fn(name, c, scope, 1, 1, strings(1), KqlType.DYNAMIC);
            case "ipv4_is_private":
                return fn(name, c, scope, 1, 1, strings(1), KqlType.BOOL);
            case "rand":
                arity(c, 0, 1);
                if (!a.isEmpty()) {
                    // rand(n): a whole number in [0, n - 1].
                    Rex n = typed(a.get(0), scope, KqlType.REAL, c);
                    return Types.coerce(new Rex.Call("bin_number", List.of(Arithmetic.apply("*", new Rex.Call("rand", List.of(), KqlType.REAL), n, c.span()),
                            new Rex.Lit(1.0, KqlType.REAL)), KqlType.REAL), KqlType.LONG);
                }
                return new Rex.Call("rand", List.of(), KqlType.REAL);
            case "new_guid":
                arity(c, 0, 0);
                return new Rex.Call("new_guid", List.of(), KqlType.GUID);
            case "hash", "hash_xxhash64":
                return TypedJavaCalls.hash(this, x, c, scope);
            case "format_timespan":
                return TypedJavaCalls.formatTimespan(this, c, scope);
            case "column_ifexists": {
                arity(c, 2, 2);
                Rex n = x.analyze(a.get(0), Scope.EMPTY);
                if (!(n instanceof Rex.Lit l) || !(l.value() instanceof String col)) {
                    throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, a.get(0).span(), "column_ifexists() needs a constant column name");
                }
                Optional<Field> f = scope.find(col);
                return f.<Rex>map(ff -> new Rex.ColRef(ff.name(), ff.type())).orElseGet(() -> x.analyze(a.get(1), scope));
            }
            case "ingestion_time": {
                arity(c, 0, 0);
                // The store keeps no separate ingestion time; events are written as they arrive.
                Optional<Field> ts = scope.find("Timestamp");
                x.analyzer.warn(ErrorCode.UNSUPPORTED, c.span(), "ingestion_time() is read as Timestamp; the event store keeps no ingestion time");
                return ts.<Rex>map(f -> new Rex.ColRef(f.name(), f.type())).orElse(new Rex.Lit(null, KqlType.DATETIME));
            }
            case "geo_info_from_ip_address": {
                if (dev.rampart.kql.udf.GeoIp.loaded()) {
                    break; // the Java function reads the installed database
                }
                arity(c, 1, 1);
                Types.string(x.analyze(a.get(0), scope));
                // Locations are never guessed: without a GeoIP database every field is null.
                x.analyzer.warn(ErrorCode.UNSUPPORTED, c.span(), "geo_info_from_ip_address() returns null fields: no GeoIP database is installed");
                return new Rex.Lit(null, KqlType.DYNAMIC);
            }
            case "parse_version":
                return fn(name, c, scope, 1, 1, strings(1), KqlType.DECIMAL);
            case "prev", "next": {
                arity(c, 1, 3);
                Rex v = x.analyze(a.get(0), scope);
                Rex off = a.size() > 1 ? typed(a.get(1), scope, KqlType.LONG, c) : new Rex.Lit(1L, KqlType.LONG);
                if (!(off instanceof Rex.Lit)) {
                    throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, a.get(1).span(), c.name() + "() needs a constant offset");
                }
                Rex def = a.size() > 2 ? Types.coerce(x.analyze(a.get(2), scope), v.type()) : new Rex.Lit(null, v.type());
                return new Rex.Call(name, List.of(v, off, def), v.type());
            }
            case "series_outliers", "series_decompose_forecast":
                return new SeriesFunctions(x).scalar(c, scope);
            case "series_fit_line_dynamic": {
                // The same fit as series_fit_line, as one property bag instead of six columns.
                Rex fit = new SeriesFunctions(x).analyze(new Expr.Call("series_fit_line", a, c.span()), scope);
                return new Rex.Call("todynamic", List.of(fit), KqlType.DYNAMIC);
            }
            case "row_number": {
                arity(c, 0, 2);
                if (a.size() > 1) {
                    throw KqlException.unsupported(a.get(1).span(), "fn:row_number(restart)", "row_number() with a restart condition");
                }
                Rex start = a.isEmpty() ? new Rex.Lit(1L, KqlType.LONG) : typed(a.get(0), scope, KqlType.LONG, c);
                return new Rex.Call("row_number", List.of(start), KqlType.LONG);
            }
            case "row_cumsum": {
                arity(c, 1, 2);
                Rex v = x.analyze(a.get(0), scope);
                numeric(v, a.get(0), c);
                return new Rex.Call("row_cumsum", List.of(v), v.type());
            }
            case "toscalar": {
                arity(c, 1, 1);
                if (!x.analyzer.isTabular(a.get(0))) {
                    return x.analyze(a.get(0), scope); // toscalar of a value is the value
                }
                Rel rel = x.analyzer.tabular(a.get(0));
                if (rel.fields().isEmpty()) {
                    throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), "toscalar() needs a table with at least one column");
                }
                return new Rex.ScalarQuery(rel, rel.fields().get(0).type());
            }
            default:
                break;
        }
        if (ScalarExtras.handles(name)) {
            Rex r = new ScalarExtras(this, x).call(name, c, scope);
            if (r != null) {
                return r;
            }
        }
        if (SeriesFunctions.isTupleValued(name)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), c.name() + "() returns several columns ("
                    + String.join(", ", SeriesFunctions.OUTPUTS.get(name)) + ")",
                    "Name them: extend (" + String.join(", ", SeriesFunctions.OUTPUTS.get(name)) + ") = " + c.name() + "(...).");
        }
        if (Library.has(name)) {
            return Library.call(this, x, name, c, scope);
        }
        if (KNOWN_UNSUPPORTED.contains(c.name()) || KNOWN_UNSUPPORTED.contains(name)) {
            throw KqlException.unsupported(c.span(), "fn:" + c.name(), "The function " + c.name() + "()");
        }
        if (x.analyzer.lets.get(c.name()) instanceof Binding.Function f) {
            return new UserFunctions(x.analyzer).scalar(f.lambda(), c, scope);
        }
        if (x.analyzer.options.schema().table(c.name()).isPresent() || x.analyzer.lets.containsKey(c.name())) {
            throw KqlException.unsupported(c.span(), "invoke:(let function)", "Calling '" + c.name() + "' as a function");
        }
        KqlException broken = x.analyzer.brokenStored(c.name(), c.span());
        if (broken != null) {
            throw broken;
        }
        List<String> all = new ArrayList<>(SUPPORTED);
        all.addAll(Library.names());
        if (scope.aggregates()) {
            all.addAll(AGGREGATES);
        }
        throw KqlException.at(ErrorCode.UNKNOWN_FUNCTION, c.span(), "Unknown function '" + c.name() + "'",
                Suggestions.didYouMean(c.name(), all));
    }

    /**
     * convert_*(value, from, to) with constant unit names. Every family but temperature scales by a constant factor;
     * temperatures also shift, so the value goes to kelvin and from there to the target unit. An unknown unit gives null.
     */
    private Rex convertUnits(String name, Expr.Call c, Scope scope) {
        arity(c, 3, 3);
        List<Expr> a = c.args();
        Rex v = typed(a.get(0), scope, KqlType.REAL, c);
        Rex from = x.analyze(a.get(1), scope);
        Rex to = x.analyze(a.get(2), scope);
        if (!(from instanceof Rex.Lit f && f.value() instanceof String fu) || !(to instanceof Rex.Lit t && t.value() instanceof String tu)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), c.name() + "() needs constant unit names");
        }
        if (name.equals("convert_temperature")) {
            Units.Linear in = Units.TEMPERATURES.get(fu);
            Units.Linear out = Units.TEMPERATURES.get(tu);
            if (in == null || out == null) {
                return new Rex.Lit(null, KqlType.REAL);
            }
            Rex kelvin = Arithmetic.apply("+", Arithmetic.apply("*", v, lit(in.scale()), c.span()), lit(in.offset()), c.span());
            return Arithmetic.apply("/", Arithmetic.apply("-", kelvin, lit(out.offset()), c.span()), lit(out.scale()), c.span());
        }
        Double factor = Units.factor(name, fu, tu);
        return new Rex.Call("*", List.of(v, new Rex.Lit(factor, KqlType.REAL)), KqlType.REAL);
    }

    private static Rex lit(double d) {
        return new Rex.Lit(d, KqlType.REAL);
    }

    Rex now() {
        return new Rex.Lit(LocalDateTime.ofInstant(x.analyzer.now(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS), KqlType.DATETIME);
    }

    static void arity(Expr.Call c, int min, int max) {
        int n = c.args().size();
        if (n < min || n > max) {
            String want = min == max ? String.valueOf(min) : min + " to " + max;
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(),
                    c.name() + "() takes " + want + " argument" + (max == 1 ? "" : "s") + " but was given " + n);
        }
    }

    private static List<KqlType> strings(int n) {
        List<KqlType> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(KqlType.STRING);
        }
        return l;
    }

    private Rex fn(String canonical, Expr.Call c, Scope scope, int min, int max, List<KqlType> types, KqlType result) {
        arity(c, min, max);
        return new Rex.Call(canonical, args(c, scope, types), result);
    }

    List<Rex> args(Expr.Call c, Scope scope, List<KqlType> types) {
        List<Rex> out = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            out.add(typed(c.args().get(i), scope, types.get(Math.min(i, types.size() - 1)), c));
        }
        return out;
    }

    /** Analyzes an argument and converts it as KQL would; refuses conversions KQL refuses. */
    Rex typed(Expr e, Scope scope, KqlType want, Expr.Call c) {
        Rex r = x.analyze(e, scope);
        KqlType t = r.type();
        if (t == want || (Types.isString(t) && Types.isString(want)) || t == KqlType.DYNAMIC
                || (t.isNumeric() && want.isNumeric()) || want == KqlType.STRING || want == KqlType.DYNAMIC
                || (r instanceof Rex.Lit l && l.value() == null)) {
            return Types.coerce(r, want);
        }
        throw KqlException.at(ErrorCode.TYPE_MISMATCH, e.span(), c.name() + "() expects a " + want.kustoName()
                + " argument but was given a " + t.kustoName());
    }

    private static void numeric(Rex v, Expr e, Expr.Call c) {
        if (!v.type().isNumeric() && v.type() != KqlType.TIMESPAN) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, e.span(), c.name() + "() expects a number but was given a " + v.type().kustoName());
        }
    }

    private Rex convert(Expr.Call c, Scope scope, KqlType to) {
        arity(c, 1, 1);
        Rex v = x.analyze(c.args().get(0), scope);
        if (v.type() == to || (to == KqlType.STRING && Types.isString(v.type()))) {
            return v;
        }
        if (to == KqlType.DATETIME && Types.isString(v.type())) {
            if (v instanceof Rex.Lit l && l.value() instanceof String s && Literals.TIME_ONLY.matcher(s.trim()).matches()) {
                try {
                    return new Rex.Lit(Literals.dateTime(s, c.span(), x.today()), KqlType.DATETIME);
                } catch (KqlException e) {
                    return new Rex.Lit(null, KqlType.DATETIME); // todatetime() of text it cannot read is null, not an error
                }
            }
            // The current day goes along for texts that give only a time of day.
            return new Rex.Call(Types.conversion(to), List.of(v, new Rex.Lit(x.today().atStartOfDay(), KqlType.DATETIME)), to);
        }
        return new Rex.Call(Types.conversion(to), List.of(v), to);
    }

    private Rex sameType(String name, Expr.Call c, Scope scope, int min) {
        arity(c, min, 64);
        List<Rex> r = new ArrayList<>();
        KqlType t = null;
        for (Expr e : c.args()) {
            Rex v = x.analyze(e, scope);
            r.add(v);
            if (!(v instanceof Rex.Lit l && l.value() == null)) {
                t = t == null ? v.type() : Optional.ofNullable(Types.common(t, v.type())).orElse(t);
            }
        }
        KqlType tt = t == null ? KqlType.DYNAMIC : t;
        return new Rex.Call(name, r.stream().map(v -> Types.coerce(v, tt)).toList(), tt);
    }

    private Rex iff(Expr.Call c, Scope scope) {
        arity(c, 3, 3);
        Rex cond = x.predicate(c.args().get(0), scope);
        Rex a = x.analyze(c.args().get(1), scope);
        Rex b = x.analyze(c.args().get(2), scope);
        KqlType t = branchType(List.of(a, b), c);
        return new Rex.Call("case", List.of(cond, Types.coerce(a, t), Types.coerce(b, t)), t);
    }

    private Rex caseFn(Expr.Call c, Scope scope) {
        if (c.args().size() < 3 || c.args().size() % 2 == 0) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(),
                    "case() takes pairs of condition and value followed by an else value");
        }
        List<Rex> conds = new ArrayList<>();
        List<Rex> values = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            if (i % 2 == 0 && i < c.args().size() - 1) {
                conds.add(x.predicate(c.args().get(i), scope));
            } else {
                values.add(x.analyze(c.args().get(i), scope));
            }
        }
        KqlType t = branchType(values, c);
        List<Rex> out = new ArrayList<>();
        for (int i = 0; i < conds.size(); i++) {
            out.add(conds.get(i));
            out.add(Types.coerce(values.get(i), t));
        }
        out.add(Types.coerce(values.get(values.size() - 1), t));
        return new Rex.Call("case", out, t);
    }

    private static KqlType branchType(List<Rex> values, Expr.Call c) {
        KqlType t = null;
        for (Rex v : values) {
            if (v instanceof Rex.Lit l && l.value() == null) {
                continue;
            }
            if (t == null) {
                t = v.type();
            } else {
                KqlType u = Types.common(t, v.type());
                if (u == null) {
                    throw KqlException.at(ErrorCode.TYPE_MISMATCH, c.span(), c.name() + "() branches have different types: "
                            + t.kustoName() + " and " + v.type().kustoName());
                }
                t = u;
            }
        }
        return t == null ? KqlType.STRING : t;
    }

    private Rex extract(Expr.Call c, Scope scope) {
        arity(c, 3, 4);
        Rex re = typed(c.args().get(0), scope, KqlType.STRING, c);
        Rex group = x.analyze(c.args().get(1), scope);
        if (!(group instanceof Rex.Lit g) || !(g.value() instanceof Long)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.args().get(1).span(), "extract() needs a constant capture group number");
        }
        Rex text = typed(c.args().get(2), scope, KqlType.STRING, c);
        Rex r = new Rex.Call("extract", List.of(re, group, text), KqlType.STRING);
        if (c.args().size() == 4) {
            if (!(c.args().get(3) instanceof Expr.TypeOf t)) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.args().get(3).span(), "extract() expects typeof(...) as its fourth argument");
            }
            r = Types.coerce(r, Analyzer.type(t.type(), t.span()));
        }
        return r;
    }

    /**
     * extract_all(regex, text): the matches of the pattern's capture group (or of the whole pattern when it
     * has none) as a dynamic array, null when nothing matches. Several groups would make an array of
     * arrays, which is not translated.
     */
    private Rex extractAll(Expr.Call c, Scope scope) {
        arity(c, 2, 3);
        Rex re = typed(c.args().get(0), scope, KqlType.STRING, c);
        if (!(re instanceof Rex.Lit l) || !(l.value() instanceof String pattern)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.args().get(0).span(), "extract_all() needs a constant regular expression");
        }
        long groups = captureGroups(pattern);
        Rex text = typed(c.args().get(c.args().size() - 1), scope, KqlType.STRING, c);
        if (c.args().size() == 2 && groups <= 1) {
            return new Rex.Call("extract_all", List.of(re, new Rex.Lit(groups, KqlType.LONG), text), KqlType.DYNAMIC);
        }
        // Several groups: one array of the chosen groups (all of them by default) per match.
        List<Object> chosen = new ArrayList<>();
        if (c.args().size() == 3) {
            Rex list = x.analyze(c.args().get(1), scope);
            if (!(list instanceof Rex.Lit gl) || !(gl.value() instanceof List<?> items)) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.args().get(1).span(), "extract_all() needs a constant list of capture groups");
            }
            List<String> names = groupNames(pattern);
            for (Object item : items) {
                long g = item instanceof Number n ? n.longValue() : item instanceof String name ? names.indexOf(name) + 1 : -1;
                if (g < 1 || g > groups) {
                    throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.args().get(1).span(), "extract_all(): the pattern has no capture group " + item);
                }
                chosen.add(g);
            }
        } else {
            for (long g = 1; g <= groups; g++) {
                chosen.add(g);
            }
        }
        return new Rex.Call("extract_all_groups", List.of(re, new Rex.Lit(chosen, KqlType.DYNAMIC), text), KqlType.DYNAMIC);
    }

    /** Names of the capturing groups in order ("" for an unnamed one). */
    static List<String> groupNames(String re) {
        List<String> names = new ArrayList<>();
        boolean inClass = false;
        for (int i = 0; i < re.length(); i++) {
            char ch = re.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == '[') {
                inClass = true;
            } else if (ch == ']') {
                inClass = false;
            } else if (ch == '(' && !inClass) {
                if (re.startsWith("(?P<", i) || re.startsWith("(?<", i) && !re.startsWith("(?<=", i) && !re.startsWith("(?<!", i)) {
                    int from = re.indexOf('<', i) + 1;
                    names.add(re.substring(from, re.indexOf('>', from)));
                } else if (i + 1 >= re.length() || re.charAt(i + 1) != '?') {
                    names.add("");
                }
            }
        }
        return names;
    }

    /** Capturing groups: '(' not escaped, not in a character class, unnamed ones not followed by '?'. */
    static long captureGroups(String re) {
        return groupNames(re).size();
    }

    private Rex extractJson(Expr.Call c, Scope scope) {
        arity(c, 2, 3);
        Rex path = typed(c.args().get(0), scope, KqlType.STRING, c);
        Rex doc = typed(c.args().get(1), scope, KqlType.DYNAMIC, c);
        Rex r = new Rex.Call("extract_json", List.of(path, doc), KqlType.STRING);
        if (c.args().size() == 3 && c.args().get(2) instanceof Expr.TypeOf t) {
            r = Types.coerce(r, Analyzer.type(t.type(), t.span()));
        }
        return r;
    }

    private Rex countof(Expr.Call c, Scope scope) {
        arity(c, 2, 3);
        Rex text = typed(c.args().get(0), scope, KqlType.STRING, c);
        Rex search = typed(c.args().get(1), scope, KqlType.STRING, c);
        boolean regex = false;
        if (c.args().size() == 3) {
            Rex kind = x.analyze(c.args().get(2), scope);
            regex = kind instanceof Rex.Lit l && "regex".equals(l.value());
        }
        if (!regex) {
            // Kusto counts overlapping plain matches; a regex count is non-overlapping, so the two agree
            // only when the search text cannot overlap itself.
            if (!(search instanceof Rex.Lit l) || !(l.value() instanceof String s) || s.isEmpty() || selfOverlaps(s)) {
                return new Rex.Call("__countof_overlapping", List.of(text, search), KqlType.LONG);
            }
        }
        return new Rex.Call(regex ? "countof_regex" : "countof", List.of(text, search), KqlType.LONG);
    }

    static boolean selfOverlaps(String s) {
        for (int k = 1; k < s.length(); k++) {
            if (s.startsWith(s.substring(s.length() - k))) {
                return true;
            }
        }
        return false;
    }

    private static final List<String> PARTS = List.of("year", "quarter", "month", "week", "day", "hour", "minute",
            "second", "millisecond", "microsecond", "nanosecond");

    private String part(Expr e, Scope scope, Expr.Call c) {
        Rex p = x.analyze(e, scope);
        if (p instanceof Rex.Lit l && l.value() instanceof String s) {
            String part = s.toLowerCase(java.util.Locale.ROOT);
            if (part.equals("minutes") || part.equals("hours") || part.equals("days")) {
                part = part.substring(0, part.length() - 1);
            }
            if (PARTS.contains(part)) {
                return part;
            }
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), "Unknown date part '" + s + "'",
                    Suggestions.didYouMean(s, PARTS));
        }
        throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), c.name() + "() needs a constant date part such as 'day'");
    }

    private Rex datetimeDiff(Expr.Call c, Scope scope) {
        arity(c, 3, 3);
        String part = part(c.args().get(0), scope, c);
        Rex a = typed(c.args().get(1), scope, KqlType.DATETIME, c);
        Rex b = typed(c.args().get(2), scope, KqlType.DATETIME, c);
        return new Rex.Call("datetime_diff", List.of(new Rex.Lit(part, KqlType.STRING), a, b), KqlType.LONG);
    }

    private Rex datetimeAdd(Expr.Call c, Scope scope) {
        arity(c, 3, 3);
        String part = part(c.args().get(0), scope, c);
        Rex n = typed(c.args().get(1), scope, KqlType.LONG, c);
        Rex d = typed(c.args().get(2), scope, KqlType.DATETIME, c);
        return new Rex.Call("datetime_add", List.of(new Rex.Lit(part, KqlType.STRING), n, d), KqlType.DATETIME);
    }

    private Rex formatDatetime(Expr.Call c, Scope scope) {
        arity(c, 2, 2);
        Rex d = typed(c.args().get(0), scope, KqlType.DATETIME, c);
        Rex f = x.analyze(c.args().get(1), scope);
        if (!(f instanceof Rex.Lit l) || !(l.value() instanceof String fmt)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.args().get(1).span(), "format_datetime() needs a constant format");
        }
        return new Rex.Call("format_datetime", List.of(d, new Rex.Lit(DateFormats.toStrftime(fmt, c.args().get(1).span()), KqlType.STRING)), KqlType.STRING);
    }

    /** bin_at(value, size, fixed point): bins aligned so that the fixed point starts one. */
    private Rex binAt(Expr.Call c, Scope scope) {
        arity(c, 3, 3);
        Rex v = x.analyze(c.args().get(0), scope);
        Rex size = x.analyze(c.args().get(1), scope);
        Rex at = x.analyze(c.args().get(2), scope);
        return binAt(c, v, size, at);
    }

    /**
     * bin_auto(value): bin_at with the size and fixed point the query set (bin-auto-function.md); without a fixed
     * point it is 0, as for bin().
     */
    private Rex binAuto(Expr.Call c, Scope scope) {
        arity(c, 1, 1);
        RequestProperties props = x.analyzer.properties();
        Rex size = props.get(RequestProperties.BIN_AUTO_SIZE).orElseThrow(() -> KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(),
                "bin_auto() needs a bin size", "Set it before the query: set " + RequestProperties.BIN_AUTO_SIZE + "=1h;"));
        Rex v = x.analyze(c.args().get(0), scope);
        Rex at = props.get(RequestProperties.BIN_AUTO_AT).orElse(null);
        if (at == null) {
            return bin(c, v, size);
        }
        return binAt(c, v, size, at);
    }

    private Rex binAt(Expr.Call c, Rex v, Rex size, Rex at) {
        if (v.type() == KqlType.DATETIME || v.type() == KqlType.TIMESPAN) {
            if (size.type() != KqlType.TIMESPAN || at.type() != v.type()) {
                throw KqlException.at(ErrorCode.TYPE_MISMATCH, c.span(), c.name() + "() of a " + v.type().kustoName()
                        + " needs a timespan size and a " + v.type().kustoName() + " fixed point");
            }
            return new Rex.Call(v.type() == KqlType.DATETIME ? "bin_at_datetime" : "bin_at_timespan", List.of(v, size, at), v.type());
        }
        if (!v.type().isNumeric() || !size.type().isNumeric() || !at.type().isNumeric()) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, c.span(), c.name() + "() expects numbers, datetimes or timespans");
        }
        return new Rex.Call("bin_at_number", List.of(Types.coerce(v, KqlType.REAL), Types.coerce(size, KqlType.REAL), Types.coerce(at, KqlType.REAL)),
                KqlType.REAL);
    }

    private Rex bin(Expr.Call c, Scope scope) {
        arity(c, 2, 2);
        Rex v = x.analyze(c.args().get(0), scope);
        Rex size = x.analyze(c.args().get(1), scope);
        return bin(c, v, size);
    }

    private Rex bin(Expr.Call c, Rex v, Rex size) {
        if (v.type() == KqlType.DYNAMIC) {
            v = Types.coerce(v, size.type() == KqlType.TIMESPAN ? KqlType.DATETIME : KqlType.REAL);
        }
        if (v.type() == KqlType.DATETIME || v.type() == KqlType.TIMESPAN) {
            if (size.type() != KqlType.TIMESPAN) {
                throw KqlException.at(ErrorCode.TYPE_MISMATCH, c.args().get(c.args().size() - 1).span(), c.name() + "() of a "
                        + v.type().kustoName() + " needs a timespan size");
            }
            if (v.type() == KqlType.TIMESPAN) {
                return new Rex.Call("bin_at_timespan", List.of(v, size, new Rex.Lit(0L, KqlType.TIMESPAN)), KqlType.TIMESPAN);
            }
            return new Rex.Call("bin_datetime", List.of(v, size), KqlType.DATETIME);
        }
        if (!v.type().isNumeric() || !size.type().isNumeric()) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, c.span(), c.name() + "() expects a number, datetime or timespan");
        }
        KqlType t = v.type() == KqlType.REAL || size.type() == KqlType.REAL ? KqlType.REAL : v.type();
        return new Rex.Call("bin_number", List.of(v, size), t);
    }
}
