package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A let-bound row set read twice, under the row limit every hunting query gets. */
class LetSelfJoinTest extends DuckDbTestBase {
    private static List<List<Object>> limited(String kql) throws Exception {
        return db.run(KqlCompiler.compile(kql, TestSupport.options().withRowLimit(100)));
    }

    @Test
    void datatableJoinedWithItself_underRowLimit_keepsValues() throws Exception {
        String q = "let T = datatable(SessionId:string, EventType:string, Timestamp:datetime)"
                + "['0', 'A', datetime(2017-10-01 00:00:00), '0', 'B', datetime(2017-10-01 00:01:00)];"
                + " T | where EventType == 'A' | project SessionId, Start=Timestamp"
                + " | join kind=inner (T | where EventType == 'B' | project SessionId, End=Timestamp) on SessionId"
                + " | where (End - Start) between (0min .. 1min) | project SessionId, Start, End";
        List<List<Object>> rows = limited(q);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(0)).isEqualTo("0");
        assertThat(rows.get(0).get(1)).isNotNull();
    }

    @Test
    void constantLet_rendersMaterialized_tableLetDoesNot() {
        assertThat(TestSupport.compile("let T = datatable(a:long)[1, 2]; T | join (T) on a").sql()).contains("MATERIALIZED");
        assertThat(TestSupport.compile("let T = Events | where FileSize > 1; T | join (T) on DeviceId").sql()).doesNotContain("MATERIALIZED");
    }
}
