package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** bag_unpack forms, rolling_percentile, schema_merge, ipv4_lookup, new_activity_metrics and related operators on DuckDB. */
class PluginsTest extends DuckDbTestBase {
    private static List<String> columns(String kql) {
        return TestSupport.compile(kql).columns().stream().map(OutputColumn::name).toList();
    }

    private static final String BAGS = "datatable(Name:string, d:dynamic)['x', dynamic({'Name':'John','Age':20}), 'y', dynamic({'Age':40})]";

    @Test
    void bagUnpack_overConstantRows_addsTheKeysOrderedByName_typed() throws Exception {
        String q = "datatable(d:dynamic)[dynamic({'b':'x','a':1}), dynamic({'a':2})] | evaluate bag_unpack(d)";
        assertThat(columns(q)).containsExactly("a", "b");
        assertThat(rows(q)).containsExactlyInAnyOrder(List.of(1L, "x"), Arrays.asList(2L, null));
    }

    @Test
    void bagUnpack_prefixAndIgnoredProperties() {
        assertThat(columns("datatable(d:dynamic)[dynamic({'b':'x','a':1,'c':2})] | evaluate bag_unpack(d, 'p_', ignoredProperties=dynamic(['c']))"))
                .containsExactly("p_a", "p_b");
    }

    @Test
    void bagUnpack_columnsConflict_replaceSourceInPlace_keepSourceKeepsTheColumn() throws Exception {
        String replace = BAGS + " | evaluate bag_unpack(d, columnsConflict='replace_source')";
        assertThat(columns(replace)).containsExactly("Name", "Age");
        assertThat(rows(replace)).containsExactlyInAnyOrder(List.of("John", 20L), Arrays.asList(null, 40L));
        assertThat(rows(BAGS + " | evaluate bag_unpack(d, columnsConflict='keep_source')"))
                .containsExactlyInAnyOrder(List.of("x", 20L), List.of("y", 40L));
    }

    @Test
    void bagUnpack_schemaWithStar_keepsTheOtherInputColumns() throws Exception {
        assertThat(rows("datatable(d:dynamic, k:string)[dynamic({'a':1,'z':2}), 'u'] | evaluate bag_unpack(d) : (*, a:long)"))
                .containsExactly(List.of("u", 1L));
    }

    @Test
    void rollingPercentile_coversTheBinAndTheOnesBefore() throws Exception {
        String q = "range i from 0 to 5 step 1 | extend t = datetime(2020-01-01) + i * 12h, v = i + 1"
                + " | evaluate rolling_percentile(v, 50, t, 1d, 2) | order by t asc";
        assertThat(columns(q)).containsExactly("t", "rolling_2_percentile_v_50");
        assertThat(rows(q)).containsExactly(List.of(LocalDateTime.of(2020, 1, 1, 0, 0), 1L),
                List.of(LocalDateTime.of(2020, 1, 2, 0, 0), 2L), List.of(LocalDateTime.of(2020, 1, 3, 0, 0), 4L));
    }

    @Test
    void schemaMerge_addsNewColumns_andFlagsOneThatMoved() throws Exception {
        assertThat(rows("let a = datatable(U:string, H:int)[] | getschema; let b = datatable(U:string, H:int, R:string)[] | getschema;"
                + " union a, b | evaluate schema_merge()")).containsExactly(List.of("U", 0, "System.String", "string"),
                List.of("H", 1, "System.Int32", "int"), List.of("R", 2, "System.String", "string"));
        assertThat(rows("let a = datatable(U:string, H:int)[] | getschema; let b = datatable(U:string, R:string, H:int)[] | getschema;"
                + " union a, b | evaluate schema_merge()").get(2)).containsExactly("H", -1,
                "ERROR(unknown CSL type:ERROR(columns are out of order))", "ERROR(columns are out of order)");
    }

    @Test
    void ipv4Lookup_matchesCidrRanges_andKeepsUnmatchedRowsWhenAsked() throws Exception {
        String t = "let L = datatable(net:string, c:string)['10.0.0.0/8', 'ten', '192.168.1.0/24', 'home'];"
                + " datatable(ip:string)['10.1.2.3', '192.168.1.9', '8.8.8.8'] | evaluate ipv4_lookup(L, ip, net";
        assertThat(rows(t + ")")).containsExactlyInAnyOrder(List.of("10.1.2.3", "10.0.0.0/8", "ten"),
                List.of("192.168.1.9", "192.168.1.0/24", "home"));
        assertThat(rows(t + ", return_unmatched = true)")).hasSize(3).contains(Arrays.asList("8.8.8.8", null, null));
    }

    @Test
    void newActivityMetrics_countsNewRetainedAndChurnedIdsPerPeriodPair() throws Exception {
        String q = "datatable(Day:datetime, id:long)[datetime(2020-01-01),1, datetime(2020-01-01),2, datetime(2020-01-02),1,"
                + " datetime(2020-01-02),3, datetime(2020-01-03),3, datetime(2020-01-03),2]"
                + " | evaluate new_activity_metrics(id, Day, datetime(2020-01-01), datetime(2020-01-03), 1d) | order by from_Day asc, to_Day asc";
        assertThat(columns(q)).containsExactly("from_Day", "to_Day", "dcount_new_values", "dcount_retained_values", "dcount_churn_values",
                "retention_rate", "churn_rate");
        LocalDateTime d1 = LocalDateTime.of(2020, 1, 1, 0, 0);
        LocalDateTime d2 = d1.plusDays(1);
        LocalDateTime d3 = d1.plusDays(2);
        assertThat(rows(q)).containsExactly(List.of(d1, d1, 2L, 2L, 0L, 1.0, 0.0), List.of(d1, d2, 2L, 1L, 1L, 0.5, 0.5),
                List.of(d1, d3, 2L, 1L, 1L, 0.5, 0.5), List.of(d2, d2, 1L, 1L, 0L, 1.0, 0.0), List.of(d2, d3, 1L, 1L, 0L, 1.0, 0.0),
                // Every pair of periods has a row, one whose period brought no new ids too.
                List.of(d3, d3, 0L, 0L, 0L, Double.NaN, Double.NaN));
    }

    @Test
    void projectByNames_withColumnNamesOfAndADynamicParameter_skipsUnknownNames() throws Exception {
        String q = "let L = datatable(N:string, C:string)['p', 'US']; let F = (S:(N:string), cols:dynamic) { S | lookup L on N"
                + " | project-by-names column_names_of(S), cols }; datatable(N:string, D:string)['p', 'd'] | invoke F(dynamic(['C', 'Missing']))";
        assertThat(columns(q)).containsExactly("N", "D", "C");
        assertThat(rows(q)).containsExactly(List.of("p", "d", "US"));
    }

    @Test
    void makeSeries_nonemptyOnEmptyInput_givesDefaults_andPlainKindGivesNoRow() throws Exception {
        String base = "datatable(t:datetime, v:long)[datetime(2020-01-01), 1] | take 0 | make-series ";
        String tail = "sum(v) default=7 on t from datetime(2020-01-01) to datetime(2020-01-03) step 1d";
        assertThat(rows(base + "kind=nonempty " + tail).get(0).get(0).toString()).isEqualTo("[7,7]");
        assertThat(rows(base + tail)).isEmpty();
    }

    @Test
    void mvExpandKindArray_turnsABagIntoKeyValuePairs() throws Exception {
        assertThat(rows("print b = dynamic({'k':1}) | mv-expand kind=array b").get(0).get(0).toString()).isEqualTo("[\"k\",1]");
    }

    @Test
    void packAll_packsTheInputRow_notColumnsAddedBesideIt() throws Exception {
        assertThat(rows("datatable(a:long, b:string)[1, ''] | extend p = pack_all(), q = pack_all(true) | project p, q").get(0))
                .extracting(Object::toString).containsExactly("{\"a\":1,\"b\":\"\"}", "{\"a\":1}");
    }

    @Test
    void innerunique_filterOnLeftColumns_appliesBeforeDeduplication() throws Exception {
        assertThat(rows("let l = datatable(k:long, v:string)[1, 'a', 1, 'b']; let r = datatable(k:long, w:string)[1, 'x'];"
                + " l | join kind=innerunique r on k | where v == 'b' | project v")).containsExactly(List.of("b"));
    }
}
