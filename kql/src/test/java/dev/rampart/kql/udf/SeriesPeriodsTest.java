package dev.rampart.kql.udf;

import dev.rampart.kql.DuckDbTestBase;
import dev.rampart.kql.OutputColumn;
import dev.rampart.kql.TestSupport;
import dev.rampart.kql.analyzer.JsonLines;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** series_periods_detect, series_periods_validate and series_seasonal, executed on DuckDB. */
class SeriesPeriodsTest extends DuckDbTestBase {
    /** Half-day traffic of a month from the reference page: a weekly (14-bin) pattern on a rising level. */
    private static final String TRAFFIC = "dynamic([80, 139, 87, 110, 68, 54, 50, 51, 53, 133, 86, 141, 97, 156, 94, 149, 95, 140,"
            + " 77, 61, 50, 54, 47, 133, 72, 152, 94, 148, 105, 162, 101, 160, 87, 63, 53, 55, 54, 151, 103, 189, 108, 183, 113, 175,"
            + " 113, 178, 90, 71, 62, 62, 65, 165, 109, 181, 115, 182, 121, 178, 114, 170])";

    private static String series(int n, IntToDoubleFunction f) {
        return "dynamic([" + IntStream.range(0, n).mapToObj(t -> Double.toString(f.applyAsDouble(t))).collect(Collectors.joining(", ")) + "])";
    }

    private static List<?> array(Object json) {
        return (List<?>) JsonLines.read((String) json);
    }

    private static double number(Object json, int i) {
        return ((Number) array(json).get(i)).doubleValue();
    }

    @Test
    void detect_onCleanSine_findsItsPeriod_withScoreNearOne_andPadsWithZero() throws Exception {
        String s = series(100, t -> Math.sin(2 * Math.PI * t / 10));
        List<Object> r = row("print s = " + s + " | project (p, sc) = series_periods_detect(s, 4.0, 50.0, 2)");
        assertThat(array(r.get(0))).extracting(v -> ((Number) v).longValue()).containsExactly(10L, 0L);
        assertThat(number(r.get(1), 0)).isGreaterThan(0.95).isLessThanOrEqualTo(1.0);
        assertThat(number(r.get(1), 1)).isEqualTo(0.0);
    }

    @Test
    void detect_onSquareWave_findsItsPeriod_notItsHarmonics() throws Exception {
        String s = series(96, t -> t % 12 < 6 ? 10 : 2);
        List<Object> r = row("print s = " + s + " | project (p, sc) = series_periods_detect(s, 0.0, 48.0, 3)");
        assertThat(array(r.get(0))).extracting(v -> ((Number) v).longValue()).containsExactly(12L, 0L, 0L);
        assertThat(number(r.get(1), 0)).isGreaterThan(0.9);
    }

    @Test
    void detect_ignoresALinearTrend() throws Exception {
        String s = series(120, t -> 5 * t + 20 * Math.sin(2 * Math.PI * t / 24));
        List<Object> r = row("print s = " + s + " | project (p, sc) = series_periods_detect(s, 4.0, 60.0, 1)");
        assertThat(array(r.get(0))).extracting(v -> ((Number) v).longValue()).containsExactly(24L);
    }

    @Test
    void detect_findsTwoPeriods_orderedByScore() throws Exception {
        String s = series(240, t -> 3 * Math.sin(2 * Math.PI * t / 24) + Math.sin(2 * Math.PI * t / 5));
        List<Object> r = row("print s = " + s + " | project (p, sc) = series_periods_detect(s, 4.0, 100.0, 2)");
        assertThat(array(r.get(0))).extracting(v -> ((Number) v).longValue()).containsExactlyInAnyOrder(24L, 5L);
        assertThat(number(r.get(1), 0)).isGreaterThanOrEqualTo(number(r.get(1), 1));
        assertThat(number(r.get(1), 1)).isGreaterThan(0.0);
    }

    @Test
    void detect_onNoisyHourlyTraffic_findsTheWeekAndTheDay_butNotOtherMultiplesOfTheDay() throws Exception {
        java.util.Random noise = new java.util.Random(7);
        // Four weeks of hourly counts: a daily cycle, lower and flatter on weekends, with noise.
        String s = series(4 * 168, t -> ((t / 24) % 7 >= 5 ? 60 + 12 * Math.sin(2 * Math.PI * t / 24) : 100 + 40 * Math.sin(2 * Math.PI * t / 24))
                + 8 * noise.nextGaussian());
        List<Object> r = row("print s = " + s + " | project (p, sc) = series_periods_detect(s, 0.8 * 24, 1.2 * 168, 3)");
        assertThat(array(r.get(0))).extracting(v -> ((Number) v).longValue()).containsExactly(168L, 24L, 0L);
        assertThat(number(r.get(1), 0)).isGreaterThan(number(r.get(1), 1));
        assertThat(number(r.get(1), 1)).isGreaterThan(0.5);
    }

    @Test
    void detect_outsideTheSearchedRange_findsNothing() throws Exception {
        String s = series(100, t -> Math.sin(2 * Math.PI * t / 10));
        List<Object> r = row("print s = " + s + " | project (p, sc) = series_periods_detect(s, 20.0, 50.0, 1)");
        assertThat(array(r.get(0))).extracting(v -> ((Number) v).longValue()).containsExactly(0L);
        assertThat(number(r.get(1), 0)).isEqualTo(0.0);
    }

    @Test
    void detect_onNoiseFreeConstant_findsNothing() throws Exception {
        List<Object> r = row("print s = " + series(50, t -> 7) + " | project (p, sc) = series_periods_detect(s, 4.0, 25.0, 2)");
        assertThat(array(r.get(0))).extracting(v -> ((Number) v).longValue()).containsExactly(0L, 0L);
    }

    @Test
    void detect_onWeeklyTraffic_findsTheWeek_only() throws Exception {
        List<Object> r = row("print y = " + TRAFFIC + " | project series_periods_detect(y, 0.0, 50.0, 2)");
        assertThat(array(r.get(0))).extracting(v -> ((Number) v).longValue()).containsExactly(14L, 0L);
        assertThat(number(r.get(1), 0)).isBetween(0.8, 1.0);
        assertThat(number(r.get(1), 1)).isEqualTo(0.0);
    }

    @Test
    void validate_scoresTheTruePeriodHigh_andAWrongOneZero() throws Exception {
        List<Object> r = row("print y = " + TRAFFIC + " | project series_periods_validate(y, 14.0, 10.0)");
        assertThat(array(r.get(0))).extracting(v -> ((Number) v).doubleValue()).containsExactly(14.0, 10.0);
        assertThat(number(r.get(1), 0)).isBetween(0.8, 1.0);
        assertThat(number(r.get(1), 1)).isEqualTo(0.0);
    }

    @Test
    void validate_outsideFourToHalfTheLength_scoresZero() throws Exception {
        String s = series(40, t -> t % 4 == 0 ? 1 : 0);
        List<Object> r = row("print s = " + s + " | project (p, sc) = series_periods_validate(s, 3, 4, 21)");
        assertThat(number(r.get(1), 0)).isEqualTo(0.0);
        assertThat(number(r.get(1), 1)).isCloseTo(1.0, within(1e-9));
        assertThat(number(r.get(1), 2)).isEqualTo(0.0);
    }

    @Test
    void validate_ofAFractionalPeriod_fallsBetweenItsWholeNeighbours() throws Exception {
        String s = series(120, t -> Math.sin(2 * Math.PI * t / 12));
        List<Object> r = row("print s = " + s + " | project (p, sc) = series_periods_validate(s, 12.0, 12.5, 13.0)");
        assertThat(number(r.get(1), 1)).isLessThan(number(r.get(1), 0)).isGreaterThan(number(r.get(1), 2));
    }

    @Test
    void detect_onShortNearlyPeriodicSeries_findsThePeriod_butNotInTwoCyclesOfTwelvePoints() throws Exception {
        // The series_seasonal page's examples: periods 6 and 5 are found (with a score over its 0.7 threshold),
        // two cycles of 6 are too short to tell.
        List<Object> a = row("print s = dynamic([2, 5, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1])"
                + " | project (p, sc) = series_periods_detect(s, 0.0, 25.0, 1)");
        assertThat(array(a.get(0))).extracting(v -> ((Number) v).longValue()).containsExactly(6L);
        assertThat(number(a.get(1), 0)).isGreaterThan(0.7);
        List<Object> b = row("print s = dynamic([8, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10])"
                + " | project (p, sc) = series_periods_detect(s, 0.0, 20.0, 1)");
        assertThat(array(b.get(0))).extracting(v -> ((Number) v).longValue()).containsExactly(5L);
        assertThat(number(b.get(1), 0)).isGreaterThan(0.7);
        List<Object> c = row("print s = dynamic([1, 3, 5, 2, 4, 6, 1, 3, 5, 2, 4, 6]) | project (p, sc) = series_periods_detect(s, 0.0, 12.0, 1)");
        assertThat(array(c.get(0))).extracting(v -> ((Number) v).longValue()).containsExactly(0L);
    }

    @Test
    void seasonal_detectsThePeriod_orTakesTheGivenOne_andTakesEachPhasesMedian() throws Exception {
        List<List<Object>> r = rows("print s = dynamic([2, 5, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1])"
                + " | union (print s = dynamic([1, 3, 5, 2, 4, 6, 1, 3, 5, 2, 4, 6]))"
                + " | extend a = series_seasonal(s), b = series_seasonal(s, 3), z = series_seasonal(s, 0) | order by array_length(s) desc | project a, b, z");
        assertThat(r.get(0).get(0)).isEqualTo("[1.0,2.0,3.0,4.0,3.0,2.0,1.0,2.0,3.0,4.0,3.0,2.0,1.0,2.0,3.0,4.0,3.0,2.0,1.0,2.0,3.0,4.0,3.0,2.0,1.0]");
        assertThat(r.get(1).get(0)).isEqualTo("[0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0]");
        assertThat(r.get(1).get(1)).isEqualTo("[1.5,3.5,5.5,1.5,3.5,5.5,1.5,3.5,5.5,1.5,3.5,5.5]");
        assertThat(r.get(1).get(2)).isEqualTo("[0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0]");
    }

    @Test
    void detect_runsPerRow() throws Exception {
        String q = "datatable(id: long, s: dynamic)[1, " + series(60, t -> t % 6 < 3 ? 5 : 1) + ", 2, " + series(60, t -> t % 10 < 2 ? 9 : 0)
                + "] | extend (p, sc) = series_periods_detect(s, 4.0, 30.0, 1) | order by id asc | project id, p";
        List<List<Object>> r = rows(q);
        assertThat(r).hasSize(2);
        assertThat(array(r.get(0).get(1))).extracting(v -> ((Number) v).longValue()).containsExactly(6L);
        assertThat(array(r.get(1).get(1))).extracting(v -> ((Number) v).longValue()).containsExactly(10L);
    }

    @Test
    void unnamed_columns_followKustosNames() throws Exception {
        assertThat(TestSupport.compile("print y = dynamic([1]) | project series_periods_detect(y, 0.0, 10.0, 1)").columns().stream()
                .map(OutputColumn::name).toList()).containsExactly("series_periods_detect_y_periods", "series_periods_detect_y_periods_scores");
        assertThat(TestSupport.compile("print y = dynamic([1]) | project series_periods_validate(y, 4.0)").columns().stream()
                .map(OutputColumn::name).toList()).containsExactly("series_periods_validate_y_periods", "series_periods_validate_y_scores");
    }

    @Test
    void badArguments_giveNull() throws Exception {
        assertThat(row("print s = dynamic(null) | project (p, sc) = series_periods_detect(s, 4.0, 10.0, 1)")).containsExactly(null, null);
        assertThat(row("print s = dynamic({'a': 1}) | project (p, sc) = series_periods_detect(s, 4.0, 10.0, 1)")).containsExactly(null, null);
        assertThat(row("print s = dynamic([1, 2, 3]) | project (p, sc) = series_periods_detect(s, 4.0, 10.0, 0)")).containsExactly(null, null);
        assertThat(row("print s = dynamic([1, 2, 3]) | project (p, sc) = series_periods_validate(s, real(null))")).containsExactly(null, null);
    }

    @Test
    void insideAnExpression_isRejected_becauseItReturnsTwoColumns() {
        assertThatThrownBy(() -> TestSupport.compile("print x = tostring(series_periods_detect(dynamic([1]), 0.0, 10.0, 1))"))
                .hasMessageContaining("returns several columns");
        assertThatThrownBy(() -> TestSupport.compile("print y = dynamic([1]) | project series_periods_validate(y)"))
                .hasMessageContaining("1 to 16 periods");
    }
}
