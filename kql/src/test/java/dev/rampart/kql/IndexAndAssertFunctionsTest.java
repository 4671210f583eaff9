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
    void indexof_documentedExamples_withStartLengthAndOccurrence() throws Exception {
        assertThat(row("print\n idx1 = indexof(\"abcdefg\",\"cde\")\n , idx2 = indexof(\"abcdefg\",\"cde\",1,4)\n"
                + " , idx3 = indexof(\"abcdefg\",\"cde\",1,2)\n , idx4 = indexof(\"abcdefg\",\"cde\",3,4)\n"
                + " , idx5 = indexof(\"abcdefg\",\"cde\",-5)\n , idx6 = indexof(1234567,5,1,4)\n"
                + " , idx7 = indexof(\"abcdefg\",\"cde\",2,-1)\n , idx8 = indexof(\"abcdefgabcdefg\", \"cde\", 1, 10, 2)\n"
                + " , idx9 = indexof(\"abcdefgabcdefg\", \"cde\", 1, -1, 3)"))
                .containsExactly(2L, 2L, -1L, -1L, 2L, 4L, 2L, 9L, -1L);
    }

    @Test
    void indexof_invalidLengthOrOccurrence_isNull_andAStartPastTheEndFindsNothing() throws Exception {
        assertThat(row("print indexof('abc', 'b', 0, -2), indexof('abc', 'b', 0, -1, -1), indexof('abc', 'b', 7), indexof('aaaa', 'aa', 0, -1, 2)"))
                .containsExactly(null, null, -1L, 1L);
    }

    @Test
    void indexof_overColumns_takesEveryArgumentFromTheRow() throws Exception {
        assertThat(rows("datatable(s:string, st:long, n:long)['a-b-a-b', 0, 2, 'a-b-a-b', 1, 1] | project indexof(s, 'a', st, -1, n)"))
                .containsExactly(List.of(4L), List.of(4L));
    }

    @Test
    void indexofRegex_documentedExamples_withLengthAndOccurrence() throws Exception {
        assertThat(row("print\n    idx1 = indexof_regex(\"abcabc\", @\"a.c\"),\n"
                + "    idx2 = indexof_regex(\"abcabcdefg\", @\"a.c\", 0, 9, 2),\n"
                + "    idx3 = indexof_regex(\"abcabc\", @\"a.c\", 1, -1, 2),\n"
                + "    idx4 = indexof_regex(\"ababaa\", @\"a.a\", 0, -1, 2),\n"
                + "    idx5 = indexof_regex(\"abcabc\", @\"a|ab\", -1)"))
                .containsExactly(0L, 3L, -1L, -1L, null);
    }

    @Test
    void indexofRegex_lengthBoundsTheWindow_andLaterMatchesCountTheTextBetween() throws Exception {
        assertThat(row("print indexof_regex('xxabyyab', 'ab', 0, 3), indexof_regex('xxabyyab', 'ab', 0, 4), indexof_regex('xxabyyab', 'a+b', 1, -1, 2),"
                + " indexof_regex('xxabyyab', 'ab', 0, -2), indexof_regex('aXbaYb', 'a.b', 0, -1, 0)"))
                .containsExactly(-1L, 2L, 6L, null, -1L);
    }

    @Test
    void indexof_tooManyArguments_isReported() {
        assertThatThrownBy(() -> TestSupport.compile("print indexof('a', 'b', 0, 1, 1, 1)"))
                .hasMessageStartingWith("indexof() takes 2 to 5 arguments");
    }

    @Test
    void hasAnyIndex_isThePositionOfTheFirstTermTheTextHas() throws Exception {
        assertThat(row("let t = 'this is an example'; print has_any_index(t, dynamic(['this', 'example'])), has_any_index(t, dynamic(['not', 'EXAMPLE'])),"
                + " has_any_index(t, dynamic(['not', 'found'])), has_any_index(t, dynamic([])), has_any_index(t, dynamic(['exam']))"))
                .containsExactly(0L, 1L, -1L, -1L, -1L);
    }

    @Test
    void hasAnyIndex_documentedExample_includingARangeList() throws Exception {
        assertThat(row("print\n idx1 = has_any_index(\"this is an example\", dynamic(['this', 'example']))\n"
                + " , idx2 = has_any_index(\"this is an example\", dynamic(['not', 'example']))\n"
                + " , idx3 = has_any_index(\"this is an example\", dynamic(['not', 'found']))\n"
                + " , idx4 = has_any_index(\"Example number 2\", range(1, 3, 1))\n"
                + " , idx5 = has_any_index(\"this is an example\", dynamic([]))"))
                .containsExactly(0L, 1L, -1L, 1L, -1L);
    }

    @Test
    void hasAnyIndex_listFromAColumn_isSearchedPerRow() throws Exception {
        assertThat(rows("datatable(t:string, terms:dynamic)['alpha beta', dynamic(['gamma', 'BETA']), 'alpha beta', dynamic(['alp', 'x']),"
                + " 'a.b c', dynamic(['a.b']), 'x', dynamic([])] | project has_any_index(t, terms)"))
                .containsExactly(List.of(1L), List.of(-1L), List.of(0L), List.of(-1L));
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
