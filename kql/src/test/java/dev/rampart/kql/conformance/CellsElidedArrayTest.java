package dev.rampart.kql.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Arrays a page elides with several ellipses ([ ... ... ... ]) match any value, the rest of the cell still counts. */
class CellsElidedArrayTest {
    @Test
    void severalEllipsesInAnArray_matchAnyArray() {
        assertThat(Cells.equal("{ \"g\": [ ... ... ... ], \"n\": \"x\" }", "{\"g\":[{\"a\":1},{\"a\":2}],\"n\":\"x\"}")).isTrue();
    }

    @Test
    void severalEllipsesInAnArray_stillCompareTheOtherProperties() {
        assertThat(Cells.equal("{ \"g\": [ ... ... ... ], \"n\": \"x\" }", "{\"g\":[{\"a\":1}],\"n\":\"y\"}")).isFalse();
    }
}
