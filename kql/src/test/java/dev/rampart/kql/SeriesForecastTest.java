package dev.rampart.kql;

import dev.rampart.kql.analyzer.JsonLines;
import dev.rampart.kql.diagnostics.KqlException;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** series_decompose_forecast, and series_decompose's Test_points which it shares, executed on DuckDB. */
class SeriesForecastTest extends DuckDbTestBase {
    private static final Offset<Double> CLOSE = Offset.offset(1e-9);

    @Test
    void forecast_seasonalOnly_repeatsThePhaseMediansOfTheLearntPoints() throws Exception {
        // Learnt: 1 5 3 7 2 6; phase medians 2 and 6. The trailing 100s are not learnt from.
        assertThat(one("print f = series_decompose_forecast(dynamic([1, 5, 3, 7, 2, 6, 100, 100]), 2, 2, 'none')"))
                .isEqualTo("[2.0,6.0,2.0,6.0,2.0,6.0,2.0,6.0]");
    }

    @Test
    void forecast_linefit_extendsTheLineOverTheForecastPoints() throws Exception {
        assertSeries(one("print f = series_decompose_forecast(dynamic([1, 2, 3, 4, 0, 0]), 2, 0, 'linefit')"), 1, 2, 3, 4, 5, 6);
    }

    @Test
    void forecast_defaultTrend_isTheAverageOfTheLearntPoints() throws Exception {
        assertSeries(one("print f = series_decompose_forecast(dynamic([2, 4, 0]), 1, 0)"), 3, 3, 3);
    }

    @Test
    void forecast_seasonalityAutodetected_byDefault() throws Exception {
        // Eight weeks of a daily series, busy weekdays and quiet weekends with a little fixed jitter, then an empty week.
        List<Object> r = row("""
                range t from 0 to 62 step 1
                | extend y = iff(t >= 56, 0.0, iff(t % 7 >= 5, 2.0, 10.0) + (t * 37 % 10) / 20.0)
                | summarize y = make_list(y)
                | project f = series_decompose_forecast(y, 7), flat = series_decompose_forecast(y, 7, -1, 'avg', 1.01)""");
        double[] f = doubles(r.get(0));
        assertThat(f).hasSize(63);
        for (int t = 56; t < 63; t++) {
            // The weekly pattern continues into the empty week (the mean of the de-seasoned week is near 0).
            assertThat(f[t]).as("forecast %d", t).isCloseTo(t % 7 >= 5 ? 2.0 : 10.0, Offset.offset(0.5));
        }
        // No period scores above 1: without seasonality the forecast is the learnt mean everywhere.
        double[] flat = doubles(r.get(1));
        assertThat(flat[0]).isCloseTo(flat[62], CLOSE).isCloseTo(flat[30], CLOSE);
    }

    @Test
    void forecast_seriesTooShortForAPeriod_forecastsTheTrendOnly() throws Exception {
        // Four learnt points hold no period (they are at least 4 bins long and fit twice): the forecast is their mean.
        assertSeries(one("print f = series_decompose_forecast(dynamic([1, 3, 2, 4, 0]), 1)"), 2.5, 2.5, 2.5, 2.5, 2.5);
    }

    @Test
    void forecast_referenceExample_continuesTheWeeklyPatternIntoTheEmptyWeek() throws Exception {
        // The page's query with its noise (2 * rand()) replaced by a fixed pattern in [0, 2).
        List<Object> r = row("""
                let ts=range t from 1 to 24*7*4 step 1 // generate 4 weeks of hourly data
                | extend Timestamp = datetime(2018-03-01 05:00) + 1h * t
                | extend y = (t * 37 % 100) / 50.0 + iff((t/24)%7>=5, 5.0, 15.0) - (((t%24)/10)*((t%24)/10)) + t/72.0
                | extend y=iff(t==150 or t==200 or t==780, y-8.0, y) // add some dip outliers
                | extend y=iff(t==300 or t==400 or t==600, y+8.0, y) // add some spike outliers
                | make-series y=max(y) on Timestamp from datetime(2018-03-01 05:00) to datetime(2018-03-01 05:00)+24*7*5h step 1h;
                ts
                | extend y_forcasted = series_decompose_forecast(y, 24*7)
                | extend (weekly, seasonal) = series_decompose(y, 168, 'avg', 168)
                | project y, y_forcasted, weekly""");
        double[] y = doubles(r.get(0));
        double[] f = doubles(r.get(1));
        assertThat(f).hasSameSizeAs(y).hasSize(24 * 7 * 5);
        // The detected seasonality is the week: the same forecast as with the period given.
        assertThat(r.get(1)).isEqualTo(r.get(2));
        // The empty fifth week (position = t) is forecast from the weekly phases: the median of the four learnt weeks,
        // so the pattern plus the trend of the middle of the learnt weeks (t - 420 hours back, as the default 'avg'
        // trend does not extend it) plus about the noise's middle (1, give or take its spread); never the zeros
        // make-series put there. Phases with an outlier in one of their learnt weeks have their median moved by it.
        List<Integer> outlierPhases = List.of(150 % 168, 200 % 168, 780 % 168, 300 % 168, 400 % 168, 600 % 168);
        for (int t = 24 * 7 * 4 + 1; t < 24 * 7 * 5; t++) {
            assertThat(y[t]).isEqualTo(0.0);
            if (!outlierPhases.contains(t % 168)) {
                double pattern = ((t / 24) % 7 >= 5 ? 5.0 : 15.0) - Math.pow((t % 24) / 10, 2);
                assertThat(f[t]).as("forecast %d", t).isCloseTo(pattern + (t - 420) / 72.0 + 1, Offset.offset(1.5));
            }
        }
    }

    @Test
    void decompose_testPoints_learnsFromTheLeadingPointsOnly() throws Exception {
        List<Object> r = row("""
                print s = dynamic([1, 5, 3, 7, 2, 6, 100, 100])
                | extend (baseline, seasonal, trend, residual) = series_decompose(s, 2, 'none', 2)
                | project baseline, residual""");
        assertThat(r).containsExactly("[2.0,6.0,2.0,6.0,2.0,6.0,2.0,6.0]", "[-1.0,-1.0,1.0,1.0,0.0,0.0,98.0,94.0]");
    }

    @Test
    void forecast_nullSeries_isNull_andNullPointsAreLeftOutOfTheMedians() throws Exception {
        assertThat(one("print f = series_decompose_forecast(dynamic(null), 1)")).isNull();
        assertThat(one("print f = series_decompose_forecast(dynamic([1, 5, null, 7, 3, 6, 0, 0]), 2, 2, 'none')"))
                .isEqualTo("[2.0,6.0,2.0,6.0,2.0,6.0,2.0,6.0]");
    }

    @Test
    void forecast_withoutPoints_isAnErrorAtTheCall() {
        assertThatThrownBy(() -> TestSupport.compile("print s = dynamic([1]) | extend f = series_decompose_forecast(s)"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("series_decompose_forecast() takes 2 to 5 arguments but was given 1")
                .hasMessageContaining("line 1, column 37");
    }

    @Test
    void forecast_unknownTrend_isAnErrorAtTheTrend() {
        assertThatThrownBy(() -> TestSupport.compile("print s = dynamic([1]) | extend f = series_decompose_forecast(s, 1, 0, 'cubic')"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("unknown trend 'cubic'")
                .hasMessageContaining("line 1, column 72");
    }

    @Test
    void forecast_negativePoints_isAnError() {
        assertThatThrownBy(() -> TestSupport.compile("print s = dynamic([1]) | extend f = series_decompose_forecast(s, -3)"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("Points cannot be negative");
    }

    private static double[] doubles(Object json) {
        List<?> l = (List<?>) JsonLines.read((String) json);
        double[] d = new double[l.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = ((Number) l.get(i)).doubleValue();
        }
        return d;
    }

    private static void assertSeries(Object json, double... expected) {
        double[] d = doubles(json);
        assertThat(d).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(d[i]).as("element %d", i).isCloseTo(expected[i], CLOSE);
        }
    }
}
