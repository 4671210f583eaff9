package dev.rampart.kql.plan;

/** A row set bound by let or materialize(), rendered once in the WITH clause. */
public record CteDef(int id, String letName, Rel rel, boolean materialized) {
}
