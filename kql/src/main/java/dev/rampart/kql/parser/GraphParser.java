package dev.rampart.kql.parser;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.GraphOps;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.lexer.Token;
import dev.rampart.kql.lexer.TokenKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The graph operators and their path patterns, e.g. {@code (a)-[e*1..3]->(b)<-[f]-(c)}. */
final class GraphParser {
    /** Upper bound of a variable-length edge written without one ({@code *}, {@code *2..}). */
    static final int DEFAULT_MAX_LENGTH = 8;

    private final Parser p;
    private final OperatorParser ops;

    GraphParser(Parser p, OperatorParser ops) {
        this.p = p;
        this.ops = ops;
    }

    Operator operator(String word, Span s) {
        GraphOps.Op op = switch (word) {
            case "make-graph" -> makeGraph(s);
            case "graph-match" -> match(false, s);
            case "graph-shortest-paths" -> match(true, s);
            case "graph-to-table" -> toTable(s);
            case "graph-mark-components" -> markComponents(s);
            default -> throw new IllegalArgumentException(word);
        };
        return new Operator.Graph(op, p.spanFrom(s));
    }

    private Map<String, String> options(Set<String> names) {
        Map<String, String> m = new LinkedHashMap<>();
        while (p.at(TokenKind.IDENT) && names.contains(p.peek().text()) && p.peek(1).kind() == TokenKind.ASSIGN) {
            String k = p.next().text();
            p.next();
            m.put(k, p.next().text());
        }
        return m;
    }

    private GraphOps.MakeGraph makeGraph(Span s) {
        Map<String, String> o = options(Set.of("kind"));
        if (o.containsKey("kind") && !o.get("kind").equals("simple")) {
            throw KqlException.unsupported(s, "make-graph:kind", "make-graph kind=" + o.get("kind"));
        }
        String source = p.columnName("the source column of the edges");
        expectArrow();
        String target = p.columnName("the target column of the edges");
        List<GraphOps.NodeTable> tables = new ArrayList<>();
        String nodeId = null;
        if (p.acceptWord("with")) {
            do {
                if (tables.size() == 2) {
                    throw KqlException.at(ErrorCode.SYNTAX_ERROR, p.peek().span(), "make-graph takes at most two node tables");
                }
                Span ts = p.peek().span();
                Expr table;
                if (p.accept(TokenKind.LPAREN)) {
                    table = p.pipeline();
                    p.expect(TokenKind.RPAREN, "')' to close the node table");
                } else {
                    Token t = p.expect(TokenKind.IDENT, "a node table");
                    table = new Expr.Name(t.text(), t.span());
                }
                p.expectWord("on");
                String key = p.columnName("the node key column");
                tables.add(new GraphOps.NodeTable(table, key, p.spanFrom(ts)));
            } while (p.accept(TokenKind.COMMA));
        } else if (p.atWord("with_node_id") && p.peek(1).kind() == TokenKind.ASSIGN) {
            p.next();
            p.next();
            nodeId = p.columnName("the node id column name");
        }
        String partition = null;
        List<GraphOps.Op> partitioned = new ArrayList<>();
        List<Operator> after = new ArrayList<>();
        if (p.acceptWord("partitioned-by")) {
            partition = p.columnName("the partition column");
            p.expect(TokenKind.LPAREN, "'(' and the graph operator to run on each partition");
            do {
                Token t = p.peek();
                boolean graphOp = t.isWord("graph-match") || t.isWord("graph-shortest-paths") || t.isWord("graph-to-table")
                        || t.isWord("graph-mark-components");
                if (!graphOp && !partitioned.isEmpty()) {
                    after.add(ops.operator()); // tabular operators after the graph operator run on each partition's rows
                    continue;
                }
                if (!graphOp || !after.isEmpty()) {
                    throw p.expected("a graph operator (graph-match, graph-shortest-paths, graph-to-table, graph-mark-components)");
                }
                Span os = p.next().span();
                partitioned.add(((Operator.Graph) operator(t.text(), os)).op());
            } while (p.accept(TokenKind.PIPE));
            p.expect(TokenKind.RPAREN, "')' to close the partitioned graph operators");
        }
        return new GraphOps.MakeGraph(source, target, tables, nodeId, partition, partitioned, after, p.spanFrom(s));
    }

    private void expectArrow() {
        if (!(p.at(TokenKind.MINUS) && p.peek(1).kind() == TokenKind.MINUS && p.peek(2).kind() == TokenKind.GT)) {
            throw p.expected("'-->' between the source and target columns");
        }
        p.next();
        p.next();
        p.next();
    }

    private GraphOps.Match match(boolean shortest, Span s) {
        Span os = p.peek().span();
        Map<String, String> o = options(shortest ? Set.of("output", "cycles") : Set.of("cycles"));
        String option = o.get(shortest ? "output" : "cycles");
        if (shortest && o.containsKey("cycles") && !Set.of("all", "none", "unique_edges").contains(o.get("cycles"))) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, p.spanFrom(os), "Unknown cycles '" + o.get("cycles") + "' for graph-shortest-paths",
                    "Use cycles=all, cycles=none or cycles=unique_edges.");
        }
        // A shortest path never visits a node twice, so cycles= does not change what graph-shortest-paths returns.
        List<GraphOps.Path> paths = new ArrayList<>();
        do {
            paths.add(path());
        } while (p.accept(TokenKind.COMMA));
        Expr where = null;
        if (p.acceptWord("where")) {
            where = p.expression();
        }
        List<Operator.Assignment> project = List.of();
        if (p.acceptWord("project")) {
            project = ops.assignments();
        }
        return new GraphOps.Match(shortest, option, paths, where, project, p.spanFrom(s));
    }

    private GraphOps.Path path() {
        Span s = p.peek().span();
        List<GraphOps.Node> nodes = new ArrayList<>();
        List<GraphOps.Edge> edges = new ArrayList<>();
        nodes.add(node());
        while (p.at(TokenKind.MINUS) || p.at(TokenKind.LT)) {
            edges.add(edge());
            nodes.add(node());
        }
        return new GraphOps.Path(nodes, edges, p.spanFrom(s));
    }

    private GraphOps.Node node() {
        Span s = p.expect(TokenKind.LPAREN, "'(' and a node of the pattern").span();
        String name = p.at(TokenKind.IDENT) ? p.next().text() : null;
        if (p.at(TokenKind.COLON)) {
            throw KqlException.unsupported(p.peek().span(), "graph-match:label", "Node labels in graph patterns");
        }
        p.expect(TokenKind.RPAREN, "')' to close the node");
        return new GraphOps.Node(name, p.spanFrom(s));
    }

    /** {@code -[..]->}, {@code <-[..]-}, {@code -[..]-}, {@code -->}, {@code <--}, {@code --}. */
    private GraphOps.Edge edge() {
        Span s = p.peek().span();
        boolean in = p.accept(TokenKind.LT);
        p.expect(TokenKind.MINUS, "'-' in the edge");
        String name = null;
        boolean variable = false;
        int min = 1;
        int max = 1;
        Expr.Name minName = null;
        Expr.Name maxName = null;
        if (p.accept(TokenKind.LBRACKET)) {
            if (p.at(TokenKind.IDENT)) {
                name = p.next().text();
            }
            if (p.accept(TokenKind.STAR)) {
                variable = true;
                max = DEFAULT_MAX_LENGTH;
                if (p.at(TokenKind.LONG)) {
                    min = bound();
                    max = p.at(TokenKind.DOTDOT) ? DEFAULT_MAX_LENGTH : min;
                } else if (p.at(TokenKind.IDENT)) {
                    minName = boundName();
                    maxName = p.at(TokenKind.DOTDOT) ? null : minName;
                }
                if (p.accept(TokenKind.DOTDOT)) {
                    if (p.at(TokenKind.LONG)) {
                        max = bound();
                    } else if (p.at(TokenKind.IDENT)) {
                        maxName = boundName();
                    }
                }
                if (minName == null && maxName == null && max < min) {
                    throw KqlException.at(ErrorCode.SYNTAX_ERROR, p.spanFrom(s), "The variable-length edge " + min + ".." + max
                            + " has its upper bound below its lower bound");
                }
            }
            if (p.at(TokenKind.COLON)) {
                throw KqlException.unsupported(p.peek().span(), "graph-match:label", "Edge labels in graph patterns");
            }
            p.expect(TokenKind.RBRACKET, "']' to close the edge");
        }
        p.expect(TokenKind.MINUS, "'-' in the edge");
        boolean out = !in && p.accept(TokenKind.GT);
        if (in && p.at(TokenKind.GT)) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, p.peek().span(), "An edge cannot point both ways; use -[e]- for either direction");
        }
        GraphOps.Direction d = in ? GraphOps.Direction.IN : out ? GraphOps.Direction.OUT : GraphOps.Direction.ANY;
        return new GraphOps.Edge(name, d, variable, min, max, minName, maxName, p.spanFrom(s));
    }

    private Expr.Name boundName() {
        Token t = p.next();
        return new Expr.Name(t.text(), t.span());
    }

    private int bound() {
        Token t = p.next();
        long v = Long.parseLong(t.text());
        if (v > 64) {
            throw KqlException.unsupported(t.span(), "graph-match:length", "Variable-length edges longer than 64");
        }
        return (int) v;
    }

    private GraphOps.ToTable toTable(Span s) {
        List<GraphOps.TableSpec> specs = new ArrayList<>();
        do {
            Span ts = p.peek().span();
            boolean nodes;
            if (p.acceptWord("nodes")) {
                nodes = true;
            } else if (p.acceptWord("edges")) {
                nodes = false;
            } else {
                throw p.expected("'nodes' or 'edges'");
            }
            String as = null;
            if (p.acceptWord("as")) {
                as = p.expect(TokenKind.IDENT, "a name after 'as'").text();
            }
            Map<String, String> o = options(nodes ? Set.of("with_node_id") : Set.of("with_source_id", "with_target_id"));
            specs.add(new GraphOps.TableSpec(nodes, as, o.get("with_node_id"), o.get("with_source_id"), o.get("with_target_id"),
                    p.spanFrom(ts)));
        } while (p.accept(TokenKind.COMMA));
        return new GraphOps.ToTable(specs, p.spanFrom(s));
    }

    private GraphOps.MarkComponents markComponents(Span s) {
        Map<String, String> o = options(Set.of("kind", "with_component_id"));
        return new GraphOps.MarkComponents(o.getOrDefault("kind", "weak"), o.getOrDefault("with_component_id", "ComponentId"),
                p.spanFrom(s));
    }
}
