package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** extract_all, range() and make_bag(_if) as the hunting corpus uses them; executed on DuckDB. */
class BagAndArrayFunctionsTest extends DuckDbTestBase {
    @Test
    void extractAll_returnsTheGroupOrWholeMatches_nullWhenNone() throws Exception {
        assertThat(rows("print a = extract_all(@\"([a-z0-9])\", \"a-b_9\"), b = extract_all(@\"\\d+\", \"x12y345\"), c = extract_all(@\"(z)\", \"abc\")"))
                .containsExactly(java.util.Arrays.asList("[\"a\",\"b\",\"9\"]", "[\"12\",\"345\"]", null));
    }

    @Test
    void extractAll_withSeveralGroups_returnsOneArrayPerMatch_chosenByNumberOrName() throws Exception {
        assertThat(rows("print a = extract_all(@\"(a)(b)\", \"abab\"), b = extract_all(@\"(?P<x>\\w)(\\w+)(?P<z>\\w)\", dynamic(['z', 1]), \"abcd-efg\")"))
                .containsExactly(List.of("[[\"a\",\"b\"],[\"a\",\"b\"]]", "[[\"d\",\"a\"],[\"g\",\"e\"]]"));
        assertThatThrownBy(() -> TestSupport.compile("print extract_all(@\"(a)(b)\", dynamic([3]), \"ab\")"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("no capture group 3");
    }

    @Test
    void range_includesTheEnd_andIsEmptyWhenItCannotStart() throws Exception {
        assertThat(rows("print r = range(1, 7, 3), e = range(0, -1, 2), d = range(2, 4)"))
                .containsExactly(List.of("[1,4,7]", "[]", "[2,3,4]"));
    }

    @Test
    void range_isCappedAtKustosMaximumLength() throws Exception {
        assertThat(rows("print n = array_length(range(1, 1000000000)), m = array_length(range(5, -1000000000, -1))")).containsExactly(List.of(1_048_576L, 1_048_576L));
    }

    @Test
    void mvExpandOfSplit_expandsIntoTheSplitColumn() throws Exception {
        assertThat(rows("datatable(Id: long, Changes: string)[1, 'a,b'] | mv-expand split(Changes, ',') | project Id, Changes = tostring(Changes)"))
                .containsExactlyInAnyOrder(List.of(1L, "a"), List.of(1L, "b"));
    }

    @Test
    void makeBag_mergesTheBagsOfEachGroup() throws Exception {
        assertThat(rows("""
                datatable(k: string, v: long, g: string)['a', 1, 'x', 'b', 2, 'x', 'c', 3, 'y']
                | summarize Bag = make_bag(bag_pack(k, v)), Big = make_bag_if(bag_pack(k, v), v > 1) by g
                | sort by g asc"""))
                .containsExactly(List.of("x", "{\"a\":1,\"b\":2}", "{\"b\":2}"), List.of("y", "{\"c\":3}", "{\"c\":3}"));
        assertThat(rows("datatable(v: long)[1] | summarize make_bag_if(bag_pack('a', v), v > 5)")).containsExactly(List.of("{}"));
    }
}
