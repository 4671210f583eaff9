package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.GraphOps;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.CteDef;
import dev.rampart.kql.plan.Rel;

import java.util.ArrayList;
import java.util.List;

/**
 * The result tables of one tabular statement: one for most statements, one per branch of a fork, one per column
 * (plus the with clause) of a facet, and none for a graph-to-table of nodes and edges that other statements read.
 */
final class Results {
    /** fork-operator.md shows an unnamed branch's result as GenericResult. */
    static final String FORK_DEFAULT_NAME = "GenericResult";

    /** {@code name} is null when nothing in the query names the result. */
    record Table(String name, Rel rel) {
    }

    private final Analyzer a;
    private final Operators operators;

    Results(Analyzer a, Operators operators) {
        this.a = a;
        this.operators = operators;
    }

    /** {@code followed}: other result statements follow this one. */
    List<Table> of(Expr statement, boolean followed) {
        if (statement instanceof Expr.Pipe p && p.op() instanceof Operator.Render r && several(p.source())) {
            // A chart after fork/facet/preview picks the chart of the results (series-fit-poly-function.md does this).
            operators.apply(null, r);
            return of(p.source(), followed);
        }
        if (statement instanceof Expr.Pipe p && p.op() instanceof Operator.Fork f) {
            return fork(a.tabular(p.source()), f);
        }
        if (statement instanceof Expr.Pipe p && p.op() instanceof Operator.Facet f) {
            return facet(a.tabular(p.source()), f);
        }
        if (statement instanceof Expr.Pipe p && p.op() instanceof Operator.Evaluate ev && ev.plugin().name().equals("preview")) {
            return preview(a.tabular(p.source()), ev);
        }
        if (statement instanceof Expr.Pipe p && p.op() instanceof Operator.Consume) {
            Rel in = a.tabular(p.source());
            CteDef def = new CteDef(a.ctes.size(), "consume", in, true);
            a.ctes.add(def);
            return List.of(new Table(null, new Rel.Consume(def.id(), in.fields())));
        }
        Rel rel = a.tabular(statement);
        if (a.moreGraphTables.isEmpty()) {
            return List.of(new Table(asName(statement), rel));
        }
        // graph-to-table of nodes and edges: graph-to-table-operator.md has the statement name both tables and the
        // statements after it return them; written last it has nothing after it, so both tables are its results.
        List<Rel> graphTables = new ArrayList<>(a.moreGraphTables);
        a.moreGraphTables.clear();
        if (followed) {
            return List.of();
        }
        List<GraphOps.TableSpec> specs = statement instanceof Expr.Pipe p && p.op() instanceof Operator.Graph g
                && g.op() instanceof GraphOps.ToTable t ? t.tables() : List.of();
        List<Table> out = new ArrayList<>();
        out.add(new Table(specs.isEmpty() ? null : specs.get(0).as(), rel));
        for (int i = 0; i < graphTables.size(); i++) {
            out.add(new Table(i + 1 < specs.size() ? specs.get(i + 1).as() : null, graphTables.get(i)));
        }
        return out;
    }

    private List<Table> fork(Rel in, Operator.Fork f) {
        List<Table> out = new ArrayList<>();
        for (Operator.ForkBranch b : f.branches()) {
            Rel rel = in;
            String name = b.name();
            for (Operator op : b.body()) {
                rel = operators.apply(rel, op);
                if (op instanceof Operator.As as && b.name() == null) {
                    name = as.name();
                }
            }
            out.add(new Table(name == null ? FORK_DEFAULT_NAME : name, rel));
        }
        return out;
    }

    /**
     * facet-operator.md shows the with clause's table first, then per column its values with their row count in
     * count_Column. The page names none of these tables; a column's table takes the column's name.
     */
    private List<Table> facet(Rel in, Operator.Facet f) {
        List<Table> out = new ArrayList<>();
        if (!f.with().isEmpty()) {
            Rel rel = in;
            for (Operator op : f.with()) {
                rel = operators.apply(rel, op);
            }
            out.add(new Table(null, rel));
        }
        for (Expr.Name col : f.columns()) {
            Operator.Summarize counts = new Operator.Summarize(
                    List.of(new Operator.Assignment("count_" + col.name(), new Expr.Call("count", List.of(), col.span()), col.span())),
                    List.of(new Operator.Assignment(col.name(), col, col.span())), col.span());
            out.add(new Table(col.name(), operators.apply(in, counts)));
        }
        return out;
    }

    /**
     * {@code evaluate preview(N)}: the first N rows, then the input's row count (preview-plugin.md: the same as
     * {@code take N} and {@code count}). The input is read once for both.
     */
    private List<Table> preview(Rel in, Operator.Evaluate ev) {
        if (ev.plugin().args().size() != 1 || !ev.schema().isEmpty()) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, ev.plugin().span(), "preview takes one argument: the number of rows to show");
        }
        CteDef def = new CteDef(a.ctes.size(), "preview", in, true);
        a.ctes.add(def);
        Rel shared = new Rel.CteRef(def.id(), in.fields());
        Expr n = ev.plugin().args().get(0);
        return List.of(new Table(null, operators.apply(shared, new Operator.Take(n, n.span()))),
                new Table(null, operators.apply(shared, new Operator.Count(ev.span()))));
    }

    private static boolean several(Expr e) {
        while (e instanceof Expr.Pipe p && p.op() instanceof Operator.Render) {
            e = p.source();
        }
        return e instanceof Expr.Pipe p && (p.op() instanceof Operator.Fork || p.op() instanceof Operator.Facet
                || p.op() instanceof Operator.Evaluate ev && ev.plugin().name().equals("preview"));
    }

    /** The name an {@code as} at the end of a statement gives its result (batches.md). */
    private static String asName(Expr statement) {
        Expr e = statement;
        while (e instanceof Expr.Pipe p && p.op() instanceof Operator.Render) {
            e = p.source();
        }
        return e instanceof Expr.Pipe p && p.op() instanceof Operator.As as ? as.name() : null;
    }

    /** fork, facet and consume anywhere but at the end of a result statement (in a let, a join, before another operator). */
    static KqlException notLast(Operator op) {
        String w = op instanceof Operator.Fork ? "fork" : op instanceof Operator.Facet ? "facet" : "consume";
        return KqlException.at(ErrorCode.SYNTAX_ERROR, op.span(), "'" + w + "' must be the last operator of a result statement",
                "Its results go to the caller and cannot be read further; end the statement with it, or bind its input"
                        + " with let and write one statement per result.");
    }
}
