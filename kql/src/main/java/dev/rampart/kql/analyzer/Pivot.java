package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * evaluate pivot(Column [, agg(...)] [, By1, By2...]) : (schema). One output column per value of Column,
 * each the aggregate over its group's rows holding that value (a filtered aggregate, portable SQL).
 * The value columns are data, so a pivot compiles only when its output schema names them.
 */
final class Pivot {
    private final ExprAnalyzer x;

    Pivot(ExprAnalyzer x) {
        this.x = x;
    }

    Rel pivot(Rel in, Operator.Evaluate ev) {
        Expr.Call call = ev.plugin();
        List<Expr> args = call.args();
        if (args.isEmpty() || !(args.get(0) instanceof Expr.Name pivotName)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, call.span(), "pivot() needs the column whose values become columns",
                    "Write: evaluate pivot(Column) : (Key: string, Value1: long, ...).");
        }
        Scope row = Operators.scope(in);
        Field pivotCol = row.find(pivotName.name())
                .orElseThrow(() -> ExprAnalyzer.unknownColumn(pivotName.name(), pivotName.span(), row.names()));
        Expr aggExpr = args.size() > 1 ? args.get(1) : null;
        Rex agg = aggExpr == null ? new Rex.Agg("count", List.of(), null, false, KqlType.LONG) : x.analyze(aggExpr, row.withAggregates());
        if (!(agg instanceof Rex.Agg)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, aggExpr.span(), "pivot() expects an aggregation such as count() or sum(Col) as its second argument");
        }
        Set<String> used = new LinkedHashSet<>();
        used.add(pivotCol.name());
        ((Rex.Agg) agg).args().forEach(a -> collect(a, used));
        List<String> by = new ArrayList<>();
        if (args.size() > 2) {
            for (Expr e : args.subList(2, args.size())) {
                if (!(e instanceof Expr.Name n)) {
                    throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), "pivot() groups by column names only");
                }
                by.add(row.find(n.name()).orElseThrow(() -> ExprAnalyzer.unknownColumn(n.name(), n.span(), row.names())).name());
            }
        } else {
            in.fields().stream().map(Field::name).filter(n -> !used.contains(n)).forEach(by::add);
        }
        if (ev.schema().isEmpty()) {
            throw KqlException.cannot(call.span(), "evaluate:pivot:open", "evaluate pivot(" + pivotCol.name() + ") makes one column per distinct value of '"
                    + pivotCol.name() + "', and those values are only known when the query runs, so the result's columns cannot be fixed at compile time",
                    "Declare them after the call: evaluate pivot(" + pivotCol.name() + ") : (" + (by.isEmpty() ? "" : by.get(0) + ": " + row.find(by.get(0)).orElseThrow().type().kustoName() + ", ")
                            + "Value1: long, Value2: long).");
        }
        List<Rel.NamedRex> keys = new ArrayList<>();
        for (String b : by) {
            Field f = row.find(b).orElseThrow();
            keys.add(new Rel.NamedRex(b, new Rex.ColRef(f.name(), f.type())));
        }
        List<Rel.NamedRex> aggs = new ArrayList<>();
        List<Rel.NamedRex> out = new ArrayList<>();
        Rex value = Types.string(new Rex.ColRef(pivotCol.name(), pivotCol.type()));
        for (Expr.ColumnDecl d : ev.schema()) {
            KqlType t = Analyzer.type(d.type(), d.span());
            if (by.contains(d.name())) {
                Field f = row.find(d.name()).orElseThrow();
                out.add(new Rel.NamedRex(d.name(), Types.coerce(new Rex.ColRef(f.name(), f.type()), t)));
                continue;
            }
            Rex.Agg a = (Rex.Agg) agg;
            Rex only = new Rex.Call("==", List.of(value, new Rex.Lit(d.name(), KqlType.STRING)), KqlType.BOOL);
            Rex filter = a.filter() == null ? only : new Rex.Call("and", List.of(a.filter(), only), KqlType.BOOL);
            String hidden = "__pivot" + aggs.size();
            aggs.add(new Rel.NamedRex(hidden, new Rex.Agg(a.fn(), a.args(), filter, a.distinct(), a.type())));
            out.add(new Rel.NamedRex(d.name(), Types.coerce(new Rex.ColRef(hidden, a.type()), t)));
        }
        for (String b : by) {
            if (ev.schema().stream().noneMatch(d -> d.name().equals(b))) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, ev.span(), "The pivot output schema does not list the grouping column '" + b + "'",
                        "List every column the rows are grouped by (" + String.join(", ", by) + "), then the pivoted values.");
            }
        }
        return new Rel.Project(new Rel.Aggregate(in, keys, aggs), out);
    }

    private static void collect(Rex r, Set<String> names) {
        if (r instanceof Rex.ColRef c) {
            names.add(c.name());
        } else if (r instanceof Rex.Call c) {
            c.args().forEach(a -> collect(a, names));
        } else if (r instanceof Rex.JsonPath p) {
            collect(p.base(), names);
        }
    }
}
