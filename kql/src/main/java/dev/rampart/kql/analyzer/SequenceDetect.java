package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * evaluate sequence_detect(Timeline, MaxSequenceStepWindow, MaxSequenceSpan, Expr1, Expr2, ..., Dim1, Dim2, ...): every
 * combination of rows, one per predicate in order, with equal dimension values, non-decreasing times, each step within
 * MaxSequenceStepWindow of the one before and the whole within MaxSequenceSpan (the documented example pairs one
 * step with several later ones and one later step with several earlier ones, so every combination is kept). Other
 * rows may come between steps. The predicates are the named or boolean arguments before the first other one; an
 * unnamed predicate is called Expr1, Expr2, ... by its position.
 */
final class SequenceDetect {
    private final Analyzer a;
    private final Operators ops;

    SequenceDetect(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        PluginPipeline p = new PluginPipeline(a, ops, ev);
        p.need(5, "TimelineColumn, MaxSequenceStepWindow, MaxSequenceSpan, Expr1, Expr2, ..., Dim1, Dim2, ...");
        List<Expr> args = p.args();
        String timeline = p.column(args.get(0), "TimelineColumn");
        p.scalar("__sd_step", args.get(1), "MaxSequenceStepWindow", ActivityMetrics.POINTS);
        p.scalar("__sd_span", args.get(2), "MaxSequenceSpan", ActivityMetrics.POINTS);
        List<String> names = new ArrayList<>();
        List<Expr> preds = new ArrayList<>();
        int i = 3;
        for (; i < args.size(); i++) {
            Expr e = args.get(i);
            if (e instanceof Expr.NamedArg na) {
                names.add(na.name());
                preds.add(na.value());
            } else if (a.exprs.analyze(e, Operators.scope(in)).type() == KqlType.BOOL) {
                names.add("Expr" + (preds.size() + 1));
                preds.add(e);
            } else {
                break;
            }
        }
        if (preds.size() < 2) {
            throw p.wrong(args.get(Math.min(i, args.size() - 1)).span(), "needs at least two step predicates (name = condition), got "
                    + preds.size());
        }
        List<String> dims = p.columns(i, "dimension");
        List<Operator.Assignment> cols = new ArrayList<>();
        p.addDims(cols, dims);
        cols.add(p.col("__t", args.get(0)));
        for (int k = 0; k < preds.size(); k++) {
            Expr pred = preds.get(k);
            if (a.exprs.analyze(pred, Operators.scope(in)).type() != KqlType.BOOL) {
                throw p.wrong(pred.span(), "the step predicate '" + names.get(k) + "' must be a boolean condition");
            }
            cols.add(p.col("__m" + (k + 1), new Expr.Call("coalesce", List.of(pred, new Expr.Literal(false, Expr.LiteralKind.BOOL,
                    pred.span())), pred.span())));
        }
        p.inputNumbered(in, "__sd_in", cols, "__r");
        int n = preds.size();
        StringBuilder t = new StringBuilder();
        for (int k = 1; k <= n; k++) {
            t.append("let __sd_").append(k).append(" = __sd_in | where __m").append(k).append(" | project ")
                    .append(PluginPipeline.listBefore(PluginPipeline.keyed(dims))).append("__t").append(k).append(" = __t, __r").append(k)
                    .append(" = __r, __j = 1;\n");
        }
        t.append("__sd_1");
        for (int k = 2; k <= n; k++) {
            t.append("\n| join kind=inner (__sd_").append(k).append(") on ").append(PluginPipeline.joinKeys(dims)).append("__j")
                    .append("\n| where __t").append(k).append(" >= __t").append(k - 1)
                    .append(" and __t").append(k).append(" - __t").append(k - 1).append(" <= __sd_step")
                    .append(" and __t").append(k).append(" - __t1 <= __sd_span");
            for (int j = 1; j < k; j++) {
                t.append(" and __r").append(k).append(" != __r").append(j);
            }
        }
        t.append("\n| order by __t1 asc");
        for (int k = 2; k <= n; k++) {
            t.append(", __t").append(k).append(" asc");
        }
        t.append("\n| project ").append(PluginPipeline.listBefore(dims));
        for (int k = 1; k <= n; k++) {
            t.append(PluginPipeline.quote(names.get(k - 1) + "_" + timeline)).append(" = __t").append(k).append(", ");
        }
        t.append("Duration = __t").append(n).append(" - __t1");
        return p.compile(t.toString());
    }
}
