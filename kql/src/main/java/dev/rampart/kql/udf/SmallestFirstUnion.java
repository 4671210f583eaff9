package dev.rampart.kql.udf;

import com.google.common.geometry.S2Loop;
import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2Polygon;

import java.util.ArrayList;
import java.util.List;

/**
 * The union of many polygons the way Kusto (S2's DestructiveUnion) builds it, which fixes where each output ring
 * starts: the two polygons with the fewest vertices are joined first (ties in argument order, a result queued
 * after those of equal size), and the edges of each step's inputs are numbered first polygon then second, ring
 * and vertex order. Every output ring is turned so that the edge coming from the highest-numbered input edge is
 * its last one, which keeps a ring that survives a step in its input's cyclic order.
 */
final class SmallestFirstUnion {
    /** Beyond this many edge pairs in one step the ring order costs more than it is worth. */
    private static final long MAX_WORK = 4_000_000;
    private static final double ON_EDGE = 1e-12;

    /** A polygon with its rings in the order and rotation the next step numbers them. */
    private record Step(S2Polygon polygon, List<List<S2Point>> rings, int size) {
    }

    private SmallestFirstUnion() {
    }

    /** The union, its rings rotated as Kusto writes them; null when the ring order is out of reach (one input, or too costly). */
    static S2Polygon of(List<PolygonGeo.Parsed> inputs) {
        List<Step> queue = new ArrayList<>();
        for (PolygonGeo.Parsed p : inputs) {
            List<List<S2Point>> rings = new ArrayList<>();
            int size = 0;
            for (S2Loop l : p.rings()) {
                rings.add(vertices(l));
                size += l.numVertices();
            }
            enqueue(queue, new Step(p.polygon(), rings, size));
        }
        boolean ordered = true;
        while (queue.size() > 1) {
            Step a = queue.remove(0);
            Step b = queue.remove(0);
            S2Polygon u = new S2Polygon();
            u.initToUnion(a.polygon(), b.polygon());
            List<List<S2Point>> rings = ordered ? rotated(u, a, b) : null;
            ordered = rings != null;
            enqueue(queue, new Step(u, rings, a.size() + b.size()));
        }
        Step last = queue.get(0);
        if (!ordered || inputs.size() == 1) {
            return null;
        }
        List<S2Loop> loops = new ArrayList<>();
        for (List<S2Point> r : last.rings()) {
            loops.add(new S2Loop(r));
        }
        return new S2Polygon(loops);
    }

    private static void enqueue(List<Step> queue, Step s) {
        int at = 0;
        while (at < queue.size() && queue.get(at).size() <= s.size()) {
            at++;
        }
        queue.add(at, s);
    }

    /** The rings of {@code u}, each rotated and ordered by the lowest input edge it keeps; null when too costly. */
    private static List<List<S2Point>> rotated(S2Polygon u, Step a, Step b) {
        List<S2Point[]> in = new ArrayList<>();
        for (Step s : List.of(a, b)) {
            for (List<S2Point> r : s.rings()) {
                for (int k = 0; k < r.size(); k++) {
                    in.add(new S2Point[]{r.get(k), r.get((k + 1) % r.size())});
                }
            }
        }
        if ((long) u.getNumVertices() * in.size() > MAX_WORK) {
            return null;
        }
        List<List<S2Point>> out = new ArrayList<>();
        List<Integer> lowest = new ArrayList<>();
        for (int i = 0; i < u.numLoops(); i++) {
            List<S2Point> ring = vertices(u.loop(i));
            int n = ring.size();
            int[] ids = new int[n];
            for (int k = 0; k < n; k++) {
                ids[k] = inputEdge(ring.get(k), ring.get((k + 1) % n), in);
            }
            int start = afterHighest(ids);
            List<S2Point> r = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                r.add(ring.get((start + k) % n));
            }
            int min = java.util.Arrays.stream(ids).min().orElse(-1);
            int at = 0;
            while (at < lowest.size() && lowest.get(at) <= min) {
                at++;
            }
            out.add(at, r);
            lowest.add(at, min);
        }
        return out;
    }

    /**
     * Where the ring starts: right after the edge with the highest input id; pieces of one input edge in a row
     * count as one, so the ring starts after the last of them.
     */
    static int afterHighest(int[] ids) {
        int pos = 0;
        boolean gap = false;
        for (int i = 1; i < ids.length; i++) {
            int cmp = Integer.compare(ids[i], ids[pos]);
            if (cmp < 0) {
                gap = true;
            } else if (cmp > 0 || !gap) {
                pos = i;
                gap = false;
            }
        }
        return pos + 1 == ids.length ? 0 : pos + 1;
    }

    /** The first input edge the output edge x-y lies on, in the same direction; -1 when none does. */
    private static int inputEdge(S2Point x, S2Point y, List<S2Point[]> in) {
        S2Point mid = S2Point.normalize(S2Point.add(x, y));
        for (int e = 0; e < in.size(); e++) {
            S2Point[] s = in.get(e);
            if (RingStart.on(x, s[0], s[1]) && RingStart.on(y, s[0], s[1]) && RingStart.on(mid, s[0], s[1])
                    && x.angle(s[1]) > y.angle(s[1]) - ON_EDGE) {
                return e;
            }
        }
        return -1;
    }

    private static List<S2Point> vertices(S2Loop l) {
        List<S2Point> v = new ArrayList<>();
        for (int k = 0; k < l.numVertices(); k++) {
            v.add(l.vertex(k));
        }
        return v;
    }
}
