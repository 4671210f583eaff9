package dev.rampart.kql.udf;

import com.google.common.geometry.S2;
import com.google.common.geometry.S2EdgeUtil;
import com.google.common.geometry.S2Loop;
import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2Polygon;
import com.google.common.geometry.S2Polyline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lines against lines and polygons: crossings, clipping, union and buffers, with geodesic edges. */
final class LineOverlay {
    /** Points closer than this (radians, about a micrometer) are the same point. */
    private static final double SAME = 1e-13;
    /** Most vertices one buffer circle may have. */
    private static final int MAX_CIRCLE_VERTICES = 4096;

    private LineOverlay() {
    }

    /** Where two lines cross or touch, each point once, in the order the first line meets them. */
    static List<S2Point> crossings(List<List<S2Point>> a, List<List<S2Point>> b) {
        List<S2Point> out = new ArrayList<>();
        for (List<S2Point> ca : a) {
            for (int i = 0; i + 1 < Math.max(ca.size(), 2); i++) {
                S2Point a0 = ca.get(i);
                S2Point a1 = ca.get(Math.min(i + 1, ca.size() - 1));
                for (List<S2Point> cb : b) {
                    for (int j = 0; j + 1 < Math.max(cb.size(), 2); j++) {
                        S2Point b0 = cb.get(j);
                        S2Point b1 = cb.get(Math.min(j + 1, cb.size() - 1));
                        edgeMeeting(a0, a1, b0, b1, out);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The stretches two lines share: for each pair of edges on one great circle, the part of the first edge
     * that the second covers, oriented along the first line. Its ends are always input vertices.
     */
    static List<List<S2Point>> overlaps(List<List<S2Point>> a, List<List<S2Point>> b) {
        List<List<S2Point>> out = new ArrayList<>();
        for (List<S2Point> ca : a) {
            for (int i = 1; i < ca.size(); i++) {
                S2Point a0 = ca.get(i - 1);
                S2Point a1 = ca.get(i);
                // The robust form keeps the axis accurate for short edges, whose plain cross product loses digits.
                S2Point n = S2Point.normalize(S2.robustCrossProd(a0, a1));
                double length = a0.angle(a1);
                for (List<S2Point> cb : b) {
                    for (int j = 1; j < cb.size(); j++) {
                        S2Point b0 = cb.get(j - 1);
                        S2Point b1 = cb.get(j);
                        if (Math.abs(n.dotProd(b0)) > SAME || Math.abs(n.dotProd(b1)) > SAME) {
                            continue;
                        }
                        double t0 = along(a0, n, b0);
                        double t1 = along(a0, n, b1);
                        double lo = Math.max(0, Math.min(t0, t1));
                        double hi = Math.min(length, Math.max(t0, t1));
                        if (hi - lo > SAME) {
                            S2Point[] ends = {a0, a1, b0, b1};
                            double[] at = {0, length, t0, t1};
                            out.add(new ArrayList<>(List.of(nearestAt(ends, at, lo), nearestAt(ends, at, hi))));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Signed angle from {@code origin} to {@code p} around the axis {@code n}. */
    private static double along(S2Point origin, S2Point n, S2Point p) {
        return Math.atan2(S2Point.crossProd(origin, p).dotProd(n), origin.dotProd(p));
    }

    private static S2Point nearestAt(S2Point[] points, double[] at, double t) {
        int best = 0;
        for (int i = 1; i < points.length; i++) {
            if (Math.abs(at[i] - t) < Math.abs(at[best] - t)) {
                best = i;
            }
        }
        return points[best];
    }

    /** True when {@code p} lies on one of the chains. */
    static boolean onLines(S2Point p, List<List<S2Point>> lines) {
        for (List<S2Point> c : lines) {
            for (int i = 1; i < c.size(); i++) {
                if (onEdge(p, c.get(i - 1), c.get(i), false)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void edgeMeeting(S2Point a0, S2Point a1, S2Point b0, S2Point b1, List<S2Point> out) {
        boolean aPoint = a0.equalsPoint(a1);
        boolean bPoint = b0.equalsPoint(b1);
        if (!aPoint && !bPoint && S2EdgeUtil.robustCrossing(a0, a1, b0, b1) > 0) {
            add(out, S2EdgeUtil.getIntersection(a0, a1, b0, b1));
            return;
        }
        for (S2Point v : new S2Point[] {a0, a1}) {
            if (onEdge(v, b0, b1, bPoint)) {
                add(out, v);
            }
        }
        for (S2Point v : new S2Point[] {b0, b1}) {
            if (onEdge(v, a0, a1, aPoint)) {
                add(out, v);
            }
        }
    }

    private static boolean onEdge(S2Point v, S2Point e0, S2Point e1, boolean degenerate) {
        double d = degenerate ? v.angle(e0) : S2EdgeUtil.getDistance(v, e0, e1).radians();
        return d <= SAME;
    }

    private static void add(List<S2Point> out, S2Point p) {
        for (S2Point q : out) {
            if (q.angle(p) <= SAME) {
                return;
            }
        }
        out.add(p);
    }

    /** The parts of the lines inside the polygon. */
    static List<List<S2Point>> clip(List<List<S2Point>> lines, S2Polygon polygon) {
        List<List<S2Point>> out = new ArrayList<>();
        for (List<S2Point> c : lines) {
            for (S2Polyline p : polygon.intersectWithPolyline(new S2Polyline(c))) {
                out.add(p.vertices());
            }
        }
        return out;
    }

    /** True when a vertex lies in the polygon or an edge crosses or touches its boundary. */
    static boolean intersects(List<List<S2Point>> lines, S2Polygon polygon) {
        for (List<S2Point> c : lines) {
            for (S2Point v : c) {
                if (polygon.contains(v)) {
                    return true;
                }
            }
        }
        List<List<S2Point>> rings = new ArrayList<>();
        for (int i = 0; i < polygon.numLoops(); i++) {
            S2Loop loop = polygon.loop(i);
            List<S2Point> ring = new ArrayList<>();
            for (int k = 0; k <= loop.numVertices(); k++) {
                ring.add(loop.vertex(k % loop.numVertices()));
            }
            rings.add(ring);
        }
        return !crossings(lines, rings).isEmpty();
    }

    /**
     * The union of lines as a graph: every edge once (a repeated or reversed edge is dropped), joined into
     * the longest chains that pass only through vertices with one edge in and one out.
     */
    static List<List<S2Point>> union(List<List<List<S2Point>>> lines) {
        List<S2Point[]> edges = new ArrayList<>();
        Map<List<S2Point>, Boolean> seen = new HashMap<>();
        for (List<List<S2Point>> line : lines) {
            for (List<S2Point> c : line) {
                for (int i = 1; i < c.size(); i++) {
                    S2Point a = c.get(i - 1);
                    S2Point b = c.get(i);
                    if (seen.putIfAbsent(List.of(a, b), true) == null && !seen.containsKey(List.of(b, a))) {
                        edges.add(new S2Point[] {a, b});
                    }
                }
            }
        }
        Map<S2Point, List<Integer>> outgoing = new LinkedHashMap<>();
        Map<S2Point, Integer> incoming = new HashMap<>();
        for (int i = 0; i < edges.size(); i++) {
            outgoing.computeIfAbsent(edges.get(i)[0], k -> new ArrayList<>()).add(i);
            incoming.merge(edges.get(i)[1], 1, Integer::sum);
        }
        boolean[] used = new boolean[edges.size()];
        List<List<S2Point>> out = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < edges.size(); i++) {
                S2Point start = edges.get(i)[0];
                // First pass: chains from vertices where lines begin, end or branch; second pass: closed loops.
                if (used[i] || (pass == 0 && passThrough(start, outgoing, incoming))) {
                    continue;
                }
                List<S2Point> chain = new ArrayList<>();
                chain.add(start);
                int e = i;
                while (true) {
                    used[e] = true;
                    S2Point end = edges.get(e)[1];
                    chain.add(end);
                    if (!passThrough(end, outgoing, incoming) || end.equalsPoint(start)) {
                        break;
                    }
                    int next = outgoing.get(end).get(0);
                    if (used[next]) {
                        break;
                    }
                    e = next;
                }
                out.add(chain);
            }
        }
        return out;
    }

    private static boolean passThrough(S2Point v, Map<S2Point, List<Integer>> outgoing, Map<S2Point, Integer> incoming) {
        return incoming.getOrDefault(v, 0) == 1 && outgoing.getOrDefault(v, List.of()).size() == 1;
    }

    /**
     * Every point within {@code radius} meters of the lines, as the union of a polygonal circle around
     * each vertex and a band along each edge; both are drawn outside the ideal shape by at most
     * {@code tolerance} meters so the buffer holds every point it should.
     */
    static S2Polygon buffer(List<List<S2Point>> lines, double radius, double tolerance) {
        double r = LineMeasures.radians(radius);
        double tol = LineMeasures.radians(Math.min(tolerance, radius * 0.999));
        int n = (int) Math.min(MAX_CIRCLE_VERTICES, Math.max(8, Math.ceil(Math.PI / Math.acos(r / (r + tol)))));
        double circle = r / Math.cos(Math.PI / n);
        List<S2Polygon> parts = new ArrayList<>();
        for (List<S2Point> c : lines) {
            for (S2Point v : c) {
                parts.add(new S2Polygon(circle(v, circle, n)));
            }
            for (int i = 1; i < c.size(); i++) {
                parts.add(new S2Polygon(band(c.get(i - 1), c.get(i), r, tol)));
            }
        }
        S2Polygon u = S2Polygon.union(parts);
        return u.numLoops() == 0 ? null : u;
    }

    private static S2Loop circle(S2Point center, double radius, int n) {
        S2Point east = S2Point.normalize(S2Point.crossProd(Math.abs(center.getZ()) < 0.9 ? new S2Point(0, 0, 1) : new S2Point(1, 0, 0), center));
        S2Point north = S2Point.crossProd(center, east);
        List<S2Point> pts = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double az = 2 * Math.PI * k / n;
            S2Point dir = east.mul(Math.cos(az)).add(north.mul(Math.sin(az)));
            pts.add(center.mul(Math.cos(radius)).add(dir.mul(Math.sin(radius))).normalize());
        }
        S2Loop loop = new S2Loop(pts);
        loop.normalize();
        return loop;
    }

    /** Both sides of the edge at a distance a little over the radius, split so the chords never dip inside it. */
    private static S2Loop band(S2Point a, S2Point b, double r, double tol) {
        double outer = r + tol / 2;
        double length = a.angle(b);
        // A chord between two points at distance ρ from the edge's great circle comes closest in its middle, at atan(tan ρ cos(Δ/2)).
        int pieces = 1;
        while (pieces < 1 << 16 && outer - Math.atan(Math.tan(outer) * Math.cos(length / pieces / 2)) > tol / 2) {
            pieces *= 2;
        }
        S2Point normal = S2Point.normalize(S2.robustCrossProd(a, b));
        List<S2Point> left = new ArrayList<>();
        List<S2Point> right = new ArrayList<>();
        for (int k = 0; k <= pieces; k++) {
            S2Point p = S2EdgeUtil.interpolate((double) k / pieces, a, b);
            left.add(p.mul(Math.cos(outer)).add(normal.mul(Math.sin(outer))).normalize());
            right.add(p.mul(Math.cos(outer)).add(normal.mul(-Math.sin(outer))).normalize());
        }
        List<S2Point> pts = new ArrayList<>(right);
        for (int k = left.size() - 1; k >= 0; k--) {
            pts.add(left.get(k));
        }
        S2Loop loop = new S2Loop(pts);
        loop.normalize();
        return loop;
    }
}
