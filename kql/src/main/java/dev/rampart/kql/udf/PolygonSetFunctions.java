package dev.rampart.kql.udf;

import com.google.common.geometry.S1Angle;
import com.google.common.geometry.S2EdgeUtil;
import com.google.common.geometry.S2Loop;
import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2Polygon;
import dev.rampart.kql.analyzer.Json;
import dev.rampart.kql.analyzer.JsonLines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;
import static dev.rampart.kql.udf.PolygonGeo.EARTH_RADIUS;

/** Polygon set operations: union, intersection, simplification and buffers, all with geodesic edges. */
final class PolygonSetFunctions implements Family {
    /** Points closer than this (radians, about a micrometre) are the same point. */
    private static final S1Angle SAME = S1Angle.radians(1e-13);

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "geo_union_polygons_array y>y", a -> {
            List<PolygonGeo.Parsed> parsed = parsedArray((String) a[0]);
            if (parsed == null) {
                return null;
            }
            if (parsed.isEmpty()) {
                return emptyCollection();
            }
            S2Polygon ordered = SmallestFirstUnion.of(parsed);
            return ordered != null ? PolygonGeo.json(ordered) : PolygonGeo.json(S2Polygon.union(polygons(parsed)), rings(parsed));
        });
        fn(out, "geo_intersection_2polygons y,y>y", a -> {
            PolygonGeo.Parsed p1 = PolygonGeo.parsed((String) a[0]);
            PolygonGeo.Parsed p2 = PolygonGeo.parsed((String) a[1]);
            return p1 == null || p2 == null ? null : intersection(p1.polygon(), p2.polygon(), rings(List.of(p1, p2)));
        });
        fn(out, "geo_polygon_simplify y,r?>y", a -> {
            double tolerance = a.length > 1 ? tolerance(a[1]) : 10;
            S2Polygon p = PolygonGeo.polygon((String) a[0]);
            if (p == null || Double.isNaN(tolerance)) {
                return null;
            }
            return PolygonGeo.json(simplified(p, tolerance));
        });
        fn(out, "geo_simplify_polygons_array y,r?>y", a -> {
            double tolerance = a.length > 1 ? tolerance(a[1]) : 10;
            List<S2Polygon> polygons = polygonArray((String) a[0]);
            if (polygons == null || polygons.isEmpty() || Double.isNaN(tolerance)) {
                return null;
            }
            // Simplifying the union keeps shared borders shared: neighbours cannot drift apart or overlap.
            return PolygonGeo.json(simplified(S2Polygon.union(polygons), tolerance));
        });
        fn(out, "geo_point_buffer r,r,r,r?>y", a -> {
            S2Point p = PolygonFunctions.point(a[0], a[1]);
            double[] rt = radiusAndTolerance(a[2], a.length > 3 ? a[3] : null);
            return p == null || rt == null ? null : PolygonGeo.json(new S2Polygon(PolygonBuffer.circle(p, rt[0], rt[1])));
        });
        fn(out, "geo_polygon_buffer y,r,r?>y", a -> {
            S2Polygon p = PolygonGeo.polygon((String) a[0]);
            double[] rt = radiusAndTolerance(a[1], a.length > 2 ? a[2] : null);
            return p == null || rt == null ? null : PolygonGeo.json(PolygonBuffer.around(p, rt[0], rt[1]));
        });
    }

    /** Meters as radians; tolerances outside [0.1, 10000] m are invalid (NaN). */
    private static double tolerance(Object t) {
        if (t == null) {
            return Double.NaN;
        }
        double m = (Double) t;
        return m >= 0.1 && m <= 10000 ? m : Double.NaN;
    }

    private static S2Polygon simplified(S2Polygon p, double meters) {
        return PolygonSimplify.simplify(p, meters / EARTH_RADIUS);
    }

    /** Radius and tolerance in radians: radius must be positive, tolerance at least a millionth of it and below it. */
    private static double[] radiusAndTolerance(Object radius, Object tolerance) {
        if (radius == null) {
            return null;
        }
        double r = (Double) radius;
        double t = tolerance == null ? 10 : (Double) tolerance;
        if (!(r > 0) || !(t > 0) || t < r * 1e-6 || Double.isInfinite(r) || r >= Math.PI * EARTH_RADIUS / 2) {
            return null;
        }
        if (t >= r) {
            t = Math.nextDown(r);
        }
        return new double[] {r / EARTH_RADIUS, t / EARTH_RADIUS};
    }

    /** Every element of a JSON array of polygons or multipolygons; null if the array or any element is invalid. */
    private static List<S2Polygon> polygonArray(String json) {
        List<PolygonGeo.Parsed> parsed = parsedArray(json);
        return parsed == null ? null : polygons(parsed);
    }

    private static List<S2Polygon> polygons(List<PolygonGeo.Parsed> parsed) {
        List<S2Polygon> out = new ArrayList<>();
        for (PolygonGeo.Parsed p : parsed) {
            out.add(p.polygon());
        }
        return out;
    }

    private static List<S2Loop> rings(List<PolygonGeo.Parsed> parsed) {
        List<S2Loop> out = new ArrayList<>();
        for (PolygonGeo.Parsed p : parsed) {
            out.addAll(p.rings());
        }
        return out;
    }

    private static List<PolygonGeo.Parsed> parsedArray(String json) {
        if (json == null) {
            return null;
        }
        Object v;
        try {
            v = JsonLines.read(json);
        } catch (RuntimeException e) {
            return null;
        }
        if (!(v instanceof List<?> items)) {
            return null;
        }
        List<PolygonGeo.Parsed> out = new ArrayList<>();
        for (Object item : items) {
            PolygonGeo.Parsed p = PolygonGeo.parsed(item);
            if (p == null) {
                return null;
            }
            out.add(p);
        }
        return out;
    }

    /**
     * The closed intersection: the common area plus the points where the boundaries only touch (Kusto's polygons
     * contain their boundary). Several kinds of result make a GeometryCollection, points first.
     */
    private static String intersection(S2Polygon p1, S2Polygon p2, List<S2Loop> inputs) {
        S2Polygon area = new S2Polygon();
        area.initToIntersection(p1, p2);
        List<S2Point> touching = new ArrayList<>();
        for (S2Point c : candidates(p1, p2)) {
            if (!area.isEmpty() && area.getDistance(c).lessOrEquals(SAME)) {
                continue;
            }
            if (touching.stream().noneMatch(t -> t.angle(c) <= SAME.radians())) {
                touching.add(c);
            }
        }
        List<Map<String, Object>> parts = new ArrayList<>();
        for (S2Point t : touching) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "Point");
            m.put("coordinates", PolygonGeo.coordinates(t));
            parts.add(m);
        }
        Map<String, Object> poly = area.isEmpty() ? null : PolygonGeo.geoJson(area, inputs);
        if (poly != null) {
            parts.add(poly);
        }
        if (parts.size() == 1) {
            return Json.write(parts.get(0));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "GeometryCollection");
        m.put("geometries", parts);
        return Json.write(m);
    }

    /** Vertices of each polygon on or in the other, and the crossings of their edges. */
    private static List<S2Point> candidates(S2Polygon p1, S2Polygon p2) {
        List<S2Point> out = new ArrayList<>();
        vertexCandidates(p1, p2, out);
        vertexCandidates(p2, p1, out);
        for (S2Loop l1 : p1.getLoops()) {
            for (int i = 0; i < l1.numVertices(); i++) {
                for (S2Loop l2 : p2.getLoops()) {
                    for (int j = 0; j < l2.numVertices(); j++) {
                        if (S2EdgeUtil.robustCrossing(l1.vertex(i), l1.vertex(i + 1), l2.vertex(j), l2.vertex(j + 1)) > 0) {
                            out.add(S2EdgeUtil.getIntersection(l1.vertex(i), l1.vertex(i + 1), l2.vertex(j), l2.vertex(j + 1)));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void vertexCandidates(S2Polygon from, S2Polygon other, List<S2Point> out) {
        for (S2Loop l : from.getLoops()) {
            for (int i = 0; i < l.numVertices(); i++) {
                if (other.getDistance(l.vertex(i)).lessOrEquals(SAME)) {
                    out.add(l.vertex(i));
                }
            }
        }
    }

    private static String emptyCollection() {
        return "{\"type\":\"GeometryCollection\",\"geometries\":[]}";
    }
}
