package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** evaluate activity_metrics on DuckDB. */
class ActivityMetricsPluginTest extends DuckDbTestBase {
    private static final String ROWS = "datatable(u:string, t:datetime)['a', datetime(2017-08-01), 'b', datetime(2017-08-01),"
            + " 'c', datetime(2017-08-01), 'a', datetime(2017-08-02), 'b', datetime(2017-08-02), 'd', datetime(2017-08-02),"
            + " 'd', datetime(2017-08-03), 'd', datetime(2017-08-03), 'e', datetime(2017-08-03), 'a', datetime(2017-08-05)]";

    private static List<String> columns(String kql) {
        return TestSupport.compile(kql).columns().stream().map(OutputColumn::name).toList();
    }

    private static LocalDateTime day(int d) {
        return LocalDateTime.of(2017, 8, d, 0, 0);
    }

    @Test
    void activityMetrics_comparesEachPeriodWithTheOneJustBefore_nanWithoutAPreviousPeriod() throws Exception {
        String q = ROWS + " | evaluate activity_metrics(u, t, datetime(2017-08-01), datetime(2017-08-05), 1d) | order by t asc";
        assertThat(columns(q)).containsExactly("t", "dcount_values", "dcount_newvalues", "retention_rate", "churn_rate");
        List<List<Object>> r = rows(q);
        assertThat(r).hasSize(4);
        assertThat(r.get(0)).containsExactly(day(1), 3L, 3L, Double.NaN, Double.NaN);
        assertThat(r.get(1).subList(0, 3)).containsExactly(day(2), 3L, 1L);
        assertThat((Double) r.get(1).get(3)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat((Double) r.get(1).get(4)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(r.get(2).subList(0, 3)).containsExactly(day(3), 2L, 1L);
        assertThat((Double) r.get(2).get(3)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(r.get(3)).containsExactly(day(5), 1L, 1L, Double.NaN, Double.NaN);
    }

    @Test
    void activityMetrics_withoutStartEnd_andWithADimension_putsTheDimensionLast() throws Exception {
        String q = ROWS + " | extend site = iff(u == 'a', 'x', 'y') | evaluate activity_metrics(u, t, 1d, site) | where t == datetime(2017-08-02)"
                + " | order by site asc";
        assertThat(columns(q)).containsExactly("t", "dcount_values", "dcount_newvalues", "retention_rate", "churn_rate", "site");
        assertThat(rows(q)).containsExactly(List.of(day(2), 1L, 0L, 1.0, 0.0, "x"), List.of(day(2), 2L, 1L, 0.5, 0.5, "y"));
    }

    @Test
    void activityMetrics_documentedWeeklyQueryShape_retentionAndChurnAddUpToOne() throws Exception {
        String q = """
                let _start = datetime(2017-01-02);
                let _end = datetime(2017-05-31);
                range _day from _start to _end step 1d
                | extend d = tolong((_day - _start)/1d)
                | extend r = 1.5
                | extend _users=range(tolong(d*50*r), tolong(d*50*r+200*r-1), 1)
                | mv-expand id=_users to typeof(long) limit 1000000
                | evaluate activity_metrics(['id'], _day, _start, _end, 7d)
                | order by _day asc
                """;
        List<List<Object>> r = rows(q);
        assertThat(r).hasSize(22);
        assertThat(r.get(0).get(0)).isEqualTo(LocalDateTime.of(2017, 1, 2, 0, 0));
        assertThat(r.get(0).get(1)).isEqualTo(r.get(0).get(2));
        assertThat(r.get(21).get(0)).isEqualTo(LocalDateTime.of(2017, 5, 29, 0, 0));
        for (List<Object> row : r.subList(1, 22)) {
            assertThat((Double) row.get(3) + (Double) row.get(4)).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void activityMetrics_emptyInput_givesNoRows() throws Exception {
        assertThat(rows("datatable(u:string, t:datetime)[] | evaluate activity_metrics(u, t, 7d)")).isEmpty();
    }

    @Test
    void activityMetrics_badWindow_isReportedWithItsPosition() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(u:string, t:datetime)[] | evaluate activity_metrics(u, t, 'day')"))
                .isInstanceOf(KqlException.class).hasMessageContaining("Window").hasMessageContaining("line 1, column 69");
        assertThatThrownBy(() -> TestSupport.compile("datatable(u:string, t:datetime)[] | evaluate activity_metrics(u)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("activity_metrics(IdColumn");
    }
}
