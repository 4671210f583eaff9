package dev.rampart.kql;

import dev.rampart.kql.analyzer.JsonLines;
import dev.rampart.kql.diagnostics.KqlException;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** series_fit_2lines, series_fit_2lines_dynamic and series_fit_poly, executed on DuckDB. */
class SeriesFitTest extends DuckDbTestBase {
    private static final String DOC_Y = "dynamic([1, 2.2, 2.5, 4.7, 5.0, 12, 10.3, 10.3, 9, 8.3, 6.2])";
    private static final Offset<Double> CLOSE = Offset.offset(1e-9);

    @Test
    void fit2Lines_referenceExample_breaksWhereTheChartShows() throws Exception {
        // The page's chart: the first line runs through the first five points (about 1.0 to 5.2), the second starts at
        // 12 on the sixth and falls to about 6.8. Left: 1, 2.2, 2.5, 4.7, 5 -> slope 1.05, 0.98 at position 1;
        // right: 12, 10.3, 10.3, 9, 8.3, 6.2 -> slope -18.15 / 17.5.
        List<Object> r = row("print y = " + DOC_Y + """

                | extend (RSquare2, SplitIdx, Variance2, RVariance2, LineFit2) = series_fit_2lines(y)
                | project SplitIdx, LineFit2""");
        assertThat(r.get(0)).isEqualTo(5L);
        List<?> line = (List<?>) JsonLines.read((String) r.get(1));
        double rightSlope = -18.15 / 17.5;
        double[] expected = {0.98, 2.03, 3.08, 4.13, 5.18, 9.35 - 2.5 * rightSlope, 9.35 - 1.5 * rightSlope, 9.35 - 0.5 * rightSlope,
                9.35 + 0.5 * rightSlope, 9.35 + 1.5 * rightSlope, 9.35 + 2.5 * rightSlope};
        for (int i = 0; i < expected.length; i++) {
            assertThat(((Number) line.get(i)).doubleValue()).as("line_fit[%d]", i).isCloseTo(expected[i], CLOSE);
        }
    }

    @Test
    void fit2Lines_sidesAreSeriesFitLineOfEachPart() throws Exception {
        List<Object> r = row("print y = " + DOC_Y + """

                | extend (rs, si, v, rv, lf, r_rs, r_slope, r_int, r_v, r_rv, l_rs, l_slope, l_int, l_v, l_rv) = series_fit_2lines(y)
                | extend (lrs, lslope, lv, lrv, lint) = series_fit_line(dynamic([1, 2.2, 2.5, 4.7, 5.0]))
                | extend (rrs, rslope, rv2, rrv, rint) = series_fit_line(dynamic([12, 10.3, 10.3, 9, 8.3, 6.2]))
                | project l_rs, l_slope, l_int, l_v, l_rv, lrs, lslope, lint, lv, lrv, r_rs, r_slope, r_int, r_v, r_rv, rrs, rslope, rint, rv2, rrv""");
        for (int i = 0; i < 5; i++) {
            assertThat((Double) r.get(i)).as("left %d", i).isCloseTo((Double) r.get(i + 5), CLOSE);
            assertThat((Double) r.get(i + 10)).as("right %d", i).isCloseTo((Double) r.get(i + 15), CLOSE);
        }
        assertThat((Double) r.get(1)).isCloseTo(1.05, CLOSE);
    }

    @Test
    void fit2Lines_totals_measureBothLinesAgainstTheWholeSeries() throws Exception {
        List<Object> r = row("""
                print y = dynamic([1, 2, 3, 4, 10, 8, 6, 4])
                | extend (rs, si, v, rv) = series_fit_2lines(y)
                | project rs, si, v, rv""");
        // Two exact lines: no residual.
        assertThat((Double) r.get(0)).isCloseTo(1.0, CLOSE);
        assertThat(r.get(1)).isEqualTo(4L);
        assertThat((Double) r.get(2)).isCloseTo(65.5 / 7, CLOSE); // sample variance of the eight values (mean 4.75)
        assertThat((Double) r.get(3)).isCloseTo(0.0, CLOSE);
    }

    @Test
    void fit2Lines_unnamed_namesEveryColumnAfterTheSeries() {
        List<String> names = TestSupport.compile("print y = dynamic([1, 2, 3, 4]) | project series_fit_2lines(y)").columns().stream()
                .map(OutputColumn::name).toList();
        assertThat(names).hasSize(15).startsWith("series_fit_2lines_y_rsquare", "series_fit_2lines_y_split_idx")
                .endsWith("series_fit_2lines_y_left_rvariance");
    }

    @Test
    void fit2Lines_nullPoints_areLeftOutOfTheFitButGetAFittedValue() throws Exception {
        List<Object> r = row("""
                print y = dynamic([1, 2, null, 4, 10, 8, 6, 4])
                | extend (rs, si, v, rv, lf) = series_fit_2lines(y)
                | project rs, si, lf""");
        assertThat((Double) r.get(0)).isCloseTo(1.0, CLOSE);
        assertThat(r.get(1)).isEqualTo(4L);
        assertThat(r.get(2)).isEqualTo("[1.0,2.0,3.0,4.0,10.0,8.0,6.0,4.0]");
    }

    @Test
    void fit2Lines_tooShortForTwoLinesOfTwoPoints_isNull() throws Exception {
        assertThat(row("print y = dynamic([1, 2, 3]) | extend (rs, si) = series_fit_2lines(y) | project rs, si")).containsExactly(null, null);
        assertThat(one("print b = series_fit_2lines_dynamic(dynamic([]))")).isNull();
    }

    @Test
    void fit2Lines_secondArgument_isAnErrorAtTheCall() {
        assertThatThrownBy(() -> TestSupport.compile("print y = dynamic([1]) | extend (a, b) = series_fit_2lines(y, 2)"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("series_fit_2lines() takes 1 argument but was given 2")
                .hasMessageContaining("line 1, column 42");
    }

    @Test
    void fit2LinesDynamic_referenceExample_isOneBagWithNestedSides() throws Exception {
        Object bag = one("print y = " + DOC_Y + " | project LineFit2 = series_fit_2lines_dynamic(y)");
        Map<?, ?> m = (Map<?, ?>) JsonLines.read((String) bag);
        assertThat(List.<Object>copyOf(m.keySet())).containsExactly("rsquare", "split_idx", "variance", "rvariance", "line_fit", "right", "left");
        assertThat(List.<Object>copyOf(((Map<?, ?>) m.get("right")).keySet())).containsExactly("rsquare", "slope", "interception", "variance", "rvariance");
        assertThat(((Number) ((Map<?, ?>) m.get("left")).get("slope")).doubleValue()).isCloseTo(1.05, CLOSE);
        List<Object> same = row("print y = " + DOC_Y + """

                | extend (rs, si) = series_fit_2lines(y)
                | project rs, si, d = series_fit_2lines_dynamic(y) | project rs, si, drs = todouble(d.rsquare), dsi = tolong(d.split_idx)""");
        assertThat((Double) same.get(0)).isCloseTo((Double) same.get(2), CLOSE);
        assertThat(same.get(1)).isEqualTo(same.get(3));
    }

    @Test
    void fit2LinesDynamic_withoutTheSeries_isAnErrorAtTheCall() {
        assertThatThrownBy(() -> TestSupport.compile("print b = series_fit_2lines_dynamic()"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("series_fit_2lines_dynamic() takes 1 argument but was given 0")
                .hasMessageContaining("line 1, column 11");
    }

    @Test
    void fitPoly_degreeOne_matchesSeriesFitLine() throws Exception {
        // The page's second example: series_fit_poly(y) and series_fit_line(y) agree (its table shows rsquare, variance
        // and rvariance equal, and the coefficients [slope, interception]).
        List<Object> r = row("""
                print y = dynamic([2, 5, 6, 8, 11, 15, 17, 18, 25, 26, 30, 30])
                | extend series_fit_line(y)
                | extend series_fit_poly(y)
                | project series_fit_line_y_rsquare, series_fit_poly_y_rsquare, series_fit_line_y_variance, series_fit_poly_y_variance,
                    series_fit_line_y_rvariance, series_fit_poly_y_rvariance, series_fit_line_y_slope, s = todouble(series_fit_poly_y_coefficients[0]),
                    series_fit_line_y_interception, i = todouble(series_fit_poly_y_coefficients[1]),
                    l = todouble(series_fit_line_y_line_fit[11]), p = todouble(series_fit_poly_y_poly_fit[11])""");
        for (int i = 0; i < r.size(); i += 2) {
            assertThat((Double) r.get(i + 1)).as("column %d", i).isCloseTo((Double) r.get(i), Offset.offset(1e-9));
        }
        assertThat((Double) r.get(0)).isCloseTo(0.982, Offset.offset(0.001));
    }

    @Test
    void fitPoly_exactPolynomial_givesItsCoefficientsHighestFirst() throws Exception {
        List<Object> r = row("""
                print x = dynamic([-2, -1, 0, 0.5, 1, 2, 3])
                | extend y = series_add(series_subtract(series_multiply(series_multiply(x, x), 2), series_multiply(x, 3)), 1)
                | extend (rs, coeff, v, rv, fit) = series_fit_poly(y, x, 2)
                | project rs, c2 = todouble(coeff[0]), c1 = todouble(coeff[1]), c0 = todouble(coeff[2]), n = array_length(coeff), rv""");
        assertThat((Double) r.get(0)).isCloseTo(1.0, CLOSE);
        assertThat((Double) r.get(1)).isCloseTo(2.0, CLOSE);
        assertThat((Double) r.get(2)).isCloseTo(-3.0, CLOSE);
        assertThat((Double) r.get(3)).isCloseTo(1.0, CLOSE);
        assertThat(r.get(4)).isEqualTo(3L);
        assertThat((Double) r.get(5)).isCloseTo(0.0, CLOSE);
    }

    @Test
    void fitPoly_referenceExample1_fifthOrder_recoversTheGeneratingPolynomial() throws Exception {
        // The page's first example without its random noise: x spread over [-2.3, 2.7), y = x^5 - 8x^3 + 10x + 6.
        List<Object> r = row("""
                range x from 1 to 200 step 1
                | project x = (x * 37 % 200) / 40.0 - 2.3
                | extend y = pow(x, 5)-8*pow(x, 3)+10*x+6
                | summarize x=make_list(x), y=make_list(y)
                | extend series_fit_poly(y, x, 5)
                | project-rename fy=series_fit_poly_y_poly_fit, coeff=series_fit_poly_y_coefficients
                | project coeff""");
        List<?> c = (List<?>) JsonLines.read((String) r.get(0));
        double[] expected = {1, 0, -8, 0, 10, 6};
        for (int i = 0; i < expected.length; i++) {
            assertThat(((Number) c.get(i)).doubleValue()).as("coefficient %d", i).isCloseTo(expected[i], Offset.offset(1e-8));
        }
    }

    @Test
    void fitPoly_nullPoints_areLeftOutOfTheFit() throws Exception {
        List<Object> r = row("""
                print y = dynamic([3, null, 7, 9])
                | extend (rs, coeff, v, rv, fit) = series_fit_poly(y)
                | project rs, coeff, fit""");
        assertThat((Double) r.get(0)).isCloseTo(1.0, CLOSE);
        List<?> fit = (List<?>) JsonLines.read((String) r.get(2));
        assertThat(((Number) fit.get(1)).doubleValue()).isCloseTo(5.0, CLOSE);
    }

    @Test
    void fitPoly_fewerPointsThanCoefficients_isNull() throws Exception {
        assertThat(row("print y = dynamic([1, 2]) | extend (rs, coeff) = series_fit_poly(y, dynamic(null), 2) | project rs, coeff"))
                .containsExactly(null, null);
    }

    @Test
    void fitPoly_differentLengths_isNull() throws Exception {
        assertThat(one("print y = dynamic([1, 2, 3]) | extend (rs, c) = series_fit_poly(y, dynamic([1, 2])) | project rs")).isNull();
    }

    @Test
    void fitPoly_negativeDegree_isAnErrorAtTheDegree() {
        assertThatThrownBy(() -> TestSupport.compile("print y = dynamic([1]) | extend (a, b) = series_fit_poly(y, dynamic(null), -1)"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("degree -1 is out of range")
                .hasMessageContaining("line 1, column 76");
    }

    @Test
    void fitPoly_fourArguments_isAnErrorAtTheCall() {
        assertThatThrownBy(() -> TestSupport.compile("print y = dynamic([1]) | extend (a, b) = series_fit_poly(y, y, 1, 1)"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("series_fit_poly() takes 1 to 3 arguments but was given 4")
                .hasMessageContaining("line 1, column 42");
    }
}
