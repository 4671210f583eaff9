package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                .containsExactly(List.of(2.0, 2L, 3.0));
        assertThat(rows("""
                range x from 1 to 10 step 1 | summarize a = tdigest(x), b = tdigest(x + 10)
                | project m = merge_tdigest(a, b) | project percentile_tdigest(m, 100, typeof(long))"""))
                .containsExactly(List.of(20L));
        assertThat(rows("range x from 1 to 4 step 1 | summarize t = tdigest(x) by k = x % 2 | summarize m = tdigest_merge(t) | project rank_tdigest(m, 3)"))
                .containsExactly(List.of(3.0));
    }

    @Test
    void hllIf_keepsOnlyTheRowsThePredicateHolds_andIsNamedAfterItsColumn() throws Exception {
        String q = """
                datatable(State: string, Source: string, EventType: string)[
                    'IOWA', 'a', 'Flood', 'IOWA', 'b', 'Flood', 'IOWA', 'a', 'Flood', 'IOWA', 'c', 'Hail',
                    'KANSAS', 'a', 'Flood', 'KANSAS', 'd', 'Hail']
                | summarize hll_flood = hll_if(Source, EventType == "Flood"), hll_if(Source, EventType == "Hail", 2) by State
                | project State, SourcesOfFloodEvents = dcount_hll(hll_flood), hail = dcount_hll(hll_if_Source)
                | order by State asc""";
        assertThat(rows(q)).containsExactly(List.of("IOWA", 2L, 1L), List.of("KANSAS", 1L, 1L));
        assertThat(columns("datatable(s: string, b: bool)[] | summarize hll_if(s, b)")).containsExactly("hll_if_s");
    }

    @Test
    void hllIf_skipsNullValues_andNeedsTwoOrThreeArguments() throws Exception {
        assertThat(rows("datatable(s: string, n: long)['a', 1, '', 2, 'b', 3] | summarize h = hll_if(iff(n > 1, s, string(null)), n > 0)"
                + " | project dcount_hll(h)")).containsExactly(List.of(2L));
        assertThatThrownBy(() -> TestSupport.compile("Events | summarize hll_if(FileName)"))
                .isInstanceOf(KqlException.class).hasMessage("hll_if() takes 2 to 3 arguments but was given 1 (line 1, column 20).");
        assertThatThrownBy(() -> TestSupport.compile("Events | extend h = hll_if(FileName, true)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("can only be used in summarize (line 1, column 21)");
    }

    @Test
    void percentrankTdigest_isTheShareOfWeightAtOrBelowTheValue_andInvertsPercentile() throws Exception {
        assertThat(row("""
                range x from 1 to 20 step 1 | summarize t = tdigest(x)
                | project r = percentrank_tdigest(t, 17), p = percentile_tdigest(t, 85, typeof(long)), low = percentrank_tdigest(t, 0),
                  mid = percentrank_tdigest(t, 10.5), top = percentrank_tdigest(t, 99)"""))
                .containsExactly(85.0, 17L, 0.0, 50.0, 100.0);
        assertThat(columns("range x from 1 to 2 step 1 | summarize t = tdigest(x) | project percentrank_tdigest(t, 1)")).containsExactly("Column1");
    }

    @Test
    void percentrankTdigest_nullDigestIsNull_andATextValueIsATypeError() throws Exception {
        assertThat(one("datatable(x: long)[] | summarize t = tdigest(x) | project percentrank_tdigest(t, 1)")).isNull();
        assertThatThrownBy(() -> TestSupport.compile("range x from 1 to 2 step 1 | summarize t = tdigest(x) | project percentrank_tdigest(t, 'a')"))
                .isInstanceOf(KqlException.class).hasMessage("percentrank_tdigest() expects a number but was given a string (line 1, column 88).");
    }

    @Test
    void percentilesArrayTdigest_takesAComputedArrayAndAType_andIsNamedAfterTheDigest() throws Exception {
        String digest = "datatable(k: string, v: long)['a', 0, 'a', 0, 'a', 62000000, 'b', 5, 'b', 7] | summarize tdigestRes = tdigest(v) by k"
                + " | order by k asc";
        assertThat(rows(digest + " | project percentiles_array_tdigest(tdigestRes, range(0, 100, 50), typeof(int))"))
                .containsExactly(List.of("[0,0,62000000]"), List.of("[5,5,7]"));
        assertThat(columns(digest + " | project percentiles_array_tdigest(tdigestRes, range(0, 100, 50), typeof(int))"))
                .containsExactly("percentile_tdigest_tdigestRes");
        assertThat(rows(digest + " | project percentile_array_tdigest(tdigestRes, dynamic([50, 100]), typeof(long))"))
                .containsExactly(List.of("[0,62000000]"), List.of("[5,7]"));
        assertThat(rows(digest + " | project percentiles_array_tdigest(tdigestRes, 100, 50)"))
                .containsExactly(List.of("[62000000.0,0.0]"), List.of("[7.0,5.0]"));
        assertThat(rows(digest + " | project percentiles_array_tdigest(tdigestRes, range(100, 100, 1))"))
                .containsExactly(List.of("[62000000.0]"), List.of("[7.0]"));
    }

    @Test
    void percentilesArrayTdigest_typeNeedsOneArrayAndANumericType() {
        String digest = "range x from 1 to 2 step 1 | summarize t = tdigest(x) | project ";
        assertThatThrownBy(() -> TestSupport.compile(digest + "percentiles_array_tdigest(t, 10, 20, typeof(long))"))
                .isInstanceOf(KqlException.class).hasMessageContaining("takes a type only after one dynamic array of percentages (line 1, column 65)");
        assertThatThrownBy(() -> TestSupport.compile(digest + "percentiles_array_tdigest(t, dynamic([10]), typeof(string))"))
                .isInstanceOf(KqlException.class).hasMessageContaining("only to a numeric type (line 1, column 109)");
        assertThatThrownBy(() -> TestSupport.compile(digest + "percentiles_array_tdigest(t)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("takes 2 to 64 arguments but was given 1 (line 1, column 65)");
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
