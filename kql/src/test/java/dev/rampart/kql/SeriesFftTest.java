package dev.rampart.kql;

import dev.rampart.kql.analyzer.JsonLines;
import dev.rampart.kql.diagnostics.KqlException;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** series_fft and series_ifft, executed on DuckDB. */
class SeriesFftTest extends DuckDbTestBase {
    private static final Offset<Double> CLOSE = Offset.offset(1e-9);

    /** The page's example signal: 128 points, a sine of period 8 as the real part and of period 32 as the imaginary. */
    private static final String DOC_SIGNAL = """
            let sinewave=(x:double, period:double, gain:double=1.0, phase:double=0.0)
            {
                gain*sin(2*pi()/period*(x+phase))
            }
            ;
            let n=128;      //  signal length
            range x from 0 to n-1 step 1 | extend yr=sinewave(x, 8), yi=sinewave(x, 32)
            | summarize x=make_list(x), y_real=make_list(yr), y_imag=make_list(yi)
            """;

    @Test
    void fft_referenceExample_putsEachSineAtItsFrequency() throws Exception {
        List<Object> r = row(DOC_SIGNAL + """
                | extend (fft_y_real, fft_y_imag) = series_fft(y_real, y_imag)
                | project fft_y_real, fft_y_imag""");
        double[] re = doubles(r.get(0));
        double[] im = doubles(r.get(1));
        assertThat(re).hasSize(128);
        // sin(2 pi x / 8) puts -i n/2 at bin 16 and +i n/2 at bin 112; i sin(2 pi x / 32) puts n/2 at bin 4 and -n/2 at 124.
        for (int k = 0; k < 128; k++) {
            double wantRe = k == 4 ? 64 : k == 124 ? -64 : 0;
            double wantIm = k == 16 ? -64 : k == 112 ? 64 : 0;
            assertThat(re[k]).as("real[%d]", k).isCloseTo(wantRe, CLOSE);
            assertThat(im[k]).as("imag[%d]", k).isCloseTo(wantIm, CLOSE);
        }
    }

    @Test
    void ifft_referenceExample_givesTheOriginalSeriesBack() throws Exception {
        List<Object> r = row(DOC_SIGNAL + """
                | extend (fft_y_real, fft_y_imag) = series_fft(y_real, y_imag)
                | extend (y_real2, y_image2) = series_ifft(fft_y_real, fft_y_imag)
                | project-away fft_y_real, fft_y_imag
                | project y_real, y_real2, y_imag, y_image2""");
        assertClose(doubles(r.get(1)), doubles(r.get(0)));
        assertClose(doubles(r.get(3)), doubles(r.get(2)));
    }

    @Test
    void fft_lengthNotAPowerOfTwo_isTheExactTransform() throws Exception {
        double[] x = {1, -2, 3.5, 0, 7, 2, -1};
        List<Object> r = row("print s = dynamic([1, -2, 3.5, 0, 7, 2, -1]) | extend (re, im) = series_fft(s) | project re, im");
        double[] re = doubles(r.get(0));
        double[] im = doubles(r.get(1));
        for (int k = 0; k < x.length; k++) {
            double wr = 0;
            double wi = 0;
            for (int j = 0; j < x.length; j++) {
                wr += x[j] * Math.cos(-2 * Math.PI * j * k / x.length);
                wi += x[j] * Math.sin(-2 * Math.PI * j * k / x.length);
            }
            assertThat(re[k]).as("real[%d]", k).isCloseTo(wr, CLOSE);
            assertThat(im[k]).as("imag[%d]", k).isCloseTo(wi, CLOSE);
        }
    }

    @Test
    void ifft_undoesFft_forAnyLength() throws Exception {
        List<Object> r = row("""
                print s = dynamic([4, 1, -3, 2.5, 0, 9])
                | extend (re, im) = series_fft(s)
                | extend (back, backIm) = series_ifft(re, im)
                | project back, backIm""");
        assertClose(doubles(r.get(0)), new double[] {4, 1, -3, 2.5, 0, 9});
        assertClose(doubles(r.get(1)), new double[6]);
    }

    @Test
    void fft_nullElements_countAsZero_andShortSeriesWork() throws Exception {
        assertThat(row("print s = dynamic([1, null, 1, null]) | extend (re, im) = series_fft(s) | project re"))
                .isEqualTo(row("print s = dynamic([1, 0, 1, 0]) | extend (re, im) = series_fft(s) | project re"));
        assertThat(row("print s = dynamic([5]) | extend (re, im) = series_fft(s) | project re, im")).containsExactly("[5.0]", "[0.0]");
        assertThat(row("print s = dynamic([]) | extend (re, im) = series_fft(s) | project re, im")).containsExactly("[]", "[]");
    }

    @Test
    void fft_partsOfDifferentLengths_isNull() throws Exception {
        assertThat(row("print s = dynamic([1, 2]) | extend (re, im) = series_fft(s, dynamic([1])) | project re, im")).containsExactly(null, null);
    }

    @Test
    void fft_unnamed_namesTheColumnsAfterTheSeries() {
        assertThat(TestSupport.compile("print s = dynamic([1]) | project series_fft(s)").columns().stream().map(OutputColumn::name).toList())
                .containsExactly("series_fft_s_real", "series_fft_s_imag");
    }

    @Test
    void ifft_threeArguments_isAnErrorAtTheCall() {
        assertThatThrownBy(() -> TestSupport.compile("print s = dynamic([1]) | extend (a, b) = series_ifft(s, s, s)"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("series_ifft() takes 1 to 2 arguments but was given 3")
                .hasMessageContaining("line 1, column 42");
    }

    @Test
    void fft_asAScalar_asksForTheColumnNames() {
        assertThatThrownBy(() -> TestSupport.compile("print s = dynamic([1]) | extend a = tostring(series_fft(s))"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("series_fft() returns several columns (real, imag)");
    }

    private static double[] doubles(Object json) {
        List<?> l = (List<?>) JsonLines.read((String) json);
        double[] d = new double[l.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = ((Number) l.get(i)).doubleValue();
        }
        return d;
    }

    private static void assertClose(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], CLOSE);
        }
    }
}
