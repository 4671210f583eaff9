package dev.rampart.kql.conformance;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A truncated page that shows an array as its first and last elements with an ellipsis element between
 * ([a, b, ....., z]): only the shown elements are checked, the first ones against the start, the last ones against the end.
 */
class CellsElidedElementsTest {
    private static final String SHOWN = "[\"d1\",\"d2\",\"d3\",.....,\"d365\"]";
    private static final String YEAR = "[" + String.join(",", IntStream.rangeClosed(1, 365).mapToObj(i -> "\"d" + i + "\"").toList()) + "]";

    @Test
    void elidedElements_inATruncatedCase_matchWhenPrefixAndSuffixAgree() {
        assertThat(Cells.equal(SHOWN, YEAR, false, true)).isTrue();
        assertThat(Cells.equal("[1, 2, ..., 9]", List.of(1L, 2L, 3L, 4L, 9L), false, true)).isTrue();
        assertThat(Cells.equal("[1, 2, \u2026, 9]", "[1,2,9]", false, true)).isTrue();
    }

    @Test
    void elidedElements_wrongPrefix_stillFails() {
        String shifted = YEAR.replace("\"d1\",", "\"d0\",\"d1\",");
        assertThat(Cells.equal(SHOWN, shifted, false, true)).isFalse();
        assertThat(Cells.equal("[1, 2, ..., 9]", List.of(1L, 3L, 4L, 9L), false, true)).isFalse();
    }

    @Test
    void elidedElements_wrongSuffix_stillFails() {
        assertThat(Cells.equal(SHOWN, YEAR.replace("\"d365\"]", "\"d365\",\"d366\"]"), false, true)).isFalse();
    }

    @Test
    void elidedElements_shownPartsMayNotOverlapInAShorterArray() {
        assertThat(Cells.equal("[1, 2, ..., 2, 3]", List.of(1L, 2L, 3L), false, true)).isFalse();
        assertThat(Cells.equal("[1, 2, ..., 2, 3]", List.of(1L, 2L, 2L, 3L), false, true)).isTrue();
    }

    @Test
    void elidedElements_nestedInABag_compareTheRestOfTheBagToo() {
        assertThat(Cells.equal("{\"a\": [1, ....., 5], \"b\": \"x\"}", Map.of("a", List.of(1L, 2L, 5L), "b", "x"), false, true)).isTrue();
        assertThat(Cells.equal("{\"a\": [1, ....., 5], \"b\": \"x\"}", Map.of("a", List.of(1L, 2L, 5L), "b", "y"), false, true)).isFalse();
    }

    @Test
    void elidedElements_countOnlyWhenTheCaseIsFlaggedTruncated() {
        assertThat(Cells.equal(SHOWN, YEAR, false, false)).isFalse();
    }

    @Test
    void truncatedCase_withAnElidedArrayCell_passesOnlyWithTheRightEnds() {
        ConformanceCase c = ConformanceCase.parse("{\"id\":\"t\",\"query\":\"print r = 1\",\"columns\":[\"r\"],\"rows\":[[\"[1,2,.....,9]\"]],"
                + "\"truncated\":true}");
        assertThat(ResultCheck.compare(c, List.of("r"), List.of(List.of("[1,2,3,4,5,6,7,8,9]")))).isEmpty();
        assertThat(ResultCheck.compare(c, List.of("r"), List.of(List.of("[0,2,3,4,5,6,7,8,9]")))).isPresent();
    }
}
