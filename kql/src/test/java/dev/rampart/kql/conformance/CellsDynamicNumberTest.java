package dev.rampart.kql.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A real taken out of a dynamic value comes back as JSON text and is compared as a number. */
class CellsDynamicNumberTest {
    @Test
    void dynamicRealText_matchesPagePrintedWith15Digits() {
        assertThat(Cells.equal("-73.9657356899076", "-73.96573568990762")).isTrue();
        assertThat(Cells.equal("-73.9657356899076", "-73.96573")).isFalse();
        assertThat(Cells.equal("abc", "1.5")).isFalse();
    }
}
