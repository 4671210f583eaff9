package dev.rampart.kql.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A real inside a dynamic value reaches the checker as JSON text and is compared as a number. */
class CellsDynamicRealTest {
    @Test
    void dynamicRealText_matchesPagesShorterPrintOfTheSameReal() {
        assertThat(Cells.equal("-74.0160084797924", "-74.01600847979245")).isTrue();
        assertThat(Cells.equal("9.86830731850408", "9.868307318504081")).isTrue();
        assertThat(Cells.equal("118", "118.0")).isTrue();
    }

    @Test
    void dynamicRealText_stillDiffersFromAnotherReal_andIntegersStayText() {
        assertThat(Cells.equal("-74.0160084797924", "-74.0170084797924")).isFalse();
        assertThat(Cells.equal("1.5", "1.50001")).isFalse();
        assertThat(Cells.equal("1.0", "1")).isFalse();
        assertThat(Cells.equal("118", "118.5")).isFalse();
    }
}
