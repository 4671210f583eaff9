package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Rel;

/** evaluate plugins other than bag_unpack and pivot. */
final class Plugins {
    private final Analyzer a;

    Plugins(Analyzer a) {
        this.a = a;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        String name = ev.plugin().name();
        throw KqlException.unsupported(ev.plugin().span(), "evaluate:" + name, "The '" + name + "' plugin");
    }
}
