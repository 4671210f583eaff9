package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** graph-to-table with named outputs, alone and with nodes and edges together; executed on DuckDB. */
class GraphToTableTest extends DuckDbTestBase {
    private static final String GRAPH = """
            let N = datatable(name: string, age: long)['a', 1, 'b', 2];
            let E = datatable(s: string, t: string, kind: string)['a', 'b', 'k1', 'c', 'a', 'k2'];
            E | make-graph s --> t with N on name
            """;
    @Test
    void nodesAndEdgesTogether_theStatementsReadingThemAreTheResults() throws Exception {
        CompiledQuery q = TestSupport.compile(GRAPH + "| graph-to-table nodes as Nd with_node_id=Id, edges as Ed with_source_id=Src; Nd; Ed");
        assertThat(q.columns()).extracting(OutputColumn::name).containsExactly("Id", "name", "age");
        assertThat(db.run(q)).extracting(r -> r.subList(1, 3))
                .containsExactlyInAnyOrder(List.of("a", 1L), List.of("b", 2L), java.util.Arrays.asList("c", null));
        assertThat(q.additionalResults()).singleElement().satisfies(e -> {
            assertThat(e.columns()).extracting(OutputColumn::name).containsExactly("Src", "s", "t", "kind");
            assertThat(db.run(e)).extracting(r -> r.get(3)).containsExactlyInAnyOrder("k1", "k2");
        });
        assertThat(q.warnings()).isEmpty();
    }

    @Test
    void nodesAndEdgesTogether_asTheOnlyStatement_returnBothTablesByTheirNames() throws Exception {
        CompiledQuery q = TestSupport.compile(GRAPH + "| graph-to-table nodes as Nd, edges as Ed");
        assertThat(q.results()).extracting(CompiledQuery::name).containsExactly("Nd", "Ed");
        assertThat(q.additionalResults().get(0).columns()).extracting(OutputColumn::name).containsExactly("s", "t", "kind");
    }

    @Test
    void nodesAndEdgesTogether_nodeIdsAreTheHashOfTheKey() throws Exception {
        CompiledQuery q = TestSupport.compile(GRAPH + "| graph-to-table nodes as Nd with_node_id=Id, edges as Ed; Nd");
        List<List<Object>> hashes = db.run(TestSupport.compile("print hash_xxhash64('a'), hash_xxhash64('b'), hash_xxhash64('c')"));
        assertThat(db.run(q)).extracting(r -> r.get(0)).containsExactlyInAnyOrderElementsOf(hashes.get(0));
    }

    @Test
    void edgesFirst_returnTheEdgesTable() throws Exception {
        CompiledQuery q = TestSupport.compile(GRAPH + "| graph-to-table edges as Ed with_target_id=T, nodes as Nd; Ed");
        assertThat(q.columns()).extracting(OutputColumn::name).containsExactly("T", "s", "t", "kind");
        assertThat(db.run(q)).extracting(r -> r.get(3)).containsExactlyInAnyOrder("k1", "k2");
    }

    @Test
    void nodesAndEdgesTogether_insideALet_isRejected() {
        assertThatThrownBy(() -> TestSupport.compile(GRAPH.replace("E | make-graph", "let G = E | make-graph").strip()
                + " | graph-to-table nodes as Nd, edges as Ed; G"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("statement of its own");
    }
}
