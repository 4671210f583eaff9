package dev.rampart.kql;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.GraphOps;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.parser.Parser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing of make-graph, graph-match patterns and the other graph operators. */
class GraphParserTest {
    private static GraphOps.Op op(String kql) {
        Expr body = Parser.parse(kql).body();
        return ((Operator.Graph) ((Expr.Pipe) body).op()).op();
    }

    @Test
    void makeGraph_readsEndpointsAndNodeTables() {
        GraphOps.MakeGraph g = (GraphOps.MakeGraph) op("E | make-graph src --> dst with N on name, (M | take 1) on id");
        assertThat(g.source()).isEqualTo("src");
        assertThat(g.target()).isEqualTo("dst");
        assertThat(g.nodeTables()).extracting(GraphOps.NodeTable::key).containsExactly("name", "id");
        assertThat(((GraphOps.MakeGraph) op("E | make-graph a --> b with_node_id=n")).nodeIdColumn()).isEqualTo("n");
    }

    @Test
    void pattern_readsDirectionsNamesAndLengths() {
        GraphOps.Match m = (GraphOps.Match) op("G | graph-match cycles=none (a)-[e]->(b)<-[f*2..4]-()--(c), (b)-[*]-(d) where a.x == 1 project a.x");
        assertThat(m.option()).isEqualTo("none");
        GraphOps.Path p = m.paths().get(0);
        assertThat(p.nodes()).extracting(GraphOps.Node::name).containsExactly("a", "b", null, "c");
        assertThat(p.edges()).extracting(GraphOps.Edge::direction)
                .containsExactly(GraphOps.Direction.OUT, GraphOps.Direction.IN, GraphOps.Direction.ANY);
        GraphOps.Edge f = p.edges().get(1);
        assertThat(f.name()).isEqualTo("f");
        assertThat(f.variable()).isTrue();
        assertThat(f.min()).isEqualTo(2);
        assertThat(f.max()).isEqualTo(4);
        assertThat(p.edges().get(0).variable()).isFalse();
        GraphOps.Edge any = m.paths().get(1).edges().get(0);
        assertThat(any.name()).isNull();
        assertThat(any.min()).isEqualTo(1);
        assertThat(any.max()).isEqualTo(8);
        assertThat(m.where()).isNotNull();
        assertThat(m.project()).hasSize(1);
    }

    @Test
    void shortestPathsAndToTableAndComponents_readTheirOptions() {
        GraphOps.Match s = (GraphOps.Match) op("G | graph-shortest-paths output=all (a)-[e*1..3]->(b) project a.x");
        assertThat(s.shortest()).isTrue();
        assertThat(s.option()).isEqualTo("all");
        GraphOps.ToTable t = (GraphOps.ToTable) op("G | graph-to-table edges as E with_source_id=S with_target_id=T");
        assertThat(t.tables().get(0).as()).isEqualTo("E");
        assertThat(t.tables().get(0).sourceId()).isEqualTo("S");
        assertThat(t.tables().get(0).targetId()).isEqualTo("T");
        GraphOps.MarkComponents c = (GraphOps.MarkComponents) op("G | graph-mark-components with_component_id=f");
        assertThat(c.kind()).isEqualTo("weak");
        assertThat(c.column()).isEqualTo("f");
    }

    @Test
    void partitionedBy_readsTheColumnAndTheOperator() {
        GraphOps.MakeGraph g = (GraphOps.MakeGraph) op("E | make-graph a --> b with N on k partitioned-by t (graph-match (x)-->(y) project x.k)");
        assertThat(g.partitionColumn()).isEqualTo("t");
        assertThat(g.partitioned()).singleElement().isInstanceOf(GraphOps.Match.class);
    }

    @Test
    void malformedEdge_isASyntaxError() {
        assertThatThrownBy(() -> Parser.parse("G | graph-match (a)<-[e]->(b) project a.x"))
                .isInstanceOf(KqlException.class).hasMessageContaining("cannot point both ways");
        assertThatThrownBy(() -> Parser.parse("E | make-graph a -> b with_node_id=n"))
                .isInstanceOf(KqlException.class).hasMessageContaining("'-->'");
        assertThatThrownBy(() -> Parser.parse("E | make-graph a --> b with N on k partitioned-by t (where x == 1)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("a graph operator");
    }
}
