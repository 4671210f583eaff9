package dev.rampart.kql.udf;

import dev.rampart.kql.analyzer.Json;
import dev.rampart.kql.analyzer.JsonLines;

import java.util.ArrayList;
import java.util.List;

/** Reading series from and writing them to the JSON text Java functions exchange with the database. */
final class SeriesJson {
    private SeriesJson() {
    }

    /** The array's elements, or null when the value is not an array. */
    static List<?> list(Object json) {
        return json != null && JsonLines.read((String) json) instanceof List<?> l ? l : null;
    }

    /** The array's numbers, NaN for an element that is null or not a number; null when the value is not an array. */
    static double[] doubles(Object json) {
        List<?> l = list(json);
        if (l == null) {
            return null;
        }
        double[] out = new double[l.size()];
        for (int i = 0; i < l.size(); i++) {
            out[i] = l.get(i) instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        return out;
    }

    /** A JSON array of reals; NaN (an undefined value) is written as null. */
    static List<Object> reals(double[] v) {
        List<Object> l = new ArrayList<>(v.length);
        for (double d : v) {
            l.add(Double.isNaN(d) ? null : d);
        }
        return l;
    }

    /** A real, or null for NaN; the JSON writer has no NaN. */
    static Double real(double v) {
        return Double.isNaN(v) ? null : v;
    }

    static String write(Object tree) {
        return Json.write(tree);
    }
}
