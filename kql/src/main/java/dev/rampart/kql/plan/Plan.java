package dev.rampart.kql.plan;

import java.util.List;

/** The whole query: shared row sets first, then the result row set. */
public record Plan(List<CteDef> ctes, Rel root) {
}
