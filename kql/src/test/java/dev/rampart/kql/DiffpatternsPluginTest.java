package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * evaluate diffpatterns on DuckDB. In the sign-in table set A ('fail') holds (cmd, alice) x3 and (ps, alice), set B
 * ('ok') holds (cmd, bob), (ps, bob) x2 and (ps, alice); the 'locked' row is in neither set. Shares A/B: cmd .75/.25,
 * ps .25/.75, alice 1/.25, bob 0/.75, (cmd, alice) .75/0, (cmd, bob) 0/.25, (ps, alice) .25/.25, (ps, bob) 0/.5.
 */
class DiffpatternsPluginTest extends DuckDbTestBase {
    private static final String SIGNINS = "datatable(Process:string, User:string, Outcome:string)["
            + "'cmd','alice','fail', 'cmd','alice','fail', 'cmd','alice','fail', 'ps','alice','fail',"
            + "'cmd','bob','ok', 'ps','bob','ok', 'ps','bob','ok', 'ps','alice','ok', 'net','carol','locked']";

    private static final String WEIGHTED = "datatable(Process:string, User:string, Outcome:string, n:long)["
            + "'cmd','alice','fail',3, 'ps','alice','fail',1, 'cmd','bob','ok',1, 'ps','bob','ok',2, 'ps','alice','ok',1]";

    private static List<String> columns(String kql) {
        return TestSupport.compile(kql).columns().stream().map(OutputColumn::name).toList();
    }

    @Test
    void diffpatterns_ranksByDifference_andLeavesOutSubAndSuperPatternsOfBetterOnes() throws Exception {
        String q = SIGNINS + " | evaluate diffpatterns(Outcome, 'fail', 'ok')";
        assertThat(columns(q)).containsExactly("SegmentId", "CountA", "CountB", "PercentA", "PercentB", "PercentDiffAB",
                "Process", "User");
        // (alice) ties (cmd, alice) at 75 and gives way to the more specific; (bob) at 75 outranks its extensions
        // (ps, bob) and (cmd, bob); cmd is a sub-pattern of (cmd, alice), while ps stays with 50.
        assertThat(rows(q)).containsExactly(
                List.of(0, 3L, 0L, 75.0, 0.0, 75.0, "cmd", "alice"),
                List.of(1, 0L, 3L, 0.0, 75.0, 75.0, "", "bob"),
                List.of(2, 1L, 3L, 25.0, 75.0, 50.0, "ps", ""));
    }

    @Test
    void diffpatterns_weightColumnAndThreshold_dropSmallDifferences() throws Exception {
        // At 0.6 ps (difference .5) no longer counts.
        String q = WEIGHTED + " | evaluate diffpatterns(Outcome, 'fail', 'ok', n, 0.6)";
        assertThat(columns(q)).containsExactly("SegmentId", "CountA", "CountB", "PercentA", "PercentB", "PercentDiffAB",
                "Process", "User");
        assertThat(rows(q)).containsExactly(
                List.of(0, 3L, 0L, 75.0, 0.0, 75.0, "cmd", "alice"),
                List.of(1, 0L, 3L, 0.0, 75.0, 75.0, "", "bob"));
    }

    @Test
    void diffpatterns_maxDimensionsOne_andCustomWildcard() throws Exception {
        String q = SIGNINS + " | evaluate diffpatterns(Outcome, 'fail', 'ok', '~', '~', 1, '*')";
        assertThat(rows(q)).containsExactly(
                List.of(0, 4L, 1L, 100.0, 25.0, 75.0, "*", "alice"),
                List.of(1, 0L, 3L, 0.0, 75.0, 75.0, "*", "bob"),
                List.of(2, 3L, 1L, 75.0, 25.0, 50.0, "cmd", "*"),
                List.of(3, 1L, 3L, 25.0, 75.0, 50.0, "ps", "*"));
    }

    @Test
    void diffpatterns_numericSplitColumn_isComparedAsText() throws Exception {
        String q = "datatable(Process:string, Damage:long)['cmd',0, 'cmd',0, 'ps',1] | evaluate diffpatterns(Damage, '0', '1')";
        assertThat(columns(q)).containsExactly("SegmentId", "CountA", "CountB", "PercentA", "PercentB", "PercentDiffAB", "Process");
        assertThat(rows(q)).containsExactly(
                List.of(0, 2L, 0L, 100.0, 0.0, 100.0, "cmd"),
                List.of(1, 0L, 1L, 0.0, 100.0, 100.0, "ps"));
    }

    @Test
    void diffpatterns_emptyInput_givesNoRows() throws Exception {
        String q = "datatable(Process:string, Outcome:string)[] | evaluate diffpatterns(Outcome, 'fail', 'ok')";
        assertThat(columns(q)).containsExactly("SegmentId", "CountA", "CountB", "PercentA", "PercentB", "PercentDiffAB", "Process");
        assertThat(rows(q)).isEmpty();
    }

    @Test
    void diffpatterns_withoutSplitValues_isReportedAtThePlugin() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(a:string)['x'] | evaluate diffpatterns(a)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("SplitValueB").hasMessageContaining("line 1, column 37");
    }

    @Test
    void diffpatterns_unknownSplitColumn_isReportedAtTheArgument() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(a:string)['x'] | evaluate diffpatterns(b, 'x', 'y')"))
                .isInstanceOf(KqlException.class).hasMessageContaining("SplitColumn").hasMessageContaining("line 1, column 50");
    }

    @Test
    void diffpatterns_thresholdOutOfRange_isReportedAtTheArgument() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(a:string)['x'] | evaluate diffpatterns(a, 'x', 'y', '~', 2)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("Threshold").hasMessageContaining("line 1, column 68");
    }
}
