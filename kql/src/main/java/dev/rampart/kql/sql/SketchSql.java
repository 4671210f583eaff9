package dev.rampart.kql.sql;

import dev.rampart.kql.plan.Rex;

import java.util.List;

/**
 * Aggregates of analyzer.Sketches: the exact sketch values (distinct-value arrays for hll, {v, w} record arrays
 * for tdigest) and the weighted nearest-rank percentile, a fold over the values in order that stops once the
 * running weight reaches the wanted share of the total.
 */
final class SketchSql {
    static final String RECORDS = "STRUCT(v DOUBLE, w DOUBLE)[]";

    private SketchSql() {
    }

    static String aggregate(RexRenderer x, Rex.Agg g, String q, String filter) {
        List<Rex> a = g.args();
        String v = x.render(a.get(0), q);
        String extra = g.filter() == null ? "" : " AND " + x.predicate(g.filter(), q);
        switch (g.fn()) {
            case "sk_hll":
                return "to_json(list(DISTINCT " + v + ") FILTER (WHERE " + v + " IS NOT NULL" + extra + "))";
            case "sk_tdigest": {
                String w = x.render(a.get(1), q);
                return "to_json(list(struct_pack(v := " + v + ", w := " + w + ")) FILTER (WHERE " + v + " IS NOT NULL AND " + w + " > 0" + extra + "))";
            }
            case "sk_tdigest_merge":
                return "to_json(flatten(list(CAST(" + v + " AS " + RECORDS + ")) FILTER (WHERE " + v + " IS NOT NULL" + extra + ")))";
            case "sk_hll_merge":
                return "to_json(list_distinct(flatten(list(CAST(" + v + " AS JSON[])) FILTER (WHERE " + v + " IS NOT NULL" + extra + "))))";
            case "sk_buildschema":
                // The schema is built in Java from the group's values (udf.SchemaFunctions).
                return "CAST(" + dev.rampart.kql.udf.JavaFunctions.find("__buildschema").orElseThrow().sqlName() + "(CAST(to_json(list(" + v
                        + ") FILTER (WHERE " + v + " IS NOT NULL" + extra + ")) AS VARCHAR)) AS JSON)";
            case "sk_percentilew": {
                String w = "CAST(" + x.render(a.get(1), q) + " AS DOUBLE)";
                String p = String.valueOf(((Rex.Lit) a.get(2)).value());
                String kept = " FILTER (WHERE " + v + " IS NOT NULL AND " + w + " > 0" + extra + ")";
                return "CASE WHEN count(*)" + kept + " = 0 THEN NULL ELSE list_reduce(list_sort(list(struct_pack(v := " + v + ", w := " + w + "))"
                        + kept + "), lambda _a, _x: CASE WHEN _a.w >= " + p + " * sum(" + w + ")" + kept
                        + " THEN _a ELSE struct_pack(v := _x.v, w := _a.w + _x.w) END).v END";
            }
            default:
                throw new IllegalStateException("no rendering for aggregate " + g.fn());
        }
    }
}
