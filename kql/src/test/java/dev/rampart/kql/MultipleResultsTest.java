package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Queries with several result tables or none, run on DuckDB: several statements (batches.md), fork, facet and
 * consume, with the examples of their pages on a small storm table.
 */
class MultipleResultsTest extends DuckDbTestBase {
    private static final String STORMS = """
            let Storms = datatable(State: string, EventType: string, DeathsDirect: long, DeathsIndirect: long,
                                   InjuriesDirect: long, InjuriesIndirect: long)[
                'FLORIDA', 'Tornado', 1, 1, 10, 0,
                'FLORIDA', 'Dense Fog', 0, 0, 3, 0,
                'FLORIDA', 'Rip Current', 2, 0, 0, 0,
                'TEXAS', 'Tornado', 5, 0, 9, 0,
                'FLORIDA', 'Hail', 0, 0, 0, 0];
            """;

    /** Every result as name, column names, then its rows. */
    private static List<Object> results(String kql) throws Exception {
        List<Object> out = new ArrayList<>();
        for (CompiledQuery q : TestSupport.compile(kql).results()) {
            out.add(q.name());
            out.add(q.columns().stream().map(OutputColumn::name).toList());
            out.add(db.run(q));
        }
        return out;
    }

    private static List<Object> eventTypes(CompiledQuery q) throws Exception {
        return db.run(q).stream().map(r -> r.get(1)).toList();
    }

    // ---- several statements ---------------------------------------------------------------------

    @Test
    void twoStatements_eachIsAResult_namedByTheirAs() throws Exception {
        assertThat(results(STORMS + """
                Storms | where State == 'FLORIDA' | count | as ['Count of events in Florida'];
                Storms | where State == 'GUAM' | count | as ['Count of events in Guam']"""))
                .containsExactly("Count of events in Florida", List.of("Count"), List.of(List.of(4L)),
                        "Count of events in Guam", List.of("Count"), List.of(List.of(0L)));
    }

    @Test
    void statementsSharingAMaterializedLet_returnOneResultEach_withDefaultNames() throws Exception {
        assertThat(results(STORMS + """
                let m = materialize(Storms | summarize n = count() by State);
                m | where n > 2;
                m | where n < 2"""))
                .containsExactly("Table_0", List.of("State", "n"), List.of(List.of("FLORIDA", 4L)),
                        "Table_1", List.of("State", "n"), List.of(List.of("TEXAS", 1L)));
    }

    @Test
    void oneStatement_hasNoAdditionalResults_andTheDefaultName() {
        CompiledQuery q = TestSupport.compile(STORMS + "Storms | count");
        assertThat(q.additionalResults()).isEmpty();
        assertThat(q.name()).isEqualTo("Table_0");
        assertThat(q.warnings()).isEmpty();
    }

    @Test
    void oldConstructor_keepsWorking_withOneUnnamedResult() {
        CompiledQuery q = new CompiledQuery("SELECT 1", List.of(), List.of(), List.of(), java.util.Optional.empty());
        assertThat(q.additionalResults()).isEmpty();
        assertThat(q.results()).containsExactly(q);
    }

    // ---- fork -----------------------------------------------------------------------------------

    @Test
    void fork_eachBranchIsAResult_unnamedOnesAreGenericResult() throws Exception {
        CompiledQuery q = TestSupport.compile(STORMS + """
                Storms
                | where State == 'FLORIDA'
                | fork
                    ( where DeathsDirect + DeathsIndirect > 1)
                    ( where InjuriesDirect + InjuriesIndirect > 1)""");
        assertThat(q.results()).extracting(CompiledQuery::name).containsExactly("GenericResult", "GenericResult");
        assertThat(q.columns()).extracting(OutputColumn::name)
                .containsExactly("State", "EventType", "DeathsDirect", "DeathsIndirect", "InjuriesDirect", "InjuriesIndirect");
        assertThat(eventTypes(q)).containsExactly("Tornado", "Rip Current");
        assertThat(eventTypes(q.additionalResults().get(0))).containsExactly("Tornado", "Dense Fog");
    }

    @Test
    void fork_branchNamedByAsOrByNameEquals() throws Exception {
        String byAs = STORMS + """
                Storms | where State == 'FLORIDA'
                | fork (where DeathsDirect + DeathsIndirect > 1 | as StormsWithDeaths)
                       (where InjuriesDirect + InjuriesIndirect > 1 | as StormsWithInjuries)""";
        String byName = STORMS + """
                Storms | where State == 'FLORIDA'
                | fork StormsWithDeaths = (where DeathsDirect + DeathsIndirect > 1)
                       StormsWithInjuries = (where InjuriesDirect + InjuriesIndirect > 1)""";
        for (String kql : List.of(byAs, byName)) {
            CompiledQuery q = TestSupport.compile(kql);
            assertThat(q.results()).extracting(CompiledQuery::name).containsExactly("StormsWithDeaths", "StormsWithInjuries");
            assertThat(eventTypes(q)).containsExactly("Tornado", "Rip Current");
            assertThat(eventTypes(q.additionalResults().get(0))).containsExactly("Tornado", "Dense Fog");
        }
    }

    @Test
    void fork_branchesMayChangeTheShape() throws Exception {
        assertThat(results(STORMS + "Storms | fork (count) (summarize d = sum(DeathsDirect) by State | order by State asc)"))
                .containsExactly("GenericResult", List.of("Count"), List.of(List.of(5L)),
                        "GenericResult", List.of("State", "d"), List.of(List.of("FLORIDA", 3L), List.of("TEXAS", 5L)));
    }

    @Test
    void fork_operatorTheDocsDoNotList_isRejectedWhereWritten() {
        assertThatThrownBy(() -> TestSupport.compile("Events | fork (count) (join (Devices) on DeviceId)"))
                .isInstanceOf(KqlException.class)
                .hasMessageStartingWith("The 'join' operator cannot be used in a fork subquery (line 1, column 24).");
    }

    @Test
    void fork_withoutASubquery_isASyntaxError() {
        assertThatThrownBy(() -> TestSupport.compile("Events\n| fork"))
                .isInstanceOf(KqlException.class)
                .hasMessageStartingWith("Expected '(' and a fork subquery but found end of query (line 2, column 7).");
    }

    @Test
    void fork_beforeAnotherOperator_isRejected() {
        assertThatThrownBy(() -> TestSupport.compile("Events | fork (count) (take 1) | count"))
                .isInstanceOf(KqlException.class)
                .hasMessageStartingWith("'fork' must be the last operator of a result statement (line 1, column 10).");
    }

    // ---- facet ----------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void facet_withClauseFirst_thenEachColumnsValueCounts() throws Exception {
        List<Object> r = results(STORMS + """
                Storms
                | facet by State, EventType
                    with (where InjuriesDirect > 5 | project State, EventType)""");
        assertThat(r.subList(0, 3)).containsExactly("Table_0", List.of("State", "EventType"),
                List.of(List.of("FLORIDA", "Tornado"), List.of("TEXAS", "Tornado")));
        assertThat(r.subList(3, 5)).containsExactly("State", List.of("State", "count_State"));
        assertThat((List<Object>) r.get(5)).containsExactlyInAnyOrder(List.of("FLORIDA", 4L), List.of("TEXAS", 1L));
        assertThat(r.subList(6, 8)).containsExactly("EventType", List.of("EventType", "count_EventType"));
        assertThat((List<Object>) r.get(8)).containsExactlyInAnyOrder(List.of("Tornado", 2L), List.of("Dense Fog", 1L),
                List.of("Rip Current", 1L), List.of("Hail", 1L));
        assertThat(r).hasSize(9);
    }

    @Test
    void facet_withoutWith_returnsOnlyTheColumnTables() throws Exception {
        assertThat(results(STORMS + "Storms | where State == 'TEXAS' | facet by EventType"))
                .containsExactly("EventType", List.of("EventType", "count_EventType"), List.of(List.of("Tornado", 1L)));
    }

    @Test
    void facet_withoutBy_isASyntaxError() {
        assertThatThrownBy(() -> TestSupport.compile("Events | facet DeviceName"))
                .isInstanceOf(KqlException.class)
                .hasMessage("Expected 'by' but found 'DeviceName' (line 1, column 16).");
    }

    @Test
    void facet_byAnUnknownColumn_isReportedAtTheColumn() {
        assertThatThrownBy(() -> TestSupport.compile("Events | facet by NoSuchColumn"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("NoSuchColumn").hasMessageContaining("line 1, column 19");
    }

    // ---- consume --------------------------------------------------------------------------------

    @Test
    void consume_returnsTheInputColumnsAndNoRows() throws Exception {
        CompiledQuery q = TestSupport.compile(STORMS + "Storms | where State == 'TEXAS' | consume");
        assertThat(q.columns()).extracting(OutputColumn::name)
                .containsExactly("State", "EventType", "DeathsDirect", "DeathsIndirect", "InjuriesDirect", "InjuriesIndirect");
        assertThat(db.run(q)).isEmpty();
        assertThat(q.additionalResults()).isEmpty();
    }

    @Test
    void consume_stillComputesEveryValueOfTheInput() {
        // assert() fails on the second row: the error shows the engine evaluated a column no row is returned for.
        CompiledQuery q = TestSupport.compile("datatable(x: long)[1, 2] | extend y = assert(x < 2, 'x reached 2') | consume decodeblocks=true");
        assertThatThrownBy(() -> db.run(q)).hasMessageContaining("x reached 2");
    }

    @Test
    void consume_beforeAnotherOperator_isRejected() {
        assertThatThrownBy(() -> TestSupport.compile("Events\n  | consume | count"))
                .isInstanceOf(KqlException.class)
                .hasMessageStartingWith("'consume' must be the last operator of a result statement (line 2, column 5).");
    }

    @Test
    void consume_decodeblocksWithoutValue_isASyntaxError() {
        assertThatThrownBy(() -> TestSupport.compile("Events | consume decodeblocks="))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("line 1, column 31");
    }
}
