package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wrong results the reference pages' printed outputs showed, run on DuckDB with the pages' own inputs. */
class DocsResultGapsTest extends DuckDbTestBase {

    @Test
    void argMax_groupWhoseOrderingValuesAreAllNull_stillReturnsARowOfIt() throws Exception {
        String fruit = """
                datatable(Fruit: string, Color: string, Version: int) [
                    "Apple", "Red", 1, "Apple", "Green", int(null),
                    "Banana", "Yellow", int(null),
                    "Pear", "Brown", 1, "Pear", "Green", 2]
                """;
        assertThat(rows(fruit + "| summarize arg_max(Version, *) by Fruit | order by Fruit asc")).containsExactly(
                List.of("Apple", 1, "Red"), java.util.Arrays.asList("Banana", null, "Yellow"), List.of("Pear", 2, "Green"));
        assertThat(rows(fruit + "| summarize arg_min(Version, Color) by Fruit | order by Fruit asc")).containsExactly(
                List.of("Apple", 1, "Red"), java.util.Arrays.asList("Banana", null, "Yellow"), List.of("Pear", 1, "Brown"));
    }

    @Test
    void argMax_nullOrderingValuesBesideOthers_areNotPicked() throws Exception {
        assertThat(row("datatable(k: long, v: string)[long(null), 'a', 2, 'b', long(null), 'c', 1, 'd'] | summarize arg_max(k, v)"))
                .containsExactly(2L, "b");
    }

    @Test
    void datetimeDiff_week_countsTheSundaysCrossed() throws Exception {
        // datetime-diff-function.md: 2017-09-30 (a Saturday) 23:59 to 2017-10-29 (a Sunday) is 5 weeks, not 4 whole weeks.
        assertThat(row("""
                print a = datetime_diff('week', datetime(2017-10-29 00:00), datetime(2017-09-30 23:59)),
                      b = datetime_diff('week', datetime(2017-10-02), datetime(2017-10-01)),
                      c = datetime_diff('week', datetime(2017-10-07), datetime(2017-10-01)),
                      d = datetime_diff('week', datetime(2017-09-30), datetime(2017-10-01)),
                      e = datetime_diff('week', datetime(1969-12-27), datetime(1970-01-04))"""))
                .containsExactly(5L, 0L, 0L, -1L, -2L);
    }

    @Test
    void geoLineLength_multiLineString_sumsItsLines() throws Exception {
        // geo-line-length-function.md's MultiLineString example prints 8262.24339753741.
        Object len = one("""
                let line = dynamic({"type":"MultiLineString","coordinates":[[[-73.95798683166502,40.800556090021466],[-73.98193359375,40.76819171855746]],[[-73.94940376281738,40.79691751000055],[-73.97317886352539,40.76435634049001]]]});
                print length = geo_line_length(line)""");
        assertThat((Double) len).isCloseTo(8262.24339753741, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(one("print geo_line_length(dynamic({'type':'MultiLineString','coordinates':[[[1,1],[2,2]],[[3,3]]]}))")).isNull();
    }

    @Test
    void schemaMerge_withoutPreserveOrder_takesTheLaterSchemasLayout() throws Exception {
        assertThat(rows("""
                let schema1 = datatable(Uri:string, HttpStatus:int)[] | getschema;
                let schema2 = datatable(Uri:string, Referrer:string, HttpStatus:int)[] | getschema;
                union schema1, schema2 | evaluate schema_merge(PreserveOrder = false)""")).containsExactly(
                List.of("Uri", 0, "System.String", "string"), List.of("Referrer", 1, "System.String", "string"),
                List.of("HttpStatus", 2, "System.Int32", "int"));
    }

    @Test
    void preview_returnsTheFirstRowsThenTheRowCount() throws Exception {
        List<Object> out = new ArrayList<>();
        for (CompiledQuery q : TestSupport.compile("range x from 1 to 10 step 1 | evaluate preview(3)").results()) {
            out.add(q.columns().stream().map(OutputColumn::name).toList());
            out.add(db.run(q).size());
        }
        assertThat(out).containsExactly(List.of("x"), 3, List.of("Count"), 1);
        CompiledQuery count = TestSupport.compile("range x from 1 to 10 step 1 | evaluate preview(3)").results().get(1);
        assertThat(db.run(count)).containsExactly(List.of(10L));
    }

    @Test
    void preview_followedByAnotherOperator_isAnErrorAtThePlugin() {
        assertThatThrownBy(() -> TestSupport.compile("range x from 1 to 10 step 1\n| evaluate preview(3) | count"))
                .isInstanceOf(KqlException.class).hasMessageContaining("must be the last operator").hasMessageContaining("line 2, column 3");
    }

    @Test
    void datetimeLiteral_withBlanksAroundTheDatesDashes_readsTheDate() throws Exception {
        // sliding-window-counts-plugin.md writes datetime(2017 - 08 - 01).
        assertThat(one("print d = datetime(2017 - 08 - 01) == datetime(2017-08-01)")).isEqualTo(true);
    }

    @Test
    void scan_stepAssigningAnInputColumn_fillsItForward() throws Exception {
        // The functions library fills a column forward with scan with (step s: true => v = iff(isnull(v), s.v, v);).
        assertThat(rows("""
                datatable(t:long, v:real, w:string)[1, 1.0, 'a', 2, real(null), 'b', 3, real(null), 'c', 4, 5.0, 'd', 5, real(null), 'e']
                | sort by t asc
                | scan with (step s: true => v = iff(isnull(v), s.v, v);)""")).containsExactly(
                List.of(1L, 1.0, "a"), List.of(2L, 1.0, "b"), List.of(3L, 1.0, "c"), List.of(4L, 5.0, "d"), List.of(5L, 5.0, "e"));
    }

    @Test
    void scan_inputColumnAssignedByOneStepOnly_keepsTheRowsValueInTheOthers() throws Exception {
        assertThat(rows("""
                datatable(t:long, e:string)[1, 'start', 2, 'x', 3, 'stop']
                | sort by t asc
                | scan declare (n:long = 0) with (
                    step a: e == 'start' => e = 'began', n = 1;
                    step b: e != 'stop' => n = a.n + 1;
                    step c: e == 'stop' => n = b.n + 1, e = strcat(b.e, '>end');)""")).containsExactly(
                List.of(1L, "began", 1L), List.of(2L, "x", 2L), List.of(3L, "x>end", 3L));
    }

    @Test
    void packArray_star_packsTheRowsValuesInColumnOrder() throws Exception {
        assertThat(row("datatable(a:long, b:string, c:real)[1, 'x', 2.5] | project p = tostring(pack_array(*))"))
                .containsExactly("[1,\"x\",2.5]");
        assertThat(row("datatable(a:long, b:string)[1, 'x'] | project p = pack_array(*), q = pack_array(*)").get(1).toString())
                .isEqualTo("[1,\"x\"]"); // the operator's input row, not the columns it adds
        assertThat(row("datatable(a:long, b:string, c:real)[1, 'x', 2.5] | extend q = tostring(pack_array(c, *))"))
                .containsExactly(1L, "x", 2.5, "[2.5,1,\"x\",2.5]");
    }

    @Test
    void graphMatch_variableLengthBoundsNamedByLets_useTheirValues() throws Exception {
        String edges = "let e = datatable(s:string, t:string)['a','b','b','c','c','d']; let lo = 2; let hi = 3;\n";
        assertThat(rows(edges + "e | make-graph s --> t with_node_id=id | graph-match (x)-[p*lo..hi]->(y) project x = x.id, y = y.id | order by x asc, y asc"))
                .containsExactly(List.of("a", "c"), List.of("a", "d"), List.of("b", "d"));
        assertThat(rows(edges + "e | make-graph s --> t with_node_id=id | graph-shortest-paths output=all cycles=none (x)-[p*lo..hi]->(y)"
                + " project x = x.id, y = y.id | order by x asc, y asc")).containsExactly(List.of("a", "c"), List.of("a", "d"), List.of("b", "d"));
    }

    @Test
    void graphMatch_boundNamingANonNumber_isAnErrorAtTheName() {
        assertThatThrownBy(() -> TestSupport.compile("let e = datatable(s:string, t:string)['a','b']; let lo = 'x';\n"
                + "e | make-graph s --> t with_node_id=id | graph-match (x)-[p*lo..3]->(y) project x = x.id"))
                .isInstanceOf(KqlException.class).hasMessageContaining("must be a constant whole number").hasMessageContaining("line 2, column 61");
    }

    private static final String SCOPED_GRAPH = """
            let e = datatable(s:string, t:string, scope:string)['a','b','x', 'b','c','x', 'a','c','y', 'c','d','y'];
            let n = datatable(id:string, scope:string)['a','x', 'b','x', 'c','x', 'a','y', 'c','y', 'd','y'];
            """;

    @Test
    void partitionedGraph_operatorsAfterTheGraphOperator_runOnEachPartition() throws Exception {
        // The functions library ends a partitioned graph-match with '| limit N': N rows a partition.
        assertThat(rows(SCOPED_GRAPH + """
                e | make-graph s --> t with n on id partitioned-by scope (
                    graph-match cycles=none (a)-[p*1..2]->(b) project a = a.id, b = b.id, sc = a.scope
                    | order by a asc, b asc | take 1)
                | order by sc asc""")).containsExactly(List.of("a", "b", "x"), List.of("a", "c", "y"));
        assertThat(rows(SCOPED_GRAPH + """
                e | make-graph s --> t with n on id partitioned-by scope (
                    graph-match (a)-[p*1..2]->(b) project a = a.id, b = b.id | summarize n = count() by a)
                | order by a asc, n asc""")).containsExactly(List.of("a", 2L), List.of("a", 2L), List.of("b", 1L), List.of("c", 1L));
    }

    @Test
    void partitionedGraph_operatorsAfterGraphToTable_areRefusedAtTheOperator() {
        assertThatThrownBy(() -> TestSupport.compile(SCOPED_GRAPH + "e | make-graph s --> t with n on id partitioned-by scope (\n"
                + "graph-to-table nodes | take 1)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("after graph-to-table").hasMessageContaining("line 4, column 24");
    }

    @Test
    void avg_ofTimespans_isATimespan() throws Exception {
        assertThat(row("datatable(t:timespan)[1h, 3h] | summarize a = avg(t), b = avgif(t, t > 2h) | extend c = a + 1h, g = gettype(a)"))
                .containsExactly("02:00:00", "03:00:00", "03:00:00", "timespan");
    }

    @Test
    void round_ofAWholeNumber_keepsItsType() throws Exception {
        assertThat(row("print a = round(int(7)), b = round(1234, -2), c = round(2.567, 2), t = gettype(round(int(7))), u = gettype(round(2.5))"))
                .containsExactly(7, 1200L, 2.57, "int", "real");
    }

    @Test
    void render_afterFork_picksTheChartOfEveryResult() throws Exception {
        CompiledQuery q = TestSupport.compile("range x from 1 to 5 step 1 | extend y = x * 2 | fork (project x) (project y) | render linechart");
        assertThat(q.results()).hasSize(2);
        assertThat(q.results()).allSatisfy(r -> assertThat(r.render()).isPresent());
        assertThat(db.run(q.results().get(1))).hasSize(5);
    }

    @Test
    void datetimeArithmetic_onTicks_givesMidpointsAndRatios() throws Exception {
        // anomaly-diagnosis.md splits a time range at (max_baseline_t + min_peak_t) / 2.0.
        assertThat(row("""
                let a = datetime(2016-08-23 14:58); let b = datetime(2016-08-23 15:00);
                print m = (a + b) / 2.0, d = datetime(2020-01-01) / 1d, t = a * 1, g = gettype(a / b)"""))
                .containsExactly(java.time.LocalDateTime.parse("2016-08-23T14:59:00"), 737424.0,
                        java.time.LocalDateTime.parse("2016-08-23T14:58:00"), "real");
        assertThatThrownBy(() -> TestSupport.compile("print datetime(2020-01-01) * 1h"))
                .hasMessageContaining("cannot combine datetime and timespan");
    }

    @Test
    void modulo_ofTimes_isTheRemainderOfTheirTicks() throws Exception {
        // Kusto.Language types datetime % timespan as a timespan: the time of day for 1d.
        assertThat(row("print a = tostring(datetime(2024-01-02 03:04:05) % 1d), b = tostring(25h % 1d), "
                + "c = tostring(datetime(2024-01-02) % datetime(2024-01-01)), d = tostring(90m % 7), e = gettype(datetime(2024-01-02) % 2)"))
                .containsExactly("03:04:05", "01:00:00", "1.00:00:00", "00:00:00", "datetime");
        assertThatThrownBy(() -> TestSupport.compile("print 1h % datetime(2020-01-01)")).hasMessageContaining("cannot combine timespan and datetime");
    }
}
