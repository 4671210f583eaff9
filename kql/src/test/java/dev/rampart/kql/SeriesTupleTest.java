package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tuple assignment from the series functions that return several columns; executed on DuckDB. */
class SeriesTupleTest extends DuckDbTestBase {
    @Test
    void seriesFitLine_matchesTheReferenceExample() throws Exception {
        // The reference page prints the values cut to 3 decimals: 0.982, 2.730, 98.628, 1.686, -1.666, line from 1.064.
        List<List<Object>> rows = rows("""
                print y = dynamic([2, 5, 6, 8, 11, 15, 17, 18, 25, 26, 30, 30])
                | extend (RSquare, Slope, Variance, RVariance, Interception, LineFit) = series_fit_line(y)
                | project RSquare, Slope, Variance, RVariance, Interception, First = todouble(LineFit[0])""");
        double[] expected = {0.982, 2.730, 98.628, 1.686, -1.666, 1.064};
        assertThat(rows).hasSize(1);
        for (int i = 0; i < expected.length; i++) {
            double v = (Double) rows.get(0).get(i);
            assertThat(v).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(0.001));
        }
    }

    @Test
    void decomposeAnomalies_flagsTheSpike_andKeepsOtherColumns() throws Exception {
        List<List<Object>> rows = rows("""
                print id = 'a', s = dynamic([10, 11, 10, 9, 10, 11, 10, 60, 10, 9])
                | extend (flag, score, baseline) = series_decompose_anomalies(s, 1.5, 0)
                | project id, flag, b = baseline[0]""");
        assertThat(rows).containsExactly(List.of("a", "[0,0,0,0,0,0,0,1,0,0]", "15.0"));
    }

    @Test
    void decompose_defaultSeasonality_detectsThePeriod_likeGivingIt() throws Exception {
        // Period 7 repeated eight times: autodetection (-1, the default) finds it.
        String s = "print s = dynamic([1, 9, 4, 2, 8, 3, 5, 1, 9, 4, 2, 8, 3, 5, 1, 9, 4, 2, 8, 3, 5, 1, 9, 4, 2, 8, 3, 5,"
                + " 1, 9, 4, 2, 8, 3, 5, 1, 9, 4, 2, 8, 3, 5, 1, 9, 4, 2, 8, 3, 5, 1, 9, 4, 2, 8, 3, 5])";
        List<List<Object>> detected = rows(s + " | extend (b, se, t, r) = series_decompose(s) | project tostring(se)");
        List<List<Object>> given = rows(s + " | extend (b, se, t, r) = series_decompose(s, 7) | project tostring(se)");
        assertThat(detected).isEqualTo(given);
        assertThat(detected.get(0).get(0).toString()).startsWith("[1.0,9.0,4.0");
        assertThat(TestSupport.compile(s + " | extend (f, sc, b) = series_decompose_anomalies(s)").warnings()).isEmpty();
    }

    @Test
    void decompose_seasonalityThresholdAboveEveryScore_leavesNoSeasonalPart() throws Exception {
        String s = "print s = dynamic([1, 9, 4, 1, 9, 4, 1, 9, 4, 1, 9, 4, 1, 9, 4, 1, 9, 4])";
        assertThat(one(s + " | extend (b, se, t, r) = series_decompose(s, -1, 'avg', 0, 1.01) | project tostring(se)"))
                .isEqualTo("[0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0]");
        assertThat(one(s + " | extend (f, sc, b) = series_decompose_anomalies(s, 1.5, -1, 'avg', 0, 'ctukey', 1.01) | project tostring(b)"))
                .isEqualTo("[4.666666666666667,4.666666666666667,4.666666666666667,4.666666666666667,4.666666666666667,4.666666666666667,"
                        + "4.666666666666667,4.666666666666667,4.666666666666667,4.666666666666667,4.666666666666667,4.666666666666667,"
                        + "4.666666666666667,4.666666666666667,4.666666666666667,4.666666666666667,4.666666666666667,4.666666666666667]");
    }

    @Test
    void decomposeAnomalies_testPoints_areLeftOutOfTheLearning() throws Exception {
        // The last two points do not move the learnt average; they are still scored.
        List<List<Object>> rows = rows("""
                print s = dynamic([10, 11, 10, 9, 10, 11, 10, 9, 10, 11, 500, 500])
                | extend (flag, score, baseline) = series_decompose_anomalies(s, 1.5, 0, 'avg', 2)
                | project b = baseline[0], last = flag[11]""");
        assertThat(rows).containsExactly(List.of("10.1", "1"));
    }

    @Test
    void decomposeAnomalies_tooManyArguments_isAnError() {
        assertThatThrownBy(() -> TestSupport.compile("print s = dynamic([1]) | extend (f, sc, b) = series_decompose_anomalies(s, 1.5, -1, 'avg', 0, 'ctukey', 0.6, 1)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("takes at most 7 arguments").hasMessageContaining("line 1, column 110");
    }

    @Test
    void decompose_withPeriod_usesTheMedianOfEachPhase() throws Exception {
        List<List<Object>> rows = rows("""
                print s = dynamic([1, 5, 3, 7, 2, 6])
                | extend (baseline, seasonal, trend, residual) = series_decompose(s, 2, 'none')
                | project seasonal, residual""");
        assertThat(rows).containsExactly(List.of("[2.0,6.0,2.0,6.0,2.0,6.0]", "[-1.0,-1.0,1.0,1.0,0.0,0.0]"));
    }

    @Test
    void seriesFunctionInsideAnExpression_namesTheColumnsToAssign() {
        assertThatThrownBy(() -> TestSupport.compile("print s = dynamic([1]) | extend x = tostring(series_fit_line(s))"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("series_fit_line() returns several columns")
                .hasMessageContaining("line 1, column 46")
                .hasMessageContaining("extend (rsquare, slope");
    }

    @Test
    void tupleFromAnOrdinaryFunction_isReportedWithWhatReturnsSeveral() {
        assertThatThrownBy(() -> TestSupport.compile("print s = 'a' | extend (a, b) = strlen(s)"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("Assigning several columns from strlen()");
    }
}
