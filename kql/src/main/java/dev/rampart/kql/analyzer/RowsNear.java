package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * evaluate rows_near(Condition, NumRows [, RowsAfter]): the input rows, in their order, that are at most NumRows
 * before or NumRows (RowsAfter when given) after a row where Condition holds. Rows are numbered once; each hit marks
 * the numbers of its neighbourhood, so the work grows with hits x neighbourhood, not rows x hits.
 */
final class RowsNear {
    private final Analyzer a;
    private final Operators ops;

    RowsNear(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        PluginPipeline p = new PluginPipeline(a, ops, ev);
        p.need(2, "Condition, NumRows [, RowsAfter]");
        List<Expr> args = p.args();
        if (args.size() > 3) {
            throw p.wrong(args.get(3).span(), "takes at most 3 arguments, got " + args.size());
        }
        if (a.exprs.analyze(args.get(0), Operators.scope(in)).type() != KqlType.BOOL) {
            throw p.wrong(args.get(0).span(), "the Condition argument must be a boolean expression");
        }
        long before = count(p, args.get(1), "NumRows");
        long after = args.size() > 2 ? count(p, args.get(2), "RowsAfter") : before;
        List<Operator.Assignment> cols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Field f : in.fields()) {
            cols.add(p.keep(f.name()));
            names.add(f.name());
        }
        cols.add(p.col("__rn_hit", new Expr.Call("coalesce", List.of(args.get(0),
                new Expr.Literal(false, Expr.LiteralKind.BOOL, p.span())), p.span())));
        p.inputNumbered(in, "__rn_in", cols, "__rn_row");
        String text = "let __rn_near = __rn_in | where __rn_hit | project __rn_c = __rn_row, __rn_j = 1\n"
                + "| join kind=inner (range __rn_o from " + (-before) + " to " + after + " step 1 | extend __rn_j = 1) on __rn_j\n"
                + "| summarize by __rn_k = __rn_c + __rn_o;\n"
                + "__rn_in | join kind=inner (__rn_near) on $left.__rn_row == $right.__rn_k\n"
                + "| order by __rn_row asc\n"
                + "| project " + String.join(", ", names.stream().map(PluginPipeline::quote).toList());
        return p.compile(text);
    }

    private static long count(PluginPipeline p, Expr e, String argName) {
        if (!(p.constant(e, argName) instanceof Rex.Lit l) || !(l.value() instanceof Number n) || n.doubleValue() < 0
                || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw p.wrong(e.span(), "the " + argName + " argument must be a constant, non-negative whole number");
        }
        return n.longValue();
    }
}
