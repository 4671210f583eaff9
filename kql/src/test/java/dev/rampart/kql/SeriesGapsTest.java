package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** series_fill_linear and series_outliers, executed on DuckDB. */
class SeriesGapsTest extends DuckDbTestBase {
    private static final String DOC_DATA = """
            let data = datatable(arr: dynamic)
                [
                dynamic([null, 111.0, null, 36.0, 41.0, null, null, 16.0, 61.0, 33.0, null, null]),
                dynamic([null, 111, null, 36, 41, null, null, 16, 61, 33, null, null]),
                dynamic([null, null, null, null])
            ];
            data
            """;

    @Test
    void fillLinear_referenceExample_interpolatesDoublesAndFillsEdges() throws Exception {
        List<List<Object>> rows = rows(DOC_DATA + """
                | project without_args = series_fill_linear(arr), with_edges = series_fill_linear(arr, double(null), true),
                    wo_edges = series_fill_linear(arr, double(null), false), with_const = series_fill_linear(arr, double(null), true, 3.14159)""");
        assertThat(rows).hasSize(3);
        Double[] filled = {111.0, 111.0, 73.5, 36.0, 41.0, 32.667, 24.333, 16.0, 61.0, 33.0, 33.0, 33.0};
        Double[] withoutEdges = {null, 111.0, 73.5, 36.0, 41.0, 32.667, 24.333, 16.0, 61.0, 33.0, null, null};
        assertSeries(rows.get(0).get(0), filled);
        assertSeries(rows.get(0).get(1), filled);
        assertSeries(rows.get(0).get(2), withoutEdges);
        assertSeries(rows.get(0).get(3), filled);
    }

    @Test
    void fillLinear_referenceExample_wholeNumbersStayWhole_cutToTheirIntegerPart() throws Exception {
        List<Object> r = rows(DOC_DATA + """
                | project without_args = series_fill_linear(arr), wo_edges = series_fill_linear(arr, double(null), false),
                    with_const = series_fill_linear(arr, double(null), true, 3.14159)""").get(1);
        assertThat(r.get(0)).isEqualTo("[111,111,73,36,41,32,24,16,61,33,33,33]");
        assertThat(r.get(1)).isEqualTo("[null,111,73,36,41,32,24,16,61,33,null,null]");
        // The page prints [111,111,74,38,...] here, which contradicts its own text (the constant is used only when
        // every point is missing) and the two columns beside it; the interpolation does not depend on the constant.
        assertThat(r.get(2)).isEqualTo("[111,111,73,36,41,32,24,16,61,33,33,33]");
    }

    @Test
    void fillLinear_referenceExample_allMissing_isTheConstant() throws Exception {
        List<Object> r = rows(DOC_DATA + """
                | project without_args = series_fill_linear(arr), wo_edges = series_fill_linear(arr, double(null), false),
                    with_const = series_fill_linear(arr, double(null), true, 3.14159)""").get(2);
        assertThat(r).containsExactly("[0.0,0.0,0.0,0.0]", "[0.0,0.0,0.0,0.0]", "[3.14159,3.14159,3.14159,3.14159]");
    }

    @Test
    void fillLinear_placeholderValue_marksMissingPoints() throws Exception {
        assertThat(one("print s = series_fill_linear(dynamic([1, 0, 0, 4, 0]), 0)")).isEqualTo("[1,2,3,4,4]");
    }

    @Test
    void fillLinear_constantNull_keepsAnAllMissingSeries() throws Exception {
        assertThat(one("print s = series_fill_linear(dynamic([null, null]), double(null), true, double(null))")).isEqualTo("[null,null]");
    }

    @Test
    void fillLinear_emptyAndNonArray() throws Exception {
        assertThat(row("print a = series_fill_linear(dynamic([])), b = series_fill_linear(dynamic(null))")).containsExactly("[]", null);
    }

    @Test
    void fillLinear_tooManyArguments_isAnErrorAtTheCall() {
        assertThatThrownBy(() -> TestSupport.compile("print s = series_fill_linear(dynamic([1]), 0, true, 1, 2)"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("series_fill_linear() takes 1 to 4 arguments but was given 5")
                .hasMessageContaining("line 1, column 11");
    }

    @Test
    void outliers_scoresDistanceBeyondThePercentileRange() throws Exception {
        // 10 known points 1..9 and 100: 10th percentile 1.9, 90th 18.1 (linear between ranks), range 16.2.
        List<?> scores = numbers(one("print s = series_outliers(dynamic([1, 2, 3, 4, 5, 6, 7, 8, 9, 100]))"));
        assertThat(((Number) scores.get(9)).doubleValue()).isCloseTo((100 - 18.1) / 16.2, Offset.offset(1e-9));
        assertThat(((Number) scores.get(0)).doubleValue()).isCloseTo((1 - 1.9) / 16.2, Offset.offset(1e-9));
        assertThat(((Number) scores.get(4)).doubleValue()).isEqualTo(0.0);
    }

    @Test
    void outliers_tukey_usesTheQuartiles_andIgnoresCustomPercentiles() throws Exception {
        // Quartiles of 1..8: 2.75 and 6.25, range 3.5; 20 scores (20 - 6.25) / 3.5 with 20 among the points.
        String a = "print s = series_outliers(dynamic([1, 2, 3, 4, 5, 6, 7, 20]), 'tukey')";
        String b = "print s = series_outliers(dynamic([1, 2, 3, 4, 5, 6, 7, 20]), 'tukey', double(null), 5, 95)";
        assertThat(one(a)).isEqualTo(one(b));
        List<?> scores = numbers(one(a));
        // With 20 in place of 8 the quartiles are 2.75 and 6.25 still.
        assertThat(((Number) scores.get(7)).doubleValue()).isCloseTo((20 - 6.25) / 3.5, Offset.offset(1e-9));
    }

    @Test
    void outliers_nullsAndIgnoredValues_scoreZero_andStayOutOfThePercentiles() throws Exception {
        String withNull = one("print s = series_outliers(dynamic([1, null, 2, 3, 4, 5, 6, 7, 8, 9, 100]))").toString();
        String withIgnored = one("print s = series_outliers(dynamic([1, -1, 2, 3, 4, 5, 6, 7, 8, 9, 100]), 'ctukey', -1)").toString();
        String without = one("print s = series_outliers(dynamic([1, 2, 3, 4, 5, 6, 7, 8, 9, 100]))").toString();
        assertThat(numbers(withNull).get(1)).isEqualTo(0.0);
        assertThat(withNull).isEqualTo(withIgnored);
        List<Object> expected = new java.util.ArrayList<>(numbers(without));
        expected.add(1, 0.0);
        assertThat(numbers(withNull)).isEqualTo(expected);
    }

    @Test
    void outliers_customPercentiles_narrowTheRange() throws Exception {
        List<?> scores = numbers(one("print s = series_outliers(dynamic([1, 2, 3, 4, 5, 6, 7, 8, 9, 100]), 'ctukey', double(null), 25, 75)"));
        // Quartiles 3.25 and 7.75.
        assertThat(((Number) scores.get(9)).doubleValue()).isCloseTo((100 - 7.75) / 4.5, Offset.offset(1e-9));
    }

    @Test
    void outliers_constantSeries_scoresZero() throws Exception {
        assertThat(one("print s = series_outliers(dynamic([5, 5, 5, 5]))")).isEqualTo("[0.0,0.0,0.0,0.0]");
    }

    @Test
    void outliers_percentileOutsideTheDocumentedRange_isAnErrorAtTheArgument() {
        assertThatThrownBy(() -> TestSupport.compile("print s = series_outliers(dynamic([1]), 'ctukey', 0, 1, 90)"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("percentiles 1.0 and 90.0 are out of range")
                .hasMessageContaining("line 1, column 54");
    }

    @Test
    void outliers_unknownKind_isAnError() {
        assertThatThrownBy(() -> TestSupport.compile("print s = series_outliers(dynamic([1]), 'iqr')"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("unknown kind 'iqr'");
    }

    @Test
    void outliers_noArguments_isAnErrorAtTheCall() {
        assertThatThrownBy(() -> TestSupport.compile("print s = series_outliers()"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("series_outliers() takes 1 to 5 arguments but was given 0")
                .hasMessageContaining("line 1, column 11");
    }

    @Test
    void outliers_referenceExample_flagsTheFirstDayOfEachMonth() throws Exception {
        // The page's query with its random noise (rand() * 10) replaced by a fixed pattern in [5, 6): the spikes of +20
        // on the first of each month score far above 1.5, and nothing else reaches it.
        List<Object> r = row("""
                range x from 0 to 364 step 1
                | extend t = datetime(2023-01-01) + 1d*x
                | extend y = 5 + (x * 7 % 10) / 10.0
                | extend y = iff(monthofyear(t) != monthofyear(prev(t)), y+20, y)
                | summarize t = make_list(t), series = make_list(y)
                | extend outliers=series_outliers(series)
                | extend pos_anomalies = array_iff(series_greater_equals(outliers, 1.5), 1, 0)
                | mv-expand with_itemindex = i t to typeof(datetime), pos_anomalies to typeof(int)
                | where pos_anomalies == 1
                | summarize flagged = count(), days = make_set(dayofmonth(t))""");
        assertThat(r).containsExactly(12L, "[1]");
    }

    private static List<Object> numbers(Object json) {
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) dev.rampart.kql.analyzer.JsonLines.read((String) json);
        return l;
    }

    private static void assertSeries(Object json, Double[] expected) {
        List<Object> l = numbers(json);
        assertThat(l).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] == null) {
                assertThat(l.get(i)).as("element %d", i).isNull();
            } else {
                assertThat(((Number) l.get(i)).doubleValue()).as("element %d", i).isCloseTo(expected[i], Offset.offset(0.001));
            }
        }
    }
}
