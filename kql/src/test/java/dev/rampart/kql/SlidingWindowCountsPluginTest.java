package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** evaluate sliding_window_counts on DuckDB. */
class SlidingWindowCountsPluginTest extends DuckDbTestBase {
    private static final String DOC_ROWS = """
            let T = datatable(UserId: string, Timestamp: datetime)[
              'Bob', datetime(2017-08-01), 'David', datetime(2017-08-01), 'David', datetime(2017-08-01),
              'John', datetime(2017-08-01), 'Bob', datetime(2017-08-01), 'Ananda', datetime(2017-08-02),
              'Atul', datetime(2017-08-02), 'John', datetime(2017-08-02), 'Ananda', datetime(2017-08-03),
              'Atul', datetime(2017-08-03), 'Atul', datetime(2017-08-03), 'John', datetime(2017-08-03),
              'Bob', datetime(2017-08-03), 'Betsy', datetime(2017-08-04), 'Bob', datetime(2017-08-05)];
            """;

    private static List<String> columns(String kql) {
        return TestSupport.compile(kql).columns().stream().map(OutputColumn::name).toList();
    }

    private static LocalDateTime day(int d) {
        return LocalDateTime.of(2017, 8, d, 0, 0);
    }

    @Test
    void slidingWindowCounts_documentedExample_countsRowsAndDistinctIdsOfTheThreeDaysEndingEachDay() throws Exception {
        String q = DOC_ROWS + "T | evaluate sliding_window_counts(UserId, Timestamp, datetime(2017-08-01), datetime(2017-08-07), 3d, 1d)"
                + " | order by Timestamp asc";
        assertThat(columns(q)).containsExactly("Timestamp", "count", "dcount");
        assertThat(rows(q)).containsExactly(List.of(day(1), 5L, 3L), List.of(day(2), 8L, 5L), List.of(day(3), 13L, 5L),
                List.of(day(4), 9L, 5L), List.of(day(5), 7L, 5L), List.of(day(6), 2L, 2L), List.of(day(7), 1L, 1L));
    }

    @Test
    void slidingWindowCounts_lookbackNotAMultipleOfTheBin_isRoundedDownToWholeBins() throws Exception {
        String q = DOC_ROWS + "T | evaluate sliding_window_counts(UserId, Timestamp, datetime(2017-08-01), datetime(2017-08-03), 47h, 1d)"
                + " | order by Timestamp asc";
        assertThat(rows(q)).containsExactly(List.of(day(1), 5L, 3L), List.of(day(2), 3L, 3L), List.of(day(3), 5L, 4L));
    }

    @Test
    void slidingWindowCounts_dimensions_sliceTheCounts_andRowsOutsideStartEndAreNotCounted() throws Exception {
        String q = "datatable(u:string, t:datetime, site:string)['a', datetime(2017-07-31), 'x', 'a', datetime(2017-08-01), 'x',"
                + " 'b', datetime(2017-08-02), 'x', 'a', datetime(2017-08-02), 'y', 'c', datetime(2017-08-09), 'x']"
                + " | evaluate sliding_window_counts(u, t, datetime(2017-08-01), datetime(2017-08-03), 2d, 1d, site)"
                + " | order by site asc, t asc";
        assertThat(columns(q)).containsExactly("t", "site", "count", "dcount");
        assertThat(rows(q)).containsExactly(List.of(day(1), "x", 1L, 1L), List.of(day(2), "x", 2L, 2L), List.of(day(3), "x", 1L, 1L),
                List.of(day(2), "y", 1L, 1L), List.of(day(3), "y", 1L, 1L));
    }

    @Test
    void slidingWindowCounts_weekBins_startAtStartOfWeek() throws Exception {
        String q = DOC_ROWS + "T | evaluate sliding_window_counts(UserId, Timestamp, datetime(2017-08-01), datetime(2017-08-14), 14d, 'week')"
                + " | order by Timestamp asc";
        assertThat(rows(q)).containsExactly(List.of(LocalDateTime.of(2017, 7, 30, 0, 0), 15L, 6L),
                List.of(LocalDateTime.of(2017, 8, 6, 0, 0), 15L, 6L));
    }

    @Test
    void slidingWindowCounts_numericTimeline_binsFromStart() throws Exception {
        String q = "datatable(u:string, t:long)['a', 1, 'b', 2, 'a', 3, 'c', 7, 'c', 12] | evaluate sliding_window_counts(u, t, 1, 10, 6, 3)"
                + " | order by t asc";
        assertThat(rows(q)).containsExactly(List.of(1L, 3L, 2L), List.of(4L, 3L, 2L), List.of(7L, 1L, 1L), List.of(10L, 1L, 1L));
    }

    @Test
    void slidingWindowCounts_timelineOfAnotherKindThanStart_isReportedAtTheTimeline() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(u:string, t:string)[] | evaluate sliding_window_counts(u, t,"
                + " datetime(2017-08-01), datetime(2017-08-07), 3d, 1d)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("timeline column is string").hasMessageContaining("line 1, column 69");
    }

    @Test
    void slidingWindowCounts_emptyInput_givesNoRows() throws Exception {
        assertThat(rows("datatable(u:string, t:datetime)[] | evaluate sliding_window_counts(u, t, datetime(2017-08-01),"
                + " datetime(2017-08-07), 3d, 1d)")).isEmpty();
    }

    @Test
    void slidingWindowCounts_tooFewArguments_orAStringStart_areReportedWithTheirPosition() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(u:string, t:datetime)[] | evaluate sliding_window_counts(u, t, 3d)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("LookbackWindow").hasMessageContaining("line 1, column");
        assertThatThrownBy(() -> TestSupport.compile("datatable(u:string, t:datetime)[] | evaluate sliding_window_counts(u, t, 'x',"
                + " datetime(2017-08-07), 3d, 1d)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("Start").hasMessageContaining("line 1, column 74");
        assertThatThrownBy(() -> TestSupport.compile("datatable(u:string, t:datetime)[] | evaluate sliding_window_counts(u, t,"
                + " datetime(2017-08-01), datetime(2017-08-07), 3d, 'fortnight')"))
                .isInstanceOf(KqlException.class).hasMessageContaining("Bin");
    }
}
