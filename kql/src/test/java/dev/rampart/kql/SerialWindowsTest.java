package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Window functions with a restart predicate or a dependence on the previous row, executed on DuckDB. */
class SerialWindowsTest extends DuckDbTestBase {
    private static final String GROUPS = "datatable(g: string, v: long)['b', 5, 'a', 2, 'b', 1, 'a', 2, 'a', 7] | sort by g asc, v asc";

    @Test
    void rowNumber_withRestart_startsAgainInEachGroup() throws Exception {
        assertThat(rows(GROUPS + " | extend n = row_number(10, g != prev(g)) | project g, n"))
                .containsExactly(List.of("a", 10L), List.of("a", 11L), List.of("a", 12L), List.of("b", 10L), List.of("b", 11L));
    }

    @Test
    void rowCumsum_withRestart_sumsWithinEachGroup() throws Exception {
        assertThat(rows(GROUPS + " | extend s = row_cumsum(v, g != prev(g)) | project s"))
                .containsExactly(List.of(2L), List.of(4L), List.of(11L), List.of(1L), List.of(6L));
    }

    @Test
    void rowRankDense_countsDistinctRuns_andRowRankMin_isThePositionOfTheRunsFirstRow() throws Exception {
        assertThat(rows(GROUPS + " | extend d = row_rank_dense(v), m = row_rank_min(v), dg = row_rank_dense(v, g != prev(g)),"
                + " mg = row_rank_min(v, g != prev(g)) | project d, m, dg, mg"))
                .containsExactly(List.of(1L, 1L, 1L, 1L), List.of(1L, 1L, 1L, 1L), List.of(2L, 3L, 2L, 3L),
                        List.of(3L, 4L, 1L, 1L), List.of(4L, 5L, 2L, 2L));
    }

    @Test
    void windowFunctions_keepTheSerializedRowOrder() throws Exception {
        assertThat(rows("range x from 1 to 6 step 1 | sort by x desc | extend n = row_number(1, x % 2 == 0) | project x, n"))
                .containsExactly(List.of(6L, 1L), List.of(5L, 2L), List.of(4L, 1L), List.of(3L, 2L), List.of(2L, 1L), List.of(1L, 2L));
    }

    @Test
    void rowWindowSession_startsANewSessionPastTheGapOrTheMaximumLength() throws Exception {
        List<List<Object>> rows = rows("""
                datatable(t: datetime)[datetime(2024-01-01 10:00), datetime(2024-01-01 10:04), datetime(2024-01-01 10:08),
                  datetime(2024-01-01 10:12), datetime(2024-01-01 10:30), datetime(2024-01-01 10:31)]
                | sort by t asc | extend s = row_window_session(t, 10m, 5m) | project s""");
        LocalDateTime ten = LocalDateTime.of(2024, 1, 1, 10, 0);
        assertThat(rows).containsExactly(List.of(ten), List.of(ten), List.of(ten), List.of(ten.plusMinutes(12)),
                List.of(ten.plusMinutes(30)), List.of(ten.plusMinutes(30)));
    }

    @Test
    void rowWindowSession_restartPredicate_opensASession() throws Exception {
        List<List<Object>> rows = rows("""
                datatable(id: string, t: datetime)['a', datetime(2024-01-01 10:00), 'b', datetime(2024-01-01 10:01)]
                | sort by t asc | extend s = row_window_session(t, 1h, 1h, id != prev(id)) | project s""");
        LocalDateTime ten = LocalDateTime.of(2024, 1, 1, 10, 0);
        assertThat(rows).containsExactly(List.of(ten), List.of(ten.plusMinutes(1)));
    }

    @Test
    void where_overARestartingRowNumber_keepsTheFirstRowsOfEachGroup() throws Exception {
        assertThat(rows(GROUPS + " | where row_number(1, g != prev(g)) <= 2 | project g, v"))
                .containsExactly(List.of("a", 2L), List.of("a", 2L), List.of("b", 1L), List.of("b", 5L));
    }
}
