package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** range() over reals, datetimes and timespans, executed on DuckDB. */
class RangesTest extends DuckDbTestBase {
    @Test
    void realRange_stepsFromTheStart_andIncludesTheStopWhenReached() throws Exception {
        assertThat(rows("print a = range(1.0, 3, 0.5), b = range(2.5, 1, -1), c = range(1.0, 0)"))
                .containsExactly(List.of("[1.0,1.5,2.0,2.5,3.0]", "[2.5,1.5]", "[]"));
    }

    @Test
    void datetimeAndTimespanRanges_stepByATimespan() throws Exception {
        assertThat(rows("print d = array_length(range(datetime(2024-01-01), datetime(2024-01-02), 1h)), t = range(1h, 3h, 1h)[2] == 3h,"
                + " f = todatetime(range(datetime(2024-01-01), datetime(2024-01-02), 6h)[1]) == datetime(2024-01-01 06:00)"))
                .containsExactly(List.of(25L, true, true));
    }

    @Test
    void datetimeRange_defaultsToHourlySteps_andPrintsKustoDatetimes() throws Exception {
        assertThat(rows("print r = range(datetime(2024-01-01), datetime(2024-01-01 02:00))"))
                .containsExactly(List.of("[\"2024-01-01T00:00:00.0000000Z\",\"2024-01-01T01:00:00.0000000Z\",\"2024-01-01T02:00:00.0000000Z\"]"));
    }

    @Test
    void rangeOfMixedKinds_isRejected() {
        assertThatThrownBy(() -> TestSupport.compile("print range(datetime(2024-01-01), 1h)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("needs a datetime end");
    }
}
