package dev.rampart.kql.ast;

import dev.rampart.kql.diagnostics.Span;

import java.util.List;

/** The graph operators: make-graph builds a graph value, the others read one. */
public final class GraphOps {
    private GraphOps() {
    }

    public sealed interface Op {
        Span span();
    }

    /** {@code with table on key}: a table of node properties. */
    public record NodeTable(Expr table, String key, Span span) {
    }

    /**
     * {@code make-graph source --> target with T on k, ...} or {@code ... with_node_id=name}. With
     * {@code partitioned-by column (operators)}, one graph per value of the column, each read by the operators
     * (partitionColumn and partitioned are null/empty otherwise); {@code after} holds tabular operators that follow
     * the graph operator inside the parentheses, run on each partition's rows.
     */
    public record MakeGraph(String source, String target, List<NodeTable> nodeTables, String nodeIdColumn,
                            String partitionColumn, List<Op> partitioned, List<Operator> after, Span span) implements Op {
        public MakeGraph(String source, String target, List<NodeTable> nodeTables, String nodeIdColumn,
                         String partitionColumn, List<Op> partitioned, Span span) {
            this(source, target, nodeTables, nodeIdColumn, partitionColumn, partitioned, List.of(), span);
        }
    }

    public enum Direction { OUT, IN, ANY }

    /** {@code (name)}; name is null for an anonymous node. */
    public record Node(String name, Span span) {
    }

    /**
     * {@code -[name*min..max]->}; {@code variable} is false for a single edge (min = max = 1). A bound written as a
     * name ({@code *lo..hi}, a scalar let) is in {@code minName}/{@code maxName} until the analyzer resolves it.
     */
    public record Edge(String name, Direction direction, boolean variable, int min, int max, Expr.Name minName,
                       Expr.Name maxName, Span span) {
        public Edge(String name, Direction direction, boolean variable, int min, int max, Span span) {
            this(name, direction, variable, min, max, null, null, span);
        }

        public Edge withBounds(int min, int max) {
            return new Edge(name, direction, variable, min, max, null, null, span);
        }
    }

    /** A path pattern: nodes.size() == edges.size() + 1, edge i joins node i and node i + 1. */
    public record Path(List<Node> nodes, List<Edge> edges, Span span) {
    }

    /**
     * graph-match (shortest = false) or graph-shortest-paths (shortest = true). {@code option} is cycles= for
     * graph-match and output= for graph-shortest-paths; null when omitted. where and project may be null/empty.
     */
    public record Match(boolean shortest, String option, List<Path> paths, Expr where,
                        List<Operator.Assignment> project, Span span) implements Op {
    }

    /** One table graph-to-table produces: nodes or edges, with optional id columns. */
    public record TableSpec(boolean nodes, String as, String nodeId, String sourceId, String targetId, Span span) {
    }

    public record ToTable(List<TableSpec> tables, Span span) implements Op {
    }

    /** graph-mark-components: kind weak or strong, the component id column added to the nodes. */
    public record MarkComponents(String kind, String column, Span span) implements Op {
    }
}
