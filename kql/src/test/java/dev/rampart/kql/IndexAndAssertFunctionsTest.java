package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** indexof_regex, has_any_index, regex_quote, isutf8 and assert executed on DuckDB. */
class IndexAndAssertFunctionsTest extends DuckDbTestBase {
    @Test
    void indexofRegex_isWhereTheLeftmostMatchStarts_fromTheStartPosition() throws Exception {
        assertThat(row("print indexof_regex('abcabc', @'a.c'), indexof_regex('abcabc', 'a.c', 1), indexof_regex('abcabc', 'x'),"
                + " indexof_regex('xx(ab)', @'\\(a'), indexof_regex('abc', 'b', -1)"))
                .containsExactly(0L, 3L, -1L, 2L, null);
    }

    @Test
    void hasAnyIndex_isThePositionOfTheFirstTermTheTextHas() throws Exception {
        assertThat(row("let t = 'this is an example'; print has_any_index(t, dynamic(['this', 'example'])), has_any_index(t, dynamic(['not', 'EXAMPLE'])),"
                + " has_any_index(t, dynamic(['not', 'found'])), has_any_index(t, dynamic([])), has_any_index(t, dynamic(['exam']))"))
                .containsExactly(0L, 1L, -1L, -1L, -1L);
    }

    @Test
    void regexQuote_escapesEveryAsciiPunctuation_andIsutf8HoldsForText() throws Exception {
        assertThat(row("print regex_quote('(so$me.Te^xt) é_1'), isutf8('abc')")).containsExactly("\\(so\\$me\\.Te\\^xt\\)\\ é_1", true);
    }

    @Test
    void assert_isTrue_orFailsTheQueryWithItsMessage() throws Exception {
        assertThat(row("print assert(1 == 1, 'fine')")).containsExactly(true);
        assertThatThrownBy(() -> row("range x from 1 to 2 step 1 | project assert(x < 2, 'x is too big')")).hasMessageContaining("x is too big");
        assertThatThrownBy(() -> TestSupport.compile("print assert(false, 'never')")).hasMessageContaining("never");
    }
}
