package dev.rampart.kql.sql;

import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;

/** DuckDB spelling of the library functions that take a variable number of arguments or need assembling. */
final class LibraryCode {
    private LibraryCode() {
    }

    static String render(RexRenderer x, Rex.Call c, List<String> s) {
        List<Rex> a = c.args();
        switch (c.fn()) {
            case "tohex": {
                // An int prints as 32-bit two's complement, a long as 64-bit.
                String v = a.get(0).type() == KqlType.INT ? "CASE WHEN " + s.get(0) + " < 0 THEN CAST(" + s.get(0) + " AS BIGINT) + 4294967296 ELSE "
                        + s.get(0) + " END" : "CAST(" + s.get(0) + " AS BIGINT)";
                String h = "lower(to_hex(" + v + "))";
                return s.size() > 1 ? "lpad(" + h + ", CAST(greatest(length(" + h + "), " + s.get(1) + ") AS INTEGER), " + x.param("0") + ")" : h;
            }
            case "unicode_codepoints_to_string": {
                List<String> lists = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) {
                    lists.add(a.get(i).type() == KqlType.DYNAMIC ? "CAST(" + s.get(i) + " AS BIGINT[])" : "[CAST(" + s.get(i) + " AS BIGINT)]");
                }
                return "array_to_string(list_transform(flatten([" + String.join(", ", lists) + "]), lambda _c: chr(CAST(_c AS INTEGER))), " + x.param("") + ")";
            }
            case "translate": {
                // A short replacement list repeats its last character; an empty one deletes.
                String repl = "(CASE WHEN length(" + s.get(1) + ") = 0 THEN " + x.param("") + " ELSE rpad(" + s.get(1) + ", CAST(greatest(length(" + s.get(0)
                        + "), length(" + s.get(1) + ")) AS INTEGER), coalesce(nullif(right(" + s.get(1) + ", 1), " + x.param("") + "), " + x.param(" ") + ")) END)";
                return "translate(" + s.get(2) + ", " + s.get(0) + ", " + repl + ")";
            }
            case "array_rotate_left", "array_rotate_right", "array_shift_left", "array_shift_right": {
                String arr = arr(s.get(0));
                String n = c.fn().endsWith("right") ? "(- " + s.get(1) + ")" : s.get(1);
                if (c.fn().startsWith("array_rotate")) {
                    return "to_json(list_transform(" + arr + ", lambda _v, _i: " + arr + "[((_i - 1 + " + n + ") % len(" + arr + ") + len(" + arr
                            + ")) % len(" + arr + ") + 1]))";
                }
                String fill = s.size() > 2 ? "to_json(" + s.get(2) + ")" : "CAST(NULL AS JSON)";
                return "to_json(list_transform(" + arr + ", lambda _v, _i: CASE WHEN _i + " + n + " BETWEEN 1 AND len(" + arr + ") THEN " + arr + "[_i + " + n
                        + "] ELSE " + fill + " END))";
            }
            case "array_sort_asc", "array_sort_desc": {
                boolean desc = c.fn().endsWith("desc");
                boolean nullsLast = !(a.size() > 1 && a.get(1) instanceof Rex.Lit l && Boolean.FALSE.equals(l.value()));
                String isNull = "(coalesce(json_type(_v), " + x.param("NULL") + ") = " + x.param("NULL") + ")";
                // Nulls go to the requested end whatever the direction: the flag sorts before the value.
                String flag = (desc == nullsLast) ? "(NOT " + isNull + ")" : isNull;
                String key = "struct_pack(n := " + flag + ", k := TRY_CAST(_v AS DOUBLE), t := CAST(_v AS VARCHAR), v := _v)";
                return "to_json(list_transform(" + (desc ? "list_reverse_sort" : "list_sort") + "(list_transform(" + arr(s.get(0)) + ", lambda _v: " + key
                        + ")), lambda _e: _e.v))";
            }
            case "array_iff": {
                String pick = "CASE json_type(_c) WHEN " + x.param("BOOLEAN") + " THEN CAST(_c AS BOOLEAN) WHEN " + x.param("BIGINT") + " THEN CAST(_c AS DOUBLE) <> 0 WHEN "
                        + x.param("UBIGINT") + " THEN CAST(_c AS DOUBLE) <> 0 WHEN " + x.param("DOUBLE") + " THEN CAST(_c AS DOUBLE) <> 0 END";
                return "to_json(list_transform(" + arr(s.get(0)) + ", lambda _c, _i: CASE " + pick + " WHEN TRUE THEN " + element(x, s.get(1))
                        + " WHEN FALSE THEN " + element(x, s.get(2)) + " END))";
            }
            case "array_split": {
                String idx = "(CASE WHEN json_type(" + s.get(1) + ") = " + x.param("ARRAY") + " THEN CAST(" + s.get(1) + " AS BIGINT[]) ELSE [CAST("
                        + s.get(1) + " AS BIGINT)] END)";
                String bounds = "list_concat([0], " + idx + ", [len(" + arr(s.get(0)) + ")])";
                return "to_json(list_transform(range(1, len(" + bounds + ")), lambda _k: list_slice(" + arr(s.get(0)) + ", " + bounds + "[_k] + 1, "
                        + bounds + "[_k + 1])))";
            }
            case "zip": {
                List<String> lens = new ArrayList<>();
                List<String> at = new ArrayList<>();
                for (String v : s) {
                    lens.add("len(" + arr(v) + ")");
                    at.add(arr(v) + "[_i]");
                }
                return "to_json(list_transform(range(1, greatest(" + String.join(", ", lens) + ") + 1), lambda _i: [" + String.join(", ", at) + "]))";
            }
            case "bag_merge": {
                List<String> entries = new ArrayList<>();
                for (String v : s) {
                    entries.add("map_entries(CAST(" + v + " AS MAP(VARCHAR, JSON)))");
                }
                String all = "flatten([" + String.join(", ", entries) + "])";
                // The first bag that has a key decides its value.
                return "to_json(map_from_entries(list_filter(" + all + ", lambda _e, _i: list_position(list_transform(" + all
                        + ", lambda _f: _f.key), _e.key) = _i)))";
            }
            case "set_union": {
                List<String> lists = new ArrayList<>();
                s.forEach(v -> lists.add(arr(v)));
                return "to_json(" + distinct("flatten([" + String.join(", ", lists) + "])") + ")";
            }
            case "set_intersect", "set_difference": {
                boolean in = c.fn().equals("set_intersect");
                List<String> tests = new ArrayList<>();
                for (int i = 1; i < s.size(); i++) {
                    tests.add((in ? "" : "NOT ") + "list_contains(" + arr(s.get(i)) + ", _v)");
                }
                return "to_json(list_filter(" + distinct(arr(s.get(0))) + ", lambda _v: " + String.join(" AND ", tests) + "))";
            }
            case "jaccard_index": {
                String a0 = distinct(arr(s.get(0)));
                String both = "len(list_filter(" + a0 + ", lambda _v: list_contains(" + arr(s.get(1)) + ", _v)))";
                String any = "len(" + distinct("list_concat(" + arr(s.get(0)) + ", " + arr(s.get(1)) + ")") + ")";
                return "(CAST(" + both + " AS DOUBLE) / " + any + ")";
            }
            case "endofweek", "endofmonth", "endofyear": {
                String off = s.size() > 1 ? s.get(1) : "0";
                String d = s.get(0);
                String start = switch (c.fn()) {
                    case "endofweek" -> "CAST(CAST(" + d + " AS DATE) - CAST(dayofweek(" + d + ") AS INTEGER) AS TIMESTAMP) + to_days(CAST(7 * (" + off + " + 1) AS INTEGER))";
                    case "endofmonth" -> "CAST(make_date(year(" + d + "), month(" + d + "), 1) AS TIMESTAMP) + to_months(CAST(" + off + " + 1 AS INTEGER))";
                    default -> "CAST(make_date(year(" + d + "), 1, 1) AS TIMESTAMP) + to_years(CAST(" + off + " + 1 AS INTEGER))";
                };
                return "(" + start + " - to_microseconds(1))";
            }
            case "make_timespan": {
                List<String> p = new ArrayList<>(s);
                if (p.size() == 2) {
                    p.add("0");
                }
                if (p.size() == 3) {
                    p.add(0, "0");
                }
                return "to_microseconds(CAST(((((" + p.get(0) + ") * 24 + " + p.get(1) + ") * 60 + " + p.get(2) + ") * 60 + " + p.get(3) + ") * 1000000 AS BIGINT))";
            }
            case "make_datetime": {
                List<String> p = new ArrayList<>(s);
                while (p.size() < 6) {
                    p.add("0");
                }
                return "make_timestamp(" + String.join(", ", p) + ")";
            }
            case "series_fill_const": {
                String fill = s.size() > 1 ? "to_json(" + s.get(1) + ")" : "to_json(0)";
                String missing = s.size() > 2 ? "_v IS NULL OR json_type(_v) = " + x.param("NULL") + " OR CAST(_v AS VARCHAR) = CAST(to_json(" + s.get(2) + ") AS VARCHAR)"
                        : "_v IS NULL OR json_type(_v) = " + x.param("NULL");
                return "to_json(list_transform(" + arr(s.get(0)) + ", lambda _v: CASE WHEN " + missing + " THEN " + fill + " ELSE _v END))";
            }
            case "format_bytes": {
                String units = "[" + x.param("Bytes") + ", " + x.param("KB") + ", " + x.param("MB") + ", " + x.param("GB") + ", " + x.param("TB") + ", "
                        + x.param("PB") + "]";
                String auto = "CAST(CASE WHEN abs(" + s.get(0) + ") < 1024 THEN 0 ELSE least(5, floor(ln(abs(" + s.get(0) + ")) / ln(1024))) END AS BIGINT)";
                String k = s.size() > 2 ? "coalesce(nullif(list_position(" + units + ", " + s.get(2) + "), 0) - 1, " + auto + ")" : auto;
                String p = s.size() > 1 ? s.get(1) : "0";
                String v = "(" + s.get(0) + " / pow(1024, " + k + "))";
                return "(CASE WHEN " + s.get(0) + " IS NOT NULL THEN concat(CASE WHEN " + p + " > 0 THEN CAST(round(" + v + ", CAST(" + p + " AS INTEGER)) AS VARCHAR)"
                        + " ELSE CAST(CAST(round(" + v + ") AS BIGINT) AS VARCHAR) END, " + x.param(" ") + ", " + units + "[" + k + " + 1]) END)";
            }
            case "bin_at_number":
                return "(floor((" + s.get(0) + " - " + s.get(2) + ") / " + s.get(1) + ") * " + s.get(1) + " + " + s.get(2) + ")";
            case "bin_at_datetime", "bin_at_timespan": {
                String v = micros(x, a.get(0), s.get(0));
                String size = micros(x, a.get(1), s.get(1));
                String at = micros(x, a.get(2), s.get(2));
                String binned = "(CAST(floor((" + v + " - " + at + ") / " + size + ") AS BIGINT) * " + size + " + " + at + ")";
                return c.fn().equals("bin_at_datetime") ? "make_timestamp(" + binned + ")" : "to_microseconds(" + binned + ")";
            }
            case "replace_strings": {
                // Earlier lookups win: each is swapped for a private-use marker first, then markers become
                // replacements. A replacement that is not a string keeps its lookup text as it was.
                List<?> lookups = (List<?>) ((Rex.Lit) a.get(1)).value();
                List<?> replacements = (List<?>) ((Rex.Lit) a.get(2)).value();
                String r = s.get(0);
                for (int i = 0; i < lookups.size(); i++) {
                    if (lookups.get(i) instanceof String l && !l.isEmpty()) {
                        r = "replace(" + r + ", " + x.param(l) + ", " + x.param(String.valueOf((char) (0xE000 + i))) + ")";
                    }
                }
                for (int i = 0; i < lookups.size(); i++) {
                    if (lookups.get(i) instanceof String l && !l.isEmpty()) {
                        String rep = i < replacements.size() && replacements.get(i) instanceof String t ? t : l;
                        r = "replace(" + r + ", " + x.param(String.valueOf((char) (0xE000 + i))) + ", " + x.param(rep) + ")";
                    }
                }
                return r;
            }
            default:
                throw new IllegalStateException("no rendering for function " + c.fn());
        }
    }

    /** KQL timespan text ([-][d.]hh:mm[:ss[.fffffff]]) as an interval; anything else is null. */
    static String timespanFromText(RexRenderer x, String t) {
        String re = x.param("^(-?)(?:([0-9]+)\\.)?([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\\.([0-9]{1,7}))?)?$");
        String g = "regexp_extract(" + t + ", " + re + ", ";
        String micros = "((CAST(coalesce(nullif(" + g + "2), " + x.param("") + "), " + x.param("0") + ") AS BIGINT) * 24 + CAST(" + g + "3) AS BIGINT)) * 60 + CAST("
                + g + "4) AS BIGINT)) * 60000000 + CAST(coalesce(nullif(" + g + "5), " + x.param("") + "), " + x.param("0") + ") AS BIGINT) * 1000000"
                + " + CAST(rpad(concat(" + g + "6), " + x.param("") + "), 6, " + x.param("0") + ") AS BIGINT)";
        return "(CASE WHEN regexp_matches(" + t + ", " + re + ") THEN to_microseconds((CASE WHEN " + g + "1) = " + x.param("-") + " THEN -1 ELSE 1 END) * ("
                + micros + ")) END)";
    }

    /** A datetime or timespan as whole microseconds (a timespan constant is already its microseconds). */
    private static String micros(RexRenderer x, Rex r, String sql) {
        if (r instanceof Rex.Lit l && l.value() instanceof Long m) {
            return x.param(m);
        }
        return r.type() == KqlType.DATETIME ? "epoch_us(" + sql + ")" : "CAST(epoch(" + sql + ") * 1000000 AS BIGINT)";
    }

    private static String arr(String v) {
        return "CAST(" + v + " AS JSON[])";
    }

    /** One position of an array argument, or the argument itself when it is a scalar. */
    private static String element(RexRenderer x, String v) {
        return "(CASE WHEN json_type(" + v + ") = " + x.param("ARRAY") + " THEN " + arr(v) + "[_i] ELSE " + v + " END)";
    }

    /** Distinct values in order of first occurrence. */
    private static String distinct(String list) {
        return "list_filter(" + list + ", lambda _v, _i: list_position(" + list + ", _v) = _i)";
    }
}
