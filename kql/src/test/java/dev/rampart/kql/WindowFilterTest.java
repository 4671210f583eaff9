package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** where conditions holding a window function over the serialized rows; executed on DuckDB. */
class WindowFilterTest extends DuckDbTestBase {
    private static final String ROWS = "datatable(Name: string, N: long)['a', 5, 'b', 7, 'c', 7, 'd', 1, 'e', 9]";

    @Test
    void whereRowNumber_afterSerialize_keepsTheRowAtThatPosition() throws Exception {
        assertThat(rows(ROWS + " | serialize | where row_number() == 3")).containsExactly(List.of("c", 7L));
    }

    @Test
    void whereRowNumber_comparedWithALetScalar_keepsTheRowAtThatPosition() throws Exception {
        assertThat(rows("let Pick = toscalar(" + ROWS + " | count) - 1;\n" + ROWS + " | serialize | where row_number() == Pick"))
                .containsExactly(List.of("d", 1L));
    }

    @Test
    void whereRowNumber_afterSort_countsInSortedOrder_andLaterOperatorsSeeOnlyTheInputColumns() throws Exception {
        assertThat(rows(ROWS + " | sort by N desc, Name asc | where row_number() <= 2 | extend M = N * 2"))
                .containsExactly(List.of("e", 9L, 18L), List.of("b", 7L, 14L));
    }

    @Test
    void wherePrev_keepsRowsDifferingFromThePreviousOne_inOrder() throws Exception {
        assertThat(rows(ROWS + " | serialize | where N != prev(N, 1, 0) | project Name"))
                .containsExactly(List.of("a"), List.of("b"), List.of("d"), List.of("e"));
    }

    @Test
    void whereRowCumsum_keepsRowsWhileTheRunningTotalIsSmall() throws Exception {
        assertThat(rows(ROWS + " | serialize | where row_cumsum(N) <= 12 and isnotempty(next(Name)) | project Name"))
                .containsExactly(List.of("a"), List.of("b"));
    }
}
