package dev.rampart.kql.conformance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Arrays whose strings a page prints without quotes. */
class CellsBareWordsTest {
    @Test
    void unquotedWordsInAnArray_compareAsStrings() {
        assertThat(Cells.equal("[yes, no, yes]", "[\"yes\",\"no\",\"yes\"]")).isTrue();
        assertThat(Cells.equal("[yes, no, yes]", "[\"yes\",\"no\",\"no\"]")).isFalse();
    }

    @Test
    void literalsAmongBareWords_keepTheirType() {
        assertThat(Cells.equal("[a, null, true, 3]", "[\"a\",null,true,3]")).isTrue();
        assertThat(Cells.equal("[a, null]", "[\"a\",\"null\"]")).isFalse();
    }
}
