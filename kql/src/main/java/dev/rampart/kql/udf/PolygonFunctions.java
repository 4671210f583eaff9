package dev.rampart.kql.udf;

import com.google.common.geometry.S1Angle;
import com.google.common.geometry.S2Loop;
import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2Polygon;
import com.google.common.geometry.S2Polyline;

import java.util.List;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;
import static dev.rampart.kql.udf.PolygonGeo.EARTH_RADIUS;

/**
 * Measures and predicates on GeoJSON polygons (geodesic edges on the sphere; a multipolygon is the union of its
 * parts, so overlapping parts count once).
 */
final class PolygonFunctions implements Family {

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "geo_point_in_polygon r,r,y>b", a -> {
            S2Point p = point(a[0], a[1]);
            S2Polygon poly = PolygonGeo.polygon((String) a[2]);
            return p == null || poly == null ? null : poly.contains(p);
        });
        fn(out, "geo_polygon_area y>r", a -> {
            S2Polygon poly = PolygonGeo.polygon((String) a[0]);
            return poly == null ? null : poly.getArea() * EARTH_RADIUS * EARTH_RADIUS;
        });
        fn(out, "geo_polygon_perimeter y>r", a -> {
            S2Polygon poly = PolygonGeo.polygon((String) a[0]);
            if (poly == null) {
                return null;
            }
            double radians = 0;
            for (S2Loop loop : poly.getLoops()) {
                for (int i = 0; i < loop.numVertices(); i++) {
                    radians += loop.vertex(i).angle(loop.vertex(i + 1));
                }
            }
            return radians * EARTH_RADIUS;
        });
        fn(out, "geo_polygon_centroid y>y", a -> {
            S2Polygon poly = PolygonGeo.polygon((String) a[0]);
            if (poly == null) {
                return null;
            }
            S2Point c = poly.getCentroid();
            return c == null || c.norm() == 0 ? null : PolygonGeo.pointJson(S2Point.normalize(c));
        });
        fn(out, "geo_distance_point_to_polygon r,r,y>r", a -> {
            S2Point p = point(a[0], a[1]);
            S2Polygon poly = PolygonGeo.polygon((String) a[2]);
            if (p == null || poly == null) {
                return null;
            }
            return poly.contains(p) ? 0.0 : poly.getDistance(p).radians() * EARTH_RADIUS;
        });
        fn(out, "geo_intersects_2polygons y,y>b", a -> {
            S2Polygon p1 = PolygonGeo.polygon((String) a[0]);
            S2Polygon p2 = PolygonGeo.polygon((String) a[1]);
            return p1 == null || p2 == null ? null : p1.intersects(p2) || touches(p1, p2);
        });
        fn(out, "geo_intersects_2lines y,y>b", a -> {
            if (a[0] == null || a[1] == null) {
                return null;
            }
            List<S2Polyline> l1 = PolygonGeo.lines((String) a[0]);
            List<S2Polyline> l2 = PolygonGeo.lines((String) a[1]);
            if (l1 == null || l2 == null) {
                return null;
            }
            for (S2Polyline x : l1) {
                for (S2Polyline y : l2) {
                    if (x.intersects(y)) {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    static S2Point point(Object lng, Object lat) {
        return lng == null || lat == null ? null : PolygonGeo.point((Double) lng, (Double) lat);
    }

    /** Kusto's polygons contain their vertices, so a shared vertex or a vertex on the other's edge intersects. */
    static boolean touches(S2Polygon p1, S2Polygon p2) {
        S1Angle eps = S1Angle.radians(1e-15);
        for (S2Loop loop : p1.getLoops()) {
            for (int i = 0; i < loop.numVertices(); i++) {
                if (p2.getDistance(loop.vertex(i)).lessOrEquals(eps)) {
                    return true;
                }
            }
        }
        for (S2Loop loop : p2.getLoops()) {
            for (int i = 0; i < loop.numVertices(); i++) {
                if (p1.getDistance(loop.vertex(i)).lessOrEquals(eps)) {
                    return true;
                }
            }
        }
        return false;
    }
}
