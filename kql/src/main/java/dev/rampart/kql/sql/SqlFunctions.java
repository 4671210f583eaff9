package dev.rampart.kql.sql;

import dev.rampart.kql.analyzer.Literals;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;

/** SQL spelling of KQL's scalar functions and conversions. */
final class SqlFunctions {
    /** tostring(datetime): ISO 8601 in UTC with seven fraction digits and a Z, as Kusto prints it (the store keeps microseconds). */
    private static final String TIMESTAMP_TEXT = "%Y-%m-%dT%H:%M:%S.%f0Z";

    private SqlFunctions() {
    }

    static String render(RexRenderer x, Rex.Call c, String q) {
        SqlDialect d = x.dialect();
        List<Rex> a = c.args();
        List<String> s = new ArrayList<>();
        for (Rex r : a) {
            if (!(r instanceof Rex.JsonPath) || !c.fn().startsWith("to")) {
                s.add(x.r(r, q));
            } else {
                s.add(null); // conversions read paths as text directly
            }
        }
        if (SeriesSql.handles(c.fn())) {
            return SeriesSql.render(x, c, q);
        }
        if (GeohashSql.handles(c.fn())) {
            return GeohashSql.render(x, c, q);
        }
        if (Ipv4Sql.handles(c.fn())) {
            return Ipv4Sql.render(x, c, q);
        }
        if (Ipv6LookupSql.handles(c.fn())) {
            return Ipv6LookupSql.render(x, c, q);
        }
        if (LibrarySql.handles(c.fn())) {
            return LibrarySql.render(x, c, q);
        }
        switch (c.fn()) {
            case "tostring":
                return toString(x, a.get(0), q);
            case "tolong", "toint", "toreal", "tobool", "todatetime", "totimespan":
                return a.size() > 1 ? dateTimeFromText(x, a.get(0), a.get(1), q) : convert(x, a.get(0), c.type(), q);
            case "todynamic": {
                Rex v = a.get(0);
                String e = x.r(v, q);
                if (SqlTypes.isString(v.type())) {
                    // Invalid JSON stays a string value, as parse_json does; an empty text is null.
                    return "CASE WHEN length(" + e + ") > 0 THEN coalesce(" + d.tryCast(e, KqlType.DYNAMIC) + ", " + d.toJson(e) + ") END";
                }
                return d.toJson(e);
            }
            case "prev", "next":
                // Window functions over the serialized row order: the input arrives sorted from its subquery.
                return (c.fn().equals("prev") ? "lag(" : "lead(") + s.get(0) + ", " + ((Rex.Lit) a.get(1)).value() + ", " + s.get(2) + ") OVER ()";
            case "range_array": {
                if (a.get(0).type() == KqlType.TIMESPAN) {
                    // DuckDB has no series of intervals: count in microseconds and turn each back into an interval.
                    List<String> us = s.subList(0, 3).stream().map(v -> "CAST(round(epoch(" + v + ") * 1000000) AS BIGINT)").toList();
                    String last = "(" + us.get(0) + " + " + us.get(2) + " * " + s.get(3) + ")";
                    String series = "generate_series(" + us.get(0) + ", (CASE WHEN " + us.get(2) + " > 0 THEN least(" + us.get(1) + ", " + last
                            + ") ELSE greatest(" + us.get(1) + ", " + last + ") END), " + us.get(2) + ")";
                    return d.toJson("list_transform(" + series + ", lambda _r: to_microseconds(_r))");
                }
                if (a.get(0).type() == KqlType.REAL) {
                    // No series of doubles in DuckDB: count the steps, then scale (the cap bounds the count).
                    String n = "least(CAST(floor((" + s.get(1) + " - " + s.get(0) + ") / " + s.get(2) + ") AS BIGINT), " + s.get(3) + ")";
                    return d.toJson("list_transform(generate_series(0, " + n + "), lambda _i: " + s.get(0) + " + _i * " + s.get(2) + ")");
                }
                String to = s.get(1);
                if (s.size() > 3) {
                    // The end is pulled in to the last allowed element, so the series is never built past the cap.
                    String last = "(" + s.get(0) + " + " + s.get(2) + " * " + s.get(3) + ")";
                    to = "(CASE WHEN " + s.get(2) + " > " + s.get(2) + " - " + s.get(2) + " THEN least(" + s.get(1) + ", " + last + ") ELSE greatest(" + s.get(1) + ", " + last + ") END)";
                }
                String series = "generate_series(" + s.get(0) + ", " + to + ", " + s.get(2) + ")";
                if (a.get(0).type() == KqlType.DATETIME) {
                    // Datetimes in a dynamic array are written as Kusto writes them.
                    series = "list_transform(" + series + ", lambda _d: strftime(_d, " + x.param(TIMESTAMP_TEXT) + "))";
                }
                return d.toJson(series);
            }
            case "rank_within": {
                // top-nested: position by the aggregate within the parent level's values (nulls ranked last).
                boolean asc = (Boolean) ((Rex.Lit) a.get(1)).value();
                String partition = s.size() > 2 ? "PARTITION BY " + String.join(", ", s.subList(2, s.size())) + " " : "";
                return "row_number() OVER (" + partition + "ORDER BY " + s.get(0) + (asc ? " ASC" : " DESC") + " NULLS LAST)";
            }
            case "row_number":
                return "(row_number() OVER () + " + s.get(0) + " - 1)";
            case "row_cumsum":
                return "CAST(sum(" + s.get(0) + ") OVER (ROWS UNBOUNDED PRECEDING) AS " + d.sqlType(c.type()) + ")";
            case "parse_version": {
                // Kusto's decimal: up to four parts of up to 8 digits, each part shifted by 8 digits.
                String t = "trim(" + s.get(0) + ")";
                StringBuilder b = new StringBuilder("CASE WHEN regexp_full_match(" + t + ", " + x.param("[0-9]{1,8}(\\.[0-9]{1,8}){0,3}") + ") THEN (");
                for (int i = 0; i < 4; i++) {
                    if (i > 0) {
                        b.append(" + ");
                    }
                    b.append("CAST(coalesce(nullif(string_split(").append(t).append(", ").append(x.param(".")).append(")[").append(i + 1)
                            .append("], ").append(x.param("")).append("), ").append(x.param("0")).append(") AS HUGEINT) * CAST(")
                            .append(x.param("1" + "0".repeat(8 * (3 - i)))).append(" AS HUGEINT)");
                }
                return b.append(") END").toString();
            }
            case "tolower":
                return "lower(" + s.get(0) + ")";
            case "toupper":
                return "upper(" + s.get(0) + ")";
            case "strlen":
                return "length(" + s.get(0) + ")";
            case "string_size":
                return "strlen(" + s.get(0) + ")";
            case "reverse", "url_decode":
                return c.fn() + "(" + s.get(0) + ")";
            case "substring":
                return "substring(" + s.get(0) + ", (" + s.get(1) + " + 1)" + (s.size() > 2 ? ", " + s.get(2) : "") + ")";
            case "strcat":
                return "concat(" + String.join(", ", s) + ")";
            case "strrep":
                if (s.size() == 3) {
                    return "concat(repeat(concat(" + s.get(0) + ", " + s.get(2) + "), (" + s.get(1) + " - 1)), " + s.get(0) + ")";
                }
                return "repeat(" + s.get(0) + ", " + s.get(1) + ")";
            case "split":
                if (s.size() == 3) {
                    // An index past the end gives an empty array, not [null].
                    return d.toJson("list_slice(string_split(" + s.get(0) + ", " + s.get(1) + "), " + s.get(2) + " + 1, " + s.get(2) + " + 1)");
                }
                return d.toJson("string_split(" + s.get(0) + ", " + s.get(1) + ")");
            case "extract":
                // DuckDB needs the group number as a constant; it is a parsed integer, not text from the query.
                return "regexp_extract(" + s.get(2) + ", " + s.get(0) + ", " + ((Rex.Lit) a.get(1)).value() + ")";
            case "extract_all": {
                // The group number is a count made by the compiler, not query text; DuckDB needs it constant.
                String all = "regexp_extract_all(" + s.get(2) + ", " + s.get(0) + ", " + ((Rex.Lit) a.get(1)).value() + ")";
                return "CASE WHEN len(" + all + ") > 0 THEN " + d.toJson(all) + " END";
            }
            case "extract_all_groups": {
                // Group numbers are compiler-made constants; DuckDB needs them inline.
                String matches = "regexp_extract_all(" + s.get(2) + ", " + s.get(0) + ", 0)";
                List<String> at = new ArrayList<>();
                for (Object g : (List<?>) ((Rex.Lit) a.get(1)).value()) {
                    at.add("regexp_extract_all(" + s.get(2) + ", " + s.get(0) + ", " + ((Number) g).longValue() + ")[_i]");
                }
                return "CASE WHEN len(" + matches + ") > 0 THEN " + d.toJson("list_transform(range(1, len(" + matches + ") + 1), lambda _i: ["
                        + String.join(", ", at) + "])") + " END";
            }
            case "parse_kv_regex":
                // The value of the first match whose key group (1) equals the key; values are group 2.
                return "coalesce((regexp_extract_all(" + s.get(0) + ", " + s.get(1) + ", 2))[list_position(list_transform(regexp_extract_all("
                        + s.get(0) + ", " + s.get(1) + ", 1), lambda _k: trim(_k)), " + s.get(2) + ")], " + x.param("") + ")";
            case "extract_json":
                return d.jsonTextAt(s.get(1), s.get(0));
            case "replace_string":
                return "replace(" + s.get(0) + ", " + s.get(1) + ", " + s.get(2) + ")";
            case "replace_regex":
                return "regexp_replace(" + s.get(0) + ", " + s.get(1) + ", " + s.get(2) + ", " + x.param("g") + ")";
            case "trim", "trim_start", "trim_end":
                return trim(x, c.fn(), a, q);
            case "indexof": {
                if (s.size() == 2) {
                    return "(strpos(" + s.get(0) + ", " + s.get(1) + ") - 1)";
                }
                String found = "strpos(substring(" + s.get(0) + ", (" + s.get(2) + " + 1)), " + s.get(1) + ")";
                return "CASE WHEN " + found + " = 0 THEN -1 ELSE " + found + " - 1 + " + s.get(2) + " END";
            }
            case "base64_decode_tostring":
                // Invalid base64 yields null, as in Kusto, instead of failing the query.
                return "try(decode(from_base64(" + s.get(0) + ")))";
            case "countof": {
                Rex.Lit lit = (Rex.Lit) a.get(1);
                return "len(regexp_extract_all(" + s.get(0) + ", " + x.param(Patterns.quote((String) lit.value())) + "))";
            }
            case "countof_regex":
                return "len(regexp_extract_all(" + s.get(0) + ", " + s.get(1) + "))";
            case "strcat_array":
                return "array_to_string(CAST(" + s.get(0) + " AS VARCHAR[]), " + s.get(1) + ")";
            case "isempty":
                return "((" + emptyTest(x, a.get(0), q) + ") IS NOT TRUE)";
            case "isnotempty":
                return "((" + emptyTest(x, a.get(0), q) + ") IS TRUE)";
            case "isnull":
                return "(" + s.get(0) + " IS NULL)";
            case "isnotnull":
                return "(" + s.get(0) + " IS NOT NULL)";
            case "coalesce":
                return "coalesce(" + String.join(", ", s) + ")";
            case "max_of":
                return "greatest(" + String.join(", ", s) + ")";
            case "min_of":
                return "least(" + String.join(", ", s) + ")";
            case "startofday":
                return offset("CAST(CAST(" + s.get(0) + " AS DATE) AS TIMESTAMP)", "to_days", s);
            case "startofweek":
                // Kusto weeks start on Sunday; dayofweek() is 0 on Sunday.
                return offset("CAST(CAST(" + s.get(0) + " AS DATE) - CAST(dayofweek(" + s.get(0) + ") AS INTEGER) AS TIMESTAMP)", "to_weeks", s);
            case "startofmonth":
                return offset("CAST(make_date(year(" + s.get(0) + "), month(" + s.get(0) + "), 1) AS TIMESTAMP)", "to_months", s);
            case "startofyear":
                return offset("CAST(make_date(year(" + s.get(0) + "), 1, 1) AS TIMESTAMP)", "to_years", s);
            case "endofday":
                return "(" + offset("CAST(CAST(" + s.get(0) + " AS DATE) AS TIMESTAMP)", "to_days", s) + " + " + d.intervalFromMicros("86399999999") + ")";
            case "dayofweek":
                return "to_days(CAST(dayofweek(" + s.get(0) + ") AS INTEGER))";
            case "hourofday":
                return "hour(" + s.get(0) + ")";
            case "dayofmonth":
                return "day(" + s.get(0) + ")";
            case "getyear":
                return "year(" + s.get(0) + ")";
            case "getmonth":
                return "month(" + s.get(0) + ")";
            case "datetime_diff":
                // Datetimes are held to the microsecond here, so a nanosecond difference is the microsecond one scaled.
                if ("nanosecond".equals(((Rex.Lit) a.get(0)).value())) {
                    return "(date_diff('microsecond', " + s.get(2) + ", " + s.get(1) + ") * 1000)";
                }
                if ("week".equals(((Rex.Lit) a.get(0)).value())) {
                    // Kusto counts the Sundays crossed; DuckDB counts whole weeks. 1970-01-04 was a Sunday.
                    return "CAST(" + sundayWeek(d, s.get(1)) + " - " + sundayWeek(d, s.get(2)) + " AS " + d.sqlType(KqlType.LONG) + ")";
                }
                return "date_diff(" + s.get(0) + ", " + s.get(2) + ", " + s.get(1) + ")";
            case "datetime_add":
                return datetimeAdd((String) ((Rex.Lit) a.get(0)).value(), s.get(1), s.get(2));
            case "format_datetime":
                return "strftime(" + s.get(0) + ", " + s.get(1) + ")";
            case "bin_datetime": {
                String size = a.get(1) instanceof Rex.Lit l ? x.param(l.value()) : "CAST(epoch(" + s.get(1) + ") * 1000000 AS BIGINT)";
                String size2 = a.get(1) instanceof Rex.Lit l ? x.param(l.value()) : size;
                return d.timestampFromMicros("CAST(" + d.floorDiv(d.epochMicros(s.get(0)), size) + " AS BIGINT) * " + size2);
            }
            case "bin_number": {
                String e = "(" + d.floorDiv(s.get(0), s.get(1)) + " * " + s.get(1) + ")";
                return c.type() == KqlType.REAL ? e : "CAST(" + e + " AS " + d.sqlType(c.type()) + ")";
            }
            case "unixtime_seconds_todatetime":
                return d.timestampFromMicros("CAST(" + s.get(0) + " * 1000000 AS BIGINT)");
            case "unixtime_milliseconds_todatetime":
                return d.timestampFromMicros("CAST(" + s.get(0) + " * 1000 AS BIGINT)");
            case "array_length":
                // DuckDB counts in UBIGINT; KQL's array_length is a long.
                return "CAST(json_array_length(" + s.get(0) + ") AS " + d.sqlType(KqlType.LONG) + ")";
            case "bag_keys":
                // Only a property bag has keys; any other value gives null.
                return "(CASE WHEN json_type(" + s.get(0) + ") = " + x.param("OBJECT") + " THEN " + d.toJson("json_keys(" + s.get(0) + ")") + " END)";
            case "bag_has_key":
                return "list_contains(json_keys(" + s.get(0) + "), " + s.get(1) + ")";
            case "pack_array":
                return "json_array(" + String.join(", ", s) + ")";
            case "bag_pack":
                return "json_object(" + String.join(", ", s) + ")";
            case "bag_pack_nonnull": {
                // find's pack_: the row's other columns, without the null or empty ones.
                List<String> entries = new ArrayList<>();
                for (int i = 0; i < s.size(); i += 2) {
                    entries.add("struct_pack(k := " + s.get(i) + ", v := " + d.toJson(s.get(i + 1)) + ")");
                }
                return d.toJson("map_from_entries(list_filter([" + String.join(", ", entries) + "], lambda _e: _e.v IS NOT NULL AND CAST(_e.v AS VARCHAR) <> "
                        + x.param("\"\"") + "))");
            }
            case "set_has_element":
                return "list_contains(CAST(" + s.get(0) + " AS " + d.sqlType(a.get(1).type()) + "[]), " + s.get(1) + ")";
            case "array_index_of":
                return "CAST(coalesce(list_position(CAST(" + s.get(0) + " AS " + d.sqlType(a.get(1).type()) + "[]), " + s.get(1) + "), 0) - 1 AS BIGINT)";
            case "array_concat": {
                List<String> lists = new ArrayList<>();
                s.forEach(v -> lists.add(d.unnestArray(v)));
                String acc = lists.get(0);
                for (int i = 1; i < lists.size(); i++) {
                    acc = "list_concat(" + acc + ", " + lists.get(i) + ")";
                }
                return d.toJson(acc);
            }
            case "array_slice": {
                // Negative positions count from the end.
                String list = d.unnestArray(s.get(0));
                String from = "(CASE WHEN " + s.get(1) + " < 0 THEN len(" + list + ") + " + s.get(1) + " ELSE " + s.get(1) + " END + 1)";
                String to = "(CASE WHEN " + s.get(2) + " < 0 THEN len(" + list + ") + " + s.get(2) + " ELSE " + s.get(2) + " END + 1)";
                return d.toJson("list_slice(" + list + ", " + from + ", " + to + ")");
            }
            case "abs":
                // DuckDB has no abs(INTERVAL).
                return a.get(0).type() == KqlType.TIMESPAN ? "greatest(" + s.get(0) + ", (- " + s.get(0) + "))" : "abs(" + s.get(0) + ")";
            case "exp":
                return c.fn() + "(" + s.get(0) + ")";
            case "sqrt":
                // Out of the domain Kusto answers null where DuckDB would fail the query; log(0) is -infinity.
                return "(CASE WHEN " + s.get(0) + " >= 0 THEN sqrt(" + s.get(0) + ") END)";
            case "log", "log10": {
                String f = c.fn().equals("log") ? "ln" : "log10";
                return "(CASE WHEN " + s.get(0) + " > 0 THEN " + f + "(" + s.get(0) + ") WHEN " + s.get(0) + " = 0 THEN CAST(" + x.param("-Infinity")
                        + " AS DOUBLE) END)";
            }
            case "ceiling":
                return "ceil(" + s.get(0) + ")";
            case "round": {
                String r = "round(CAST(" + s.get(0) + " AS DOUBLE)" + (s.size() > 1 ? ", CAST(" + s.get(1) + " AS INTEGER)" : "") + ")";
                return c.type() == KqlType.REAL ? r : "CAST(" + r + " AS " + d.sqlType(c.type()) + ")";
            }
            case "pow":
                return "pow(" + s.get(0) + ", " + s.get(1) + ")";
            case "parse_url":
                return d.parseUrl(s.get(0), x::param);
            case "parse_urlquery":
                return d.parseUrlQuery(s.get(0), x::param);
            case "ipv4_is_private":
                return d.regexMatch(s.get(0), x.param(Patterns.PRIVATE_IPV4));
            case "bag_to_pairs": {
                // mv-expand kind=array: a bag becomes a list of [key, value] arrays; other values pass unchanged.
                String v = s.get(0);
                String pointer = "concat(" + x.param("/") + ", replace(replace(_k, " + x.param("~") + ", " + x.param("~0") + "), "
                        + x.param("/") + ", " + x.param("~1") + "))";
                return "CASE json_type(" + v + ") WHEN " + x.param("OBJECT") + " THEN to_json(list_transform(json_keys(" + v
                        + "), lambda _k: json_array(_k, json_extract(" + v + ", " + pointer + ")))) ELSE " + v + " END";
            }
            case "rand":
                return s.isEmpty() ? "random()" : "CAST(floor(random() * " + s.get(0) + ") AS BIGINT)";
            case "new_guid":
                return "CAST(uuid() AS VARCHAR)";
            case "hash":
                return s.size() > 1 ? "CAST(hash(" + s.get(0) + ") % " + s.get(1) + " AS BIGINT)"
                        : "CAST(hash(" + s.get(0) + ") >> 1 AS BIGINT)";
            case "json_index": {
                String step = a.get(1).type() == KqlType.STRING ? "replace(replace(" + s.get(1) + ", " + x.param("~") + ", " + x.param("~0")
                        + "), " + x.param("/") + ", " + x.param("~1") + ")" : "CAST(" + s.get(1) + " AS VARCHAR)";
                return d.jsonAt(s.get(0), "concat(" + x.param("/") + ", " + step + ")");
            }
            default:
                throw new IllegalStateException("no rendering for function " + c.fn());
        }
    }

    /** A period start moved by the optional whole number of periods in the second argument. */
    private static String offset(String start, String unit, List<String> s) {
        return s.size() > 1 ? "(" + start + " + " + unit + "(CAST(" + s.get(1) + " AS INTEGER)))" : start;
    }

    private static String emptyTest(RexRenderer x, Rex v, String q) {
        if (v.type() == KqlType.DYNAMIC) {
            return "length(" + x.text(v, q) + ") > 0";
        }
        if (SqlTypes.isString(v.type())) {
            return "length(" + x.r(v, q) + ") > 0";
        }
        return x.r(v, q) + " IS NOT NULL";
    }

    private static String toString(RexRenderer x, Rex v, String q) {
        SqlDialect d = x.dialect();
        return switch (v.type()) {
            case STRING, GUID -> x.r(v, q);
            case DYNAMIC -> x.text(v, q);
            case DATETIME -> "strftime(" + x.r(v, q) + ", " + x.param(TIMESTAMP_TEXT) + ")";
            // Kusto's layout of reals (1, 1E+20) and timespans (1.00:00:00), computed in Java.
            case REAL -> "kql___real_text(CAST(" + x.r(v, q) + " AS VARCHAR))";
            case TIMESPAN -> "kql___timespan_text(CAST(round(epoch(" + x.r(v, q) + ") * 10000000) AS BIGINT))";
            default -> "CAST(" + x.r(v, q) + " AS " + d.sqlType(KqlType.STRING) + ")";
        };
    }

    private static String convert(RexRenderer x, Rex v, KqlType to, String q) {
        SqlDialect d = x.dialect();
        if (v.type() == KqlType.DYNAMIC) {
            return d.tryCast(x.text(v, q), to);
        }
        if (SqlTypes.isString(v.type()) && to == KqlType.TIMESPAN) {
            return LibraryCode.timespanFromText(x, x.r(v, q));
        }
        if (SqlTypes.isString(v.type()) && to == KqlType.DATETIME) {
            // Kusto also reads US-style month/day/year text.
            String t = x.r(v, q);
            return "coalesce(" + d.tryCast(t, to) + ", try_strptime(" + t + ", " + x.param("%m/%d/%Y %H:%M:%S") + "), try_strptime("
                    + t + ", " + x.param("%m/%d/%Y") + "), try_strptime(" + t + ", " + x.param("%m-%d-%Y") + "))";
        }
        if (SqlTypes.isString(v.type())) {
            return d.tryCast(x.r(v, q), to);
        }
        if (v.type() == KqlType.REAL && (to == KqlType.LONG || to == KqlType.INT)) {
            // KQL truncates toward zero; a SQL cast would round.
            return "CAST(trunc(" + x.r(v, q) + ") AS " + d.sqlType(to) + ")";
        }
        return d.tryCast(x.r(v, q), to);
    }

    /**
     * Text to datetime where a text giving only a time of day (17:30, 8:00:00 AM) means that time on the query's
     * current day, {@code today}; the pattern gate keeps date texts away from the TIME cast, which would drop their date.
     */
    private static final String TWELVE_HOUR = "['%I:%M:%S %p', '%I:%M %p', '%I %p', '%I:%M:%S%p', '%I:%M%p', '%I%p']";

    private static String dateTimeFromText(RexRenderer x, Rex v, Rex today, String q) {
        String full = convert(x, v, KqlType.DATETIME, q);
        String t = "trim(" + x.r(v, q) + ")";
        // DuckDB's TIME cast ignores a trailing AM/PM, so 12-hour texts go only to strptime.
        String time = "(CASE WHEN regexp_matches(" + t + ", " + x.param("[AaPp]\\.?[Mm]\\.?$") + ") THEN CAST(try_strptime(" + t + ", "
                + TWELVE_HOUR + ") AS TIME) ELSE TRY_CAST(" + t + " AS TIME) END)";
        return "coalesce(" + full + ", CASE WHEN regexp_full_match(" + t + ", " + x.param(Literals.TIME_ONLY.pattern()) + ") THEN CAST("
                + x.r(today, q) + " AS DATE) + " + time + " END)";
    }

    private static String trim(RexRenderer x, String fn, List<Rex> a, String q) {
        String text = x.r(a.get(1), q);
        if (a.get(0) instanceof Rex.Lit l && l.value() instanceof String re) {
            String pattern = switch (fn) {
                case "trim_start" -> "^(?:" + re + ")+";
                case "trim_end" -> "(?:" + re + ")+$";
                default -> "^(?:" + re + ")+|(?:" + re + ")+$";
            };
            return "regexp_replace(" + text + ", " + x.param(pattern) + ", " + x.param("") + ", " + x.param("g") + ")";
        }
        String re = x.r(a.get(0), q);
        String pattern = switch (fn) {
            case "trim_start" -> "concat(" + x.param("^(?:") + ", " + re + ", " + x.param(")+") + ")";
            case "trim_end" -> "concat(" + x.param("(?:") + ", " + re + ", " + x.param(")+$") + ")";
            default -> "concat(" + x.param("^(?:") + ", " + re + ", " + x.param(")+|(?:") + ", " + re + ", " + x.param(")+$") + ")";
        };
        return "regexp_replace(" + text + ", " + pattern + ", " + x.param("") + ", " + x.param("g") + ")";
    }

    private static String datetimeAdd(String part, String n, String dt) {
        String interval = switch (part) {
            case "year" -> "to_years(CAST(" + n + " AS INTEGER))";
            case "quarter" -> "to_months(CAST(" + n + " * 3 AS INTEGER))";
            case "month" -> "to_months(CAST(" + n + " AS INTEGER))";
            case "week" -> "to_weeks(CAST(" + n + " AS INTEGER))";
            case "day" -> "to_days(CAST(" + n + " AS INTEGER))";
            case "hour" -> "to_hours(CAST(" + n + " AS BIGINT))";
            case "minute" -> "to_minutes(CAST(" + n + " AS BIGINT))";
            case "second" -> "to_seconds(CAST(" + n + " AS DOUBLE))";
            case "millisecond" -> "to_milliseconds(CAST(" + n + " AS DOUBLE))";
            // Datetimes are held to the microsecond: the nanoseconds below one are dropped.
            case "nanosecond" -> "to_microseconds(CAST(trunc(" + n + " / 1000) AS BIGINT))";
            default -> "to_microseconds(CAST(" + n + " AS BIGINT))";
        };
        return "(" + dt + " + " + interval + ")";
    }

    private static String sundayWeek(SqlDialect d, String ts) {
        return d.floorDiv("(date_diff('day', DATE '1970-01-01', CAST(" + ts + " AS DATE)) + 4)", "7");
    }
}
