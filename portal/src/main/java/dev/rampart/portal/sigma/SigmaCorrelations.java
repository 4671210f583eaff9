package dev.rampart.portal.sigma;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.KqlCompiler;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.schema.HuntingSchema;
import dev.rampart.kql.schema.Table;
import dev.rampart.portal.sigma.SigmaTargets.Route;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles Sigma correlation rules over base rules of the same file to one hunting query: the base rules' queries
 * (a {@code union} when there are several, each row tagged with its rule), then {@code summarize} per group-by
 * fields and window {@code bin(Timestamp, timespan)}:
 * <ul>
 *   <li>{@code event_count}: {@code EventCount = count()} compared with the condition;</li>
 *   <li>{@code value_count}: {@code ValueCount = dcount(field)} compared with the condition;</li>
 *   <li>{@code temporal}: every base rule matched in the window ({@code Rules = dcount(SigmaRule) == N}).</li>
 * </ul>
 * Windows are fixed and aligned to the timespan (not sliding): events that straddle a window boundary are counted in
 * two windows. {@code temporal_ordered} and the value aggregations of later Sigma versions are refused with a reason.
 */
final class SigmaCorrelations {
    private static final Map<String, String> OPERATORS = Map.of("gt", ">", "gte", ">=", "lt", "<", "lte", "<=", "eq", "==");

    private SigmaCorrelations() {
    }

    static SigmaCompiler.Result compile(SigmaRule rule) {
        SigmaCorrelation c = rule.correlation();
        String type = c.type().toLowerCase(Locale.ROOT);
        try {
            if (type.equals("temporal_ordered")) {
                return SigmaCompiler.Result.fail("correlation type temporal_ordered: the order of the rules within the window is not checked,"
                        + " so the rule is not compiled (temporal is)");
            }
            if (!List.of("event_count", "value_count", "temporal").contains(type)) {
                return SigmaCompiler.Result.fail("correlation type " + c.type() + " is not supported (event_count, value_count and temporal are)");
            }
            if (!c.missing().isEmpty()) {
                return SigmaCompiler.Result.fail("correlation refers to rule(s) " + c.missing()
                        + " that are not in the same file; put the base rules and the correlation in one file");
            }
            if (c.timespan() == null || !c.timespan().matches("\\d+[smhd]")) {
                return SigmaCompiler.Result.fail("correlation timespan " + c.timespan() + " is not a number with s, m, h or d");
            }
            String measure = type.equals("event_count") ? "EventCount" : type.equals("value_count") ? "ValueCount" : "Rules";
            String valueField = type.equals("value_count") ? stringOr(c.condition().get("field")) : null;
            if (type.equals("value_count") && valueField == null) {
                return SigmaCompiler.Result.fail("value_count correlation without condition.field (the field whose distinct values are counted)");
            }
            String where = type.equals("temporal") ? "Rules == " + c.ruleRefs().size() : condition(c.condition(), measure);

            // Per base rule: its query, and the column expression of each group-by field (and of the counted field).
            List<String> baseKql = new ArrayList<>();
            List<List<String>> groupExprs = new ArrayList<>();
            List<String> valueExprs = new ArrayList<>();
            String firstTable = null;
            for (String ref : c.ruleRefs()) {
                SigmaRule base = c.bases().get(ref);
                SigmaCompiler.Result br = SigmaCompiler.compile(base);
                if (!br.ok()) {
                    return SigmaCompiler.Result.fail("base rule '" + ref + "' does not compile: " + br.reason());
                }
                firstTable = firstTable == null ? br.table() : firstTable;
                Route route = SigmaCompiler.route(base);
                Table table = HuntingSchema.get().table(route.table()).orElseThrow();
                List<String> exprs = new ArrayList<>();
                for (String g : c.groupBy()) {
                    String field = c.aliases().getOrDefault(g, Map.of()).getOrDefault(ref, g);
                    exprs.add(SigmaCompiler.fieldRef(table, route.kind(), field).expr());
                }
                groupExprs.add(exprs);
                if (valueField != null) {
                    String field = c.aliases().getOrDefault(valueField, Map.of()).getOrDefault(ref, valueField);
                    valueExprs.add(SigmaCompiler.fieldRef(table, route.kind(), field).expr());
                }
                baseKql.add(br.kql());
            }
            // A group-by field every base rule keeps in the same column is named after that column (DeviceName,
            // AccountName...), so the detection finds the alert's device or user in it.
            List<String> aliases = new ArrayList<>();
            for (int i = 0; i < c.groupBy().size(); i++) {
                final int k = i;
                String first = groupExprs.get(0).get(i);
                boolean shared = first.matches("[A-Za-z_][A-Za-z0-9_]*") && groupExprs.stream().allMatch(e -> e.get(k).equals(first));
                aliases.add(shared ? first : alias(c.groupBy().get(i)));
            }
            List<String> parts = new ArrayList<>();
            for (int b = 0; b < baseKql.size(); b++) {
                Map<String, String> columns = new LinkedHashMap<>();
                for (int i = 0; i < aliases.size(); i++) {
                    columns.put(aliases.get(i), groupExprs.get(b).get(i));
                }
                if (valueField != null) {
                    columns.put("SigmaValue", valueExprs.get(b));
                }
                parts.add(part(baseKql.get(b), c.ruleRefs().get(b), columns));
            }
            StringBuilder kql = new StringBuilder(parts.size() == 1 ? parts.get(0) : "union " + String.join(",\n", parts.stream()
                    .map(p -> "(" + p + ")").toList()));
            kql.append("\n| summarize Timestamp = max(Timestamp), ").append(switch (type) {
                case "event_count" -> "EventCount = count()";
                case "value_count" -> "ValueCount = dcount(SigmaValue), EventCount = count()";
                default -> "Rules = dcount(SigmaRule), EventCount = count()";
            }).append(" by ");
            for (String a : aliases) {
                kql.append(a).append(", ");
            }
            kql.append("Window = bin(Timestamp, ").append(c.timespan()).append(")");
            kql.append("\n| where ").append(where);
            String text = kql.toString();
            try {
                KqlCompiler.compile(text, CompileOptions.defaults(Instant.EPOCH).withDefaultWindow(null));
            } catch (KqlException e) {
                return SigmaCompiler.Result.fail("generated query rejected by the hunting compiler: " + e.getMessage());
            }
            return new SigmaCompiler.Result(true, text, firstTable, null);
        } catch (SigmaCompiler.Unsupported e) {
            return SigmaCompiler.Result.fail(e.getMessage());
        }
    }

    /** A base rule's query with the columns the summary needs: Timestamp, the rule's name, group-by aliases, the counted value. */
    private static String part(String baseKql, String ref, Map<String, String> columns) {
        StringBuilder b = new StringBuilder(baseKql).append("\n| project Timestamp, SigmaRule = ").append(KqlText.lit(ref));
        columns.forEach((alias, expr) -> b.append(", ").append(alias.equals(expr) ? alias : alias + " = " + expr));
        return b.toString();
    }

    /** The column name a group-by field gets: the field itself when it is a plain name, else its letters and digits. */
    private static String alias(String field) {
        String a = field.replaceAll("[^A-Za-z0-9_]", "_");
        return a.isEmpty() || Character.isDigit(a.charAt(0)) ? "F_" + a : a;
    }

    private static String condition(Map<String, Object> cond, String measure) {
        List<String> tests = new ArrayList<>();
        for (Map.Entry<String, Object> e : cond.entrySet()) {
            if (e.getKey().equals("field")) {
                continue;
            }
            String op = OPERATORS.get(e.getKey().toLowerCase(Locale.ROOT));
            if (op == null) {
                throw new SigmaCompiler.Unsupported("correlation condition " + e.getKey() + " is not one of gt, gte, lt, lte, eq");
            }
            long n;
            try {
                n = Long.parseLong(String.valueOf(e.getValue()).strip());
            } catch (NumberFormatException ex) {
                throw new SigmaCompiler.Unsupported("correlation condition " + e.getKey() + ": " + e.getValue() + " is not a whole number");
            }
            tests.add(measure + " " + op + " " + n);
        }
        if (tests.isEmpty()) {
            throw new SigmaCompiler.Unsupported("correlation condition is missing (for example gte: 10)");
        }
        return String.join(" and ", tests);
    }

    private static String stringOr(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
