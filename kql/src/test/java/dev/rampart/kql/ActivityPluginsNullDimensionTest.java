package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A null value of a non-string dimension is a group of its own in the activity plugins, as it is in summarize. */
class ActivityPluginsNullDimensionTest extends DuckDbTestBase {
    private static final String ROWS = "datatable(u:string, t:datetime, k:long)['a', datetime(2020-01-01), long(null),"
            + " 'b', datetime(2020-01-02), long(null), 'a', datetime(2020-01-02), 1]";

    private static LocalDateTime day(int d) {
        return LocalDateTime.of(2020, 1, d, 0, 0);
    }

    @Test
    void activityCountsMetrics_nullDimension_keepsItsHistory() throws Exception {
        assertThat(rows(ROWS + " | evaluate activity_counts_metrics(u, t, datetime(2020-01-01), datetime(2020-01-03), 1d, k)"))
                .containsExactlyInAnyOrder(Arrays.asList(day(1), null, 1L, 1L, 1L, 1L), Arrays.asList(day(2), null, 1L, 1L, 1L, 2L),
                        List.of(day(2), 1L, 1L, 1L, 1L, 1L));
    }

    @Test
    void activityMetrics_nullDimension_comparesWithItsOwnPreviousPeriod() throws Exception {
        assertThat(rows(ROWS + " | evaluate activity_metrics(u, t, datetime(2020-01-01), datetime(2020-01-03), 1d, k)"))
                .containsExactlyInAnyOrder(Arrays.asList(day(1), 1L, 1L, Double.NaN, Double.NaN, null),
                        Arrays.asList(day(2), 1L, 1L, 0.0, 1.0, null), List.of(day(2), 1L, 1L, Double.NaN, Double.NaN, 1L));
    }

    @Test
    void slidingWindowCountsAndEngagement_nullDimension_countsItsWindow() throws Exception {
        assertThat(rows(ROWS + " | evaluate sliding_window_counts(u, t, datetime(2020-01-01), datetime(2020-01-02), 2d, 1d, k)"))
                .containsExactlyInAnyOrder(Arrays.asList(day(1), null, 1L, 1L), Arrays.asList(day(2), null, 2L, 2L),
                        List.of(day(2), 1L, 1L, 1L));
        assertThat(rows(ROWS + " | evaluate activity_engagement(u, t, datetime(2020-01-01), datetime(2020-01-03), 1d, 2d, k)"
                + " | where t == datetime(2020-01-02) and isnull(k)")).containsExactly(Arrays.asList(day(2), 1L, 2L, 0.5, null));
    }

    @Test
    void sequenceDetect_nullDimension_correlatesItsRows() throws Exception {
        assertThat(rows("datatable(t:long, e:string, k:long)[1, 'x', long(null), 2, 'y', long(null), 3, 'y', 1]"
                + " | evaluate sequence_detect(t, 5, 5, a = (e == 'x'), b = (e == 'y'), k)"))
                .containsExactly(Arrays.asList(null, 1L, 2L, 1L));
    }
}
