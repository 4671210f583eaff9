package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Forms the KQL reference examples use that the compiler once refused, run on DuckDB over small stand-in tables. */
class DocsReferenceGapsTest extends DuckDbTestBase {

    @Test
    void mergeTdigest_overOneColumnInSummarize_mergesAcrossTheGroup() throws Exception {
        String digests = "range x from 1 to 10 step 1 | summarize t = tdigest(x) by k = x % 3";
        assertThat(rows(digests + " | summarize m = merge_tdigest(t) | project p = percentile_tdigest(m, 100, typeof(long))"))
                .containsExactly(List.of(10L));
        // The reference's nested form: the merged digest read in the same summarize.
        assertThat(rows(digests + " | summarize p = percentile_tdigest(merge_tdigest(t), 50)")).containsExactly(List.of(5.0));
    }

    @Test
    void mergeTdigest_ofTwoColumns_staysTheRowByRowMerge() throws Exception {
        // The merge_tdigest reference example; its documented output is 20.
        assertThat(one("""
                range x from 1 to 10 step 1
                | extend y = x + 10
                | summarize tdigestX = tdigest(x), tdigestY = tdigest(y)
                | project merged = merge_tdigest(tdigestX, tdigestY)
                | project percentile_tdigest(merged, 100, typeof(long))""")).isEqualTo(20L);
    }

    @Test
    void countDistinctif_countsDistinctValuesOfTheRowsThePredicateHolds() throws Exception {
        // The reference example's shape over a few storm rows: distinct event types with deaths, per state.
        String storms = """
                datatable(State:string, EventType:string, DeathsDirect:int, DeathsIndirect:int)[
                'TEXAS', 'Flood', 1, 0, 'TEXAS', 'Flood', 0, 2, 'TEXAS', 'Heat', 0, 1, 'TEXAS', 'Hail', 0, 0,
                'KANSAS', 'Hail', 0, 0, 'KANSAS', 'Tornado', 3, 0]
                """;
        assertThat(rows(storms + "| summarize UniqueFatalEvents=count_distinctif(EventType,(DeathsDirect + DeathsIndirect)>0) by State"
                + " | order by State asc")).containsExactly(List.of("KANSAS", 1L), List.of("TEXAS", 2L));
    }

    @Test
    void countDistinctif_withoutItsPredicate_namesThePosition() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestSupport.compile(
                        "datatable(a:long)[1]\n| summarize count_distinctif(a)"))
                .hasMessageContaining("line 2, column 13");
    }

    @Test
    void datetimeDiff_nanosecond_isTheDifferenceInNanoseconds() throws Exception {
        // Datetimes are held to the microsecond here, so the reference's 700 ns example (below a microsecond) reads 0;
        // whole microseconds scale exactly.
        assertThat(row("""
                print a = datetime_diff('nanosecond', datetime(2017-10-30 23:00:00.000000), datetime(2017-10-30 23:00:00.000007)),
                      b = datetime_diff('nanosecond', datetime(2017-10-30 23:00:01), datetime(2017-10-30 23:00:00)),
                      c = datetime_diff('microsecond', datetime(2017-10-30 23:00:00.1009001), datetime(2017-10-30 23:00:00.1008009))"""))
                .containsExactly(-7000L, 1_000_000_000L, 100L);
    }

    @Test
    void datetimeAdd_nanosecond_addsWholeMicroseconds() throws Exception {
        assertThat(one("print tostring(datetime_add('nanosecond', 3000, datetime(2017-10-30 23:00:00)))"))
                .isEqualTo("2017-10-30T23:00:00.0000030Z");
    }

    private static final String STORM_ROWS = """
            datatable(StartTime:datetime, EpisodeId:int, State:string, EventType:string)[
            datetime(2007-02-01), 1733, 'ALASKA', 'Flood',
            datetime(2007-09-29 08:11), 11091, 'ATLANTIC SOUTH', 'Waterspout',
            datetime(2007-09-30), 11092, 'ATLANTIC SOUTH', 'Waterspout']
            """;

    @Test
    void takeAnyStar_byState_returnsOneWholeRowPerGroup() throws Exception {
        // The reference's last take_any example: the columns of one row each, the group key first.
        List<List<Object>> got = rows(STORM_ROWS + "| summarize take_any(*) by State | order by State asc"
                + " | extend T = tostring(StartTime) | project-away StartTime");
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).containsExactly("ALASKA", 1733, "Flood", "2007-02-01T00:00:00.0000000Z");
        // The ATLANTIC SOUTH row is one of its two rows, never a mix of them.
        List<Object> atlantic = List.of(got.get(1).get(1), got.get(1).get(3));
        assertThat(atlantic).isIn(List.<Object>of(11091, "2007-09-29T08:11:00.0000000Z"), List.<Object>of(11092, "2007-09-30T00:00:00.0000000Z"));
    }

    @Test
    void takeAnyStar_withoutGroups_namesTheInputColumns() throws Exception {
        assertThat(TestSupport.compile(STORM_ROWS + "| summarize take_any(*)").columns())
                .extracting(OutputColumn::name).containsExactly("StartTime", "EpisodeId", "State", "EventType");
    }

    @Test
    void takeAnyOfSeveralExpressions_readsThemFromOneRow() throws Exception {
        assertThat(rows("datatable(a:long, b:string)[1, 'x', 2, 'y'] | summarize (p, q) = take_any(a, b) | project ok = (p == 1 and q == 'x') or (p == 2 and q == 'y')"))
                .containsExactly(List.of(true));
        assertThat(TestSupport.compile("datatable(a:long, b:string)[1, 'x'] | summarize take_any(a, b)").columns())
                .extracting(OutputColumn::name).containsExactly("a", "b");
    }

    @Test
    void takeAnyOfSeveral_insideAnExpression_isRefusedWithItsPosition() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestSupport.compile(
                        "datatable(a:long, b:string)[1, 'x']\n| summarize n = tostring(take_any(a, b))"))
                .hasMessageContaining("line 2, column 26").hasMessageContaining("whole summarize column");
    }

    private static final String DAMAGE = """
            datatable(State:string, EventType:string, DamageProperty:long)[
            'TEXAS', 'Flood', 50, 'TEXAS', 'Hail', 40, 'KANSAS', 'Hail', 30, 'IOWA', 'Hail', 20, 'IOWA', 'Flood', 5,
            'OHIO', 'Flood', 10]
            """;

    @Test
    void topNestedWithOthers_addsOneRecordAggregatingTheLeftOutRows() throws Exception {
        assertThat(rows(DAMAGE + "| top-nested 2 of State with others='OtherStates' by sum(DamageProperty) | order by aggregated_State desc"))
                .containsExactly(List.of("TEXAS", 90L), List.of("OtherStates", 35L), List.of("KANSAS", 30L));
        // The others record is aggregated again over the left-out rows, not over the groups' values.
        assertThat(rows(DAMAGE + "| top-nested 1 of State with others='rest' by avg(DamageProperty) | order by State asc"))
                .containsExactly(List.of("TEXAS", 45.0), List.of("rest", 16.25));
    }

    @Test
    void topNestedWithOthers_onTheLastLevel_isPerUpperValue() throws Exception {
        assertThat(rows(DAMAGE + "| top-nested 2 of State by sum(DamageProperty), top-nested 1 of EventType with others='Other'"
                + " by count() | order by State asc, EventType asc"))
                .containsExactly(List.of("KANSAS", 30L, "Hail", 1L), List.of("TEXAS", 90L, "Flood", 1L), List.of("TEXAS", 90L, "Other", 1L));
    }

    @Test
    void topNestedWithOthers_aboveAnotherLevel_isRefusedWithItsPosition() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestSupport.compile(DAMAGE
                        + "| top-nested 2 of State with others='x' by count(), top-nested 1 of EventType by count()"))
                .hasMessageContaining("line 4, column 37").hasMessageContaining("levels below it");
    }

    @Test
    void topNestedWithOthers_ofTheWrongType_isATypeError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestSupport.compile(DAMAGE
                        + "| top-nested 2 of DamageProperty with others='x' by count()"))
                .hasMessageContaining("line 4, column 46").hasMessageContaining("string");
    }

    private static final String VIEWS = """
            let View_1 = view () { print x=1 };
            let View_2 = view () { print x=1 };
            let OtherView_1 = view () { print x=1 };
            """;

    @Test
    void unionIsfuzzy_dropsALegWhoseSourceDoesNotExist_evenUnderOperators() throws Exception {
        // The union reference's isfuzzy example: View_3 does not exist, the other two legs give one row each.
        assertThat(one(VIEWS + "union isfuzzy=true\n(View_1 | where x > 0),\n(View_2 | where x > 0),\n(View_3 | where x > 0)\n| count"))
                .isEqualTo(2L);
    }

    @Test
    void unionWithoutIsfuzzy_stillRefusesTheMissingSourceAtItsPosition() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestSupport.compile(
                        VIEWS + "union\n(View_1 | where x > 0),\n(View_3 | where x > 0)\n| count"))
                .hasMessageContaining("Unknown table 'View_3'").hasMessageContaining("line 6, column 2");
    }

    @Test
    void seriesStatsOfAnExpression_namesItsColumnsWithAnEmptySeriesPart() throws Exception {
        // The series_fit_poly reference normalizes a time axis with series_stats__min and series_stats__max.
        assertThat(row("print t = dynamic([3, 1, 2]) | extend series_stats(series_add(t, 0))"
                + " | project series_stats__min, series_stats__max, series_stats__max_idx"))
                .containsExactly(1.0, 3.0, 0L);
    }

    @Test
    void restrict_letsTheQueryReadOnlyTheListedView() throws Exception {
        // The reference's middle-tier example: the view reads the table, the user's part may read only the view.
        String prefix = """
                let Data = datatable(UserID:string, Salary:long)['me', 10, 'me', 5, 'other', 100];
                let RestrictedData = view () { Data | where UserID == 'me' };
                restrict access to (RestrictedData);
                """;
        assertThat(one(prefix + "RestrictedData | summarize sum(Salary)")).isEqualTo(15L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestSupport.compile(prefix + "Data | summarize sum(Salary)"))
                .hasMessageContaining("'Data' cannot be read here").hasMessageContaining("line 4, column 1");
    }

    @Test
    void restrict_aFunctionListedByName_canBeCalled_andAWildcardMeansTheLets() throws Exception {
        assertThat(one("let Test = () { print x=1 };\nrestrict access to (Test);\nTest")).isEqualTo(1L);
        assertThat(one("let Test1 = () { print x=1 };\nlet Test2 = () { print y=2 };\nrestrict access to (*);\nunion Test1, Test2 | count"))
                .isEqualTo(2L);
        // '*' names the query's lets, not the database's tables.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestSupport.compile(
                        "let Test1 = () { print x=1 };\nrestrict access to (*);\nunion Test1, Events | count"))
                .hasMessageContaining("cannot be read here").hasMessageContaining("line 3, column 14");
    }

    @Test
    void restrict_databaseTableSpecifier_admitsThatTable_andHidesTheOthersFromWildcardsAndSearch() throws Exception {
        assertThat(one("restrict access to (database().Events);\nEvents | count")).isEqualTo(0L);
        assertThat(TestSupport.compile("restrict access to (database().Events);\nunion * | count").sql()).doesNotContain("Devices");
        assertThat(TestSupport.compile("restrict access to (database().Events);\nsearch 'x' | count").sql()).doesNotContain("Devices");
        assertThat(TestSupport.compile("search 'x' | count").sql()).contains("Devices");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestSupport.compile("restrict access to (database().Events);\nDevices | count"))
                .hasMessageContaining("'Devices' cannot be read here").hasMessageContaining("line 2, column 1");
    }

    @Test
    void restrict_anotherDatabase_isRefusedWithItsPosition() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestSupport.compile("restrict access to (database('DB2').Table2);\nEvents"))
                .hasMessageContaining("line 1, column 21");
    }

    private static final String REPORTS = """
            let employees = datatable(name:string, age:long)
            [
            "Alice", 32,
            "Bob", 31,
            "Eve", 27,
            ];
            let reports = datatable(employee:string, manager:string)
            [
            "Bob", "Alice",
            "Chris", "Alice",
            "Eve", "Bob",
            ];
            reports
            | make-graph employee --> manager with employees on name
            """;

    @Test
    void nodeId_readsTheNodeKey_alsoPerInnerNodeInsideMap() throws Exception {
        // The node_id reference example and its documented output: Bob with no inner nodes, Alice through Bob.
        assertThat(rows(REPORTS + """
                | graph-match (employee)-[reports*1..3]->(manager)
                    where node_id(employee) startswith "E"
                    project manager1 = node_id(manager), manager2 = map(inner_nodes(reports), node_id())
                | extend manager2 = tostring(manager2) | order by manager1 desc"""))
                .containsExactly(List.of("Bob", "[]"), List.of("Alice", "[\"Bob\"]"));
    }

    @Test
    void nodeId_ofSomethingOtherThanANode_namesThePosition() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestSupport.compile(REPORTS
                        + "| graph-match (a)-[e]->(b) project x = node_id(e)"))
                .hasMessageContaining("node_id() takes a node of the pattern").hasMessageContaining("line 15, column 40");
    }

    private static final String FUNNEL_ROWS = """
            datatable(State:string, EventType:string, StartTime:datetime)[
            'X', 'Hail', datetime(2007-01-01 08:00), 'X', 'Tornado', datetime(2007-01-01 08:30),
            'X', 'Thunderstorm Wind', datetime(2007-01-01 09:00), 'Y', 'Hail', datetime(2007-01-01 10:00),
            'Z', 'Tornado', datetime(2007-01-01 10:30), 'Y', 'Thunderstorm Wind', datetime(2007-01-01 11:00)]
            """;
    private static final String FUNNEL_SCAN = """
            sort by StartTime asc
                | scan with
                (
                    step hail: EventType == "Hail";
                    step tornado: EventType == "Tornado" and StartTime - hail.StartTime <= 1h;
                    step thunderstormWind: EventType == "Thunderstorm Wind" and StartTime - tornado.StartTime <= 2h;
                )
            """;

    @Test
    void scanInsidePartition_scansEachPartitionOnItsOwn() throws Exception {
        // The scan reference's custom funnel: Y's hail must not continue into Z's tornado.
        assertThat(rows(FUNNEL_ROWS + "| partition hint.strategy=native by State\n(\n" + FUNNEL_SCAN + ")\n"
                + "| summarize dcount(State) by EventType | order by EventType asc"))
                .containsExactly(List.of("Hail", 2L), List.of("Thunderstorm Wind", 1L), List.of("Tornado", 1L));
        // One scan over all states does let it continue, which is what partitioning prevents.
        assertThat(rows(FUNNEL_ROWS + "| " + FUNNEL_SCAN + "| summarize dcount(State) by EventType | order by EventType asc"))
                .containsExactly(List.of("Hail", 2L), List.of("Thunderstorm Wind", 2L), List.of("Tornado", 2L));
    }

    @Test
    void scanInsidePartition_numbersMatchesWithinEachPartition() throws Exception {
        assertThat(rows("datatable(k:string, t:long, e:string)['a', 1, 'S', 'b', 2, 'S', 'a', 3, 'E', 'b', 4, 'E', 'a', 5, 'S', 'a', 7, 'E']"
                + " | partition by k (sort by t asc | scan with_match_id=m with (step s1: e == 'S'; step s2: e == 'E';))"
                + " | order by k asc, t asc | project k, t, m"))
                .containsExactly(List.of("a", 1L, 0L), List.of("a", 3L, 0L), List.of("a", 5L, 1L), List.of("a", 7L, 1L),
                        List.of("b", 2L, 0L), List.of("b", 4L, 0L));
    }

    @Test
    void restrict_alsoCoversInvokeAndTheTableFunction() {
        String prefix = "let Hidden = (T:(*)) { T | take 1 };\nlet Shown = view () { print x = 1 };\nrestrict access to (Shown);\n";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestSupport.compile(prefix + "Shown | invoke Hidden()"))
                .hasMessageContaining("'Hidden' cannot be read here").hasMessageContaining("line 4, column 16");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestSupport.compile(prefix + "table('Events') | count"))
                .hasMessageContaining("'Events' cannot be read here");
    }
}
