package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scan operator's step state machine, executed on DuckDB. */
class ScanOperatorTest extends DuckDbTestBase {
    @Test
    void singleStep_readsItsOwnPreviousState_startingFromTheDeclaredDefault() throws Exception {
        assertThat(rows("range x from 1 to 4 step 1 | scan declare (total: long = 100) with (step s: true => total = s.total + x;)"))
                .containsExactly(List.of(1L, 101L), List.of(2L, 103L), List.of(3L, 106L), List.of(4L, 110L));
    }

    @Test
    void rowsMatchingNoStep_areLeftOut() throws Exception {
        assertThat(rows("range x from 1 to 5 step 1 | scan with (step odd: x % 2 == 1;) | project x"))
                .containsExactly(List.of(1L), List.of(3L), List.of(5L));
    }

    @Test
    void sequences_getIncreasingMatchIds_andALaterStepReadsTheFirstStepsRow() throws Exception {
        assertThat(rows("""
                datatable(t: long, e: string)[1, 'start', 2, 'x', 3, 'stop', 4, 'x', 5, 'start', 6, 'stop']
                | scan with_match_id = m declare (since: long) with (
                    step s1: e == 'start';
                    step s2: e == 'stop' => since = t - s1.t;
                  )"""))
                .containsExactly(Arrays.asList(1L, "start", null, 0L), Arrays.asList(3L, "stop", 2L, 0L),
                        Arrays.asList(5L, "start", null, 1L), Arrays.asList(6L, "stop", 1L, 1L));
    }

    @Test
    void outputNone_hidesAStepsRows_butItsMatchStillClearsThePreviousStep() throws Exception {
        assertThat(rows("""
                range x from 1 to 6 step 1
                | scan with_match_id = m declare (first: long) with (
                    step s1: true => first = iff(isnull(s1.first), x, s1.first);
                    step cut output = none: x - s1.first >= 3;
                  )"""))
                .containsExactly(List.of(1L, 1L, 0L), List.of(2L, 1L, 0L), List.of(3L, 1L, 0L), List.of(4L, 4L, 1L),
                        List.of(5L, 4L, 1L), List.of(6L, 4L, 1L));
    }

    @Test
    void outputLast_emitsOnlyTheLastOfRepeatedMatches_whenTheNextStepTakesItOver() throws Exception {
        assertThat(rows("""
                datatable(t: long, e: string)[1, 'start', 2, 'start', 3, 'x', 4, 'start', 5, 'x', 6, 'start']
                | scan with_match_id = m with (
                    step s1 output = last: e == 'start';
                    step s2: e == 'x';
                  )"""))
                .containsExactly(List.of(2L, "start", 0L), List.of(3L, "x", 0L), List.of(4L, "start", 1L), List.of(5L, "x", 1L));
    }

    @Test
    void outputLast_onTheFinalStep_isNotSupported() {
        assertThatThrownBy(() -> TestSupport.compile("range x from 1 to 3 step 1 | scan with (step s output = last: true;)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("output=last on the final scan step");
    }

    @Test
    void assigningAnUndeclaredColumn_isRejected() {
        assertThatThrownBy(() -> TestSupport.compile("range x from 1 to 3 step 1 | scan with (step s: true => y = 1;)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("'y' is not declared");
    }
}
