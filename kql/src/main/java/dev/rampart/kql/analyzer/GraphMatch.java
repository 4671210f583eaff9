package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.GraphOps;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.GraphRel;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * graph-match and graph-shortest-paths as relational plans. Every pattern node is a copy of the node rows
 * and every single edge a copy of the edge rows, with columns prefixed by the variable ({@code a.name}),
 * joined along the pattern; a variable-length edge is a recursive path enumeration whose per-path values
 * (map/all/any over edges or inner nodes) are aggregated over the path's steps before the join.
 */
final class GraphMatch {
    private record Segment(String left, String edge, GraphOps.Edge spec, String right) {
    }

    /** The edge ids a variable-length edge matched, for cycles=unique_edges across the pattern. */
    private static final String EIDS = "__g_eids";

    private final Analyzer a;
    private final GraphValue g;
    private final Field key;
    private Rel nodes;

    GraphMatch(Analyzer a, GraphValue g) {
        this.a = a;
        this.g = g;
        this.key = g.keyField();
    }

    /** Bounds written as names ({@code *lo..hi}) take the values of the scalar constants they name. */
    private GraphOps.Edge resolveBounds(GraphOps.Edge e) {
        if (e.minName() == null && e.maxName() == null) {
            return e;
        }
        int min = e.minName() == null ? e.min() : bound(e.minName());
        int max = e.maxName() == null ? e.max() : bound(e.maxName());
        if (max < min) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, e.span(), "The variable-length edge " + min + ".." + max
                    + " has its upper bound below its lower bound");
        }
        return e.withBounds(min, max);
    }

    private int bound(Expr.Name n) {
        Rex v = a.exprs.analyze(n, Scope.EMPTY);
        if (!(v instanceof Rex.Lit l) || !(l.value() instanceof Number num) || !(v.type().isNumeric())) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, n.span(), "The length bound '" + n.name()
                    + "' of a variable-length edge must be a constant whole number", "Bind it with let, as in let maxHops = 3;");
        }
        long b = num.longValue();
        if (b < 0 || b > 64) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, n.span(), "The length bound '" + n.name() + "' is " + b
                    + "; variable-length edges take 0 to 64 steps here");
        }
        return (int) b;
    }

    Rel plan(GraphOps.Match m) {
        return plan(m, null);
    }

    /**
     * As {@link #plan(GraphOps.Match)}; with {@code partitionColumn} the rows of a partitioned graph also carry their
     * partition under that name (read from the first node's key, which holds the partition and the node's id).
     */
    Rel plan(GraphOps.Match m, String partitionColumn) {
        Set<String> nodeVars = new LinkedHashSet<>();
        Map<String, GraphOps.Edge> single = new LinkedHashMap<>();
        Map<String, GraphOps.Edge> variable = new LinkedHashMap<>();
        List<Segment> segments = new ArrayList<>();
        List<String> firstNodes = new ArrayList<>();
        int anon = 0;
        for (GraphOps.Path p : m.paths()) {
            List<String> names = new ArrayList<>();
            for (GraphOps.Node n : p.nodes()) {
                String name = n.name() != null ? n.name() : "__g_n" + anon++;
                names.add(name);
                nodeVars.add(name);
            }
            firstNodes.add(names.get(0));
            for (int i = 0; i < p.edges().size(); i++) {
                GraphOps.Edge e = resolveBounds(p.edges().get(i));
                String name = e.name() != null ? e.name() : "__g_e" + anon++;
                if (single.containsKey(name) || variable.containsKey(name) || nodeVars.contains(name)) {
                    throw KqlException.at(ErrorCode.SYNTAX_ERROR, e.span(), "The pattern uses the name '" + name + "' twice; edge names must be unique");
                }
                (e.variable() ? variable : single).put(name, e);
                segments.add(new Segment(names.get(i), name, e, names.get(i + 1)));
            }
        }
        for (String n : nodeVars) {
            if (single.containsKey(n) || variable.containsKey(n)) {
                throw KqlException.at(ErrorCode.SYNTAX_ERROR, m.span(), "The pattern uses '" + n + "' for a node and an edge");
            }
        }
        GraphRel.Cycles cycles = cycles(m);
        if (m.project().isEmpty()) {
            throw KqlException.unsupported(m.span(), "graph-match:no-project", (m.shortest() ? "graph-shortest-paths" : "graph-match")
                    + " without a project clause");
        }
        GraphPatternExprs rx = new GraphPatternExprs(nodeVars, single.keySet(), variable.keySet(),
                GraphValue.visible(g.nodes()).stream().map(Field::name).toList(), GraphValue.visible(g.edges()).stream().map(Field::name).toList(), key.name());
        Expr where = m.where() == null ? null : rx.rewrite(m.where());
        List<Operator.Assignment> project = new ArrayList<>();
        int auto = 0;
        for (Operator.Assignment as : m.project()) {
            String name = as.name() != null ? as.name() : columnName(as.expr());
            if (name == null) {
                name = "Column" + (++auto);
            }
            project.add(new Operator.Assignment(name, rx.rewrite(as.expr()), as.span()));
        }

        nodes = rx.degrees ? withDegrees() : g.nodes();
        Map<String, Rel> elements = new LinkedHashMap<>();
        single.forEach((name, e) -> elements.put(name, prefixed(oriented(e.direction()), name)));
        boolean edgeLists = cycles == GraphRel.Cycles.UNIQUE_EDGES && !m.shortest() && segments.size() > 1;
        variable.forEach((name, e) -> elements.put(name, paths(name, e, m.shortest() ? GraphRel.Cycles.NONE : cycles, rx.functions, edgeLists)));

        Set<String> bound = new HashSet<>();
        Rel j = node(firstNodes.get(0));
        bound.add(firstNodes.get(0));
        List<Segment> todo = new ArrayList<>(segments);
        while (!todo.isEmpty()) {
            Segment s = todo.stream().filter(x -> bound.contains(x.left()) || bound.contains(x.right())).findFirst().orElse(todo.get(0));
            todo.remove(s);
            if (!bound.contains(s.left()) && !bound.contains(s.right())) {
                j = cross(j, node(s.left()));
                bound.add(s.left());
            }
            Rel el = elements.get(s.edge());
            boolean fromLeft = bound.contains(s.left());
            String near = fromLeft ? s.left() : s.right();
            String far = fromLeft ? s.right() : s.left();
            j = join(j, el, keyOf(j, near), Graphs.ref(el, s.edge() + (fromLeft ? ".__from" : ".__to")));
            Rex farEnd = Graphs.ref(j, s.edge() + (fromLeft ? ".__to" : ".__from"));
            if (bound.contains(far)) {
                j = new Rel.Filter(j, eq(keyOf(j, far), farEnd));
            } else {
                Rel n = node(far);
                j = join(j, n, farEnd, keyOf(n, far));
                bound.add(far);
            }
        }
        for (String n : nodeVars) {
            if (!bound.contains(n)) {
                j = cross(j, node(n));
                bound.add(n);
            }
        }
        if (edgeLists) {
            j = uniqueEdges(j, single.keySet(), variable.keySet(), m.span());
        }
        if (where != null) {
            j = new Rel.Filter(j, a.exprs.predicate(where, Operators.scope(j)));
        }
        if (m.shortest()) {
            j = shortest(j, m, nodeVars, variable.keySet());
        }
        if (partitionColumn != null) {
            Span sp = m.span();
            Expr firstKey = new Expr.Name(firstNodes.get(0) + "." + key.name(), sp);
            Expr part = new Expr.Call("tostring", List.of(new Expr.Index(new Expr.Call("parse_json", List.of(firstKey), sp),
                    new Expr.Literal(0L, Expr.LiteralKind.LONG, sp), sp)), sp);
            project.add(new Operator.Assignment(partitionColumn, part, sp));
        }
        return new Operators(a).assign(j, project, true);
    }

    /** cycles=unique_edges across the whole pattern: no edge is matched by two of its edge elements. */
    private Rel uniqueEdges(Rel j, Set<String> single, Set<String> variable, Span span) {
        List<String> names = new ArrayList<>(single);
        names.addAll(variable);
        for (int i = 0; i < names.size(); i++) {
            for (int k = i + 1; k < names.size(); k++) {
                String x = names.get(i);
                String y = names.get(k);
                Expr distinct;
                if (single.contains(x) && single.contains(y)) {
                    distinct = new Expr.Binary("!=", new Expr.Name(x + "." + GraphValue.EID, span), new Expr.Name(y + "." + GraphValue.EID, span), span);
                } else if (single.contains(x)) {
                    distinct = new Expr.Call("not", List.of(new Expr.Call("set_has_element", List.of(
                            new Expr.Name(y + "." + EIDS, span), new Expr.Name(x + "." + GraphValue.EID, span)), span)), span);
                } else {
                    Expr common = new Expr.Call("set_intersect", List.of(new Expr.Name(x + "." + EIDS, span), new Expr.Name(y + "." + EIDS, span)), span);
                    distinct = new Expr.Binary("==", new Expr.Call("array_length", List.of(common), span),
                            new Expr.Literal(0L, Expr.LiteralKind.LONG, span), span);
                }
                j = new Rel.Filter(j, a.exprs.predicate(distinct, Operators.scope(j)));
            }
        }
        return j;
    }

    private static GraphRel.Cycles cycles(GraphOps.Match m) {
        if (m.shortest()) {
            if (m.option() != null && !m.option().equals("any") && !m.option().equals("all")) {
                throw KqlException.at(ErrorCode.SYNTAX_ERROR, m.span(), "Unknown output '" + m.option() + "' for graph-shortest-paths",
                        "Use output=any or output=all.");
            }
            return GraphRel.Cycles.NONE;
        }
        String c = m.option() == null ? "unique_edges" : m.option();
        return switch (c) {
            case "all" -> GraphRel.Cycles.ALL;
            case "none" -> GraphRel.Cycles.NONE;
            case "unique_edges" -> GraphRel.Cycles.UNIQUE_EDGES;
            default -> throw KqlException.at(ErrorCode.SYNTAX_ERROR, m.span(), "Unknown cycles '" + c + "' for graph-match",
                    "Use cycles=all, cycles=none or cycles=unique_edges.");
        };
    }

    /** Kusto names an unnamed node_degree_in(n) column after the function, and n.prop as n_prop. */
    private static String columnName(Expr e) {
        if (e instanceof Expr.Call c && (c.name().equals("node_degree_in") || c.name().equals("node_degree_out"))) {
            return c.name();
        }
        return Naming.derive(e);
    }

    // ---- shortest paths ---------------------------------------------------------------------------

    /** Per pair of pattern nodes, the matches of least length; output=any keeps the first of them in path order. */
    private Rel shortest(Rel j, GraphOps.Match m, Set<String> nodeVars, Set<String> variable) {
        if (m.paths().size() != 1) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, m.paths().get(1).span(), "graph-shortest-paths takes a single path pattern, not several sequences");
        }
        if (variable.size() != 1) {
            throw KqlException.unsupported(m.span(), "graph-shortest-paths:pattern",
                    "graph-shortest-paths with other than exactly one variable-length edge");
        }
        String path = variable.iterator().next();
        List<Rel.NamedRex> keys = new ArrayList<>();
        List<Rex> lk = new ArrayList<>();
        int i = 0;
        for (String n : nodeVars) {
            Rex k = keyOf(j, n);
            keys.add(new Rel.NamedRex("__g_k" + i++, k));
            lk.add(k);
        }
        j = best(j, keys, lk, Graphs.ref(j, path + ".__len"), "__g_min");
        if (!"all".equals(m.option())) {
            j = best(j, keys, lk, Graphs.ref(j, path + ".__pid"), "__g_first");
        }
        return j;
    }

    private static Rel best(Rel j, List<Rel.NamedRex> keys, List<Rex> lk, Rex value, String name) {
        Rel agg = new Rel.Aggregate(j, keys, List.of(new Rel.NamedRex(name, new Rex.Agg("min", List.of(value), null, false, value.type()))));
        List<Rex> left = new ArrayList<>(lk);
        left.add(value);
        List<Rex> right = new ArrayList<>();
        keys.forEach(k -> right.add(Graphs.ref(agg, k.name())));
        right.add(Graphs.ref(agg, name));
        return new Rel.Join(Rel.JoinKind.INNER, j, agg, left, right, Graphs.cols(j), List.of());
    }

    // ---- pattern elements -------------------------------------------------------------------------

    /** The node rows with their in and out degree (hidden columns). */
    private Rel withDegrees() {
        Rel n = g.nodes();
        n = degree(n, g.source(), GraphPatternExprs.DEGREE_OUT);
        n = degree(n, g.target(), GraphPatternExprs.DEGREE_IN);
        return n;
    }

    private Rel degree(Rel n, String endpoint, String name) {
        Rel ends = new Rel.Project(g.edges(), List.of(new Rel.NamedRex("__k", Types.coerce(Graphs.ref(g.edges(), endpoint), key.type()))));
        Rel counts = new Rel.Aggregate(ends, List.of(new Rel.NamedRex("__k", Graphs.ref(ends, "__k"))),
                List.of(new Rel.NamedRex("__c", new Rex.Agg("count", List.of(), null, false, KqlType.LONG))));
        Rel joined = new Rel.Join(Rel.JoinKind.LEFT_OUTER, n, counts, List.of(Graphs.ref(n, key.name())), List.of(Graphs.ref(counts, "__k")),
                Graphs.cols(n), List.of(new Rel.NamedRex(name + "_raw", Graphs.ref(counts, "__c"))));
        List<Rel.NamedRex> out = new ArrayList<>(Graphs.cols(n));
        out.add(new Rel.NamedRex(name, new Rex.Call("coalesce", List.of(Graphs.ref(joined, name + "_raw"), new Rex.Lit(0L, KqlType.LONG)), KqlType.LONG)));
        return new Rel.Project(joined, out);
    }

    private Rel node(String var) {
        return prefixed(nodes, var);
    }

    private Rex keyOf(Rel r, String nodeVar) {
        return Graphs.ref(r, nodeVar + "." + key.name());
    }

    /** The edge rows read in the pattern's left-to-right direction: __from is the left node's key. */
    private Rel oriented(GraphOps.Direction d) {
        if (d == GraphOps.Direction.ANY) {
            Rel out = oriented(GraphOps.Direction.OUT);
            return new Rel.Union(List.of(out, oriented(GraphOps.Direction.IN)), out.fields());
        }
        Rel e = g.edges();
        List<Rel.NamedRex> cols = new ArrayList<>(Graphs.cols(e));
        Rex src = Types.coerce(Graphs.ref(e, g.source()), key.type());
        Rex dst = Types.coerce(Graphs.ref(e, g.target()), key.type());
        cols.add(new Rel.NamedRex("__from", d == GraphOps.Direction.OUT ? src : dst));
        cols.add(new Rel.NamedRex("__to", d == GraphOps.Direction.OUT ? dst : src));
        return new Rel.Project(e, cols);
    }

    private static Rel prefixed(Rel r, String var) {
        List<Rel.NamedRex> cols = new ArrayList<>();
        for (Field f : r.fields()) {
            cols.add(new Rel.NamedRex(var + "." + f.name(), new Rex.ColRef(f.name(), f.type())));
        }
        return new Rel.Project(r, cols);
    }

    /**
     * One row per path of a variable-length edge: {@code e.__pid}, {@code e.__from}, {@code e.__to},
     * {@code e.__len}, and a column per graph function the query applies to it.
     */
    private Rel paths(String name, GraphOps.Edge spec, GraphRel.Cycles cycles, List<GraphPatternExprs.PathFunction> fns, boolean edgeList) {
        if (spec.max() == 0) {
            return zeroLength(name, fns, edgeList);
        }
        Rel o = oriented(spec.direction());
        Rel steps = new Rel.Graph(new GraphRel.Paths(new Rel.Project(o, List.of(
                new Rel.NamedRex("__src", Graphs.ref(o, "__from")), new Rel.NamedRex("__dst", Graphs.ref(o, "__to")),
                new Rel.NamedRex("__eid", Graphs.ref(o, GraphValue.EID)))), Math.max(1, spec.min()), Math.max(1, spec.max()), cycles),
                List.of(new Field("__pid", KqlType.LONG), new Field("__from", key.type()), new Field("__to", key.type()),
                        new Field("__len", KqlType.LONG), new Field("__pos", KqlType.LONG), new Field("__eid", KqlType.LONG),
                        new Field("__next", key.type())));
        List<GraphPatternExprs.PathFunction> edgeFns = fns.stream().filter(f -> f.edge().equals(name) && !f.innerNodes()).toList();
        List<GraphPatternExprs.PathFunction> nodeFns = fns.stream().filter(f -> f.edge().equals(name) && f.innerNodes()).toList();

        Rel withEdges = attach(steps, "__eid", g.edges(), GraphValue.EID);
        List<Rel.NamedRex> keys = new ArrayList<>();
        for (String k : List.of("__pid", "__from", "__to", "__len")) {
            keys.add(new Rel.NamedRex(k, Graphs.ref(withEdges, k)));
        }
        List<Rel.NamedRex> edgeAggs = new ArrayList<>(aggregates(withEdges, edgeFns, null, spec.span()));
        if (edgeList) {
            edgeAggs.add(new Rel.NamedRex(EIDS, new Rex.Agg("graph_list", List.of(Graphs.ref(withEdges, "__eid"),
                    Graphs.ref(withEdges, "__pos")), null, false, KqlType.DYNAMIC)));
        }
        Rel perPath = new Rel.Aggregate(withEdges, keys, edgeAggs);
        if (!nodeFns.isEmpty()) {
            Rel withNodes = attach(steps, "__next", nodes, key.name());
            Rex inner = new Rex.Call("<", List.of(Graphs.ref(withNodes, "__pos"), Graphs.ref(withNodes, "__len")), KqlType.BOOL);
            Rel nodeAggs = new Rel.Aggregate(withNodes, List.of(new Rel.NamedRex("__pid", Graphs.ref(withNodes, "__pid"))),
                    aggregates(withNodes, nodeFns, inner, spec.span()));
            List<Rel.NamedRex> right = new ArrayList<>();
            nodeAggs.fields().stream().filter(f -> !f.name().equals("__pid"))
                    .forEach(f -> right.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type()))));
            perPath = new Rel.Join(Rel.JoinKind.INNER, perPath, nodeAggs, List.of(Graphs.ref(perPath, "__pid")),
                    List.of(Graphs.ref(nodeAggs, "__pid")), Graphs.cols(perPath), right);
        }
        List<Rel.NamedRex> out = new ArrayList<>();
        for (String k : List.of("__pid", "__from", "__to", "__len")) {
            out.add(new Rel.NamedRex(name + "." + k, Graphs.ref(perPath, k)));
        }
        if (edgeList) {
            out.add(new Rel.NamedRex(name + "." + EIDS, Graphs.ref(perPath, EIDS)));
        }
        for (GraphPatternExprs.PathFunction f : fns) {
            if (!f.edge().equals(name)) {
                continue;
            }
            Rex v = Graphs.ref(perPath, f.column());
            if (f.fn().equals("all")) {
                v = new Rex.Call("==", List.of(v, new Rex.Lit(0L, KqlType.LONG)), KqlType.BOOL);
            } else if (f.fn().equals("any")) {
                v = new Rex.Call(">", List.of(v, new Rex.Lit(0L, KqlType.LONG)), KqlType.BOOL);
            }
            out.add(new Rel.NamedRex(f.column(), v));
        }
        Rel result = new Rel.Project(perPath, out);
        if (spec.min() == 0) {
            result = new Rel.Union(List.of(result, zeroLength(name, fns, edgeList)), result.fields());
        }
        return result;
    }

    /**
     * The paths of no edge, one per node (from = to): map() gives [], all() true and any() false. Their ids
     * are negative so they never collide with the enumerated paths.
     */
    private Rel zeroLength(String name, List<GraphPatternExprs.PathFunction> fns, boolean edgeList) {
        List<Rel.NamedRex> out = new ArrayList<>();
        Rex id = Graphs.ref(nodes, key.name());
        out.add(new Rel.NamedRex(name + ".__pid", new Rex.Call("neg", List.of(Graphs.ref(nodes, GraphValue.ORD)), KqlType.LONG)));
        out.add(new Rel.NamedRex(name + ".__from", id));
        out.add(new Rel.NamedRex(name + ".__to", id));
        out.add(new Rel.NamedRex(name + ".__len", new Rex.Lit(0L, KqlType.LONG)));
        if (edgeList) {
            out.add(new Rel.NamedRex(name + "." + EIDS, new Rex.Lit(List.of(), KqlType.DYNAMIC)));
        }
        for (GraphPatternExprs.PathFunction f : fns) {
            if (f.edge().equals(name)) {
                Rex v = switch (f.fn()) {
                    case "all" -> new Rex.Lit(true, KqlType.BOOL);
                    case "any" -> new Rex.Lit(false, KqlType.BOOL);
                    default -> new Rex.Lit(List.of(), KqlType.DYNAMIC);
                };
                out.add(new Rel.NamedRex(f.column(), v));
            }
        }
        return new Rel.Project(nodes, out);
    }

    /** The steps joined with the element each reaches (its edge or its next node): the element's visible columns. */
    private static Rel attach(Rel steps, String stepKey, Rel elements, String elementKey) {
        List<Rel.NamedRex> right = new ArrayList<>();
        List<String> taken = new ArrayList<>(steps.fields().stream().map(Field::name).toList());
        for (Field f : elements.fields()) {
            if (f.name().equals(GraphValue.ORD) || f.name().equals(GraphValue.EID)) {
                continue;
            }
            String n = Naming.unique(f.name(), taken);
            taken.add(n);
            right.add(new Rel.NamedRex(n, new Rex.ColRef(f.name(), f.type())));
        }
        Rex sk = Graphs.ref(steps, stepKey);
        return new Rel.Join(Rel.JoinKind.INNER, steps, elements, List.of(sk),
                List.of(Types.coerce(Graphs.ref(elements, elementKey), sk.type())), Graphs.cols(steps), right);
    }

    private List<Rel.NamedRex> aggregates(Rel rows, List<GraphPatternExprs.PathFunction> fns, Rex only, Span span) {
        Scope scope = Operators.scope(rows);
        List<Rel.NamedRex> out = new ArrayList<>();
        for (GraphPatternExprs.PathFunction f : fns) {
            Expr body = f.body() != null ? f.body() : bag(rows, span);
            Rex agg;
            if (f.fn().equals("map")) {
                agg = new Rex.Agg("graph_list", List.of(a.exprs.analyze(body, scope), Graphs.ref(rows, "__pos")), only, false, KqlType.DYNAMIC);
            } else {
                Rex p = a.exprs.predicate(body, scope);
                Rex counted = f.fn().equals("all") ? new Rex.Call("not_true", List.of(p), KqlType.BOOL) : p;
                if (only != null) {
                    counted = new Rex.Call("and", List.of(only, counted), KqlType.BOOL);
                }
                agg = new Rex.Agg("count", List.of(), counted, false, KqlType.LONG);
            }
            out.add(new Rel.NamedRex(f.column(), agg));
        }
        return out;
    }

    /** An element as a property bag of its visible columns (the step bookkeeping and degrees left out). */
    private static Expr bag(Rel rows, Span span) {
        List<Expr> args = new ArrayList<>();
        for (Field f : rows.fields()) {
            if (!f.name().startsWith("__")) {
                args.add(new Expr.Literal(f.name(), Expr.LiteralKind.STRING, span));
                args.add(new Expr.Name(f.name(), span));
            }
        }
        return new Expr.Call("bag_pack", args, span);
    }

    // ---- joins ------------------------------------------------------------------------------------

    private static Rel join(Rel l, Rel r, Rex lk, Rex rk) {
        return new Rel.Join(Rel.JoinKind.INNER, l, r, List.of(lk), List.of(Types.coerce(rk, lk.type())), Graphs.cols(l), Graphs.cols(r));
    }

    private static Rel cross(Rel l, Rel r) {
        return new Rel.Join(Rel.JoinKind.INNER, l, r, List.of(), List.of(), Graphs.cols(l), Graphs.cols(r));
    }

    private static Rex eq(Rex l, Rex r) {
        return new Rex.Call("==", List.of(l, Types.coerce(r, l.type())), KqlType.BOOL);
    }
}
