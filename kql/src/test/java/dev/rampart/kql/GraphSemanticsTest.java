package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** make-graph and the graph operators; executed on DuckDB. */
class GraphSemanticsTest extends DuckDbTestBase {
    /** A ring a -> b -> c -> a, a spur c -> d, and a separate pair x -> y. */
    private static final String EDGES = """
            let E = datatable(s: string, t: string, w: long)['a', 'b', 1, 'b', 'c', 2, 'c', 'a', 3, 'c', 'd', 4, 'x', 'y', 5];
            let N = datatable(id: string, kind: string)['a', 'k1', 'b', 'k2', 'c', 'k1', 'd', 'k2'];
            """;

    @Test
    void singleEdgePattern_matchesEachEdgeInItsDirection() throws Exception {
        assertThat(rows(EDGES + "E | make-graph s --> t with N on id | graph-match (p)-[e]->(q) where e.w < 3 project p.id, q.kind, e.w"
                + " | sort by e_w asc"))
                .containsExactly(List.of("a", "k2", 1L), List.of("b", "k1", 2L));
    }

    @Test
    void reversedEdge_readsRightToLeft() throws Exception {
        assertThat(rows(EDGES + "E | make-graph s --> t with N on id | graph-match (p)<-[e]-(q) where p.id == 'a' project q.id"))
                .containsExactly(List.of("c"));
    }

    @Test
    void undirectedEdge_matchesBothWays() throws Exception {
        assertThat(rows(EDGES + "E | make-graph s --> t with_node_id=id | graph-match (p)--(q) where p.id == 'c' project q.id | sort by q_id asc"))
                .containsExactly(List.of("a"), List.of("b"), List.of("d"));
    }

    @Test
    void variableLengthEdge_listsEdgePropertiesInPathOrder() throws Exception {
        assertThat(rows(EDGES + """
                E | make-graph s --> t with_node_id=id
                | graph-match (p)-[e*2..3]->(q) where p.id == 'a'
                  project q.id, ws = map(e, w), hops = array_length(e), inner = map(inner_nodes(e), id)
                | sort by hops asc, q_id asc"""))
                .containsExactly(List.of("c", "[1,2]", 2L, "[\"b\"]"), List.of("a", "[1,2,3]", 3L, "[\"b\",\"c\"]"),
                        List.of("d", "[1,2,4]", 3L, "[\"b\",\"c\"]"));
    }

    @Test
    void cyclesNone_dropsPathsThatRevisitANode() throws Exception {
        assertThat(rows(EDGES + """
                E | make-graph s --> t with_node_id=id
                | graph-match cycles=none (p)-[e*1..5]->(q) where p.id == 'a' project q.id, n = array_length(e) | sort by n asc"""))
                .containsExactly(List.of("b", 1L), List.of("c", 2L), List.of("d", 3L));
    }

    @Test
    void defaultCycles_allowRevisitingANodeButNotAnEdge() throws Exception {
        // a->b->c->a->b would reuse the edge a->b, so the longest path from a is a->b->c->a or a->b->c->d.
        assertThat(rows(EDGES + """
                E | make-graph s --> t with_node_id=id
                | graph-match (p)-[e*1..6]->(q) where p.id == 'a' project n = array_length(e) | summarize max(n)"""))
                .containsExactly(List.of(3L));
    }

    @Test
    void uniqueEdges_holdAcrossTheWholePattern() throws Exception {
        // Only a->b enters b, so q is a and e is the ring a->b->c->a, which already used a->b.
        assertThat(rows(EDGES + """
                E | make-graph s --> t with_node_id=id
                | graph-match (p)-[e*1..3]->(q)-[f]->(r) where p.id == 'a' and r.id == 'b' project n = array_length(e)"""))
                .isEmpty();
        assertThat(rows(EDGES + """
                E | make-graph s --> t with_node_id=id
                | graph-match cycles=all (p)-[e*1..3]->(q)-[f]->(r) where p.id == 'a' and r.id == 'b' project n = array_length(e)
                | sort by n asc"""))
                .containsExactly(List.of(3L));
        assertThat(rows(EDGES + """
                E | make-graph s --> t with_node_id=id
                | graph-match (p)-[e*1..2]->(q)-[f*1..2]->(r) where p.id == 'a' and r.id == 'a' project n = array_length(e), m = array_length(f)
                | sort by n asc"""))
                .containsExactly(List.of(1L, 2L), List.of(2L, 1L));
    }

    @Test
    void allAndAny_testEveryOrSomeElement() throws Exception {
        assertThat(rows(EDGES + """
                E | make-graph s --> t with N on id
                | graph-match (p)-[e*1..3]->(q) where p.id == 'a' and all(e, w < 3) and any(inner_nodes(e), kind == 'k2')
                  project q.id"""))
                .containsExactly(List.of("c"));
    }

    @Test
    void nodeDegrees_countIncomingAndOutgoingEdges() throws Exception {
        assertThat(rows(EDGES + """
                E | make-graph s --> t with_node_id=id
                | graph-match (p)-[e]->(q) where p.id == 'c'
                  project q.id, node_degree_out(p), din = node_degree_in(p)
                | sort by q_id asc"""))
                .containsExactly(List.of("a", 2L, 1L), List.of("d", 2L, 1L));
        assertThat(rows(EDGES + """
                E | make-graph s --> t with_node_id=id
                | graph-match (p)-[e*2]->(q) where p.id == 'b' project q.id, degrees = map(inner_nodes(e), node_degree_out())
                | sort by q_id asc"""))
                .containsExactly(List.of("a", "[2]"), List.of("d", "[2]"));
    }

    @Test
    void sharedNode_joinsTwoSequences() throws Exception {
        assertThat(rows(EDGES + """
                E | make-graph s --> t with_node_id=id
                | graph-match (p)-->(c)-->(q), (c)-->(r) where p.id == 'b' and q.id != r.id project q.id, r.id | sort by q_id asc"""))
                .containsExactly(List.of("a", "d"), List.of("d", "a"));
    }

    @Test
    void nodesOnlyInTheEdges_getEmptyProperties() throws Exception {
        assertThat(rows(EDGES + "E | make-graph s --> t with N on id | graph-to-table nodes | where isempty(kind) | project id | sort by id asc"))
                .containsExactly(List.of("x"), List.of("y"));
    }

    @Test
    void graphToTableIds_areTheXxHash64OfTheKey() throws Exception {
        // The reference pages show these ids for Alice and Bob.
        String g = "datatable(s: string, t: string)['Alice', 'Bob'] | make-graph s --> t with_node_id=name";
        assertThat(rows(g + "| graph-to-table nodes with_node_id=Id | sort by name asc"))
                .containsExactly(List.of(-3122868243544336885L, "Alice"), List.of(-7133945255344544237L, "Bob"));
        assertThat(rows(g + "| graph-to-table edges with_source_id=S with_target_id=T"))
                .containsExactly(List.of(-3122868243544336885L, -7133945255344544237L, "Alice", "Bob"));
    }

    @Test
    void markComponents_numbersComponentsInNodeOrder() throws Exception {
        assertThat(rows(EDGES + """
                E | make-graph s --> t with_node_id=id | graph-mark-components
                | graph-to-table nodes | summarize n = count(), first = min(id) by ComponentId | sort by ComponentId asc"""))
                .containsExactly(List.of(0L, 4L, "a"), List.of(1L, 2L, "x"));
    }

    @Test
    void strongComponents_groupNodesThatReachEachOther() throws Exception {
        assertThat(rows(EDGES + """
                E | make-graph s --> t with_node_id=id | graph-mark-components kind=strong with_component_id=c
                | graph-to-table nodes | summarize n = count(), first = min(id) by c | sort by c asc"""))
                .containsExactly(List.of(0L, 3L, "a"), List.of(1L, 1L, "d"), List.of(2L, 1L, "x"), List.of(3L, 1L, "y"));
    }

    @Test
    void zeroLengthPath_matchesTheNodeItself() throws Exception {
        assertThat(rows(EDGES + """
                E | make-graph s --> t with_node_id=id
                | graph-match (p)-[e*0..1]->(q) where p.id in ('c', 'd')
                  project p.id, q.id, n = array_length(e), all(e, w > 100), any(e, w > 0), ws = map(e, w)
                | sort by p_id asc, n asc, q_id asc"""))
                .containsExactly(List.of("c", "c", 0L, true, false, "[]"), List.of("c", "a", 1L, false, true, "[3]"),
                        List.of("c", "d", 1L, false, true, "[4]"), List.of("d", "d", 0L, true, false, "[]"));
    }

    @Test
    void shortestPaths_anyKeepsOnePathPerPair_allKeepsEveryShortest() throws Exception {
        String diamond = """
                datatable(s: string, t: string)['a', 'b', 'a', 'c', 'b', 'd', 'c', 'd', 'a', 'd', 'd', 'e']
                | make-graph s --> t with_node_id=id
                """;
        assertThat(rows(diamond + "| graph-shortest-paths (p)-[e*1..4]->(q) where p.id == 'a' and q.id == 'e' project n = array_length(e)"))
                .containsExactly(List.of(2L));
        assertThat(rows(diamond + """
                | graph-shortest-paths output=all (p)-[e*2..4]->(q) where p.id == 'a' and q.id == 'd'
                  project via = map(inner_nodes(e), id) | sort by tostring(via) asc"""))
                .containsExactly(List.of("[\"b\"]"), List.of("[\"c\"]"));
    }

    @Test
    void partitionedGraph_keepsMatchesInsideEachPartition() throws Exception {
        // The same user ids in two tenants are different nodes; u2 is only a node table row in tenant T1.
        String q = """
                let nodes = datatable(id: string, tenant: string, name: string)['u1', 'T1', 'Ann', 'u2', 'T1', 'Bo', 'u1', 'T2', 'Cy'];
                datatable(s: string, t: string, tenant: string)['u1', 'u2', 'T1', 'u2', 'u3', 'T2']
                | make-graph s --> t with nodes on id partitioned-by tenant (
                    graph-match (a)-[e*1..3]->(b) project a.name, b.id, b.tenant, n = array_length(e))
                | sort by b_tenant asc""";
        assertThat(rows(q)).containsExactly(List.of("Ann", "u2", "T1", 1L), List.of("", "u3", "T2", 1L));
        assertThat(rows("""
                datatable(s: string, t: string, tenant: string)['a', 'b', 'T1', 'b', 'c', 'T2']
                | make-graph s --> t with_node_id=id partitioned-by tenant (graph-to-table nodes)
                | count"""))
                .containsExactly(List.of(4L));
    }

    @Test
    void graphLet_isReadByGraphOperators() throws Exception {
        assertThat(rows(EDGES + "let G = E | make-graph s --> t with_node_id=id; G | graph-to-table edges | count"))
                .containsExactly(List.of(5L));
    }

    @Test
    void tableOperatorOnAGraph_isAnError() {
        assertThatThrownBy(() -> TestSupport.compile(EDGES + "E | make-graph s --> t with_node_id=id | where s == 'a'"))
                .isInstanceOf(KqlException.class).hasMessageContaining("A graph is not a table");
        assertThatThrownBy(() -> TestSupport.compile(EDGES + "E | make-graph s --> t with_node_id=id"))
                .isInstanceOf(KqlException.class).hasMessageContaining("is a graph, not a table");
        assertThatThrownBy(() -> TestSupport.compile(EDGES + "E | graph-to-table nodes"))
                .isInstanceOf(KqlException.class).hasMessageContaining("Expected a graph");
    }

    @Test
    void propertyOfAVariableLengthEdge_isTheArrayAlongThePath() throws Exception {
        assertThat(rows(EDGES + "E | make-graph s --> t with_node_id=id | graph-match (p)-[e*2]->(q) where p.id == 'a' project e.w"))
                .containsExactly(List.of("[1,2]"));
    }

    @Test
    void wholeElements_arePropertyBags() throws Exception {
        assertThat(rows(EDGES + "E | make-graph s --> t with N on id | graph-match (p)-[e]->(q) where e.w == 4 project p, e"))
                .containsExactly(List.of("{\"id\":\"c\",\"kind\":\"k1\"}", "{\"s\":\"c\",\"t\":\"d\",\"w\":4}"));
    }
}
