package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Percentiles, the hll/tdigest sketches and make_set, executed on DuckDB. */
class SketchesTest extends DuckDbTestBase {
    private static List<String> columns(String kql) {
        return TestSupport.compile(kql).columns().stream().map(OutputColumn::name).toList();
    }

    @Test
    void percentiles_areNearestRank_oneColumnPerPercentage() throws Exception {
        String q = "range x from 1 to 10 step 1 | summarize percentiles(x, 0, 50, 55, 100)";
        assertThat(columns(q)).containsExactly("percentile_x_0", "percentile_x_50", "percentile_x_55", "percentile_x_100");
        assertThat(rows(q)).containsExactly(List.of(1L, 5L, 6L, 10L));
    }

    @Test
    void percentilesw_weighsEachValue_andTheArrayFormPacksThem() throws Exception {
        String rows = "datatable(v: long, w: long)[10, 8, 20, 6, 30, 3, 40, 1] | summarize ";
        assertThat(rows(rows + "percentilesw(v, w, 50, 75, 99.9)")).containsExactly(List.of(20L, 20L, 40L));
        assertThat(columns(rows + "percentilesw(v, w, 50, 99.9)")).containsExactly("percentile_v_50", "percentile_v_99_9");
        assertThat(rows(rows + "p = percentilesw_array(v, w, dynamic([44.4, 44.5]))")).containsExactly(List.of("[10,20]"));
    }

    @Test
    void percentiles_namedByATuple() throws Exception {
        assertThat(columns("range x from 1 to 10 step 1 | summarize (low, high) = percentiles(x, 10, 90)")).containsExactly("low", "high");
    }

    @Test
    void hll_mergesAsAUnion_andDcountHllCountsDistinctValues() throws Exception {
        assertThat(rows("""
                range x from 1 to 10 step 1 | extend y = x + 5
                | summarize hx = hll(x), hy = hll(y) | project d = dcount_hll(hll_merge(hx, hy)), dx = dcount_hll(hx)"""))
                .containsExactly(List.of(15L, 10L));
        assertThat(rows("range x from 1 to 10 step 1 | summarize h = hll(x % 3) by k = x % 2 | summarize m = hll_merge(h) | project dcount_hll(m)"))
                .containsExactly(List.of(3L));
    }

    @Test
    void dcountIntersect_countsTheValuesCommonToTheFirstNSketches() throws Exception {
        assertThat(rows("""
                range x from 1 to 30 step 1
                | summarize a = hll(iff(x % 2 == 0, x, 0)), b = hll(iff(x % 3 == 0, x, 0)), c = hll(iff(x % 5 == 0, x, 0))
                | evaluate dcount_intersect(a, b, c)"""))
                .containsExactly(List.of(16L, 6L, 2L));
    }

    @Test
    void tdigest_answersWeightedPercentilesAndRanks_afterMerging() throws Exception {
        assertThat(rows("""
                datatable(v: real, w: long)[1.0, 1, 2.0, 2, 3.0, 1]
                | summarize t = tdigest(v, w)
                | project p50 = percentile_tdigest(t, 50), p75 = percentile_tdigest(t, 75, typeof(long)), r = rank_tdigest(t, 2)"""))
                .containsExactly(List.of(2.0, 2L, 3L));
        assertThat(rows("""
                range x from 1 to 10 step 1 | summarize a = tdigest(x), b = tdigest(x + 10)
                | project m = merge_tdigest(a, b) | project percentile_tdigest(m, 100, typeof(long))"""))
                .containsExactly(List.of(20L));
        assertThat(rows("range x from 1 to 4 step 1 | summarize t = tdigest(x) by k = x % 2 | summarize m = tdigest_merge(t) | project rank_tdigest(m, 3)"))
                .containsExactly(List.of(3L));
    }

    @Test
    void sketchesOverNoRows_areNull() throws Exception {
        assertThat(rows("datatable(x: long)[] | summarize hll(x), tdigest(x), percentilesw(x, x, 50)"))
                .containsExactly(Arrays.asList(null, null, null));
    }

    @Test
    void makeSet_keepsFirstAppearanceOrder_andAddsArrayElements() throws Exception {
        assertThat(rows("datatable(v: long, a: dynamic)[5, dynamic(['q', 'p']), 1, dynamic(['p', 'r']), 5, 'z', 7, dynamic([])]"
                + " | summarize make_set(v), make_set(a)"))
                .containsExactly(List.of("[5,1,7]", "[\"q\",\"p\",\"r\",\"z\"]"));
    }

    @Test
    void buildschema_unitesTheShapesOfTheValues_inOrderOfFirstSight() throws Exception {
        assertThat(rows("""
                datatable(d: dynamic)[dynamic({"x": 1, "y": 3.5}), dynamic({"x": "s", "z": [1, 2]}), dynamic({"y": {"w": "v"}, "z": ["a"]}), dynamic(null)]
                | summarize buildschema(d)"""))
                .containsExactly(List.of("{\"x\":[\"long\",\"string\"],\"y\":[\"double\",{\"w\":\"string\"}],\"z\":{\"`indexer`\":[\"long\",\"string\"]}}"));
        assertThat(columns("datatable(d: dynamic)[] | summarize buildschema(d)")).containsExactly("schema_d");
        assertThat(rows("datatable(d: dynamic)[] | summarize buildschema(d)")).containsExactly(Arrays.asList((Object) null));
    }

    @Test
    void aggregatesOverNoRows_followKusto() throws Exception {
        assertThat(rows("datatable(x: long)[] | summarize avg(x), stdev(x), variancep(x), arg_max_x = arg_max(x, *)"))
                .containsExactly(Arrays.asList(Double.NaN, 0.0, 0.0, null));
    }

    @Test
    void makeSetAndMakeList_ofNoValues_areEmptyArrays() throws Exception {
        assertThat(rows("datatable(x: long)[] | summarize make_set(x), make_list(x)")).containsExactly(List.of("[]", "[]"));
        assertThat(rows("range x from 1 to 3 step 1 | summarize make_set_if(x, x > 5), make_list_if(x, x > 5)")).containsExactly(List.of("[]", "[]"));
    }

    @Test
    void percentileArrays_fromValuesAndFromATdigest() throws Exception {
        String q = "range x from 1 to 10 step 1 | summarize a = percentiles_array(x, 10, 50, 100), t = tdigest(x)"
                + " | project a, b = percentiles_array_tdigest(t, 10, 50, 100)";
        assertThat(rows(q)).containsExactly(List.of("[1,5,10]", "[1.0,5.0,10.0]"));
        assertThat(columns("range x from 1 to 10 step 1 | summarize percentiles_array(x, 50)")).containsExactly("percentiles_x");
    }
}
