package dev.rampart.kql.udf;

import com.google.common.geometry.S1Angle;
import com.google.common.geometry.S1ChordAngle;
import com.google.common.geometry.S2Cell;
import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2LatLng;
import com.google.common.geometry.S2LatLngRect;
import com.google.common.geometry.S2Loop;
import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2Polygon;
import com.google.common.geometry.S2Polyline;

import java.util.ArrayList;
import java.util.List;

/**
 * Same-level S2 coverings of GeoJSON polygons and lines, optionally buffered by a radius. Edges are
 * geodesics, as in Kusto. The covering is grown one level at a time so that a request that would exceed
 * the token limit stops early instead of enumerating millions of cells.
 */
final class S2Cover {
    /** Kusto's sphere (the radius its documented distances reproduce). */
    static final double EARTH_RADIUS_M = 6_371_010;

    private final List<S2Polygon> polygons = new ArrayList<>();
    /** Edges whose distance to a cell decides a hit: polygon boundaries when buffered, line segments always. */
    private final List<S2Point[]> edges = new ArrayList<>();
    private final S1ChordAngle radius;
    private S2LatLngRect bound = S2LatLngRect.empty();

    private S2Cover(double radiusMeters) {
        radius = S1ChordAngle.fromS1Angle(S1Angle.radians(radiusMeters / EARTH_RADIUS_M));
    }

    /** Null when a ring is degenerate or self-intersecting. */
    static S2Cover ofPolygons(List<List<List<double[]>>> shapes, double radiusMeters) {
        S2Cover c = new S2Cover(radiusMeters);
        for (List<List<double[]>> rings : shapes) {
            List<S2Loop> loops = new ArrayList<>();
            for (List<double[]> ring : rings) {
                List<S2Point> pts = points(ring.subList(0, ring.size() - 1));
                while (pts.size() > 1 && pts.get(0).equals(pts.get(pts.size() - 1))) {
                    pts.remove(pts.size() - 1);
                }
                if (pts.size() < 3) {
                    return null;
                }
                S2Loop loop = new S2Loop(pts);
                if (!loop.isValid()) {
                    return null;
                }
                // GeoJSON ring orientation is not trusted: a ring bounds the smaller of the two regions it splits the sphere into.
                loop.normalize();
                loops.add(loop);
                if (radiusMeters > 0) {
                    c.addEdges(pts, true);
                }
            }
            S2Polygon p = new S2Polygon(loops);
            c.polygons.add(p);
            c.bound = c.bound.union(p.getRectBound());
        }
        return c;
    }

    static S2Cover ofLines(List<List<double[]>> lines, double radiusMeters) {
        S2Cover c = new S2Cover(radiusMeters);
        for (List<double[]> line : lines) {
            List<S2Point> pts = points(line);
            if (pts.size() == 1) {
                c.edges.add(new S2Point[]{pts.get(0), pts.get(0)});
            }
            c.addEdges(pts, false);
            // The polyline's own bound: a geodesic bulges poleward beyond the latitudes of its vertices.
            c.bound = c.bound.union(pts.size() > 1 ? new S2Polyline(pts).getRectBound() : S2LatLngRect.fromPoint(new S2LatLng(pts.get(0))));
        }
        return c;
    }

    /** The cells of {@code level} the shape touches, in cell-id order; null beyond {@code limit} cells. */
    List<String> cells(int level, int limit) {
        S2LatLngRect grown = grownBound();
        List<S2Cell> frontier = new ArrayList<>();
        for (int face = 0; face < 6; face++) {
            S2Cell f = S2Cell.fromFace(face);
            if (hits(f, grown)) {
                frontier.add(f);
            }
        }
        for (int l = 0; l < level; l++) {
            List<S2Cell> next = new ArrayList<>();
            for (S2Cell cell : frontier) {
                S2CellId id = cell.id();
                for (S2CellId c = id.childBegin(); !c.equals(id.childEnd()); c = c.next()) {
                    S2Cell child = new S2Cell(c);
                    if (hits(child, grown)) {
                        next.add(child);
                    }
                }
            }
            if (next.size() > limit) {
                return null;
            }
            frontier = next;
        }
        if (frontier.size() > limit) {
            return null;
        }
        List<String> out = new ArrayList<>(frontier.size());
        for (S2Cell cell : frontier) {
            out.add(cell.id().toToken());
        }
        return out;
    }

    /** The shape's bounding rectangle widened by the radius (generously: it only prunes). */
    private S2LatLngRect grownBound() {
        double r = radius.toAngle().radians() * 1.01 + 1e-9;
        if (r <= 1e-9 || bound.isEmpty()) {
            return bound.isEmpty() ? bound : bound.expanded(S2LatLng.fromRadians(r, r)).polarClosure();
        }
        double maxLat = Math.max(Math.abs(bound.latLo().radians()), Math.abs(bound.latHi().radians())) + r;
        double lng = maxLat >= Math.PI / 2 - 1e-6 ? Math.PI : r / Math.cos(maxLat);
        return bound.expanded(S2LatLng.fromRadians(r, Math.min(lng, Math.PI))).polarClosure();
    }

    private boolean hits(S2Cell cell, S2LatLngRect grown) {
        if (!grown.intersects(cell.getRectBound())) {
            return false;
        }
        for (S2Polygon p : polygons) {
            if (p.mayIntersect(cell)) {
                return true;
            }
        }
        for (S2Point[] e : edges) {
            if (cell.getDistanceToEdge(e[0], e[1]).compareTo(radius) <= 0) {
                return true;
            }
        }
        return false;
    }

    private void addEdges(List<S2Point> pts, boolean closed) {
        int n = pts.size();
        for (int i = 0; i + 1 < n; i++) {
            edges.add(new S2Point[]{pts.get(i), pts.get(i + 1)});
        }
        if (closed && n > 2) {
            edges.add(new S2Point[]{pts.get(n - 1), pts.get(0)});
        }
    }

    /** Points of the positions with consecutive duplicates dropped (S2 rejects zero-length edges). */
    private static List<S2Point> points(List<double[]> positions) {
        List<S2Point> out = new ArrayList<>();
        for (double[] p : positions) {
            S2Point pt = S2LatLng.fromDegrees(p[1], p[0]).toPoint();
            if (out.isEmpty() || !out.get(out.size() - 1).equals(pt)) {
                out.add(pt);
            }
        }
        return out;
    }
}
