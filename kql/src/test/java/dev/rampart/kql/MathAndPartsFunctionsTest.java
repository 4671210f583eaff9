package dev.rampart.kql;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Math functions out of their domain, Welch's test, datetime_part, toarray and bag_pack_columns on DuckDB. */
class MathAndPartsFunctionsTest extends DuckDbTestBase {
    @Test
    void logarithmsAndRoots_outsideTheirDomain_areNullOrMinusInfinity_insteadOfFailingTheQuery() throws Exception {
        assertThat(row("print log(0), log(-1), log10(0), log2(-2), sqrt(-4), acos(2), asin(-1.5)"))
                .containsExactly(Double.NEGATIVE_INFINITY, null, Double.NEGATIVE_INFINITY, null, null, null, null);
        assertThat(row("print log10(100), log2(8), sqrt(4), acos(1)")).containsExactly(2.0, 3.0, 2.0, 0.0);
    }

    @Test
    void welchTest_givesTheTwoSidedPValue() throws Exception {
        // Welch's first example (two samples of 15): p = 0.021.
        List<Object> r = row("print s1 = dynamic([27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4]),"
                + " s2 = dynamic([27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4])"
                + " | mv-expand s1 to typeof(double), s2 to typeof(double)"
                + " | summarize m1 = avg(s1), v1 = variance(s1), c1 = count(), m2 = avg(s2), v2 = variance(s2), c2 = count()"
                + " | project p = welch_test(m1, v1, c1, m2, v2, c2)");
        assertThat((Double) r.get(0)).isCloseTo(0.021378, Offset.offset(1e-6));
    }

    @Test
    void datetimePart_readsEachFieldOfTheTimestamp() throws Exception {
        assertThat(row("let dt = datetime(2017-10-30 01:02:03.7654321); print datetime_part('year', dt), datetime_part('Quarter', dt),"
                + " datetime_part('month', dt), datetime_part('week_of_year', dt), datetime_part('day', dt), datetime_part('DayOfYear', dt),"
                + " datetime_part('hour', dt), datetime_part('minute', dt), datetime_part('second', dt), datetime_part('millisecond', dt),"
                + " datetime_part('microsecond', dt), datetime_part('nanosecond', dt)"))
                .containsExactly(2017, 4, 10, 44, 30, 303, 1, 2, 3, 765, 765432, 765432000);
    }

    @Test
    void toarray_wrapsScalars_andKeepsArrays() throws Exception {
        assertThat(row("print toarray(1), toarray(dynamic([1, 2])), toarray(dynamic({'a': 1})), toarray('x')"))
                .containsExactly("[1]", "[1,2]", "[{\"a\":1}]", "[\"x\"]");
    }

    @Test
    void bagPackColumns_namesEachValueAfterItsColumn() throws Exception {
        assertThat(row("datatable(a:long, b:string) [1, 'x'] | project p = bag_pack_columns(a, b)")).containsExactly("{\"a\":1,\"b\":\"x\"}");
    }
}
