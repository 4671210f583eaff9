package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Rex;

import java.util.ArrayList;
import java.util.List;

/** {@code percentiles(x, p1, p2, ...)} in summarize: one percentile column per percentage, named percentile_x_p. */
final class Percentiles {
    private Percentiles() {
    }

    static List<Operator.Assignment> expand(ExprAnalyzer x, List<Operator.Assignment> aggregates) {
        List<Operator.Assignment> out = new ArrayList<>();
        for (Operator.Assignment as : aggregates) {
            if (!(as.expr() instanceof Expr.Call c) || !c.name().equals("percentiles") || as.name() != null) {
                out.add(as);
                continue;
            }
            if (c.args().size() < 2) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), "percentiles() needs a value and at least one percentage");
            }
            String base = Naming.derive(c.args().get(0));
            for (Expr p : c.args().subList(1, c.args().size())) {
                Rex v = x.analyze(p, Scope.EMPTY);
                if (v instanceof Rex.Call conv && conv.fn().equals("toreal") && conv.args().size() == 1 && conv.args().get(0) instanceof Rex.Lit inner) {
                    v = inner; // a numeric parameter widened to real is still a constant
                }
                if (!(v instanceof Rex.Lit l) || !(l.value() instanceof Number n)) {
                    throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, p.span(), "percentiles() needs constant percentages");
                }
                double d = n.doubleValue();
                String text = d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d).replace('.', '_');
                String name = base == null ? null : "percentile_" + base + "_" + text;
                Expr pct = new Expr.Literal(d, Expr.LiteralKind.REAL, p.span());
                out.add(new Operator.Assignment(name, new Expr.Call("percentile", List.of(c.args().get(0), pct), c.span()), as.span()));
            }
        }
        return out;
    }
}
