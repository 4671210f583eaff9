package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** as, sample, getschema, parse-where, declare pattern, project-reorder orders, union naming, range() and friends on DuckDB. */
class TabularOperatorsTest extends DuckDbTestBase {
    private static List<String> columns(String kql) {
        return TestSupport.compile(kql).columns().stream().map(OutputColumn::name).toList();
    }

    @Test
    void as_namesTheUnionLeg_forWithsource() throws Exception {
        assertThat(rows("union withsource=T (range x from 1 to 2 step 1 | as A), (range x from 3 to 3 step 1 | as B) | order by x asc"))
                .containsExactly(List.of("A", 1L), List.of("A", 2L), List.of("B", 3L));
    }

    @Test
    void as_boundName_isReadLaterInTheSameQuery() throws Exception {
        assertThat(rows("range x from 1 to 3 step 1 | as hint.materialized=true T | where x > 1 | union T | count"))
                .containsExactly(List.of(5L));
    }

    @Test
    void sample_returnsTheRequestedNumberOfInputRows() throws Exception {
        List<List<Object>> r = rows("range x from 1 to 100 step 1 | sample 3");
        assertThat(r).hasSize(3).allSatisfy(row -> assertThat((Long) row.get(0)).isBetween(1L, 100L));
    }

    @Test
    void getschema_listsNameOrdinalClrTypeAndKustoType() throws Exception {
        assertThat(rows("datatable(a:string, b:int, c:dynamic)[] | getschema")).containsExactly(
                List.of("a", 0, "System.String", "string"), List.of("b", 1, "System.Int32", "int"), List.of("c", 2, "System.Object", "dynamic"));
    }

    @Test
    void parseWhere_dropsRowsThePatternDoesNotMatch() throws Exception {
        assertThat(rows("datatable(s:string)['id=1 ok', 'id=x ok', 'nothing'] | parse-where s with 'id=' n:long ' ' rest"))
                .containsExactly(List.of("id=1 ok", 1L, "ok"));
    }

    @Test
    void parseRelaxed_leavesAFailedConversionNull_andKeepsTheOtherColumns() throws Exception {
        assertThat(rows("datatable(s:string)['a=x, b=2'] | parse kind=relaxed s with 'a=' a:long ', b=' b:long"))
                .containsExactly(java.util.Arrays.asList("a=x, b=2", null, 2L));
    }

    @Test
    void parseRelaxed_typedColumnBeforeAStar_stillTakesTheNumber() throws Exception {
        assertThat(rows("datatable(s:string)['n=23, rest'] | parse kind=relaxed s with 'n=' n:long * | project n"))
                .containsExactly(List.of(23L));
    }

    @Test
    void functionWithoutParameters_canBeNamedWithoutParentheses() throws Exception {
        assertThat(rows("let f = () { 41 + 1 }; print f")).containsExactly(List.of(42L));
    }

    @Test
    void summarizePercentiles_givesOneColumnPerPercentage() throws Exception {
        String q = "range x from 1 to 100 step 1 | summarize percentiles(x, 5, 50, 99.5)";
        assertThat(columns(q)).containsExactly("percentile_x_5", "percentile_x_50", "percentile_x_99_5");
        assertThat(rows(q)).containsExactly(List.of(5L, 50L, 100L));
    }

    @Test
    void declarePattern_callSelectsTheRuleByArgumentAndPath() throws Exception {
        String q = "declare pattern P = (k:string)[p:string] { ('a').['x'] = { print v = 1 }; ('b').['y'] = { print v = strcat(k, p) }; };";
        assertThat(rows(q + " P('b').y")).containsExactly(List.of("by"));
        assertThat(rows(q + " union P('a').x, P('b').['y'] | count")).containsExactly(List.of(2L));
    }

    @Test
    void projectReorder_sortsMatchedColumnsByName_grannyOrderComparesNumbers() {
        assertThat(columns("print b = 1, a10 = 2, a2 = 3 | project-reorder a* asc")).containsExactly("a10", "a2", "b");
        assertThat(columns("print b = 1, a10 = 2, a2 = 3 | project-reorder a* granny-asc")).containsExactly("a2", "a10", "b");
        assertThat(columns("print b = 1, a10 = 2, a2 = 3 | project-reorder a* granny-desc")).containsExactly("a10", "a2", "b");
    }

    @Test
    void union_typeSuffixClashingWithAColumn_getsADigit() {
        assertThat(columns("let A = print x = 1; let B = print x = toint(2); let C = print x_long = 3; union A, B, C"))
                .containsExactly("x_long1", "x_int", "x_long");
    }

    @Test
    void unionIsfuzzy_wildcardMatchesViews() throws Exception {
        assertThat(rows("let V_1 = view () { print x = 1 }; let V_2 = view () { print x = 2 }; union isfuzzy=true V_*, Nothing* | count"))
                .containsExactly(List.of(2L));
    }

    @Test
    void letName_inBrackets() throws Exception {
        assertThat(rows("let ['a b'] = 2; range y from 0 to ['a b'] step 1 | count")).containsExactly(List.of(3L));
    }

    @Test
    void rangeFunction_overDatetimeTimespanAndReal() throws Exception {
        assertThat(rows("print range(datetime(2020-01-01), datetime(2020-01-02), 12h)").get(0).get(0).toString())
                .isEqualTo("[\"2020-01-01T00:00:00.0000000Z\",\"2020-01-01T12:00:00.0000000Z\",\"2020-01-02T00:00:00.0000000Z\"]");
        assertThat(rows("print range(1h, 3h)").get(0).get(0).toString()).isEqualTo("[\"01:00:00\",\"02:00:00\",\"03:00:00\"]");
        assertThat(rows("print range(1.5, 3, 0.5)").get(0).get(0).toString()).isEqualTo("[1.5,2.0,2.5,3.0]");
    }

    @Test
    void rangeFunction_isCappedAtTheKustoLimit_andExpandsWithoutRunningOutOfMemory() throws Exception {
        assertThat(rows("print r = range(1, 1000000000) | mv-expand r | count")).containsExactly(List.of(1_048_576L));
    }

    @Test
    void rangeOperator_overDatetimes_includesBothEnds() throws Exception {
        assertThat(rows("range t from datetime(2020-01-01) to datetime(2020-01-02) step 12h | count")).containsExactly(List.of(3L));
    }

    @Test
    void randWithBound_givesWholeNumbersBelowIt() throws Exception {
        List<List<Object>> r = rows("range x from 1 to 200 step 1 | extend v = rand(3) | summarize min(v), max(v), dcount(v)");
        assertThat(r.get(0)).containsExactly(0L, 2L, 3L);
    }

    @Test
    void severalResultStatements_returnTheFirst() throws Exception {
        assertThat(rows("let T = range x from 1 to 3 step 1; T | count; T | take 1")).containsExactly(List.of(3L));
    }
}
