package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** evaluate pivot with a declared output schema; executed on DuckDB. */
class PivotTest extends DuckDbTestBase {
    private static final String SEVERITIES = """
            datatable(DeviceName: string, Level: string)['a', 'High', 'a', 'High', 'a', 'Low', 'b', 'Low']""";

    @Test
    void pivotWithSchema_countsEachValuePerGroup_zeroWhenAbsent() throws Exception {
        assertThat(rows(SEVERITIES + """
                | evaluate pivot(Level) : (DeviceName: string, High: long, Low: long, Critical: long)
                | sort by DeviceName asc"""))
                .containsExactly(List.of("a", 2L, 1L, 0L), List.of("b", 0L, 1L, 0L));
    }

    @Test
    void pivotWithAggregateAndGroupColumns_aggregatesTheGivenColumn() throws Exception {
        assertThat(rows("""
                datatable(Dev: string, Kind: string, Size: long, Extra: string)['a', 'x', 5, 'e', 'a', 'x', 7, 'f', 'a', 'y', 1, 'g']
                | evaluate pivot(Kind, sum(Size), Dev) : (Dev: string, x: long, y: long)"""))
                .containsExactly(List.of("a", 12L, 1L));
    }

    @Test
    void pivotWithoutSchema_explainsWhyAndHowToDeclareTheColumns() {
        assertThatThrownBy(() -> TestSupport.compile(SEVERITIES + "\n| evaluate pivot(Level)"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("only known when the query runs")
                .hasMessageContaining("line 2, column 12")
                .hasMessageContaining("evaluate pivot(Level) : (DeviceName: string, Value1: long");
    }

    @Test
    void pivotSchemaWithoutTheGroupColumn_namesTheMissingColumn() {
        assertThatThrownBy(() -> TestSupport.compile(SEVERITIES + "\n| evaluate pivot(Level) : (High: long)"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("does not list the grouping column 'DeviceName'");
    }
}
