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
import java.util.List;

/**
 * summarize ... by ... . arg_max/arg_min pick whole rows: each is one aggregate over a packed record,
 * unpacked by a projection on top, so all picked columns come from the same row.
 */
final class Summarizer {
    private final ExprAnalyzer x;

    Summarizer(ExprAnalyzer x) {
        this.x = x;
    }

    Rel summarize(Rel in, Operator.Summarize s) {
        Scope row = Operators.scope(in);
        List<String> taken = new ArrayList<>();
        List<Rel.NamedRex> keys = new ArrayList<>();
        int auto = 0;
        for (Operator.Assignment k : s.by()) {
            Rex r = x.analyze(k.expr(), row);
            String name = k.name() != null ? k.name() : Naming.derive(k.expr());
            if (name == null) {
                name = "Column" + (++auto);
            }
            name = Naming.unique(name, taken);
            taken.add(name);
            keys.add(new Rel.NamedRex(name, r));
        }
        List<Rel.NamedRex> aggs = new ArrayList<>();
        List<Rel.NamedRex> outputs = new ArrayList<>();
        boolean picks = false;
        for (Operator.Assignment as : Percentiles.expand(x, s.aggregates())) {
            if (as.expr() instanceof Expr.Call c && isRowOfAny(c)) {
                picks = true;
                anyRow(c, as.name() == null ? List.of() : List.of(as.name()), row, keys, taken, aggs, outputs);
                continue;
            }
            if (as.expr() instanceof Expr.Tuple t && t.value() instanceof Expr.Call c && isRowOfAny(c)) {
                picks = true;
                anyRow(c, t.names(), row, keys, taken, aggs, outputs);
                continue;
            }
            if (as.expr() instanceof Expr.Call c && isPick(c.name())) {
                picks = true;
                pick(c, as.name(), List.of(), row, keys, taken, aggs, outputs);
                continue;
            }
            if (as.expr() instanceof Expr.Tuple t && t.value() instanceof Expr.Call c && isPick(c.name())) {
                picks = true;
                pick(c, null, t.names(), row, keys, taken, aggs, outputs);
                continue;
            }
            if (Sketches.multiColumn(Functions.canonical(as.expr() instanceof Expr.Tuple t ? callName(t.value()) : callName(as.expr())))) {
                Expr.Call pc = (Expr.Call) (as.expr() instanceof Expr.Tuple t ? t.value() : as.expr());
                List<String> given = as.expr() instanceof Expr.Tuple t ? t.names() : as.name() != null ? List.of(as.name()) : List.of();
                for (Rel.NamedRex col : new Sketches(x).columns(pc, given, row)) {
                    String n = Naming.unique(col.name(), taken);
                    taken.add(n);
                    aggs.add(new Rel.NamedRex(n, col.rex()));
                    outputs.add(new Rel.NamedRex(n, new Rex.ColRef(n, col.rex().type())));
                }
                continue;
            }
            Rex r = x.analyze(as.expr(), row.withAggregates());
            if (!containsAggregate(r) && !(r instanceof Rex.Lit)) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, as.span(),
                        "summarize expects an aggregation such as count() or dcount(...)");
            }
            String name = as.name() != null ? as.name() : Aggregates.defaultName(as.expr());
            if (name == null && as.name() == null) {
                name = Naming.derive(as.expr()); // a scalar over an aggregate: dcount_hll(hll(x)) is dcount_hll_hll_x
            }
            if (as.name() == null && as.expr() instanceof Expr.Call c && !c.args().isEmpty() && c.args().get(0) instanceof Expr.NamedArg na) {
                name = na.name();
            }
            if (name == null) {
                name = "Column" + (++auto);
            }
            name = Naming.unique(name, taken);
            taken.add(name);
            Rel.NamedRex nr = new Rel.NamedRex(name, r);
            aggs.add(nr);
            outputs.add(new Rel.NamedRex(name, new Rex.ColRef(name, r.type())));
        }
        Rel agg = new Rel.Aggregate(in, keys, aggs);
        if (!picks) {
            return agg;
        }
        List<Rel.NamedRex> cols = new ArrayList<>();
        keys.forEach(k -> cols.add(new Rel.NamedRex(k.name(), new Rex.ColRef(k.name(), k.rex().type()))));
        cols.addAll(outputs);
        return new Rel.Project(agg, cols);
    }

    private static String callName(Expr e) {
        return e instanceof Expr.Call c ? c.name() : "";
    }

    Rel makeSeries(Rel in, Operator.MakeSeries ms) {
        Scope row = Operators.scope(in);
        Rex axis = x.analyze(ms.axis(), row);
        Rex step = x.analyze(ms.step(), row);
        if (axis.type() != KqlType.DATETIME || step.type() != KqlType.TIMESPAN) {
            throw KqlException.unsupported(ms.span(), "make-series:numeric-axis", "make-series over a non-datetime axis");
        }
        if (ms.from() == null || ms.to() == null) {
            // The rows are read three times (range ends and series), so they are bound once.
            dev.rampart.kql.plan.CteDef def = new dev.rampart.kql.plan.CteDef(x.analyzer.ctes.size(), "make-series", in, false);
            x.analyzer.ctes.add(def);
            in = new Rel.CteRef(def.id(), def.rel().fields());
        }
        Rex from = ms.from() != null ? Types.coerce(x.analyze(ms.from(), row), KqlType.DATETIME)
                : new Rex.Call("bin_datetime", List.of(edge(in, "min", axis), step), KqlType.DATETIME);
        // The last bin is the one holding the latest value; "to" is exclusive.
        Rex to = ms.to() != null ? Types.coerce(x.analyze(ms.to(), row), KqlType.DATETIME)
                : Arithmetic.apply("+", new Rex.Call("bin_datetime", List.of(edge(in, "max", axis), step), KqlType.DATETIME), step, ms.span());
        String axisName = Naming.derive(ms.axis());
        if (axisName == null) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, ms.axis().span(), "make-series needs a column as its axis");
        }
        List<String> taken = new ArrayList<>();
        List<Rel.NamedRex> keys = new ArrayList<>();
        int auto = 0;
        for (Operator.Assignment k : ms.by()) {
            String name = k.name() != null ? k.name() : Naming.derive(k.expr());
            name = Naming.unique(name == null ? "Column" + (++auto) : name, taken);
            taken.add(name);
            keys.add(new Rel.NamedRex(name, x.analyze(k.expr(), row)));
        }
        List<Rel.NamedRex> aggs = new ArrayList<>();
        List<Rex> defaults = new ArrayList<>();
        for (int i = 0; i < ms.aggregates().size(); i++) {
            Operator.Assignment as = ms.aggregates().get(i);
            Rex r = x.analyze(as.expr(), row.withAggregates());
            if (!containsAggregate(r) && !(r instanceof Rex.Lit)) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, as.span(), "make-series expects an aggregation such as count()");
            }
            String name = as.name() != null ? as.name() : Aggregates.defaultName(as.expr());
            name = Naming.unique(name == null ? "Column" + (++auto) : name, taken);
            taken.add(name);
            aggs.add(new Rel.NamedRex(name, r));
            Expr d = ms.defaults().get(i);
            Rex def = d == null ? (r.type().isNumeric() ? new Rex.Lit(0L, KqlType.LONG) : new Rex.Lit(null, r.type()))
                    : x.analyze(d, Scope.EMPTY);
            defaults.add(Types.coerce(def, r.type()));
        }
        axisName = Naming.unique(axisName, taken);
        Rel series = new Rel.MakeSeries(in, keys, aggs, defaults, axis, axisName, from, to, step);
        if (keys.isEmpty() && !ms.nonEmpty()) {
            // Without by-keys the series row is built from the bins alone; Kusto returns it only when there were rows.
            Rex rows = new Rex.ScalarQuery(new Rel.Aggregate(in, List.of(), List.of(new Rel.NamedRex("n",
                    new Rex.Agg("count", List.of(), null, false, KqlType.LONG)))), KqlType.LONG);
            series = new Rel.Filter(series, new Rex.Call(">", List.of(rows, new Rex.Lit(0L, KqlType.LONG)), KqlType.BOOL));
        } else if (ms.nonEmpty() && !keys.isEmpty()) {
            throw KqlException.unsupported(ms.span(), "make-series:kind=nonempty:by", "make-series kind=nonempty with by-columns");
        }
        return series;
    }

    /** The smallest or largest axis value of the rows, as a scalar subquery. */
    private static Rex edge(Rel rows, String fn, Rex axis) {
        Rel agg = new Rel.Aggregate(rows, List.of(), List.of(new Rel.NamedRex("edge", new Rex.Agg(fn, List.of(axis), null, false, KqlType.DATETIME))));
        return new Rex.ScalarQuery(agg, KqlType.DATETIME);
    }

    private static boolean isPick(String name) {
        String n = Functions.canonical(name);
        return n.equals("arg_max") || n.equals("arg_min");
    }

    private void pick(Expr.Call c, String explicitName, List<String> tupleNames, Scope row, List<Rel.NamedRex> keys, List<String> taken,
                      List<Rel.NamedRex> aggs, List<Rel.NamedRex> outputs) {
        if (c.args().isEmpty()) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), c.name() + "() needs the value to maximize or minimize");
        }
        Functions.warnIfObsolete(x.analyzer, c);
        Rex order = x.analyze(c.args().get(0), row);
        List<String> names = new ArrayList<>();
        List<Rex> values = new ArrayList<>();
        String orderName = explicitName != null ? explicitName : Naming.derive(c.args().get(0));
        if (orderName == null) {
            orderName = (Functions.canonical(c.name()).equals("arg_max") ? "max_" : "min_");
        }
        names.add(orderName);
        values.add(order);
        List<String> keyNames = keys.stream().map(Rel.NamedRex::name).toList();
        for (int i = 1; i < c.args().size(); i++) {
            Expr e = c.args().get(i);
            if (e instanceof Expr.Star) {
                for (Field f : row.fields()) {
                    // The maximized column itself is already the first output, under its own or the given name.
                    boolean isOrder = order instanceof Rex.ColRef oc && oc.name().equals(f.name());
                    if (!keyNames.contains(f.name()) && !names.contains(f.name()) && !isOrder) {
                        names.add(f.name());
                        values.add(new Rex.ColRef(f.name(), f.type()));
                    }
                }
                continue;
            }
            String n = Naming.derive(e);
            Rex v = x.analyze(e, row);
            if (n == null) {
                n = "Column" + i;
            }
            names.add(Naming.unique(n, names));
            values.add(v);
        }
        List<String> internal = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            internal.add("f" + i);
        }
        String hidden = "__pick" + aggs.size();
        aggs.add(new Rel.NamedRex(hidden, new Rex.Agg(Functions.canonical(c.name()),
                List.of(new Rex.Record(internal, values), order), null, false, KqlType.DYNAMIC)));
        Rex rec = new Rex.ColRef(hidden, KqlType.DYNAMIC);
        if (tupleNames.size() > names.size()) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), "Too many names for the columns of " + c.name() + "()");
        }
        for (int i = 0; i < names.size(); i++) {
            String out = Naming.unique(i < tupleNames.size() ? tupleNames.get(i) : names.get(i), taken);
            taken.add(out);
            outputs.add(new Rel.NamedRex(out, new Rex.FieldOf(rec, internal.get(i), values.get(i).type())));
        }
    }

    /** take_any over several expressions or '*': every value comes from one and the same row of the group. */
    private static boolean isRowOfAny(Expr.Call c) {
        return Functions.canonical(c.name()).equals("take_any")
                && (c.args().size() > 1 || c.args().stream().anyMatch(a -> a instanceof Expr.Star));
    }

    /**
     * One arbitrary row per group, packed into a record by a single take_any so the columns cannot mix rows. Columns
     * keep their names; other expressions get their derived name or, failing that, any_argN (argN for the obsolete
     * any()). '*' stands for the input columns other than the by-columns, each once.
     */
    private void anyRow(Expr.Call c, List<String> given, Scope row, List<Rel.NamedRex> keys, List<String> taken,
                        List<Rel.NamedRex> aggs, List<Rel.NamedRex> outputs) {
        Functions.warnIfObsolete(x.analyzer, c);
        boolean star = c.args().stream().anyMatch(a -> a instanceof Expr.Star);
        String prefix = c.name().equals("any") ? "" : "any_";
        List<String> keyNames = keys.stream().map(Rel.NamedRex::name).toList();
        List<String> names = new ArrayList<>();
        List<Rex> values = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            Expr e = c.args().get(i);
            if (e instanceof Expr.Star) {
                for (Field f : row.fields()) {
                    if (!keyNames.contains(f.name()) && !names.contains(f.name())) {
                        names.add(f.name());
                        values.add(new Rex.ColRef(f.name(), f.type()));
                    }
                }
                continue;
            }
            Expr value = e instanceof Expr.NamedArg na ? na.value() : e;
            String n = Naming.derive(e);
            if (star && e instanceof Expr.Name && (names.contains(n) || keyNames.contains(n))) {
                continue;
            }
            names.add(Naming.unique(n == null ? prefix + "arg" + i : n, names));
            values.add(x.analyze(value, row));
        }
        if (given.size() > names.size()) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), "Too many names for the columns of " + c.name() + "()");
        }
        List<String> internal = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            internal.add("f" + i);
        }
        String hidden = "__any" + aggs.size();
        aggs.add(new Rel.NamedRex(hidden, new Rex.Agg("take_any", List.of(new Rex.Record(internal, values)), null, false, KqlType.DYNAMIC)));
        Rex rec = new Rex.ColRef(hidden, KqlType.DYNAMIC);
        for (int i = 0; i < names.size(); i++) {
            String out = Naming.unique(i < given.size() ? given.get(i) : names.get(i), taken);
            taken.add(out);
            outputs.add(new Rel.NamedRex(out, new Rex.FieldOf(rec, internal.get(i), values.get(i).type())));
        }
    }

    static boolean containsAggregate(Rex r) {
        if (r instanceof Rex.Agg) {
            return true;
        }
        if (r instanceof Rex.Call c) {
            return c.args().stream().anyMatch(Summarizer::containsAggregate);
        }
        if (r instanceof Rex.JsonPath p) {
            return containsAggregate(p.base());
        }
        return false;
    }
}
