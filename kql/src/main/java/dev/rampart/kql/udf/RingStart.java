package dev.rampart.kql.udf;

import com.google.common.geometry.S2EdgeUtil;
import com.google.common.geometry.S2Loop;
import com.google.common.geometry.S2Point;

import java.util.List;

/**
 * Where an output ring of a polygon operation starts. Kusto (S2's builder) keeps the input order: a ring starts with
 * the edge that comes from the earliest input edge (inputs numbered in argument, ring and vertex order), and among
 * pieces of that same input edge, with the piece nearest its start. Without inputs the ring keeps S2's order.
 */
final class RingStart {
    /** Beyond this many edge pairs the search costs more than the order is worth. */
    private static final long MAX_WORK = 4_000_000;
    private static final double ON_EDGE = 1e-12;

    private RingStart() {
    }

    static int of(S2Loop loop, List<S2Loop> inputs) {
        int n = loop.numVertices();
        long inputEdges = inputs.stream().mapToLong(S2Loop::numVertices).sum();
        if (inputs.isEmpty() || n * inputEdges > MAX_WORK) {
            return 0;
        }
        int best = 0;
        long bestId = Long.MAX_VALUE;
        double bestOffset = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            S2Point a = loop.vertex(i);
            S2Point b = loop.vertex(i + 1);
            S2Point mid = S2Point.normalize(S2Point.add(a, b));
            long id = 0;
            for (S2Loop in : inputs) {
                int m = in.numVertices();
                boolean found = false;
                for (int j = 0; j < m; j++, id++) {
                    S2Point x = in.vertex(j);
                    S2Point y = in.vertex(j + 1);
                    if (on(a, x, y) && on(b, x, y) && on(mid, x, y) && a.angle(y) > b.angle(y) - ON_EDGE) {
                        double offset = x.angle(a);
                        if (id < bestId || (id == bestId && offset < bestOffset)) {
                            best = i;
                            bestId = id;
                            bestOffset = offset;
                        }
                        found = true;
                        break;
                    }
                }
                if (found) {
                    break;
                }
            }
        }
        return best;
    }

    static boolean on(S2Point p, S2Point x, S2Point y) {
        return S2EdgeUtil.getDistance(p, x, y).radians() <= ON_EDGE;
    }
}
