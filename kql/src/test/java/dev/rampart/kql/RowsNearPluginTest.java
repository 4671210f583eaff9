package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** evaluate rows_near on DuckDB. */
class RowsNearPluginTest extends DuckDbTestBase {
    private static final String DOC = """
            datatable (Timestamp:datetime, Value:long, State:string )
            [
                datetime(2021-06-01), 1, "Success",
                datetime(2021-06-02), 4, "Success",
                datetime(2021-06-03), 3, "Success",
                datetime(2021-06-04), 11, "Success",
                datetime(2021-06-05), 15, "Success",
                datetime(2021-06-06), 2, "Success",
                datetime(2021-06-07), 19, "Error",
                datetime(2021-06-08), 12, "Success",
                datetime(2021-06-09), 7, "Success",
                datetime(2021-06-10), 9, "Success",
                datetime(2021-06-11), 4, "Success",
                datetime(2021-06-12), 1, "Success",
            ]
            | sort by Timestamp asc
            """;

    private static List<String> columns(String kql) {
        return TestSupport.compile(kql).columns().stream().map(OutputColumn::name).toList();
    }

    private static List<Object> day(int d, long v, String s) {
        return List.of(LocalDateTime.of(2021, 6, d, 0, 0), v, s);
    }

    @Test
    void rowsNear_documentedExample_twoRowsEachSideOfTheError() throws Exception {
        String q = DOC + "| evaluate rows_near(State == \"Error\", 2)";
        assertThat(columns(q)).containsExactly("Timestamp", "Value", "State");
        assertThat(rows(q)).containsExactly(day(5, 15, "Success"), day(6, 2, "Success"), day(7, 19, "Error"), day(8, 12, "Success"),
                day(9, 7, "Success"));
    }

    @Test
    void rowsNear_rowsAfter_overridesTheRowsFollowing_andOverlappingNeighbourhoodsKeepEachRowOnce() throws Exception {
        assertThat(rows(DOC + "| evaluate rows_near(State == \"Error\", 1, 3)")).containsExactly(day(6, 2, "Success"),
                day(7, 19, "Error"), day(8, 12, "Success"), day(9, 7, "Success"), day(10, 9, "Success"));
        assertThat(rows(DOC + "| evaluate rows_near(Value == 1, 1)")).containsExactly(day(1, 1, "Success"), day(2, 4, "Success"),
                day(11, 4, "Success"), day(12, 1, "Success"));
        assertThat(rows(DOC + "| evaluate rows_near(Value > 10, 0)")).hasSize(4);
    }

    @Test
    void rowsNear_noHitOrEmptyInput_givesNoRows() throws Exception {
        assertThat(rows(DOC + "| evaluate rows_near(State == 'Missing', 2)")).isEmpty();
        assertThat(rows("datatable(x:long)[] | evaluate rows_near(x == 1, 2)")).isEmpty();
    }

    @Test
    void rowsNear_nonBooleanCondition_orNegativeCount_isReported() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(x:long)[] | evaluate rows_near(x, 2)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("Condition").hasMessageContaining("line 1, column 42");
        assertThatThrownBy(() -> TestSupport.compile("datatable(x:long)[] | evaluate rows_near(x == 1, -2)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("NumRows").hasMessageContaining("line 1, column 50");
    }
}
