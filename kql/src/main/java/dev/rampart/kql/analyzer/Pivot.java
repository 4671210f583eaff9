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
 * The value columns are data: an output schema names them, or else they are read from the data while compiling
 * (through the options' probe); without either the pivot does not compile.
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
        List<Rel.NamedRex> keys = new ArrayList<>();
        for (String b : by) {
            Field f = row.find(b).orElseThrow();
            keys.add(new Rel.NamedRex(b, new Rex.ColRef(f.name(), f.type())));
        }
        // KQL has no null string: a null value is the empty one, in the listing and in the filters alike.
        Rex value = new Rex.Call("coalesce", List.of(Types.string(new Rex.ColRef(pivotCol.name(), pivotCol.type())),
                new Rex.Lit("", KqlType.STRING)), KqlType.STRING);
        List<Column> columns = ev.schema().isEmpty() ? open(in, ev, by, pivotCol, row, (Rex.Agg) agg, value) : declared(ev, by, row);
        List<Rel.NamedRex> aggs = new ArrayList<>();
        List<Rel.NamedRex> out = new ArrayList<>();
        for (Column c : columns) {
            if (c.value() == null) {
                Field f = row.find(c.name()).orElseThrow();
                out.add(new Rel.NamedRex(c.name(), Types.coerce(new Rex.ColRef(f.name(), f.type()), c.type())));
                continue;
            }
            Rex.Agg a = (Rex.Agg) agg;
            Rex only = new Rex.Call("==", List.of(value, new Rex.Lit(c.value(), KqlType.STRING)), KqlType.BOOL);
            Rex filter = a.filter() == null ? only : new Rex.Call("and", List.of(a.filter(), only), KqlType.BOOL);
            String hidden = "__pivot" + aggs.size();
            aggs.add(new Rel.NamedRex(hidden, new Rex.Agg(a.fn(), a.args(), filter, a.distinct(), a.type())));
            out.add(new Rel.NamedRex(c.name(), Types.coerce(new Rex.ColRef(hidden, a.type()), c.type())));
        }
        return new Rel.Project(new Rel.Aggregate(in, keys, aggs), out);
    }

    /** An output column: a grouping column ({@code value} null) or the aggregate over the rows holding {@code value}. */
    private record Column(String name, String value, KqlType type) {
    }

    private List<Column> declared(Operator.Evaluate ev, List<String> by, Scope row) {
        for (String b : by) {
            if (ev.schema().stream().noneMatch(d -> d.name().equals(b))) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, ev.span(), "The pivot output schema does not list the grouping column '" + b + "'",
                        "List every column the rows are grouped by (" + String.join(", ", by) + "), then the pivoted values.");
            }
        }
        List<Column> out = new ArrayList<>();
        for (Expr.ColumnDecl d : ev.schema()) {
            KqlType t = Analyzer.type(d.type(), d.span());
            out.add(new Column(d.name(), by.contains(d.name()) ? null : d.name(), t));
        }
        return out;
    }

    /**
     * Without an output schema the columns are the grouping columns, then one per distinct value of the pivot
     * column in the data, read through the options' probe, in the order of the value's first row.
     */
    private List<Column> open(Rel in, Operator.Evaluate ev, List<String> by, Field pivotCol, Scope row, Rex.Agg agg, Rex value) {
        List<String> values = RuntimePivotValues.read(x.analyzer, in, value, ev.span()).orElseThrow(() -> KqlException.cannot(ev.plugin().span(), "evaluate:pivot:open",
                "evaluate pivot(" + pivotCol.name() + ") makes one column per distinct value of '" + pivotCol.name()
                        + "', and those values are only known when the query runs, so the result's columns cannot be fixed at compile time",
                "Declare them after the call: evaluate pivot(" + pivotCol.name() + ") : (" + (by.isEmpty() ? "" : by.get(0) + ": "
                        + row.find(by.get(0)).orElseThrow().type().kustoName() + ", ") + "Value1: long, Value2: long)."));
        List<Column> out = new ArrayList<>();
        Set<String> taken = new java.util.HashSet<>();
        for (String b : by) {
            out.add(new Column(b, null, row.find(b).orElseThrow().type()));
            taken.add(b);
        }
        for (String v : values) {
            // A column needs a name: the empty value gets the one Kusto gives an unnamed column; a value equal to a
            // grouping column's name gets a digit, as clashing result columns do.
            String name = Naming.unique(v.isEmpty() ? "Column1" : v, taken);
            taken.add(name);
            out.add(new Column(name, v, agg.type()));
        }
        return out;
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
