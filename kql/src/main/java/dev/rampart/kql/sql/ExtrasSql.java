package dev.rampart.kql.sql;

import dev.rampart.kql.plan.Rex;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL of the functions ScalarExtras assembles. array_sort_several(desc, nulls_last, first, others...): the
 * first array's sorting permutation applied to every array; an array of another length than the first is null.
 */
final class ExtrasSql {
    private ExtrasSql() {
    }

    static boolean handles(String fn) {
        return fn.equals("array_sort_several") || fn.equals("datetime_part") || fn.equals("toarray") || fn.equals("array_index_of_range")
                || fn.equals("datetime_json_text");
    }

    static String render(RexRenderer x, Rex.Call c, List<String> s) {
        if (c.fn().equals("datetime_part")) {
            return datetimePart((String) ((Rex.Lit) c.args().get(0)).value(), s.get(1));
        }
        if (c.fn().equals("array_index_of_range")) {
            // Positions start..end (zero-based, end exclusive) holding the value; the occurrence-th of them, else -1.
            String arr = "CAST(" + s.get(0) + " AS " + x.dialect().sqlType(c.args().get(1).type()) + "[])";
            String n = "len(" + arr + ")";
            String start = "(CASE WHEN " + s.get(2) + " < 0 THEN greatest(" + n + " + " + s.get(2) + ", 0) ELSE " + s.get(2) + " END)";
            String end = "(CASE WHEN " + s.get(3) + " = -1 THEN " + n + " ELSE least(" + start + " + " + s.get(3) + ", " + n + ") END)";
            String hits = "list_filter(range(" + start + ", greatest(" + end + ", " + start + ")), lambda _i: " + arr + "[_i + 1] = " + s.get(1) + ")";
            return "(CASE WHEN " + s.get(4) + " >= 0 AND " + s.get(3) + " >= -1 THEN coalesce(" + hits + "[" + s.get(4) + "], -1) END)";
        }
        if (c.fn().equals("datetime_json_text")) {
            // ISO 8601 in UTC with the fraction only when there is one (seven digits, the last always 0 here).
            String d = s.get(0);
            return "(strftime(" + d + ", " + x.param("%Y-%m-%dT%H:%M:%S") + ") || CASE WHEN microsecond(" + d + ") % 1000000 = 0 THEN " + x.param("")
                    + " ELSE " + x.param(".") + " || lpad(CAST(microsecond(" + d + ") % 1000000 AS VARCHAR), 6, " + x.param("0") + ") || " + x.param("0")
                    + " END || " + x.param("Z") + ")";
        }
        if (c.fn().equals("toarray")) {
            return "(CASE WHEN json_type(" + s.get(0) + ") = " + x.param("ARRAY") + " THEN " + s.get(0) + " WHEN " + s.get(0)
                    + " IS NOT NULL THEN json_array(" + s.get(0) + ") END)";
        }
        boolean desc = Boolean.TRUE.equals(((Rex.Lit) c.args().get(0)).value());
        boolean nullsLast = Boolean.TRUE.equals(((Rex.Lit) c.args().get(1)).value());
        String first = arr(s.get(2));
        String isNull = "(coalesce(json_type(_v), " + x.param("NULL") + ") = " + x.param("NULL") + ")";
        // The same key as the one-array sort (nulls flag, number, text), then the position so ties keep
        // their order in both directions.
        String flag = (desc == nullsLast) ? "(NOT " + isNull + ")" : isNull;
        String key = "struct_pack(n := " + flag + ", k := TRY_CAST(_v AS DOUBLE), t := CAST(_v AS VARCHAR), i := " + (desc ? "- _i" : "_i") + ")";
        String perm = "list_transform(" + (desc ? "list_reverse_sort" : "list_sort") + "(list_transform(" + first + ", lambda _v, _i: " + key
                + ")), lambda _e: abs(_e.i))";
        List<String> out = new ArrayList<>();
        for (int i = 2; i < s.size(); i++) {
            String a = arr(s.get(i));
            out.add("(CASE WHEN len(" + a + ") = len(" + first + ") THEN list_transform(" + perm + ", lambda _p: " + a + "[_p]) END)");
        }
        return "(CASE WHEN " + first + " IS NOT NULL THEN to_json([" + String.join(", ", out) + "]) END)";
    }

    /** One field of a timestamp; the sub-second parts are within the second (the store keeps microseconds). */
    private static String datetimePart(String part, String d) {
        String e = switch (part) {
            case "year" -> "year(" + d + ")";
            case "quarter" -> "quarter(" + d + ")";
            case "month" -> "month(" + d + ")";
            case "week_of_year" -> "weekofyear(" + d + ")";
            case "day" -> "day(" + d + ")";
            case "dayofyear" -> "dayofyear(" + d + ")";
            case "hour" -> "hour(" + d + ")";
            case "minute" -> "minute(" + d + ")";
            case "second" -> "second(" + d + ")";
            case "millisecond" -> "(millisecond(" + d + ") % 1000)";
            case "microsecond" -> "(microsecond(" + d + ") % 1000000)";
            case "nanosecond" -> "((microsecond(" + d + ") % 1000000) * 1000)";
            default -> throw new IllegalStateException("no datetime part " + part);
        };
        return "CAST(" + e + " AS INTEGER)";
    }

    private static String arr(String v) {
        return "CAST(" + v + " AS JSON[])";
    }
}
