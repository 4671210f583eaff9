package dev.rampart.kql.analyzer;

import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;

import java.util.List;

/**
 * A graph as a plan value: node rows keyed by {@code key} and edge rows from {@code source} to {@code target}.
 * Both carry hidden bookkeeping columns ({@link #HIDDEN} prefix): the node order ({@code __g_ord}, the order
 * of the node tables, then of first appearance in the edges) and the edge id ({@code __g_eid}, input order).
 * It is never rendered itself: graph operators turn it into tables.
 */
record GraphValue(Rel nodes, String key, Rel edges, String source, String target) {
    static final String HIDDEN = "__g_";
    static final String ORD = "__g_ord";
    /** The node identity: the key column of the node tables, or the edge endpoint value. */
    static final String KEY = "__g_key";
    static final String EID = "__g_eid";

    static List<Field> visible(Rel r) {
        return r.fields().stream().filter(f -> !f.name().startsWith(HIDDEN)).toList();
    }

    Field keyField() {
        return nodes.fields().stream().filter(f -> f.name().equals(key)).findFirst().orElseThrow();
    }

    Field field(Rel r, String name) {
        return r.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    GraphValue withNodes(Rel n) {
        return new GraphValue(n, key, edges, source, target);
    }
}
