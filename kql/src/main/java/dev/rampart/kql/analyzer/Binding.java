package dev.rampart.kql.analyzer;

import dev.rampart.kql.plan.CteDef;
import dev.rampart.kql.plan.Rex;

/** What a let name stands for. */
sealed interface Binding {
    record Scalar(Rex value) implements Binding {
    }

    record Tabular(CteDef cte) implements Binding {
    }

    /** A graph built by make-graph; only graph operators read it. */
    record Graph(GraphValue graph) implements Binding {
    }

    record Function(dev.rampart.kql.ast.Expr.Lambda lambda) implements Binding {
    }

    record Pattern(dev.rampart.kql.ast.Expr.Pattern pattern) implements Binding {
    }
}
