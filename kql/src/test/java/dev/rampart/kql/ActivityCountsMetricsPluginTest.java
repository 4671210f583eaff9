package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** evaluate activity_counts_metrics on DuckDB. */
class ActivityCountsMetricsPluginTest extends DuckDbTestBase {
    private static final String DOC_ROWS = """
            let T = datatable(UserId:string, Timestamp:datetime)[
            'A', datetime(2017-08-01), 'D', datetime(2017-08-01), 'J', datetime(2017-08-01), 'B', datetime(2017-08-01),
            'C', datetime(2017-08-02), 'T', datetime(2017-08-02), 'J', datetime(2017-08-02), 'H', datetime(2017-08-03),
            'T', datetime(2017-08-03), 'T', datetime(2017-08-03), 'J', datetime(2017-08-03), 'B', datetime(2017-08-03),
            'S', datetime(2017-08-03), 'S', datetime(2017-08-04)];
            """;

    private static List<String> columns(String kql) {
        return TestSupport.compile(kql).columns().stream().map(OutputColumn::name).toList();
    }

    private static LocalDateTime day(int d) {
        return LocalDateTime.of(2017, 8, d, 0, 0);
    }

    @Test
    void activityCountsMetrics_documentedExample_countsNewAndAggregatedDistinctIdsPerDay() throws Exception {
        String q = DOC_ROWS + "T | evaluate activity_counts_metrics(UserId, Timestamp, datetime(2017-08-01), datetime(2017-08-04), 1d)"
                + " | order by Timestamp asc";
        assertThat(columns(q)).containsExactly("Timestamp", "count", "dcount", "new_dcount", "aggregated_dcount");
        assertThat(rows(q)).containsExactly(List.of(day(1), 4L, 4L, 4L, 4L), List.of(day(2), 3L, 3L, 2L, 6L),
                List.of(day(3), 6L, 5L, 2L, 8L), List.of(day(4), 1L, 1L, 0L, 8L));
    }

    @Test
    void activityCountsMetrics_dimensions_keepTheirOwnHistory() throws Exception {
        String q = "datatable(u:string, t:datetime, site:string)['a', datetime(2017-08-01), 'x', 'b', datetime(2017-08-02), 'x',"
                + " 'a', datetime(2017-08-02), 'x', 'a', datetime(2017-08-02), 'y', 'c', datetime(2017-08-03), 'y',"
                + " 'z', datetime(2017-08-05), 'y']"
                + " | evaluate activity_counts_metrics(u, t, datetime(2017-08-01), datetime(2017-08-04), 1d, site) | order by site asc, t asc";
        assertThat(columns(q)).containsExactly("t", "site", "count", "dcount", "new_dcount", "aggregated_dcount");
        assertThat(rows(q)).containsExactly(List.of(day(1), "x", 1L, 1L, 1L, 1L), List.of(day(2), "x", 2L, 2L, 1L, 2L),
                List.of(day(2), "y", 1L, 1L, 1L, 1L), List.of(day(3), "y", 1L, 1L, 1L, 2L));
    }

    @Test
    void activityCountsMetrics_monthStep_periodsStartAtStartOfMonth() throws Exception {
        String q = "datatable(u:string, t:datetime)['a', datetime(2017-08-05), 'b', datetime(2017-08-20), 'a', datetime(2017-09-02)]"
                + " | evaluate activity_counts_metrics(u, t, datetime(2017-08-01), datetime(2017-09-30), 'month') | order by t asc";
        assertThat(rows(q)).containsExactly(List.of(day(1), 2L, 2L, 2L, 2L), List.of(LocalDateTime.of(2017, 9, 1, 0, 0), 1L, 1L, 0L, 2L));
    }

    @Test
    void activityCountsMetrics_emptyInput_givesNoRows() throws Exception {
        assertThat(rows("datatable(u:string, t:datetime)[] | evaluate activity_counts_metrics(u, t, datetime(2017-08-01),"
                + " datetime(2017-08-07), 1d)")).isEmpty();
    }

    @Test
    void activityCountsMetrics_missingStep_orATimelineExpression_areReportedWithTheirPosition() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(u:string, t:datetime)[] | evaluate activity_counts_metrics(u, t,"
                + " datetime(2017-08-01), datetime(2017-08-07))"))
                .isInstanceOf(KqlException.class).hasMessageContaining("Step").hasMessageContaining("line 1, column 46");
        assertThatThrownBy(() -> TestSupport.compile("datatable(u:string, t:datetime)[] | evaluate activity_counts_metrics(u, t + 1d,"
                + " datetime(2017-08-01), datetime(2017-08-07), 1d)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("TimelineColumn").hasMessageContaining("line 1, column 73");
    }
}
