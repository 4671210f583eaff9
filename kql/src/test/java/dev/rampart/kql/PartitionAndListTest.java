package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The partition operator and make_list over dynamic arrays, executed on DuckDB. */
class PartitionAndListTest extends DuckDbTestBase {
    private static final String T = "datatable(g:string, v:long)['a', 1, 'a', 5, 'a', 3, 'b', 2, 'b', 9, 'c', 4]";

    @Test
    void makeList_ofArrays_spreadsTheirElements() throws Exception {
        assertThat(rows("datatable(x:dynamic)[dynamic([1, 2]), dynamic(3), dynamic([4])] | summarize l = make_list(x)"))
                .containsExactly(List.of("[1,2,3,4]"));
    }

    @Test
    void makeList_ofPackedArrays_keepsOneLevelOfNesting() throws Exception {
        assertThat(rows("datatable(x:dynamic)[dynamic([1, 2]), dynamic([3])] | summarize l = make_list(pack_array(x))"))
                .containsExactly(List.of("[[1,2],[3]]"));
    }

    @Test
    void makeListIf_ofArrays_spreadsOnlyTheRowsThatPass() throws Exception {
        assertThat(rows("datatable(x:dynamic, k:long)[dynamic([1, 2]), 1, dynamic([3]), 0, dynamic([4, 5]), 1] "
                + "| summarize l = make_list_if(x, k == 1)"))
                .containsExactly(List.of("[1,2,4,5]"));
    }

    @Test
    void makeListWithNulls_keepsNullsAsJsonNulls() throws Exception {
        assertThat(rows("datatable(x:long)[1, long(null), 3] | summarize make_list_with_nulls(x)"))
                .containsExactly(List.of("[1,null,3]"));
        assertThat(rows("datatable(x:dynamic)[dynamic([1, 2]), dynamic(null)] | summarize l = make_list_with_nulls(x)"))
                .containsExactly(List.of("[1,2,null]"));
    }

    @Test
    void partition_topPerKey_keepsTheLargestOfEachPartition() throws Exception {
        assertThat(rows(T + " | partition hint.strategy=native by g (top 1 by v desc) | order by g asc"))
                .containsExactly(List.of("a", 5L), List.of("b", 9L), List.of("c", 4L));
    }

    @Test
    void partition_summarizeWithoutBy_yieldsOneRowPerPartitionWithoutTheKey() throws Exception {
        assertThat(rows(T + " | partition by g (summarize s = sum(v)) | order by s asc"))
                .containsExactly(List.of(4L), List.of(9L), List.of(11L));
    }

    @Test
    void partition_count_countsTheRowsOfEachPartition() throws Exception {
        assertThat(rows(T + " | partition by g (count) | order by Count asc"))
                .containsExactly(List.of(1L), List.of(2L), List.of(3L));
    }

    @Test
    void partition_filterThenTake_runsOnEachPartition() throws Exception {
        assertThat(rows(T + " | partition by g (where v > 1 | project v | take 1) | count"))
                .containsExactly(List.of(3L));
    }

    @Test
    void partition_withOwnSource_readsTheKeyThroughToscalar() throws Exception {
        assertThat(rows("let L = datatable(n:long)[1, 2, 3]; datatable(k:long)[2, 3, 3] "
                + "| partition hint.strategy=legacy by k { L | where n >= toscalar(k) | extend key = toscalar(k) } | order by key asc, n asc"))
                .containsExactly(List.of(2L, 2L), List.of(3L, 2L), List.of(3L, 3L));
    }

    @Test
    void partition_withOwnSource_summarizeAfterFilter_isRefused() {
        assertThatThrownBy(() -> TestSupport.compile("let L = datatable(n:long)[1]; datatable(k:long)[2] "
                + "| partition by k { L | where n > toscalar(k) | summarize c = count() }"))
                .isInstanceOf(KqlException.class).hasMessageContaining("summarize without 'by'");
    }
}
