package dev.rampart.kql.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Page conventions for dynamic values: arrays elided as [ ... ]. */
class CellsDynamicTest {
    @Test
    void elidedJsonArray_matchesAnyValueInItsPlace() {
        String page = "{\"type\": \"Polygon\",\"coordinates\": [ ... ]}";
        assertThat(Cells.equal(page, "{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[3,4],[5,6],[1,2]]]}")).isTrue();
        assertThat(Cells.equal(page, "{\"type\":\"MultiPolygon\",\"coordinates\":[]}")).isFalse();
        assertThat(Cells.equal(page, "{\"type\":\"Polygon\"}")).isFalse();
    }
}
