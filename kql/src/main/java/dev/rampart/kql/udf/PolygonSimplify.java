package dev.rampart.kql.udf;

import com.google.common.geometry.S2EdgeUtil;
import com.google.common.geometry.S2Loop;
import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2Polygon;

import java.util.ArrayList;
import java.util.List;

/**
 * Ring simplification on the sphere (Douglas-Peucker with geodesic distances): each ring keeps its first vertex and
 * the vertex farthest from it, then every vertex that strays more than the tolerance from the edge that would
 * replace it. A ring left with fewer than three vertices disappears; a polygon whose every ring disappeared, or
 * whose simplified rings cross, is null.
 */
final class PolygonSimplify {
    private PolygonSimplify() {
    }

    static S2Polygon simplify(S2Polygon p, double tolerance) {
        List<S2Loop> loops = new ArrayList<>();
        for (S2Loop loop : p.getLoops()) {
            List<S2Point> kept = ring(loop, tolerance);
            if (kept.size() >= 3 && S2Loop.isValid(kept)) {
                S2Loop l = new S2Loop(kept);
                l.normalize();
                loops.add(l);
            } else if (loop.depth() == 0) {
                // Without its shell a part vanishes with its holes.
                continue;
            }
        }
        if (loops.isEmpty() || !S2Polygon.isValid(loops)) {
            return null;
        }
        S2Polygon s = new S2Polygon(loops);
        return s.isEmpty() ? null : s;
    }

    private static List<S2Point> ring(S2Loop loop, double tolerance) {
        int n = loop.numVertices();
        int far = 0;
        for (int i = 1; i < n; i++) {
            if (loop.vertex(0).angle(loop.vertex(i)) > loop.vertex(0).angle(loop.vertex(far))) {
                far = i;
            }
        }
        boolean[] keep = new boolean[n + 1];
        keep[0] = true;
        keep[far] = true;
        chain(loop, 0, far, tolerance, keep);
        chain(loop, far, n, tolerance, keep);
        List<S2Point> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                out.add(loop.vertex(i));
            }
        }
        return out;
    }

    /** Keeps, between vertices from and to (indexes wrap), those farther than the tolerance from the chord. */
    private static void chain(S2Loop loop, int from, int to, double tolerance, boolean[] keep) {
        if (to - from < 2) {
            return;
        }
        S2Point a = loop.vertex(from);
        S2Point b = loop.vertex(to);
        int worst = -1;
        double max = tolerance;
        for (int i = from + 1; i < to; i++) {
            double d = S2EdgeUtil.getDistance(loop.vertex(i), a, b).radians();
            if (d > max) {
                max = d;
                worst = i;
            }
        }
        if (worst < 0) {
            return;
        }
        keep[worst] = true;
        chain(loop, from, worst, tolerance, keep);
        chain(loop, worst, to, tolerance, keep);
    }
}
