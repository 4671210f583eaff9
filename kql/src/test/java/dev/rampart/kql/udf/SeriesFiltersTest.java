package dev.rampart.kql.udf;

import dev.rampart.kql.DuckDbTestBase;
import dev.rampart.kql.TestSupport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** series_iir, series_fir, series_stats_dynamic and series_fit_line_dynamic, executed on DuckDB. */
class SeriesFiltersTest extends DuckDbTestBase {
    @Test
    void seriesIir_withDenominatorOneMinusOne_isACumulativeSum() throws Exception {
        assertThat(row("print y = series_iir(dynamic([1, 2, 3, 4]), dynamic([1]), dynamic([1, -1]))"))
                .containsExactly("[1.0,3.0,6.0,10.0]");
    }

    @Test
    void seriesIir_dividesByTheLeadingDenominator() throws Exception {
        assertThat(row("print y = series_iir(dynamic([2, 4]), dynamic([1, 1]), dynamic([2]))")).containsExactly("[1.0,3.0]");
    }

    @Test
    void seriesFir_normalizesByDefault_andCentersOnRequest() throws Exception {
        assertThat(row("print a = series_fir(dynamic([1, 2, 3, 4]), dynamic([1, 1])), b = series_fir(dynamic([1, 2, 3, 4]), dynamic([1, 1]), false),"
                + " c = series_fir(dynamic([3, 6, 9]), dynamic([1, 1, 1]), true, true)"))
                .containsExactly("[0.5,1.5,2.5,3.5]", "[1.0,3.0,5.0,7.0]", "[3.0,6.0,5.0]");
    }

    @Test
    void seriesStatsDynamic_isOneBag_withSampleSpread() throws Exception {
        assertThat(row("print s = series_stats_dynamic(dynamic([4, 1, 7]))"))
                .containsExactly("{\"min\":1.0,\"min_idx\":1,\"max\":7.0,\"max_idx\":2,\"avg\":4.0,\"stdev\":3.0,\"variance\":9.0,\"sum\":12.0,\"len\":3}");
        assertThat(row("print s = series_stats_dynamic(dynamic([4, null, 1]))"))
                .containsExactly("{\"min\":null,\"min_idx\":null,\"max\":null,\"max_idx\":null,\"avg\":null,\"stdev\":null,\"variance\":null,\"sum\":null,\"len\":3}");
        assertThat(row("print s = toreal(series_stats_dynamic(dynamic([4, null, 1]), true).avg)")).containsExactly(2.5);
    }

    @Test
    void seriesFitLineDynamic_isTheFitAsOneBag() throws Exception {
        List<Object> r = row("print f = series_fit_line_dynamic(dynamic([1, 3, 5])) | project s = toreal(f.slope), i = toreal(f.interception), q = toreal(f.rsquare), l = f.line_fit");
        assertThat(((Number) r.get(0)).doubleValue()).isEqualTo(2.0);
        assertThat(((Number) r.get(1)).doubleValue()).isEqualTo(-1.0);
        assertThat(((Number) r.get(2)).doubleValue()).isEqualTo(1.0);
        assertThat(r.get(3)).isEqualTo("[1.0,3.0,5.0]");
    }

    @Test
    void seriesStats_unnamed_givesOneColumnPerStatistic() throws Exception {
        String q = "print x = dynamic([4, 1, 7]) | project series_stats(x)";
        assertThat(TestSupport.compile(q).columns().stream().map(dev.rampart.kql.OutputColumn::name).toList()).containsExactly(
                "series_stats_x_min", "series_stats_x_min_idx", "series_stats_x_max", "series_stats_x_max_idx", "series_stats_x_avg",
                "series_stats_x_stdev", "series_stats_x_variance");
        assertThat(row(q)).containsExactly(1.0, 1L, 7.0, 2L, 4.0, 3.0, 9.0);
        assertThat(row("print x = dynamic([4, 1, 7]) | extend (lo, at) = series_stats(x) | project lo, at")).containsExactly(1.0, 1L);
    }

    @Test
    void seriesProduct_andPearsonCorrelation() throws Exception {
        assertThat(row("print p = series_product(dynamic([1, 2, 3, 4])), r = series_pearson_correlation(dynamic([1, 2, 3]), dynamic([2, 4, 6])),"
                + " n = series_pearson_correlation(dynamic([1, 2, 3]), dynamic([3, 2, 1])), z = series_pearson_correlation(dynamic([1, 1]), dynamic([1, 2]))"))
                .containsExactly(24.0, 1.0, -1.0, null);
    }
}
