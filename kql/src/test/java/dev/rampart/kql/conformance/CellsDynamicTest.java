package dev.rampart.kql.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Page conventions for dynamic values: reals read out of JSON, arrays elided as [ ... ]. */
class CellsDynamicTest {
    @Test
    void dynamicRealText_matchesPagePrintedWith15Digits() {
        assertThat(Cells.equal("-73.9657356899076", "-73.96573568990762")).isTrue();
        assertThat(Cells.equal("-73.9657356899076", "-73.96573")).isFalse();
        assertThat(Cells.equal("abc", "1.5")).isFalse();
    }

    @Test
    void elidedJsonArray_matchesAnyValueInItsPlace() {
        String page = "{\"type\": \"Polygon\",\"coordinates\": [ ... ]}";
        assertThat(Cells.equal(page, "{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[3,4],[5,6],[1,2]]]}")).isTrue();
        assertThat(Cells.equal(page, "{\"type\":\"MultiPolygon\",\"coordinates\":[]}")).isFalse();
        assertThat(Cells.equal(page, "{\"type\":\"Polygon\"}")).isFalse();
    }
}
