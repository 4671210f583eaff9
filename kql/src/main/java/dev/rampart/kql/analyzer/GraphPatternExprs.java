package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rewrites graph-match's where/project expressions onto the flat match row: {@code n.prop} of a node or
 * single edge becomes the column {@code n.prop}, {@code node_degree_in(n)} a hidden degree column, and each
 * graph function over a variable-length edge ({@code map}, {@code all}, {@code any}, {@code inner_nodes},
 * the edge list itself) a column computed per path, recorded in {@link #functions}.
 */
final class GraphPatternExprs {
    /** One per-path value: {@code fn} is map, all or any; {@code body} is null for the elements themselves (as bags). */
    record PathFunction(String column, String edge, boolean innerNodes, String fn, Expr body) {
    }

    static final String DEGREE_IN = "__g_din";
    static final String DEGREE_OUT = "__g_dout";

    private final Set<String> nodes;
    private final Set<String> edges;
    private final Set<String> paths;
    final List<PathFunction> functions = new ArrayList<>();
    /** Whether an expression reads node degrees, which cost an aggregation of the edges. */
    boolean degrees;

    private final List<String> nodeProperties;
    private final List<String> edgeProperties;
    /** The node rows' identity column, which node_id() reads. */
    private final String nodeKey;

    GraphPatternExprs(Set<String> nodes, Set<String> edges, Set<String> paths, List<String> nodeProperties, List<String> edgeProperties,
                      String nodeKey) {
        this.nodeKey = nodeKey;
        this.nodes = nodes;
        this.edges = edges;
        this.paths = paths;
        this.nodeProperties = nodeProperties;
        this.edgeProperties = edgeProperties;
    }

    Expr rewrite(Expr e) {
        if (e instanceof Expr.Member m && m.target() instanceof Expr.Name n) {
            if (nodes.contains(n.name()) || edges.contains(n.name())) {
                return new Expr.Name(n.name() + "." + m.name(), m.span());
            }
            if (paths.contains(n.name())) {
                // A property of a variable-length edge is the array of its values along the path.
                return path(n.name(), false, "map", new Expr.Name(m.name(), m.span()), m);
            }
        }
        if (e instanceof Expr.Name n && paths.contains(n.name())) {
            return path(n.name(), false, "map", null, n);
        }
        if (e instanceof Expr.Name n && (nodes.contains(n.name()) || edges.contains(n.name()))) {
            // A whole node or edge is the property bag of its properties.
            List<Expr> args = new ArrayList<>();
            for (String prop : nodes.contains(n.name()) ? nodeProperties : edgeProperties) {
                args.add(new Expr.Literal(prop, Expr.LiteralKind.STRING, n.span()));
                args.add(new Expr.Name(n.name() + "." + prop, n.span()));
            }
            return new Expr.Call("bag_pack", args, n.span());
        }
        if (e instanceof Expr.Call c) {
            String fn = c.name();
            if ((fn.equals("node_degree_in") || fn.equals("node_degree_out"))) {
                if (c.args().size() != 1 || !(c.args().get(0) instanceof Expr.Name n) || !nodes.contains(n.name())) {
                    throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), fn + "() takes a node of the pattern here");
                }
                degrees = true;
                return new Expr.Name(n.name() + "." + (fn.equals("node_degree_in") ? DEGREE_IN : DEGREE_OUT), c.span());
            }
            if (fn.equals("node_id")) {
                if (c.args().size() != 1 || !(c.args().get(0) instanceof Expr.Name n) || !nodes.contains(n.name())) {
                    throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(),
                            "node_id() takes a node of the pattern here; without an argument it reads the current node inside map(inner_nodes(...), ...)");
                }
                return nodeId(new Expr.Name(n.name() + "." + nodeKey, c.span()));
            }
            if (fn.equals("labels") || fn.equals("node_labels")) {
                throw KqlException.unsupported(c.span(), "graph:labels", "Graph labels (labels() needs a persistent graph model)");
            }
            if (fn.equals("inner_nodes")) {
                return path(pathArg(c, c), true, "map", null, c);
            }
            if ((fn.equals("map") || fn.equals("all") || fn.equals("any")) && c.args().size() == 2 && isPathRef(c.args().get(0))) {
                Expr target = c.args().get(0);
                boolean inner = target instanceof Expr.Call;
                String edge = inner ? pathArg((Expr.Call) target, c) : ((Expr.Name) target).name();
                return path(edge, inner, fn, element(c.args().get(1), inner), c);
            }
            List<Expr> args = new ArrayList<>();
            c.args().forEach(x -> args.add(rewrite(x)));
            return new Expr.Call(c.name(), args, c.span());
        }
        if (e instanceof Expr.Member m) {
            return new Expr.Member(rewrite(m.target()), m.name(), m.span());
        }
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.op(), rewrite(b.left()), rewrite(b.right()), b.span());
        }
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.op(), rewrite(u.operand()), u.span());
        }
        if (e instanceof Expr.InList in) {
            return new Expr.InList(in.op(), rewrite(in.left()), in.items().stream().map(this::rewrite).toList(), in.span());
        }
        if (e instanceof Expr.Between b) {
            return new Expr.Between(rewrite(b.left()), rewrite(b.low()), rewrite(b.high()), b.negated(), b.span());
        }
        if (e instanceof Expr.Index ix) {
            return new Expr.Index(rewrite(ix.target()), rewrite(ix.index()), ix.span());
        }
        if (e instanceof Expr.NamedArg na) {
            return new Expr.NamedArg(na.name(), rewrite(na.value()), na.span());
        }
        return e;
    }

    private boolean isPathRef(Expr e) {
        return (e instanceof Expr.Name n && paths.contains(n.name()))
                || (e instanceof Expr.Call c && c.name().equals("inner_nodes"));
    }

    private String pathArg(Expr.Call innerNodes, Expr.Call at) {
        if (innerNodes.args().size() != 1 || !(innerNodes.args().get(0) instanceof Expr.Name n) || !paths.contains(n.name())) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, innerNodes.span(),
                    "inner_nodes() takes a variable-length edge of the pattern, e.g. inner_nodes(e) for -[e*1..3]->");
        }
        return n.name();
    }

    private Expr path(String edge, boolean inner, String fn, Expr body, Expr at) {
        String column = "__g_f" + functions.size();
        functions.add(new PathFunction(column, edge, inner, fn, body));
        return new Expr.Name(column, at.span());
    }

    /** The node's identifier as make-graph set it (the node key), in its string form. */
    private static Expr nodeId(Expr key) {
        return new Expr.Call("tostring", List.of(key), key.span());
    }

    /** The expression evaluated on each element: node_degree_in() and node_id() without an argument mean that element. */
    private Expr element(Expr e, boolean nodes) {
        if (e instanceof Expr.Call c && c.name().equals("node_id") && c.args().isEmpty()) {
            if (!nodes) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), "node_id() without an argument reads the current node: use it over inner_nodes(...)");
            }
            return nodeId(new Expr.Name(nodeKey, c.span()));
        }
        if (e instanceof Expr.Call c && (c.name().equals("node_degree_in") || c.name().equals("node_degree_out")) && c.args().isEmpty()) {
            if (!nodes) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), c.name() + "() without an argument reads the current node: use it over inner_nodes(...)");
            }
            degrees = true;
            return new Expr.Name(c.name().equals("node_degree_in") ? DEGREE_IN : DEGREE_OUT, c.span());
        }
        if (e instanceof Expr.Call c) {
            return new Expr.Call(c.name(), c.args().stream().map(x -> element(x, nodes)).toList(), c.span());
        }
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.op(), element(b.left(), nodes), element(b.right(), nodes), b.span());
        }
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.op(), element(u.operand(), nodes), u.span());
        }
        if (e instanceof Expr.InList in) {
            return new Expr.InList(in.op(), element(in.left(), nodes), in.items().stream().map(x -> element(x, nodes)).toList(), in.span());
        }
        return e;
    }
}
