package dev.rampart.kql.udf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/**
 * series_fft and series_ifft: the bag of the transformed real and imaginary parts, which the renderer splits into
 * Kusto's two columns. The imaginary part defaults to zeros; a null or non-numeric element counts as 0, and parts of
 * different lengths give null.
 */
final class SeriesFourier implements Family {
    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "series_fft y,y?>y", a -> transform(a, false));
        fn(out, "series_ifft y,y?>y", a -> transform(a, true));
    }

    private static Object transform(Object[] a, boolean inverse) {
        double[] re = SeriesJson.doubles(a[0]);
        if (re == null) {
            return null;
        }
        double[] im = a.length > 1 && a[1] != null ? SeriesJson.doubles(a[1]) : new double[re.length];
        if (im == null || im.length != re.length) {
            return null;
        }
        zeroMissing(re);
        zeroMissing(im);
        if (inverse) {
            Fourier.inverse(re, im);
        } else {
            Fourier.forward(re, im);
        }
        Map<String, Object> bag = new LinkedHashMap<>();
        bag.put("real", SeriesJson.reals(re));
        bag.put("imag", SeriesJson.reals(im));
        return SeriesJson.write(bag);
    }

    private static void zeroMissing(double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                v[i] = 0;
            }
        }
    }
}
