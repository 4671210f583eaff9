package dev.rampart.kql.udf;

import dev.rampart.kql.analyzer.Json;
import dev.rampart.kql.analyzer.JsonLines;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The GeoJSON shapes the cell functions read and write. Positions are {@code [longitude, latitude]};
 * anything Kusto would reject (out-of-range coordinates, open or short rings, wrong nesting) reads as null.
 */
final class GeoJson {
    private GeoJson() {
    }

    static String point(double lng, double lat) {
        return "{\"type\":\"Point\",\"coordinates\":" + Json.write(List.of(lng, lat)) + "}";
    }

    /** A polygon of one ring given without its closing vertex; the ring is closed here. */
    static String polygon(List<double[]> ring) {
        List<Object> coords = new ArrayList<>();
        for (double[] p : ring) {
            coords.add(List.of(p[0], p[1]));
        }
        coords.add(coords.get(0));
        return "{\"type\":\"Polygon\",\"coordinates\":" + Json.write(List.of(coords)) + "}";
    }

    static String strings(List<String> values) {
        return Json.write(values);
    }

    /** Polygon or MultiPolygon: a list of polygons, each a list of closed rings (shell first); null if invalid. */
    static List<List<List<double[]>>> polygons(String json) {
        Map<?, ?> g = geometry(json);
        if (g == null) {
            return null;
        }
        Object c = g.get("coordinates");
        List<List<List<double[]>>> out = new ArrayList<>();
        if ("Polygon".equals(g.get("type"))) {
            List<List<double[]>> p = polygon(c);
            if (p == null) {
                return null;
            }
            out.add(p);
        } else if ("MultiPolygon".equals(g.get("type")) && c instanceof List<?> l && !l.isEmpty()) {
            for (Object o : l) {
                List<List<double[]>> p = polygon(o);
                if (p == null) {
                    return null;
                }
                out.add(p);
            }
        } else {
            return null;
        }
        return out;
    }

    /** LineString or MultiLineString: a list of lines of at least two positions each; null if invalid. */
    static List<List<double[]>> lines(String json) {
        Map<?, ?> g = geometry(json);
        if (g == null) {
            return null;
        }
        Object c = g.get("coordinates");
        List<List<double[]>> out = new ArrayList<>();
        if ("LineString".equals(g.get("type"))) {
            List<double[]> line = positions(c, 2);
            if (line == null) {
                return null;
            }
            out.add(line);
        } else if ("MultiLineString".equals(g.get("type")) && c instanceof List<?> l && !l.isEmpty()) {
            for (Object o : l) {
                List<double[]> line = positions(o, 2);
                if (line == null) {
                    return null;
                }
                out.add(line);
            }
        } else {
            return null;
        }
        return out;
    }

    private static Map<?, ?> geometry(String json) {
        if (json == null) {
            return null;
        }
        Object v;
        try {
            v = JsonLines.read(json);
        } catch (RuntimeException e) {
            return null;
        }
        return v instanceof Map<?, ?> m ? m : null;
    }

    private static List<List<double[]>> polygon(Object c) {
        if (!(c instanceof List<?> rings) || rings.isEmpty()) {
            return null;
        }
        List<List<double[]>> out = new ArrayList<>();
        for (Object r : rings) {
            List<double[]> ring = positions(r, 4);
            if (ring == null) {
                return null;
            }
            double[] first = ring.get(0);
            double[] last = ring.get(ring.size() - 1);
            if (first[0] != last[0] || first[1] != last[1]) {
                return null;
            }
            out.add(ring);
        }
        return out;
    }

    private static List<double[]> positions(Object c, int min) {
        if (!(c instanceof List<?> l) || l.size() < min) {
            return null;
        }
        List<double[]> out = new ArrayList<>();
        for (Object p : l) {
            double[] xy = position(p);
            if (xy == null) {
                return null;
            }
            out.add(xy);
        }
        return out;
    }

    private static double[] position(Object p) {
        if (!(p instanceof List<?> l) || l.size() < 2 || !(l.get(0) instanceof Number x) || !(l.get(1) instanceof Number y)) {
            return null;
        }
        double lng = x.doubleValue();
        double lat = y.doubleValue();
        return valid(lng, lat) ? new double[]{lng, lat} : null;
    }

    static boolean valid(double lng, double lat) {
        return lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90;
    }
}
