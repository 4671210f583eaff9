package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * evaluate autocluster on DuckDB. Expected patterns follow the score sqrt(size * info) of the default SizeWeight 0.5:
 * for the weights 4, 3, 3, 1 (total 11), seed (cmd, alice, h1) scores sqrt(4/11) = 0.603 and climbs to (cmd, alice)
 * with sqrt(7/11 * 2/3) = 0.651, which the seed (cmd, alice, h2) reaches too; every column of (ps, bob, h3) or
 * (net, carol, h4) is needed, as dropping one keeps the size and lowers the informativeness.
 */
class AutoclusterPluginTest extends DuckDbTestBase {
    private static final String PROCS = "datatable(Process:string, User:string, Host:string, n:long)["
            + "'cmd','alice','h1',4, 'cmd','alice','h2',3, 'ps','bob','h3',3, 'net','carol','h4',1]";

    private static List<String> columns(String kql) {
        return TestSupport.compile(kql).columns().stream().map(OutputColumn::name).toList();
    }

    @Test
    void autocluster_climbsFromEachSeed_andRanksThePatternsByScore() throws Exception {
        String q = PROCS + " | evaluate autocluster(0.5, n)";
        assertThat(columns(q)).containsExactly("SegmentId", "Count", "Percent", "Process", "User", "Host");
        assertThat(rows(q)).containsExactly(
                List.of(0, 7L, 700.0 / 11, "cmd", "alice", ""),
                List.of(1, 3L, 300.0 / 11, "ps", "bob", "h3"),
                List.of(2, 1L, 100.0 / 11, "net", "carol", "h4"));
    }

    @Test
    void autocluster_withoutWeightColumn_countsEachRowOnce() throws Exception {
        String q = "datatable(Process:string, User:string)['cmd','alice', 'cmd','alice', 'cmd','bob'] | evaluate autocluster()";
        // (cmd, alice) scores sqrt(2/3 * 1) = 0.816, more than (cmd) with sqrt(1 * 1/2) = 0.707, so it stays; the seed
        // (cmd, bob), sqrt(1/3) = 0.577, climbs to (cmd), which is left out as a sub-pattern of (cmd, alice).
        assertThat(rows(q)).containsExactly(List.of(0, 2L, 200.0 / 3, "cmd", "alice"));
    }

    @Test
    void autocluster_oneSeed_searchesFromTheHeaviestCombinationOnly() throws Exception {
        assertThat(rows(PROCS + " | evaluate autocluster(0.5, n, 1)")).containsExactly(List.of(0, 7L, 700.0 / 11, "cmd", "alice", ""));
    }

    @Test
    void autocluster_leavesOutASubPatternOfABetterPattern() throws Exception {
        // (cmd, alice, h1) scores sqrt(6/7) = 0.926; the seed (cmd, alice, h2) climbs to (cmd, alice), 0.816, a sub-pattern.
        String q = "datatable(Process:string, User:string, Host:string, n:int)['cmd','alice','h1',6, 'cmd','alice','h2',1]"
                + " | evaluate autocluster(0.5, n)";
        assertThat(rows(q)).containsExactly(List.of(0, 6L, 600.0 / 7, "cmd", "alice", "h1"));
    }

    @Test
    void autocluster_customWildcard_marksTheFreeStringColumns() throws Exception {
        assertThat(rows(PROCS + " | evaluate autocluster(0.5, n, 1, '*')"))
                .containsExactly(List.of(0, 7L, 700.0 / 11, "cmd", "alice", "*"));
    }

    @Test
    void autocluster_emptyInput_givesNoRows() throws Exception {
        String q = "datatable(Process:string, User:string)[] | evaluate autocluster()";
        assertThat(columns(q)).containsExactly("SegmentId", "Count", "Percent", "Process", "User");
        assertThat(rows(q)).isEmpty();
    }

    @Test
    void autocluster_sizeWeightAboveOne_isReportedAtTheArgument() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(a:string)['x'] | evaluate autocluster(1.5)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("SizeWeight").hasMessageContaining("0 to 1")
                .hasMessageContaining("line 1, column 49");
    }

    @Test
    void autocluster_realWeightColumn_isReportedAtTheArgument() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(a:string, w:real)['x', 1.5] | evaluate autocluster(0.5, w)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("WeightColumn").hasMessageContaining("line 1, column 67");
    }

    @Test
    void autocluster_zeroSeeds_isReportedAtTheArgument() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(a:string)['x'] | evaluate autocluster(0.5, '~', 0)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("NumSeeds").hasMessageContaining("line 1, column 59");
    }
}
