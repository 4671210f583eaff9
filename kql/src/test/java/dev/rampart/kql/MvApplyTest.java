package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** mv-apply runs its subquery per input row; executed on DuckDB. */
class MvApplyTest extends DuckDbTestBase {
    @Test
    void filterAndProject_keepTheOtherColumns_andDropRowsWithNoResult() throws Exception {
        assertThat(rows("""
                datatable(id: string, a: dynamic)['x', dynamic([1, 5, 7]), 'y', dynamic([2])]
                | mv-apply v = a to typeof(long) on (where v > 4 | project big = v * 10)
                | sort by big asc"""))
                .containsExactly(List.of("x", "[1,5,7]", 50L), List.of("x", "[1,5,7]", 70L));
    }

    @Test
    void summarize_aggregatesEachRowsElementsSeparately() throws Exception {
        assertThat(rows("""
                datatable(id: string, a: dynamic)['x', dynamic([1, 5]), 'y', dynamic([2])]
                | mv-apply a to typeof(long) on (summarize total = sum(a), n = count())
                | sort by id asc"""))
                .containsExactly(List.of("x", 6L, 2L), List.of("y", 2L, 1L));
    }

    @Test
    void topAndTakeInsideMvApply_keepTheFirstExpansionsOfEachRow() throws Exception {
        assertThat(rows("""
                datatable(id: string, a: dynamic)['x', dynamic([1, 5, 7]), 'y', dynamic([2, 9])]
                | mv-apply v = a to typeof(long) on (top 2 by v desc)
                | sort by id asc, v desc"""))
                .containsExactly(List.of("x", "[1,5,7]", 7L), List.of("x", "[1,5,7]", 5L), List.of("y", "[2,9]", 9L), List.of("y", "[2,9]", 2L));
        assertThat(rows("""
                datatable(id: string, a: dynamic)['x', dynamic([1, 5, 7]), 'y', dynamic([2, 9])]
                | mv-apply v = a to typeof(long) on (take 1)
                | summarize n = count() by id
                | sort by id asc"""))
                .containsExactly(List.of("x", 1L), List.of("y", 1L));
    }

    @Test
    void countInsideMvApply_isReportedAsUnsupported() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(a: dynamic)[dynamic([1])] | mv-apply a on (count)"))
                .hasMessageContaining("inside mv-apply is not supported yet");
    }
}
