package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** evaluate narrow on DuckDB. */
class NarrowPluginTest extends DuckDbTestBase {
    private static List<String> columns(String kql) {
        return TestSupport.compile(kql).columns().stream().map(OutputColumn::name).toList();
    }

    @Test
    void narrow_turnsEachCellIntoARow_byRowThenColumnPosition() throws Exception {
        String q = "datatable(IsHealthy:bool, MachinesTotal:long, BuildVersion:string)[true, 2, '1.0.6281.19882', false, 3, 'x']"
                + " | evaluate narrow()";
        assertThat(columns(q)).containsExactly("Row", "Column", "Value");
        assertThat(rows(q)).containsExactly(List.of(0L, "IsHealthy", "true"), List.of(0L, "MachinesTotal", "2"),
                List.of(0L, "BuildVersion", "1.0.6281.19882"), List.of(1L, "IsHealthy", "false"), List.of(1L, "MachinesTotal", "3"),
                List.of(1L, "BuildVersion", "x"));
    }

    @Test
    void narrow_followsTheInputOrder_andANullCellStaysNull() throws Exception {
        String q = "datatable(k:long, v:real)[2, 1.5, 1, real(null)] | order by k asc | evaluate narrow()";
        assertThat(rows(q)).containsExactly(List.of(0L, "k", "1"), Arrays.asList(0L, "v", null), List.of(1L, "k", "2"),
                List.of(1L, "v", "1.5"));
    }

    @Test
    void narrow_emptyInput_givesNoRows() throws Exception {
        assertThat(rows("datatable(k:long)[] | evaluate narrow()")).isEmpty();
    }

    @Test
    void narrow_withAnArgument_isReported() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(k:long)[] | evaluate narrow(k)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("no arguments").hasMessageContaining("line 1, column 39");
    }
}
