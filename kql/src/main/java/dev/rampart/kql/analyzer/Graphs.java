package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.GraphOps;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.plan.CteDef;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.GraphRel;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;

/** make-graph, graph-to-table and graph-mark-components; graph-match is in {@link GraphMatch}. */
final class Graphs {
    private static final String GRAPH_OPERATORS = "graph-match, graph-shortest-paths, graph-to-table or graph-mark-components";
    /** Nodes only named by edges sort after every row of the node tables. */
    private static final long EDGE_ONLY_NODES = 1L << 44;

    private final Analyzer a;

    Graphs(Analyzer a) {
        this.a = a;
    }

    /** Whether {@code e} evaluates to a graph rather than rows. */
    static boolean isGraph(Expr e, java.util.Map<String, Binding> lets) {
        if (e instanceof Expr.Pipe p && p.op() instanceof Operator.Graph g) {
            return (g.op() instanceof GraphOps.MakeGraph mg && mg.partitionColumn() == null) || g.op() instanceof GraphOps.MarkComponents;
        }
        return e instanceof Expr.Name n && lets.get(n.name()) instanceof Binding.Graph;
    }

    /** The rows a graph operator produces from the graph its source evaluates to. */
    Rel table(Expr source, Operator.Graph op) {
        GraphOps.Op g = op.op();
        if (g instanceof GraphOps.MakeGraph mg && mg.partitionColumn() != null) {
            return partitioned(a.tabular(source), mg);
        }
        if (g instanceof GraphOps.MakeGraph || g instanceof GraphOps.MarkComponents) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, op.span(), "The result of " + name(g)
                    + " is a graph, not a table", "Follow it with " + GRAPH_OPERATORS + ".");
        }
        return rows(graph(source, op.span()), g);
    }

    private Rel rows(GraphValue graph, GraphOps.Op g) {
        if (g instanceof GraphOps.ToTable t) {
            return toTable(graph, t);
        }
        return new GraphMatch(a, graph).plan((GraphOps.Match) g);
    }

    /**
     * make-graph ... partitioned-by P (op): one graph per value of P. Node identity becomes the pair
     * (P, key), so no match, path or edge crosses partitions, and the operator runs on all of them at once.
     */
    private Rel partitioned(Rel input, GraphOps.MakeGraph mg) {
        List<GraphOps.Op> ops = mg.partitioned();
        if (ops.size() > 1) {
            throw KqlException.unsupported(ops.get(1).span(), "make-graph:partitioned-by:chain", "Several graph operators after partitioned-by");
        }
        GraphOps.Op last = ops.get(ops.size() - 1);
        if (last instanceof GraphOps.MarkComponents) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, last.span(), "graph-mark-components yields a graph; partitioned-by needs an operator that yields rows",
                    "Use graph-match, graph-shortest-paths or graph-to-table.");
        }
        if (mg.after().isEmpty()) {
            return rows(makeGraph(input, mg), last);
        }
        if (!(last instanceof GraphOps.Match match)) {
            throw KqlException.unsupported(mg.after().get(0).span(), "make-graph:partitioned-by:after-to-table",
                    "Tabular operators after graph-to-table inside partitioned-by");
        }
        // The operators after the graph operator see one partition's rows at a time, as the partition operator's do.
        String key = "__graph_partition";
        Rel rows = new GraphMatch(a, makeGraph(input, mg)).plan(match, key);
        return new Partitions(a, a.exprs, new Operators(a)).perKey(rows, mg.after(), key, mg.span());
    }

    /** The identity of a node within its partition. */
    private Rex composite(Rel r, String partition, String key, Span span) {
        Expr pair = new Expr.Call("pack_array", List.of(new Expr.Name(partition, span), new Expr.Name(key, span)), span);
        return a.exprs.analyze(new Expr.Call("tostring", List.of(pair), span), Operators.scope(r));
    }

    static KqlException notATable(Span span) {
        return KqlException.at(ErrorCode.TYPE_MISMATCH, span, "A graph is not a table: only " + GRAPH_OPERATORS + " accept it",
                "Turn it into rows first, e.g. '| graph-to-table nodes' or '| graph-match ... project ...'.");
    }

    private static String name(GraphOps.Op g) {
        return g instanceof GraphOps.MakeGraph ? "make-graph" : "graph-mark-components";
    }

    GraphValue graph(Expr e, Span user) {
        if (e instanceof Expr.Name n && a.lets.get(n.name()) instanceof Binding.Graph b) {
            return b.graph();
        }
        if (e instanceof Expr.Pipe p && p.op() instanceof Operator.Graph g && g.op() instanceof GraphOps.MakeGraph mg) {
            return makeGraph(a.tabular(p.source()), mg);
        }
        if (e instanceof Expr.Pipe p && p.op() instanceof Operator.Graph g && g.op() instanceof GraphOps.MarkComponents mc) {
            return markComponents(graph(p.source(), mc.span()), mc);
        }
        if (e instanceof Expr.Call c && c.name().equals("graph")) {
            throw KqlException.unsupported(c.span(), "graph:persistent", "Persistent graph models (graph(...))");
        }
        a.tabular(e); // reports an unknown table or function first
        throw KqlException.at(ErrorCode.TYPE_MISMATCH, e.span(), "Expected a graph before this graph operator but found a table",
                "Build one with '| make-graph Source --> Target with Nodes on Key' (" + user.where() + ").");
    }

    // ---- make-graph -------------------------------------------------------------------------------

    private GraphValue makeGraph(Rel input, GraphOps.MakeGraph mg) {
        Field src = column(input, mg.source(), mg.span());
        Field dst = column(input, mg.target(), mg.span());
        if (src.type() != dst.type()) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, mg.span(), "The source and target columns of make-graph must have the same type, but "
                    + src.name() + " is " + src.type().kustoName() + " and " + dst.name() + " is " + dst.type().kustoName());
        }
        String part = mg.partitionColumn();
        if (part != null) {
            column(input, part, mg.span());
        }
        List<Rel.NamedRex> ec = new ArrayList<>(cols(input));
        ec.add(new Rel.NamedRex(GraphValue.EID, rowNumber()));
        String srcKey = src.name();
        String dstKey = dst.name();
        KqlType keyType = src.type();
        if (part != null) {
            srcKey = "__g_src";
            dstKey = "__g_dst";
            keyType = KqlType.STRING;
            ec.add(new Rel.NamedRex(srcKey, composite(input, part, src.name(), mg.span())));
            ec.add(new Rel.NamedRex(dstKey, composite(input, part, dst.name(), mg.span())));
        }
        Rel edges = materialize(new Rel.Project(input, ec), "graph_edges");
        Rel first = firstAppearance(edges, srcKey, dstKey, src.name(), dst.name(), part, mg.span());
        if (mg.nodeTables().isEmpty()) {
            List<Rel.NamedRex> nc = new ArrayList<>();
            if (mg.nodeIdColumn() != null) {
                nc.add(new Rel.NamedRex(mg.nodeIdColumn(), ref(first, "__raw")));
            }
            nc.add(new Rel.NamedRex(GraphValue.KEY, ref(first, "__key")));
            nc.add(new Rel.NamedRex(GraphValue.ORD, ref(first, "__o")));
            return new GraphValue(materialize(new Rel.Project(first, nc), "graph_nodes"), GraphValue.KEY, edges, srcKey, dstKey);
        }
        // Node tables: each row a node keyed by its key column; a key in several tables is one node.
        List<Rel> tables = new ArrayList<>();
        List<String> keyColumns = new ArrayList<>();
        List<Field> props = new ArrayList<>();
        for (int i = 0; i < mg.nodeTables().size(); i++) {
            GraphOps.NodeTable nt = mg.nodeTables().get(i);
            Rel table = a.tabular(nt.table());
            Field key = column(table, nt.key(), nt.span());
            if (Types.common(key.type(), src.type()) == null) {
                throw KqlException.at(ErrorCode.TYPE_MISMATCH, nt.span(), "The node key " + key.name() + " (" + key.type().kustoName()
                        + ") cannot match the edge column " + src.name() + " (" + src.type().kustoName() + ")");
            }
            for (Field f : table.fields()) {
                Field seen = props.stream().filter(p -> p.name().equals(f.name())).findFirst().orElse(null);
                if (seen == null) {
                    props.add(f);
                } else if (seen.type() != f.type()) {
                    throw KqlException.unsupported(nt.span(), "make-graph:property-types", "Node tables whose column " + f.name()
                            + " has different types");
                }
            }
            List<Rel.NamedRex> tc = new ArrayList<>(cols(table));
            if (part != null) {
                column(table, part, nt.span());
            }
            tc.add(new Rel.NamedRex(GraphValue.KEY, part == null ? Types.coerce(ref(table, key.name()), src.type())
                    : composite(table, part, key.name(), nt.span())));
            tc.add(new Rel.NamedRex(GraphValue.ORD, Arithmetic.apply("+", rowNumber(), new Rex.Lit((long) i << 36, KqlType.LONG), nt.span())));
            tables.add(new Rel.Project(table, tc));
            keyColumns.add(key.name());
        }
        List<Field> nodeFields = new ArrayList<>(props);
        nodeFields.add(new Field(GraphValue.KEY, keyType));
        nodeFields.add(new Field(GraphValue.ORD, KqlType.LONG));
        Rel known;
        if (tables.size() == 1) {
            known = tables.get(0);
        } else {
            List<Rel> aligned = new ArrayList<>();
            for (Rel t : tables) {
                List<Rel.NamedRex> al = new ArrayList<>();
                for (Field f : nodeFields) {
                    boolean has = t.fields().stream().anyMatch(x -> x.name().equals(f.name()));
                    al.add(new Rel.NamedRex(f.name(), has ? ref(t, f.name()) : new Rex.Lit(null, f.type())));
                }
                aligned.add(new Rel.Project(t, al));
            }
            Rel all = new Rel.Union(aligned, nodeFields);
            List<Rel.NamedRex> aggs = new ArrayList<>();
            for (Field f : props) {
                aggs.add(new Rel.NamedRex(f.name(), new Rex.Agg("take_any", List.of(ref(all, f.name())), null, false, f.type())));
            }
            aggs.add(new Rel.NamedRex(GraphValue.ORD, new Rex.Agg("min", List.of(ref(all, GraphValue.ORD)), null, false, KqlType.LONG)));
            Rel merged = new Rel.Aggregate(all, List.of(new Rel.NamedRex(GraphValue.KEY, ref(all, GraphValue.KEY))), aggs);
            List<Rel.NamedRex> order = new ArrayList<>();
            nodeFields.forEach(f -> order.add(new Rel.NamedRex(f.name(), ref(merged, f.name()))));
            known = new Rel.Project(merged, order);
        }
        // Nodes the edges name but no node table has: the key alone, other properties empty.
        Rel missing = new Rel.Join(Rel.JoinKind.LEFT_ANTI, first, known, List.of(ref(first, "__key")),
                List.of(ref(known, GraphValue.KEY)), cols(first), List.of());
        List<Rel.NamedRex> mc = new ArrayList<>();
        for (Field f : props) {
            Rex v = keyColumns.contains(f.name()) ? Types.coerce(ref(missing, "__raw"), f.type())
                    : f.name().equals(part) ? Types.coerce(ref(missing, "__part"), f.type())
                    : new Rex.Lit(f.type() == KqlType.STRING ? "" : null, f.type()); // Kusto strings are never null
            mc.add(new Rel.NamedRex(f.name(), v));
        }
        mc.add(new Rel.NamedRex(GraphValue.KEY, ref(missing, "__key")));
        mc.add(new Rel.NamedRex(GraphValue.ORD, Arithmetic.apply("+", ref(missing, "__o"),
                new Rex.Lit(EDGE_ONLY_NODES, KqlType.LONG), mg.span())));
        Rel nodes = new Rel.Union(List.of(known, new Rel.Project(missing, mc)), nodeFields);
        return new GraphValue(materialize(nodes, "graph_nodes"), GraphValue.KEY, edges, srcKey, dstKey);
    }

    /**
     * Node and edge rows are read by every pattern element; computing them once also keeps the edge and
     * node numbering (row_number) the same for every reader.
     */
    private Rel materialize(Rel r, String name) {
        CteDef def = new CteDef(a.ctes.size(), name, r, true);
        a.ctes.add(def);
        return new Rel.CteRef(def.id(), r.fields());
    }

    private static Rex rowNumber() {
        return new Rex.Call("row_number", List.of(new Rex.Lit(1L, KqlType.LONG)), KqlType.LONG);
    }

    /**
     * Each node the edges name, with the position of its first mention: __key (its identity), __raw (the
     * endpoint value), __part (its partition, when partitioned) and __o.
     */
    private static Rel firstAppearance(Rel edges, String srcKey, String dstKey, String src, String dst, String part, Span span) {
        Rex eid = ref(edges, GraphValue.EID);
        Rex twice = Arithmetic.apply("*", eid, new Rex.Lit(2L, KqlType.LONG), span);
        Rel s = new Rel.Project(edges, endpoint(edges, srcKey, src, part, twice));
        Rel d = new Rel.Project(edges, endpoint(edges, dstKey, dst, part, Arithmetic.apply("+", twice, new Rex.Lit(1L, KqlType.LONG), span)));
        Rel both = new Rel.Union(List.of(s, d), s.fields());
        List<Rel.NamedRex> keys = new ArrayList<>();
        for (Field f : both.fields()) {
            if (!f.name().equals("__o")) {
                keys.add(new Rel.NamedRex(f.name(), ref(both, f.name())));
            }
        }
        Rel grouped = new Rel.Aggregate(both, keys,
                List.of(new Rel.NamedRex("__o", new Rex.Agg("min", List.of(ref(both, "__o")), null, false, KqlType.LONG))));
        // Edges with an empty endpoint name no node.
        return new Rel.Filter(grouped, new Rex.Call("isnotnull", List.of(ref(grouped, "__raw")), KqlType.BOOL));
    }

    private static List<Rel.NamedRex> endpoint(Rel edges, String key, String raw, String part, Rex order) {
        List<Rel.NamedRex> out = new ArrayList<>();
        out.add(new Rel.NamedRex("__key", ref(edges, key)));
        out.add(new Rel.NamedRex("__raw", ref(edges, raw)));
        if (part != null) {
            out.add(new Rel.NamedRex("__part", ref(edges, part)));
        }
        out.add(new Rel.NamedRex("__o", order));
        return out;
    }

    // ---- graph-mark-components --------------------------------------------------------------------

    private GraphValue markComponents(GraphValue g, GraphOps.MarkComponents mc) {
        if (!mc.kind().equals("weak") && !mc.kind().equals("strong")) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, mc.span(), "Unknown graph-mark-components kind '" + mc.kind() + "'",
                    "Use kind=weak or kind=strong.");
        }
        Field key = g.keyField();
        Rel nodes = new Rel.Project(g.nodes(), List.of(new Rel.NamedRex("__key", ref(g.nodes(), key.name())),
                new Rel.NamedRex("__ord", ref(g.nodes(), GraphValue.ORD))));
        Rel edges = new Rel.Project(g.edges(), List.of(
                new Rel.NamedRex("__src", Types.coerce(ref(g.edges(), g.source()), key.type())),
                new Rel.NamedRex("__dst", Types.coerce(ref(g.edges(), g.target()), key.type()))));
        Rel comps = new Rel.Graph(new GraphRel.Components(nodes, edges, mc.kind().equals("strong")),
                List.of(new Field("__key", key.type()), new Field("__comp", KqlType.LONG)));
        Rel joined = new Rel.Join(Rel.JoinKind.LEFT_OUTER, g.nodes(), comps, List.of(ref(g.nodes(), key.name())),
                List.of(ref(comps, "__key")), cols(g.nodes()), List.of(new Rel.NamedRex("__g_comp", ref(comps, "__comp"))));
        List<Rel.NamedRex> out = new ArrayList<>();
        for (Field f : g.nodes().fields()) {
            if (!f.name().equals(mc.column())) {
                out.add(new Rel.NamedRex(f.name(), ref(joined, f.name())));
            }
        }
        out.add(new Rel.NamedRex(mc.column(), ref(joined, "__g_comp")));
        return g.withNodes(new Rel.Project(joined, out));
    }

    // ---- graph-to-table ---------------------------------------------------------------------------

    /**
     * Each spec named with 'as' is bound for later statements, like the as operator. Nodes and edges
     * together are two result sets, so only a whole statement may ask for both; its first table is the
     * rows returned, as for any query with several results.
     */
    private Rel toTable(GraphValue g, GraphOps.ToTable t) {
        if (t.tables().size() > 1 && !a.isResultStatement(t)) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, t.tables().get(1).span(), "graph-to-table of nodes and edges together yields two"
                    + " result sets, so it must end a statement of its own", "Name them ('nodes as N, edges as E') and read N or E in later statements.");
        }
        List<Rel> out = new ArrayList<>();
        for (GraphOps.TableSpec spec : t.tables()) {
            Rel r = toTable(g, spec);
            out.add(spec.as() == null ? r : new TabularOps(a).as(r, new Operator.As(spec.as(), false, spec.span())));
        }
        // The others are results of the statement too (Results decides whether it returns them).
        a.moreGraphTables.addAll(out.subList(1, out.size()));
        return out.get(0);
    }

    private Rel toTable(GraphValue g, GraphOps.TableSpec spec) {
        List<Rel.NamedRex> out = new ArrayList<>();
        Rel in = spec.nodes() ? g.nodes() : g.edges();
        if (spec.nodes() && spec.nodeId() != null) {
            out.add(new Rel.NamedRex(spec.nodeId(), nodeId(in, g.key(), spec.span())));
        }
        if (!spec.nodes() && spec.sourceId() != null) {
            out.add(new Rel.NamedRex(spec.sourceId(), nodeId(in, g.source(), spec.span())));
        }
        if (!spec.nodes() && spec.targetId() != null) {
            out.add(new Rel.NamedRex(spec.targetId(), nodeId(in, g.target(), spec.span())));
        }
        for (Field f : GraphValue.visible(in)) {
            out.add(new Rel.NamedRex(Naming.unique(f.name(), out.stream().map(Rel.NamedRex::name).toList()), ref(in, f.name())));
        }
        return new Rel.Project(in, out);
    }

    /**
     * Kusto's node ids are the XXH64 hash of the node key (string keys); keys of other types are hashed
     * in their text form, which keeps ids stable and distinct but not equal to Kusto's.
     */
    private Rex nodeId(Rel in, String keyColumn, Span span) {
        Expr k = new Expr.Name(keyColumn, span);
        if (!Types.isString(column(in, keyColumn, span).type())) {
            k = new Expr.Call("tostring", List.of(k), span);
        }
        return a.exprs.analyze(new Expr.Call("hash_xxhash64", List.of(k), span), Operators.scope(in));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    static Field column(Rel r, String name, Span span) {
        return r.fields().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> ExprAnalyzer.unknownColumn(name, span, r.fields().stream().map(Field::name).toList()));
    }

    static Rex ref(Rel r, String name) {
        for (Field f : r.fields()) {
            if (f.name().equals(name)) {
                return new Rex.ColRef(name, f.type());
            }
        }
        throw new IllegalStateException("no column " + name);
    }

    static List<Rel.NamedRex> cols(Rel r) {
        return r.fields().stream().map(f -> new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type()))).toList();
    }
}
