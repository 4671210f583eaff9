package dev.rampart.kql.udf;

import com.google.common.geometry.S2EdgeUtil;
import com.google.common.geometry.S2Loop;
import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2Polygon;

import java.util.ArrayList;
import java.util.List;

/**
 * Buffers on the sphere. A circle becomes a regular polygon whose edges stay outside the circle and whose vertices
 * stray at most the tolerance beyond it; a polygon's buffer is the union of the polygon, such circles around its
 * vertices and bands along its edges. Angles are in radians.
 */
final class PolygonBuffer {
    private static final int MAX_VERTICES = 1 << 16;

    private PolygonBuffer() {
    }

    /** A loop around every point within {@code radius} of {@code center}. */
    static S2Loop circle(S2Point center, double radius, double tolerance) {
        double outer = radius + tolerance;
        // A regular n-gon with circumradius R on the sphere has inradius r with tan r = tan R cos(pi/n).
        double c = Math.tan(radius) / Math.tan(outer);
        int n = (int) Math.min(MAX_VERTICES, Math.max(3, Math.ceil(Math.PI / Math.acos(Math.min(1, c)))));
        S2Point east = S2Point.normalize(S2Point.crossProd(Math.abs(center.getZ()) < 0.9 ? new S2Point(0, 0, 1) : new S2Point(1, 0, 0), center));
        S2Point north = S2Point.crossProd(center, east);
        List<S2Point> vertices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double az = 2 * Math.PI * i / n;
            S2Point dir = S2Point.add(S2Point.mul(north, Math.cos(az)), S2Point.mul(east, -Math.sin(az)));
            vertices.add(S2Point.normalize(S2Point.add(S2Point.mul(center, Math.cos(outer)), S2Point.mul(dir, Math.sin(outer)))));
        }
        S2Loop loop = new S2Loop(vertices);
        loop.normalize();
        return loop;
    }

    static S2Polygon around(S2Polygon polygon, double radius, double tolerance) {
        List<S2Polygon> parts = new ArrayList<>();
        parts.add(polygon);
        for (S2Loop loop : polygon.getLoops()) {
            for (int i = 0; i < loop.numVertices(); i++) {
                parts.add(new S2Polygon(circle(loop.vertex(i), radius, tolerance)));
                S2Point a = loop.vertex(i);
                S2Point b = loop.vertex(i + 1);
                double width = radius + tolerance / 2;
                // A band side is a geodesic, which sags toward the edge between its ends: short pieces keep the sag
                // (about half-length squared times tan(width) / 2) within half the tolerance.
                double maxHalf = Math.sqrt(tolerance / Math.tan(width));
                int pieces = (int) Math.min(MAX_VERTICES, Math.max(1, Math.ceil(a.angle(b) / (2 * maxHalf))));
                for (int k = 0; k < pieces; k++) {
                    S2Loop band = band(S2EdgeUtil.interpolate((double) k / pieces, a, b), S2EdgeUtil.interpolate((double) (k + 1) / pieces, a, b), width);
                    if (band != null) {
                        parts.add(new S2Polygon(band));
                    }
                }
            }
        }
        return S2Polygon.union(parts);
    }

    /** The quadrilateral reaching {@code width} to both sides of edge a-b (the circles at the ends cover the rest). */
    private static S2Loop band(S2Point a, S2Point b, double width) {
        S2Point n = S2Point.crossProd(a, b);
        if (n.norm() < 1e-15) {
            return null;
        }
        n = S2Point.normalize(n);
        List<S2Point> v = List.of(offset(a, n, -width), offset(b, n, -width), offset(b, n, width), offset(a, n, width));
        if (!S2Loop.isValid(v)) {
            return null;
        }
        S2Loop loop = new S2Loop(v);
        loop.normalize();
        return loop;
    }

    private static S2Point offset(S2Point p, S2Point normal, double angle) {
        return S2Point.normalize(S2Point.add(S2Point.mul(p, Math.cos(angle)), S2Point.mul(normal, Math.sin(angle))));
    }
}
