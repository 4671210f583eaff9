package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** evaluate activity_engagement on DuckDB. */
class ActivityEngagementPluginTest extends DuckDbTestBase {
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
    void activityEngagement_dividesTheDaysIdsByThoseOfTheTwoDaysEndingWithIt() throws Exception {
        String q = ROWS + " | evaluate activity_engagement(u, t, datetime(2017-08-01), datetime(2017-08-05), 1d, 2d) | order by t asc";
        assertThat(columns(q)).containsExactly("t", "dcount_activities_inner", "dcount_activities_outer", "activity_ratio");
        assertThat(rows(q)).containsExactly(List.of(day(1), 3L, 3L, 1.0), List.of(day(2), 3L, 4L, 0.75), List.of(day(3), 2L, 4L, 0.5),
                List.of(day(5), 1L, 1L, 1.0));
    }

    @Test
    void activityEngagement_withoutStartEnd_startAndEndBoundTheRows_andDimensionsComeLast() throws Exception {
        String q = ROWS + " | extend site = iff(u in ('a', 'b'), 'x', 'y')"
                + " | evaluate activity_engagement(u, t, 1d, 3d, site) | where t == datetime(2017-08-03) | order by site asc";
        assertThat(columns(q)).containsExactly("t", "dcount_activities_inner", "dcount_activities_outer", "activity_ratio", "site");
        assertThat(rows(q)).containsExactly(List.of(day(3), 2L, 3L, 2.0 / 3, "y"));
        assertThat(rows(ROWS + " | evaluate activity_engagement(u, t, datetime(2017-08-02), datetime(2017-08-03), 1d, 7d)"
                + " | order by t asc")).containsExactly(List.of(day(2), 3L, 3L, 1.0), List.of(day(3), 2L, 4L, 0.5));
    }

    @Test
    void activityEngagement_documentedDauWauQueryShape_givesEveryDayWithARatioUpToOne() throws Exception {
        String q = """
                let _start = datetime(2017-01-01);
                let _end = datetime(2017-01-31);
                range _day from _start to _end step 1d
                | extend d = tolong((_day - _start)/1d)
                | extend r = 1.5
                | extend _users=range(tolong(d*50*r), tolong(d*50*r+100*r-1), 1)
                | mv-expand id=_users to typeof(long) limit 1000000
                | evaluate activity_engagement(['id'], _day, _start, _end, 1d, 7d)
                | project _day, Dau_Wau=activity_ratio*100
                | order by _day asc
                """;
        List<List<Object>> r = rows(q);
        assertThat(r).hasSize(31);
        assertThat(r.get(0)).containsExactly(LocalDateTime.of(2017, 1, 1, 0, 0), 100.0);
        // From the seventh day on the week holds 75 ids a day for 7 days, all distinct but for the overlaps of 150-wide ranges.
        assertThat(r.stream().map(x -> (Double) x.get(1)).toList()).allMatch(v -> v > 0 && v <= 100.0);
    }

    @Test
    void activityEngagement_emptyInput_givesNoRows() throws Exception {
        assertThat(rows("datatable(u:string, t:datetime)[] | evaluate activity_engagement(u, t, 1d, 7d)")).isEmpty();
    }

    @Test
    void activityEngagement_missingOuterWindow_orAStringInnerWindow_isReported() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(u:string, t:datetime)[] | evaluate activity_engagement(u, t, 1d)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("activity_engagement(IdColumn");
        assertThatThrownBy(() -> TestSupport.compile("datatable(u:string, t:datetime)[] | evaluate activity_engagement(u, t, 'x', 7d)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("InnerActivityWindow").hasMessageContaining("line 1, column 72");
    }
}
