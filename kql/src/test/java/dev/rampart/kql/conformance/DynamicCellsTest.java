package dev.rampart.kql.conformance;

import dev.rampart.kql.OutputColumn;
import dev.rampart.kql.schema.KqlType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DynamicCellsTest {
    private static final List<OutputColumn> COLUMNS = List.of(new OutputColumn("d", KqlType.DYNAMIC), new OutputColumn("s", KqlType.STRING));

    @Test
    void dynamicNumberText_comparesByValue_butStringColumnsStayText() {
        List<List<Object>> rows = Conformance.dynamicNumbers(COLUMNS, List.of(List.of("118.0", "118.0")));
        assertThat(rows.get(0).get(0)).isEqualTo(118.0);
        assertThat(Cells.equal("118", rows.get(0).get(0))).isTrue();
        assertThat(Cells.equal("118", rows.get(0).get(1))).isFalse();
    }

    @Test
    void dynamicTextThatIsNotANumber_isUnchanged() {
        List<List<Object>> rows = Conformance.dynamicNumbers(COLUMNS, List.of(List.of("[1,2]", "x"), List.of("-", "y")));
        assertThat(rows).containsExactly(List.of("[1,2]", "x"), List.of("-", "y"));
    }
}
