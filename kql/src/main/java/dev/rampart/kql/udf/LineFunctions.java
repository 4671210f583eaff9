package dev.rampart.kql.udf;

import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2Polygon;
import dev.rampart.kql.analyzer.Json;
import dev.rampart.kql.analyzer.JsonLines;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/**
 * Kusto's geospatial line functions. Lines are GeoJSON LineString/MultiLineString whose edges are
 * geodesics on a sphere of radius 6,371,010 m (geo_line_densify alone reads edges as planar); invalid
 * geometry or arguments give null.
 */
final class LineFunctions implements Family {
    /** Largest tolerance geo_line_simplify accepts, about 7,800 km. */
    private static final double MAX_SIMPLIFY_TOLERANCE = 7_800_000;

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "geo_line_centroid y>y", a -> {
            List<List<S2Point>> l = LineGeoJson.s2Lines((String) a[0]);
            S2Point c = l == null ? null : LineMeasures.centroid(l);
            return c == null ? null : LineGeoJson.pointJson(c);
        });
        fn(out, "geo_line_interpolate_point y,r>y", a -> {
            List<S2Point> l = single((String) a[0]);
            if (l == null || a[1] == null || !((Double) a[1] >= 0 && (Double) a[1] <= 1)) {
                return null;
            }
            S2Point p = LineMeasures.interpolate(l, (Double) a[1]);
            return p == null ? null : LineGeoJson.pointJson(p);
        });
        fn(out, "geo_line_locate_point y,r,r>r", a -> {
            List<S2Point> l = single((String) a[0]);
            if (l == null || !point(a[1], a[2])) {
                return null;
            }
            return LineMeasures.locate(l, LineGeoJson.point((Double) a[1], (Double) a[2]));
        });
        fn(out, "geo_closest_point_on_line r,r,y>y", a -> {
            List<List<S2Point>> l = LineGeoJson.s2Lines((String) a[2]);
            if (l == null || !point(a[0], a[1])) {
                return null;
            }
            return LineGeoJson.pointJson(LineMeasures.closest(l, LineGeoJson.point((Double) a[0], (Double) a[1])));
        });
        fn(out, "geo_closest_point_on_polygon r,r,y>y", a -> {
            S2Polygon p = LineGeoJson.polygon((String) a[2]);
            if (p == null || !point(a[0], a[1])) {
                return null;
            }
            if (p.contains(LineGeoJson.point((Double) a[0], (Double) a[1]))) {
                return LineGeoJson.pointJson((Double) a[0], (Double) a[1]);
            }
            return LineGeoJson.pointJson(p.project(LineGeoJson.point((Double) a[0], (Double) a[1])));
        });
        fn(out, "geo_line_densify y,r?,b?>y", a -> {
            List<List<double[]>> l = LineGeoJson.lines((String) a[0]);
            double tolerance = a.length > 1 ? orNaN(a[1]) : 10;
            boolean preserveCrossing = a.length > 2 && Boolean.TRUE.equals(a[2]);
            if (l == null || !(tolerance >= 0.1 && tolerance <= 10000) || (a.length > 2 && a[2] == null)) {
                return null;
            }
            List<List<double[]>> d = LineMeasures.densify(l, tolerance, preserveCrossing);
            if (d == null) {
                return null;
            }
            List<List<List<Double>>> chains = new ArrayList<>();
            d.forEach(c -> chains.add(LineGeoJson.pairCoords(c)));
            return multi((String) a[0]) ? LineGeoJson.geometry("MultiLineString", chains) : LineGeoJson.linesJson(chains);
        });
        fn(out, "geo_line_simplify y,r?>y", a -> {
            List<List<S2Point>> l = LineGeoJson.s2Lines((String) a[0]);
            double tolerance = a.length > 1 ? orNaN(a[1]) : 10;
            if (l == null || !(tolerance >= 0 && tolerance < MAX_SIMPLIFY_TOLERANCE)) {
                return null;
            }
            List<List<S2Point>> s = LineMeasures.simplify(l.size() > 1 ? LineOverlay.union(List.of(l)) : l, tolerance);
            return s == null ? null : chainsJson(s);
        });
        fn(out, "geo_line_buffer y,r,r?>y", a -> {
            List<List<S2Point>> l = LineGeoJson.s2Lines((String) a[0]);
            double radius = orNaN(a[1]);
            double tolerance = a.length > 2 ? orNaN(a[2]) : 10;
            if (l == null || !(radius > 0) || !(tolerance > 0) || tolerance < radius * 1e-6 || Double.isInfinite(radius)) {
                return null;
            }
            S2Polygon b = LineOverlay.buffer(l, radius, tolerance);
            return b == null ? null : LineGeoJson.polygonJson(b);
        });
        fn(out, "geo_intersection_2lines y,y>y", a -> {
            List<List<S2Point>> l1 = LineGeoJson.s2Lines((String) a[0]);
            List<List<S2Point>> l2 = LineGeoJson.s2Lines((String) a[1]);
            if (l1 == null || l2 == null) {
                return null;
            }
            List<List<S2Point>> shared = LineOverlay.overlaps(l1, l2);
            if (!shared.isEmpty()) {
                shared = LineOverlay.union(List.of(shared));
            }
            List<S2Point> points = new ArrayList<>();
            for (S2Point p : LineOverlay.crossings(l1, l2)) {
                if (!LineOverlay.onLines(p, shared)) {
                    points.add(p);
                }
            }
            String lines = shared.isEmpty() ? null : chainsJson(shared);
            String dots = points.isEmpty() ? null : points.size() == 1 ? LineGeoJson.pointJson(points.get(0))
                    : LineGeoJson.geometry("MultiPoint", LineGeoJson.chainCoords(points));
            if (lines == null && dots == null) {
                return LineGeoJson.emptyCollection();
            }
            if (lines == null || dots == null) {
                return lines == null ? dots : lines;
            }
            // Crossing points apart from shared stretches: both kinds together, points first.
            return LineGeoJson.collection(List.of(dots, lines));
        });
        fn(out, "geo_intersects_line_with_polygon y,y>b", a -> {
            List<List<S2Point>> l = LineGeoJson.s2Lines((String) a[0]);
            S2Polygon p = LineGeoJson.polygon((String) a[1]);
            return l == null || p == null ? null : LineOverlay.intersects(l, p);
        });
        fn(out, "geo_intersection_line_with_polygon y,y>y", a -> {
            List<List<S2Point>> l = LineGeoJson.s2Lines((String) a[0]);
            S2Polygon p = LineGeoJson.polygon((String) a[1]);
            if (l == null || p == null) {
                return null;
            }
            List<List<S2Point>> parts = LineOverlay.clip(l, p);
            return parts.isEmpty() ? LineGeoJson.emptyCollection() : chainsJson(parts);
        });
        fn(out, "geo_union_lines_array y>y", a -> {
            if (!(JsonLines.read((String) a[0]) instanceof List<?> items) || items.isEmpty()) {
                return null;
            }
            List<List<List<S2Point>>> lines = new ArrayList<>();
            for (Object item : items) {
                List<List<S2Point>> l = LineGeoJson.s2Lines(Json.write(item));
                if (l == null) {
                    return null;
                }
                lines.add(l);
            }
            return chainsJson(LineOverlay.union(lines));
        });
    }

    private static String chainsJson(List<List<S2Point>> chains) {
        List<List<List<Double>>> c = new ArrayList<>();
        chains.forEach(x -> c.add(LineGeoJson.chainCoords(x)));
        return LineGeoJson.linesJson(c);
    }

    /** The vertices of a single line (a MultiLineString of one line counts); null for several lines. */
    private static List<S2Point> single(String json) {
        List<List<S2Point>> l = LineGeoJson.s2Lines(json);
        return l == null || l.size() != 1 || l.get(0).size() < 2 ? null : l.get(0);
    }

    private static boolean multi(String json) {
        return json != null && JsonLines.read(json) instanceof java.util.Map<?, ?> m && "MultiLineString".equals(m.get("type"));
    }

    private static boolean point(Object lng, Object lat) {
        return lng instanceof Double x && lat instanceof Double y && LineGeoJson.valid(x, y);
    }

    private static double orNaN(Object v) {
        return v instanceof Double d ? d : Double.NaN;
    }
}
