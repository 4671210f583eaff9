package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** evaluate active_users_count on DuckDB. */
class ActiveUsersCountPluginTest extends DuckDbTestBase {
    private static final String DOC_ROWS = """
            let T = datatable(User:string, Timestamp:datetime)[
                "B", datetime(2018-06-29), "B", datetime(2018-06-30), "A", datetime(2018-07-02), "B", datetime(2018-07-04),
                "B", datetime(2018-07-08), "A", datetime(2018-07-10), "A", datetime(2018-07-14), "A", datetime(2018-07-17),
                "A", datetime(2018-07-20), "B", datetime(2018-07-24)];
            """;

    private static List<String> columns(String kql) {
        return TestSupport.compile(kql).columns().stream().map(OutputColumn::name).toList();
    }

    @Test
    void activeUsersCount_documentedExample_countsUsersSeenOnThreeDaysOfTheEightBefore() throws Exception {
        String q = DOC_ROWS + "T | evaluate active_users_count(User, Timestamp, datetime(2018-07-01), datetime(2018-07-31), 8d, 1d, 3, 7d)"
                + " | order by Timestamp asc";
        assertThat(columns(q)).containsExactly("Timestamp", "dcount");
        assertThat(rows(q)).containsExactly(List.of(LocalDateTime.of(2018, 7, 1, 0, 0), 1L), List.of(LocalDateTime.of(2018, 7, 15, 0, 0), 1L));
    }

    @Test
    void activeUsersCount_matchesAPairwiseFormulation_onAThousandAppearances() throws Exception {
        String data = "let R = range i from 0 to 999 step 1 | project u = strcat('u', i % 23), t = datetime(2018-06-20) + ((i * 7919) % 997) * 1h,"
                + " site = iff(i % 3 == 0, 'x', 'y');";
        String plugin = data + " R | evaluate active_users_count(u, t, datetime(2018-07-01), datetime(2018-07-31), 5d, 1d, 3, 7d, site)"
                + " | order by site asc, t asc";
        String pairwise = data + " R | where t >= datetime(2018-07-01) and t <= datetime(2018-07-31)"
                + " | extend b = datetime(2018-07-01) + bin(t - datetime(2018-07-01), 7d)"
                + " | join kind=inner (R | project u2 = u, t2 = t, site2 = site) on $left.u == $right.u2, $left.site == $right.site2"
                + " | where t2 > t - 5d and t2 <= t"
                + " | summarize n = count_distinct(datetime(2018-07-01) + bin(t2 - datetime(2018-07-01), 1d)) by u, t, b, site"
                + " | where n >= 3 | summarize dcount = count_distinct(u) by b, site | order by site asc, b asc";
        List<List<Object>> expected = rows(pairwise);
        assertThat(expected).hasSizeGreaterThan(3);
        assertThat(columns(plugin)).containsExactly("t", "site", "dcount");
        assertThat(rows(plugin)).containsExactlyElementsOf(expected.stream().map(r -> List.of(r.get(0), r.get(1), r.get(2))).toList());
    }

    @Test
    void activeUsersCount_emptyInput_givesNoRows() throws Exception {
        assertThat(rows("datatable(u:string, t:datetime)[] | evaluate active_users_count(u, t, datetime(2018-07-01),"
                + " datetime(2018-07-31), 8d, 1d, 3, 7d)")).isEmpty();
    }

    @Test
    void activeUsersCount_missingBin_orAStringCount_isReported() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(u:string, t:datetime)[] | evaluate active_users_count(u, t,"
                + " datetime(2018-07-01), datetime(2018-07-31), 8d, 1d, 3)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("Bin").hasMessageContaining("line 1, column 46");
        assertThatThrownBy(() -> TestSupport.compile("datatable(u:string, t:datetime)[] | evaluate active_users_count(u, t,"
                + " datetime(2018-07-01), datetime(2018-07-31), 8d, 1d, 'three', 7d)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("ActivePeriodsCount").hasMessageContaining("line 1, column 123");
    }
}
