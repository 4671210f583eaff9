package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** evaluate session_count on DuckDB. */
class SessionCountPluginTest extends DuckDbTestBase {
    private static final String DOC_DATA = """
            let _data = range Timeline from 1 to 9999 step 1
                | extend __key = 1
                | join kind=inner (range Id from 1 to 50 step 1 | extend __key=1) on __key
                | where Timeline % Id == 0
                | project Timeline, Id;
            """;

    private static List<String> columns(String kql) {
        return TestSupport.compile(kql).columns().stream().map(OutputColumn::name).toList();
    }

    @Test
    void sessionCount_documentedExample_followsTheChart() throws Exception {
        String q = DOC_DATA + "_data | evaluate session_count(Id, Timeline, 1, 10000, 100, 41) | order by Timeline asc";
        assertThat(columns(q)).containsExactly("Timeline", "count_sessions");
        List<List<Object>> r = rows(q);
        assertThat(r).hasSize(100);
        // Ids 1..41 keep one session each; every appearance of ids 42..50 (further apart than 41) starts one.
        assertThat(r.subList(0, 25).stream().map(x -> x.get(1)).toList()).containsExactly(58L, 18L, 19L, 20L, 19L, 20L, 19L, 21L,
                18L, 20L, 19L, 20L, 20L, 20L, 19L, 21L, 18L, 19L, 22L, 18L, 18L, 20L, 20L, 21L, 21L);
        assertThat(r.get(99)).containsExactly(9900L, 21L);
    }

    @Test
    void sessionCount_gapsLongerThanTheLookbackStartNewSessions_perDimension() throws Exception {
        String q = "datatable(u:string, t:datetime, site:string)['a', datetime(2020-01-01 00:00), 'x', 'a', datetime(2020-01-01 00:20), 'x',"
                + " 'a', datetime(2020-01-01 01:50), 'x', 'b', datetime(2020-01-01 00:10), 'x', 'a', datetime(2020-01-01 00:25), 'y',"
                + " 'a', datetime(2020-01-01 02:15), 'x', 'a', datetime(2020-01-01 03:00), 'x']"
                + " | evaluate session_count(u, t, datetime(2020-01-01), datetime(2020-01-02), 1h, 30m, site) | order by site asc, t asc";
        assertThat(columns(q)).containsExactly("t", "site", "count_sessions");
        LocalDateTime h0 = LocalDateTime.of(2020, 1, 1, 0, 0);
        assertThat(rows(q)).containsExactly(List.of(h0, "x", 2L), List.of(h0.plusHours(1), "x", 1L), List.of(h0.plusHours(2), "x", 0L),
                List.of(h0.plusHours(3), "x", 1L), List.of(h0, "y", 1L));
    }

    @Test
    void sessionCount_emptyInput_givesNoRows() throws Exception {
        assertThat(rows("datatable(u:string, t:datetime)[] | evaluate session_count(u, t, datetime(2020-01-01), datetime(2020-01-02), 1h, 30m)"))
                .isEmpty();
    }

    @Test
    void sessionCount_missingLookback_orAStringBin_isReported() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(u:string, t:datetime)[] | evaluate session_count(u, t, 1, 2, 1)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("LookBackWindow").hasMessageContaining("line 1, column 46");
        assertThatThrownBy(() -> TestSupport.compile("datatable(u:long, t:long)[] | evaluate session_count(u, t, 1, 2, 'x', 1)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("Bin").hasMessageContaining("line 1, column 66");
    }
}
