package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** real(nan), real(+inf) and real(-inf) literals on DuckDB. */
class SpecialRealLiteralsTest extends DuckDbTestBase {
    @Test
    void realNanAndInfinities_areTheIeeeSpecialValues() throws Exception {
        assertThat(rows("print a = real(nan), b = real(+inf), c = real(-inf), d = double(inf)"))
                .containsExactly(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
    }
}
