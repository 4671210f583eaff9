package dev.rampart.kql.sql;

import dev.rampart.kql.analyzer.Json;
import dev.rampart.kql.analyzer.RegexText;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders typed scalar expressions; KQL semantics are spelled out here, not left to SQL habits. */
final class RexRenderer {
    /** Microseconds from 0001-01-01 to 1970-01-01. */
    private static final String TICKS_ORIGIN_US = "62135596800000000";

    private final SqlDialect d;
    private final Params params;
    private final SqlRenderer rel;

    RexRenderer(SqlDialect d, Params params, SqlRenderer rel) {
        this.d = d;
        this.params = params;
        this.rel = rel;
    }

    private String p(Object v) {
        return params.add(v);
    }

    /** @param q alias that qualifies column references, or null */
    String render(Rex r, String q) {
        if (r instanceof Rex.Lit l) {
            return literal(l);
        }
        if (r instanceof Rex.ColRef c) {
            return q == null ? d.quoteIdentifier(c.name()) : q + "." + d.quoteIdentifier(c.name());
        }
        if (r instanceof Rex.JsonPath jp) {
            return d.jsonAt(render(jp.base(), q), p(pointer(jp.path())));
        }
        if (r instanceof Rex.Call c) {
            return call(c, q);
        }
        if (r instanceof Rex.Agg a) {
            return aggregate(a, q);
        }
        if (r instanceof Rex.ScalarQuery s) {
            String col = d.quoteIdentifier(s.rel().fields().get(0).name());
            return "(SELECT " + col + " FROM (" + rel.subquery(s.rel()) + ") AS _q LIMIT 1)";
        }
        if (r instanceof Rex.InQuery in) {
            String col = d.quoteIdentifier(in.rel().fields().get(0).name());
            String left = render(in.left(), q);
            if (in.caseInsensitive()) {
                return "(lower(" + left + ") IN (SELECT lower(" + col + ") FROM (" + rel.subquery(in.rel()) + ") AS _q))";
            }
            return "(" + left + " IN (SELECT " + col + " FROM (" + rel.subquery(in.rel()) + ") AS _q))";
        }
        if (r instanceof Rex.FieldOf f) {
            return d.recordField(render(f.record(), q), f.field(), f.type());
        }
        if (r instanceof Rex.Record rec) {
            List<String> vals = new ArrayList<>();
            rec.values().forEach(v -> vals.add(render(v, q)));
            return d.packRecord(rec.names(), vals);
        }
        throw new IllegalStateException("no rendering for " + r);
    }

    private String literal(Rex.Lit l) {
        if (l.value() == null) {
            return "CAST(NULL AS " + d.sqlType(l.type()) + ")";
        }
        return switch (l.type()) {
            case DATETIME -> "CAST(" + p(l.value()) + " AS " + d.sqlType(KqlType.DATETIME) + ")";
            case TIMESPAN -> d.intervalFromMicros(p(l.value()));
            case DYNAMIC -> "CAST(" + p(Json.write(l.value())) + " AS " + d.sqlType(KqlType.DYNAMIC) + ")";
            default -> p(l.value());
        };
    }

    /** An RFC 6901 pointer, or a JSONPath when an index counts from the end (which pointers cannot say). */
    static String pointer(List<Object> path) {
        if (path.stream().anyMatch(s -> s instanceof Long n && n < 0)) {
            StringBuilder b = new StringBuilder("$");
            for (Object step : path) {
                if (step instanceof Long n) {
                    b.append(n < 0 ? "[#" + n + "]" : "[" + n + "]");
                } else {
                    b.append(".\"").append(step.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                }
            }
            return b.toString();
        }
        StringBuilder b = new StringBuilder();
        for (Object step : path) {
            b.append('/').append(step.toString().replace("~", "~0").replace("/", "~1"));
        }
        return b.toString();
    }

    /** JSON as text: strings unquoted. A path read is done in one step. */
    private String jsonText(Rex r, String q) {
        if (r instanceof Rex.JsonPath jp) {
            return d.jsonTextAt(render(jp.base(), q), p(pointer(jp.path())));
        }
        return d.jsonTextAt(render(r, q), p("$"));
    }

    /** Converts an expanded JSON array element (mv-expand ... to typeof(t)). */
    String convertFromJson(String element, KqlType to) {
        if (to == KqlType.DYNAMIC) {
            return element;
        }
        String text = d.jsonTextAt(element, p("$"));
        return SqlTypes.isString(to) ? text : d.tryCast(text, to);
    }

    private String lower(Rex r, String q) {
        if (r instanceof Rex.Lit l && l.value() instanceof String s) {
            return p(s.toLowerCase(Locale.ROOT));
        }
        return "lower(" + render(r, q) + ")";
    }

    private static boolean isEmptyText(Rex r) {
        return r instanceof Rex.Lit l && "".equals(l.value());
    }

    private static String notTrue(String predicate) {
        return "((" + predicate + ") IS NOT TRUE)";
    }

    /** Which argument of each call is a regular expression, to be given to DuckDB in RE2's spelling. */
    private static final Map<String, Integer> REGEX_ARGUMENT = Map.ofEntries(Map.entry("matches regex", 1), Map.entry("extract", 0),
            Map.entry("extract_all", 0), Map.entry("extract_all_groups", 0), Map.entry("replace_regex", 1), Map.entry("countof_regex", 1),
            Map.entry("parse_kv_regex", 1), Map.entry("trim", 0), Map.entry("trim_start", 0), Map.entry("trim_end", 0),
            Map.entry("indexof_regex", 1));

    private String call(Rex.Call c, String q) {
        Integer at = REGEX_ARGUMENT.get(c.fn());
        if (at != null && at < c.args().size() && c.args().get(at) instanceof Rex.Lit l && l.value() instanceof String re
                && !RegexText.toRe2(re).equals(re)) {
            List<Rex> args = new ArrayList<>(c.args());
            args.set(at, new Rex.Lit(RegexText.toRe2(re), l.type()));
            return call(new Rex.Call(c.fn(), args, c.type()), q);
        }
        String fn = c.fn();
        List<Rex> a = c.args();
        if (fn.startsWith("!") && !fn.equals("!=") && !fn.equals("!~") && !fn.equals("!between")) {
            // KQL strings have no null: "" !contains "x" is true, so negation must not yield SQL NULL.
            return notTrue(call(new Rex.Call(fn.substring(1), a, c.type()), q));
        }
        switch (fn) {
            case "and", "or":
                // KQL's and/or read a null bool as false (null and true is false), so the result is never null.
                return "(coalesce(" + render(a.get(0), q) + ", FALSE)" + (fn.equals("and") ? " AND " : " OR ") + "coalesce("
                        + render(a.get(1), q) + ", FALSE))";
            case "not":
                return "(NOT " + render(a.get(0), q) + ")";
            case "not_true":
                return notTrue(render(a.get(0), q));
            case "==", "!=":
                return equality(fn.equals("=="), a.get(0), a.get(1), q);
            case "<", "<=", ">", ">=":
                return bin(a, q, " " + fn + " ");
            case "%":
                if (c.type() == KqlType.LONG || c.type() == KqlType.INT) {
                    // Kusto's modulo is never negative (-14 % 12 == 10, -14 % -12 == 10); SQL keeps the dividend's sign.
                    String m = "abs(" + render(a.get(1), q) + ")";
                    return "(((" + render(a.get(0), q) + " % " + m + ") + " + m + ") % " + m + ")";
                }
                return bin(a, q, " % ");
            case "+", "-", "*":
                return bin(a, q, " " + fn + " ");
            case "/":
                return bin(a, q, " / ");
            case "intdiv":
                return bin(a, q, " // ");
            case "neg":
                return "(- " + render(a.get(0), q) + ")";
            case "datetime_ticks_us":
                // Microseconds since 0001-01-01, the origin of Kusto's ticks.
                return "(" + d.epochMicros(render(a.get(0), q)) + " + " + TICKS_ORIGIN_US + ")";
            case "datetime_from_ticks_us":
                return d.timestampFromMicros("(CAST(" + render(a.get(0), q) + " AS BIGINT) - " + TICKS_ORIGIN_US + ")");
            case "timespan_micros":
                return "(epoch(" + render(a.get(0), q) + ") * 1000000)";
            case "span_micros_long":
                return "CAST(epoch(" + render(a.get(0), q) + ") * 1000000 AS BIGINT)";
            case "span_from_micros":
                return d.intervalFromMicros("CAST(" + render(a.get(0), q) + " AS BIGINT)");
            case "span_ratio":
                return "(epoch(" + render(a.get(0), q) + ") / epoch(" + render(a.get(1), q) + "))";
            case "span_mul", "span_div":
                return d.intervalFromMicros("CAST(epoch(" + render(a.get(0), q) + ") * 1000000 " + (fn.equals("span_mul") ? "*" : "/")
                        + " " + render(a.get(1), q) + " AS BIGINT)");
            case "=~":
                return "(lower(" + render(a.get(0), q) + ") = " + lower(a.get(1), q) + ")";
            case "!~":
                return "(lower(" + render(a.get(0), q) + ") IS DISTINCT FROM " + lower(a.get(1), q) + ")";
            case "has", "has_cs", "hasprefix", "hasprefix_cs", "hassuffix", "hassuffix_cs":
                return term(fn, a, q);
            case "contains":
                return d.contains("lower(" + render(a.get(0), q) + ")", lower(a.get(1), q));
            case "contains_cs":
                return d.contains(render(a.get(0), q), render(a.get(1), q));
            case "startswith":
                return d.startsWith("lower(" + render(a.get(0), q) + ")", lower(a.get(1), q));
            case "startswith_cs":
                return d.startsWith(render(a.get(0), q), render(a.get(1), q));
            case "endswith":
                return d.endsWith("lower(" + render(a.get(0), q) + ")", lower(a.get(1), q));
            case "endswith_cs":
                return d.endsWith(render(a.get(0), q), render(a.get(1), q));
            case "like":
                return "(" + render(a.get(0), q) + " ILIKE " + render(a.get(1), q) + ")";
            case "like_cs":
                return "(" + render(a.get(0), q) + " LIKE " + render(a.get(1), q) + ")";
            case "matches regex":
                return d.regexMatch(render(a.get(0), q), render(a.get(1), q));
            case "in", "in~":
                return inList(fn.equals("in~"), a, q);
            case "has_any":
                return hasAny(a, q);
            case "has_all": {
                List<String> parts = new ArrayList<>();
                for (int i = 1; i < a.size(); i++) {
                    parts.add(term("has", List.of(a.get(0), a.get(i)), q));
                }
                return "(" + String.join(" AND ", parts) + ")";
            }
            case "has_any_dynamic", "has_all_dynamic": {
                String[] around = Patterns.termAround("has", false);
                String match = d.regexMatch(render(a.get(0), q), "concat(" + p(around[0]) + ", regexp_escape(_h._v), " + p(around[1]) + ")");
                String terms = "(SELECT unnest(CAST(" + render(a.get(1), q) + " AS VARCHAR[])) AS _v) AS _h";
                return fn.startsWith("has_any") ? "EXISTS (SELECT 1 FROM " + terms + " WHERE " + match + ")"
                        : "NOT EXISTS (SELECT 1 FROM " + terms + " WHERE " + notTrue(match) + ")";
            }
            case "has_any_index_dynamic": {
                // The first element the text has, as a zero-based position; -1 when none does (or the list is empty).
                String[] around = Patterns.termAround("has", false);
                String hit = "list_transform(CAST(" + render(a.get(1), q) + " AS VARCHAR[]), lambda _v: coalesce("
                        + d.regexMatch(render(a.get(0), q), "concat(" + p(around[0]) + ", regexp_escape(coalesce(_v, " + p("") + ")), "
                        + p(around[1]) + ")") + ", false))";
                return "CAST(coalesce(list_position(" + hit + ", true), 0) - 1 AS BIGINT)";
            }
            case "in_dynamic", "in~_dynamic":
                return inDynamic(fn.startsWith("in~"), a, q);
            case "between":
                return "(" + render(a.get(0), q) + " BETWEEN " + render(a.get(1), q) + " AND " + render(a.get(2), q) + ")";
            case "!between":
                return "(" + render(a.get(0), q) + " NOT BETWEEN " + render(a.get(1), q) + " AND " + render(a.get(2), q) + ")";
            case "case":
                return caseWhen(a, q);
            default:
                return SqlFunctions.render(this, c, q);
        }
    }

    /**
     * KQL equality, exactly: a null and a value are unequal (false for ==, true for !=), two nulls compare
     * as null, and strings, which have no null in KQL, compare a stored NULL as "".
     */
    private String equality(boolean eq, Rex l, Rex r, String q) {
        Rex other = isEmptyText(r) ? l : isEmptyText(l) ? r : null;
        if (other != null && SqlTypes.isString(other.type())) {
            return "((length(" + render(other, q) + ") > 0) IS " + (eq ? "NOT " : "") + "TRUE)";
        }
        String distinct = eq ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ";
        Rex value = isValue(r) ? r : isValue(l) ? l : null;
        if (value != null) {
            return "(" + render(value == r ? l : r, q) + distinct + render(value, q) + ")";
        }
        if (SqlTypes.isString(l.type()) && SqlTypes.isString(r.type())) {
            String empty = p("");
            return "(coalesce(" + render(l, q) + ", " + empty + ")" + (eq ? " = " : " <> ") + "coalesce(" + render(r, q) + ", " + p("") + "))";
        }
        String ls = render(l, q);
        String rs = render(r, q);
        if (l.type() == KqlType.BOOL && r.type() == KqlType.BOOL) {
            // Two bool nulls: logical-operators.md prints false for both bool(null) == bool(null) and
            // bool(null) != bool(null) (null-values.md's null for two nulls is shown on ints).
            return "(CASE WHEN " + ls + " IS NULL AND " + rs + " IS NULL THEN FALSE ELSE " + ls + distinct + rs + " END)";
        }
        return "(CASE WHEN " + ls + " IS NULL AND " + rs + " IS NULL THEN NULL ELSE " + ls + distinct + rs + " END)";
    }

    private static boolean isValue(Rex r) {
        return r instanceof Rex.Lit l && l.value() != null;
    }

    /**
     * A row filter: where null and false both drop the row, so under AND/OR an equality keeps SQL's plain
     * "=", which engines push down, and != needs no CASE for two nulls.
     */
    String predicate(Rex r, String q) {
        if (r instanceof Rex.Call c && (c.fn().equals("and") || c.fn().equals("or"))) {
            return "(" + predicate(c.args().get(0), q) + (c.fn().equals("and") ? " AND " : " OR ") + predicate(c.args().get(1), q) + ")";
        }
        if (r instanceof Rex.Call c && (c.fn().equals("==") || c.fn().equals("!=")) && !isEmptyText(c.args().get(0)) && !isEmptyText(c.args().get(1))) {
            Rex l = c.args().get(0);
            Rex rt = c.args().get(1);
            // Two string columns still compare NULL as "" (both empty: equal), so they keep the exact form.
            boolean strings = SqlTypes.isString(l.type()) && SqlTypes.isString(rt.type()) && !isValue(l) && !isValue(rt);
            if (!strings) {
                return bin(c.args(), q, c.fn().equals("==") ? " = " : " IS DISTINCT FROM ");
            }
        }
        return render(r, q);
    }

    String r(Rex x, String q) {
        return render(x, q);
    }

    String param(Object v) {
        return p(v);
    }

    SqlDialect dialect() {
        return d;
    }

    String text(Rex x, String q) {
        return jsonText(x, q);
    }

    private String bin(List<Rex> a, String q, String op) {
        return "(" + render(a.get(0), q) + op + render(a.get(1), q) + ")";
    }

    private String term(String fn, List<Rex> a, String q) {
        boolean cs = fn.endsWith("_cs");
        String op = cs ? fn.substring(0, fn.length() - 3) : fn;
        String subject = render(a.get(0), q);
        if (a.get(1) instanceof Rex.Lit l && l.value() instanceof String s) {
            return d.regexMatch(subject, p(Patterns.term(op, s, cs)));
        }
        String[] around = Patterns.termAround(op, cs);
        return d.regexMatch(subject, "concat(" + p(around[0]) + ", regexp_escape(" + render(a.get(1), q) + "), " + p(around[1]) + ")");
    }

    private String hasAny(List<Rex> a, String q) {
        List<String> terms = new ArrayList<>();
        for (int i = 1; i < a.size(); i++) {
            if (a.get(i) instanceof Rex.Lit l && l.value() instanceof String s) {
                terms.add(s);
            } else {
                terms = null;
                break;
            }
        }
        if (terms != null) {
            return d.regexMatch(render(a.get(0), q), p(Patterns.anyTerm(terms)));
        }
        List<String> parts = new ArrayList<>();
        for (int i = 1; i < a.size(); i++) {
            parts.add(term("has", List.of(a.get(0), a.get(i)), q));
        }
        return "(" + String.join(" OR ", parts) + ")";
    }

    private String inList(boolean ci, List<Rex> a, String q) {
        List<String> items = new ArrayList<>();
        for (int i = 1; i < a.size(); i++) {
            items.add(ci ? lower(a.get(i), q) : render(a.get(i), q));
        }
        String left = ci ? "lower(" + render(a.get(0), q) + ")" : render(a.get(0), q);
        return "(" + left + " IN (" + String.join(", ", items) + "))";
    }

    private String inDynamic(boolean ci, List<Rex> a, String q) {
        Rex left = a.get(0);
        String arr = render(a.get(1), q);
        if (ci) {
            return "list_contains(CAST(lower(CAST(" + arr + " AS VARCHAR)) AS VARCHAR[]), lower(" + render(left, q) + "))";
        }
        return "list_contains(CAST(" + arr + " AS " + d.sqlType(left.type()) + "[]), " + render(left, q) + ")";
    }

    private String caseWhen(List<Rex> a, String q) {
        StringBuilder b = new StringBuilder("CASE");
        for (int i = 0; i + 1 < a.size(); i += 2) {
            b.append(" WHEN ").append(render(a.get(i), q)).append(" THEN ").append(render(a.get(i + 1), q));
        }
        return b.append(" ELSE ").append(render(a.get(a.size() - 1), q)).append(" END").toString();
    }

    private String aggregate(Rex.Agg g, String q) {
        String filter = g.filter() == null ? "" : " FILTER (WHERE " + predicate(g.filter(), q) + ")";
        List<Rex> a = g.args();
        switch (g.fn()) {
            case "count":
                return "count(*)" + filter;
            case "dcount":
                return d.approxCountDistinct(render(a.get(0), q)) + filter;
            case "count_distinct":
                return "count(DISTINCT " + render(a.get(0), q) + ")" + filter;
            case "sum": {
                String s = "sum(" + render(a.get(0), q) + ")" + filter;
                // Kusto's sum over no rows is 0, not null.
                if (g.type() == KqlType.TIMESPAN) {
                    return s;
                }
                // DuckDB widens an integer sum to HUGEINT; Kusto's sum of longs is a long.
                return g.type() == KqlType.LONG || g.type() == KqlType.INT
                        ? "CAST(coalesce(" + s + ", 0) AS " + d.sqlType(KqlType.LONG) + ")" : "coalesce(" + s + ", 0)";
            }
            case "avg":
                // Kusto's average of no values is NaN, not null.
                if (!a.get(0).type().isNumeric()) {
                    return "avg(" + render(a.get(0), q) + ")" + filter;
                }
                return "coalesce(avg(" + render(a.get(0), q) + ")" + filter + ", CAST(" + p("NaN") + " AS DOUBLE))";
            case "min", "max":
                return g.fn() + "(" + render(a.get(0), q) + ")" + filter;
            case "stdev":
                // Kusto's spread of no rows, or of a single value, is 0 rather than null.
                return "coalesce(stddev_samp(" + render(a.get(0), q) + ")" + filter + ", 0)";
            case "variance":
                return "coalesce(var_samp(" + render(a.get(0), q) + ")" + filter + ", 0)";
            case "stdevp":
                return "coalesce(stddev_pop(" + render(a.get(0), q) + ")" + filter + ", 0)";
            case "variancep":
                return "coalesce(var_pop(" + render(a.get(0), q) + ")" + filter + ", 0)";
            case "covariance":
                return "covar_samp(" + render(a.get(0), q) + ", " + render(a.get(1), q) + ")" + filter;
            case "covariancep":
                return "covar_pop(" + render(a.get(0), q) + ", " + render(a.get(1), q) + ")" + filter;
            case "binary_all_and", "binary_all_or", "binary_all_xor":
                return "CAST(bit_" + g.fn().substring(11) + "(" + render(a.get(0), q) + ")" + filter + " AS " + d.sqlType(KqlType.LONG) + ")";
            case "take_any":
                return "any_value(" + render(a.get(0), q) + ")" + filter;
            case "percentile":
                return "quantile_disc(" + render(a.get(0), q) + ", " + ((Rex.Lit) a.get(1)).value() + ")" + filter;
            case "make_set", "make_list": {
                String v = render(a.get(0), q);
                String notNull = v + " IS NOT NULL" + (g.filter() == null ? "" : " AND " + render(g.filter(), q));
                // Both spread a dynamic array's elements into the result rather than nesting the array.
                String list = a.get(0).type() == KqlType.DYNAMIC ? SetSql.items(v, p("ARRAY"), notNull)
                        : "list(" + v + ") FILTER (WHERE " + notNull + ")";
                if (g.fn().equals("make_set")) {
                    list = SetSql.firstOccurrence(list);
                }
                if (a.size() > 1) {
                    list = "list_slice(" + list + ", 1, " + render(a.get(1), q) + ")";
                }
                // No values at all (an empty group, or none passing the *_if predicate) is an empty array.
                return "coalesce(" + d.toJson(list) + ", CAST(" + p("[]") + " AS " + d.sqlType(KqlType.DYNAMIC) + "))";
            }
            case "make_list_with_nulls": {
                // A null is kept as a JSON null element; arrays spread their elements, as in make_list.
                String v = render(a.get(0), q);
                String list = a.get(0).type() == KqlType.DYNAMIC ? SetSql.items(v, p("ARRAY"), "TRUE") : "list(" + v + ")";
                return "coalesce(" + d.toJson(list) + ", CAST(" + p("[]") + " AS " + d.sqlType(KqlType.DYNAMIC) + "))";
            }
            case "make_bag": {
                // Property bags merged into one; a key seen in several rows keeps one of its values. Non-bags are skipped.
                String v = render(a.get(0), q);
                String bags = "json_type(" + v + ") = " + p("OBJECT") + (g.filter() == null ? "" : " AND " + predicate(g.filter(), q));
                String list = "list(" + v + ") FILTER (WHERE " + bags + ")";
                return "CASE WHEN count(*) FILTER (WHERE " + bags + ") = 0 THEN CAST(" + p("{}") + " AS " + d.sqlType(KqlType.DYNAMIC)
                        + ") ELSE list_reduce(" + list + ", lambda _a, _b: json_merge_patch(_a, _b)) END";
            }
            case "graph_list": // graph map(): a path's values in step order
                return GraphSql.list(render(a.get(0), q), render(a.get(1), q), g.filter() == null ? null : predicate(g.filter(), q), d);
            case "arg_max", "arg_min":
                return d.argPick(render(a.get(0), q), render(a.get(1), q), g.fn().equals("arg_max"), filter);
            default:
                if (g.fn().startsWith("sk_")) {
                    return SketchSql.aggregate(this, g, q, filter);
                }
                throw new IllegalStateException("no rendering for aggregate " + g.fn());
        }
    }
}
