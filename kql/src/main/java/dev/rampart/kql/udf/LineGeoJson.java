package dev.rampart.kql.udf;

import com.google.common.geometry.S2LatLng;
import com.google.common.geometry.S2Loop;
import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2Polygon;
import dev.rampart.kql.analyzer.Json;
import dev.rampart.kql.analyzer.JsonLines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GeoJSON in and out for the line functions: lines become chains of [longitude, latitude] pairs or S2
 * points, polygons become {@link S2Polygon}s. Invalid input (wrong type, out-of-range coordinates, a
 * line with fewer than two points, an antipodal edge) reads as null so the functions can answer null.
 */
final class LineGeoJson {
    private LineGeoJson() {
    }

    /** A LineString or MultiLineString as chains of {lng, lat} pairs; null when not a valid line. */
    static List<List<double[]>> lines(String json) {
        Map<?, ?> m = object(json);
        if (m == null || !(m.get("coordinates") instanceof List<?> c)) {
            return null;
        }
        List<List<double[]>> out = new ArrayList<>();
        if ("LineString".equals(m.get("type"))) {
            out.add(chain(c));
        } else if ("MultiLineString".equals(m.get("type"))) {
            if (c.isEmpty()) {
                return null;
            }
            for (Object l : c) {
                out.add(l instanceof List<?> ll ? chain(ll) : null);
            }
        } else {
            return null;
        }
        for (List<double[]> l : out) {
            if (l == null || l.size() < 2 || !edgesValid(l)) {
                return null;
            }
        }
        return out;
    }

    /** The chains as S2 points, dropping repeated consecutive vertices that S2 cannot hold as edges. */
    static List<List<S2Point>> s2Lines(String json) {
        List<List<double[]>> lines = lines(json);
        if (lines == null) {
            return null;
        }
        List<List<S2Point>> out = new ArrayList<>();
        for (List<double[]> l : lines) {
            out.add(points(l));
        }
        return out;
    }

    static List<S2Point> points(List<double[]> chain) {
        List<S2Point> out = new ArrayList<>();
        for (double[] c : chain) {
            S2Point p = point(c[0], c[1]);
            if (out.isEmpty() || !out.get(out.size() - 1).equalsPoint(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** A Polygon or MultiPolygon; each ring's smaller side is its inside, later rings of a polygon are holes. */
    static S2Polygon polygon(String json) {
        Map<?, ?> m = object(json);
        if (m == null || !(m.get("coordinates") instanceof List<?> c) || c.isEmpty()) {
            return null;
        }
        List<List<?>> polygons = new ArrayList<>();
        if ("Polygon".equals(m.get("type"))) {
            polygons.add(c);
        } else if ("MultiPolygon".equals(m.get("type"))) {
            for (Object p : c) {
                if (!(p instanceof List<?> pl) || pl.isEmpty()) {
                    return null;
                }
                polygons.add(pl);
            }
        } else {
            return null;
        }
        List<S2Polygon> parts = new ArrayList<>();
        for (List<?> rings : polygons) {
            S2Polygon part = null;
            for (Object r : rings) {
                S2Loop loop = r instanceof List<?> rl ? ring(rl) : null;
                if (loop == null) {
                    return null;
                }
                if (part == null) {
                    part = new S2Polygon(loop);
                } else {
                    S2Polygon hole = new S2Polygon(loop);
                    S2Polygon rest = new S2Polygon();
                    rest.initToDifference(part, hole);
                    part = rest;
                }
            }
            parts.add(part);
        }
        return parts.size() == 1 ? parts.get(0) : S2Polygon.union(parts);
    }

    private static S2Loop ring(List<?> coords) {
        List<double[]> chain = chain(coords);
        if (chain == null || chain.size() < 4) {
            return null;
        }
        double[] first = chain.get(0);
        double[] last = chain.get(chain.size() - 1);
        if (first[0] != last[0] || first[1] != last[1]) {
            return null;
        }
        List<S2Point> pts = points(chain.subList(0, chain.size() - 1));
        if (pts.size() > 1 && pts.get(0).equalsPoint(pts.get(pts.size() - 1))) {
            pts.remove(pts.size() - 1);
        }
        if (pts.size() < 3 || !S2Loop.isValid(pts)) {
            return null;
        }
        S2Loop loop = new S2Loop(pts);
        loop.normalize();
        return loop;
    }

    private static List<double[]> chain(List<?> coords) {
        List<double[]> out = new ArrayList<>();
        for (Object o : coords) {
            double[] c = coordinate(o);
            if (c == null) {
                return null;
            }
            out.add(c);
        }
        return out;
    }

    static double[] coordinate(Object o) {
        if (!(o instanceof List<?> p) || p.size() < 2 || !(p.get(0) instanceof Number x) || !(p.get(1) instanceof Number y)) {
            return null;
        }
        double lng = x.doubleValue();
        double lat = y.doubleValue();
        return valid(lng, lat) ? new double[] {lng, lat} : null;
    }

    static boolean valid(double lng, double lat) {
        return lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90;
    }

    /** Edges shorter than half the globe: the shortest way between antipodes is not defined. */
    private static boolean edgesValid(List<double[]> l) {
        for (int i = 1; i < l.size(); i++) {
            S2Point a = point(l.get(i - 1)[0], l.get(i - 1)[1]);
            S2Point b = point(l.get(i)[0], l.get(i)[1]);
            if (a.angle(b) >= Math.PI - 1e-12) {
                return false;
            }
        }
        return true;
    }

    private static Map<?, ?> object(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JsonLines.read(json) instanceof Map<?, ?> m ? m : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static S2Point point(double lng, double lat) {
        return S2LatLng.fromDegrees(lat, lng).toPoint();
    }

    static List<Double> coords(S2Point p) {
        S2LatLng ll = new S2LatLng(p);
        return List.of(ll.lngDegrees(), ll.latDegrees());
    }

    static String pointJson(S2Point p) {
        return geometry("Point", coords(p));
    }

    static String pointJson(double lng, double lat) {
        return geometry("Point", List.of(lng, lat));
    }

    /** A LineString for one chain, a MultiLineString for several, an empty collection for none. */
    static String linesJson(List<List<List<Double>>> chains) {
        if (chains.isEmpty()) {
            return emptyCollection();
        }
        return chains.size() == 1 ? geometry("LineString", chains.get(0)) : geometry("MultiLineString", chains);
    }

    static List<List<Double>> chainCoords(List<S2Point> chain) {
        List<List<Double>> out = new ArrayList<>();
        for (S2Point p : chain) {
            out.add(coords(p));
        }
        return out;
    }

    static List<List<Double>> pairCoords(List<double[]> chain) {
        List<List<Double>> out = new ArrayList<>();
        for (double[] c : chain) {
            out.add(List.of(c[0], c[1]));
        }
        return out;
    }

    /**
     * A Polygon (one shell) or MultiPolygon; rings are closed, shells counterclockwise and holes clockwise
     * as RFC 7946 asks. Null for the empty polygon.
     */
    static String polygonJson(S2Polygon p) {
        List<List<List<List<Double>>>> polygons = new ArrayList<>();
        List<List<List<Double>>> current = null;
        for (int i = 0; i < p.numLoops(); i++) {
            S2Loop loop = p.loop(i);
            List<List<Double>> ring = new ArrayList<>();
            int n = loop.numVertices();
            for (int k = 0; k <= n; k++) {
                // S2 keeps every loop counterclockwise around its own inside; a hole is walked the other way.
                S2Point v = loop.isHole() ? loop.vertex((n - k) % n) : loop.vertex(k % n);
                ring.add(coords(v));
            }
            if (!loop.isHole()) {
                current = new ArrayList<>();
                polygons.add(current);
            }
            if (current != null) {
                current.add(ring);
            }
        }
        if (polygons.isEmpty()) {
            return null;
        }
        return polygons.size() == 1 ? geometry("Polygon", polygons.get(0)) : geometry("MultiPolygon", polygons);
    }

    /** A GeometryCollection of the given GeoJSON geometries. */
    static String collection(List<String> geometries) {
        List<Object> parsed = new ArrayList<>();
        for (String g : geometries) {
            parsed.add(JsonLines.read(g));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "GeometryCollection");
        m.put("geometries", parsed);
        return Json.write(m);
    }

    static String emptyCollection() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "GeometryCollection");
        m.put("geometries", List.of());
        return Json.write(m);
    }

    static String geometry(String type, Object coordinates) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("coordinates", coordinates);
        return Json.write(m);
    }
}
