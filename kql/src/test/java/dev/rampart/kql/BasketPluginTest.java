package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** evaluate basket on DuckDB: frequent closed patterns worked out by hand. */
class BasketPluginTest extends DuckDbTestBase {
    private static final String PROCS = "datatable(Process:string, User:string, Host:string)["
            + "'cmd','alice','h1', 'cmd','alice','h2', 'cmd','bob','h1', 'ps','alice','h1', 'ps','carol','h3']";

    private static List<String> columns(String kql) {
        return TestSupport.compile(kql).columns().stream().map(OutputColumn::name).toList();
    }

    @Test
    void basket_returnsEveryClosedPatternAtTheThreshold_byCountThenSize() throws Exception {
        String q = PROCS + " | evaluate basket(0.4)";
        assertThat(columns(q)).containsExactly("SegmentId", "Count", "Percent", "Process", "User", "Host");
        assertThat(rows(q)).containsExactly(
                List.of(0, 3L, 60.0, "cmd", "", ""),
                List.of(1, 3L, 60.0, "", "alice", ""),
                List.of(2, 3L, 60.0, "", "", "h1"),
                List.of(3, 2L, 40.0, "ps", "", ""),
                List.of(4, 2L, 40.0, "cmd", "alice", ""),
                List.of(5, 2L, 40.0, "cmd", "", "h1"),
                List.of(6, 2L, 40.0, "", "alice", "h1"));
    }

    @Test
    void basket_maxDimensionsOne_keepsSingleValues() throws Exception {
        assertThat(rows(PROCS + " | evaluate basket(0.4, '~', 1)")).containsExactly(
                List.of(0, 3L, 60.0, "cmd", "", ""),
                List.of(1, 3L, 60.0, "", "alice", ""),
                List.of(2, 3L, 60.0, "", "", "h1"),
                List.of(3, 2L, 40.0, "ps", "", ""));
    }

    @Test
    void basket_dropsAPatternWhoseExtensionCoversTheSameRows() throws Exception {
        String q = "datatable(A:string, B:string)['x','y', 'x','y', 'z','w'] | evaluate basket(0.5)";
        assertThat(rows(q)).containsExactly(List.of(0, 2L, 200.0 / 3, "x", "y"));
    }

    @Test
    void basket_weightColumnAndCustomWildcards_countWeightsAndMarkFreeColumns() throws Exception {
        String q = "datatable(Process:string, Port:long, n:long)['cmd',443,3, 'cmd',80,1, 'ps',443,1]"
                + " | evaluate basket(0.3, n, '~', '*', long(-1))";
        assertThat(columns(q)).containsExactly("SegmentId", "Count", "Percent", "Process", "Port");
        assertThat(rows(q)).containsExactly(
                List.of(0, 4L, 80.0, "cmd", -1L),
                List.of(1, 4L, 80.0, "*", 443L),
                List.of(2, 3L, 60.0, "cmd", 443L));
    }

    @Test
    void basket_emptyValuesAreNoItems_andNullIsTheDefaultWildcardOfNonStrings() throws Exception {
        String q = "datatable(Process:string, Port:long)['', 443, '', 443, 'cmd', long(null)] | evaluate basket(0.5)";
        assertThat(rows(q)).containsExactly(java.util.Arrays.asList(0, 2L, 200.0 / 3, "", 443L));
    }

    @Test
    void basket_inputColumnNamedLikeAnOutputColumn_keepsItsOwnValuesUnderANewName() throws Exception {
        String q = "datatable(Process:string, Count:long)['cmd',1, 'cmd',2, 'ps',2] | evaluate basket(0.5)";
        assertThat(columns(q)).containsExactly("SegmentId", "Count", "Percent", "Process", "Count1");
        assertThat(rows(q)).containsExactly(java.util.Arrays.asList(0, 2L, 200.0 / 3, "cmd", null),
                List.of(1, 2L, 200.0 / 3, "", 2L));
    }

    @Test
    void basket_emptyInput_givesNoRows() throws Exception {
        String q = "datatable(Process:string, User:string)[] | evaluate basket()";
        assertThat(columns(q)).containsExactly("SegmentId", "Count", "Percent", "Process", "User");
        assertThat(rows(q)).isEmpty();
    }

    @Test
    void basket_thresholdOutOfRange_isReportedAtTheArgument() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(a:string)['x'] | evaluate basket(0.01)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("Threshold").hasMessageContaining("0.015 to 1")
                .hasMessageContaining("line 1, column 44");
    }

    @Test
    void basket_unknownWeightColumn_isReportedAtTheArgument() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(a:string)['x'] | evaluate basket(0.1, nosuch)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("WeightColumn").hasMessageContaining("line 1, column 49");
    }

    @Test
    void basket_maxDimensionsBelowOne_isReportedAtTheArgument() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(a:string)['x'] | evaluate basket(0.1, '~', 0)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("MaxDimensions").hasMessageContaining("line 1, column 54");
    }
}
