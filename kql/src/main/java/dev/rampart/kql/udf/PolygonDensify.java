package dev.rampart.kql.udf;

import com.google.common.geometry.S2LatLng;
import com.google.common.geometry.S2Point;
import dev.rampart.kql.analyzer.Json;
import dev.rampart.kql.analyzer.JsonLines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;
import static dev.rampart.kql.udf.PolygonGeo.EARTH_RADIUS;

/**
 * geo_polygon_densify: GeoJSON edges are straight in longitude/latitude, Kusto's are geodesics. Each planar edge is
 * halved until the geodesic between two neighbouring points strays at most the tolerance from the planar line
 * (measured at the planar midpoint); the added points lie on the planar edge.
 */
final class PolygonDensify implements Family {
    private static final int MAX_POINTS = 10485760;

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "geo_polygon_densify y,r?,b?>y", a -> {
            if (a[0] == null) {
                return null;
            }
            double tolerance = a.length > 1 ? (a[1] == null ? Double.NaN : (Double) a[1]) : 10;
            if (!(tolerance >= 0.1 && tolerance <= 10000) || PolygonGeo.polygon((String) a[0]) == null) {
                return null;
            }
            Object geo = JsonLines.read((String) a[0]);
            Map<?, ?> m = (Map<?, ?>) geo;
            int[] budget = {MAX_POINTS};
            Object coords = "Polygon".equals(m.get("type"))
                    ? polygon((List<?>) m.get("coordinates"), tolerance / EARTH_RADIUS, budget)
                    : multi((List<?>) m.get("coordinates"), tolerance / EARTH_RADIUS, budget);
            if (budget[0] < 0) {
                return null;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("type", m.get("type"));
            r.put("coordinates", coords);
            return Json.write(r);
        });
    }

    private static List<Object> multi(List<?> parts, double tol, int[] budget) {
        List<Object> out = new ArrayList<>();
        for (Object p : parts) {
            out.add(polygon((List<?>) p, tol, budget));
        }
        return out;
    }

    private static List<Object> polygon(List<?> rings, double tol, int[] budget) {
        List<Object> out = new ArrayList<>();
        for (Object ring : rings) {
            List<?> pts = (List<?>) ring;
            List<Object> dense = new ArrayList<>();
            for (int i = 0; i + 1 < pts.size(); i++) {
                double[] p = lngLat(pts.get(i));
                double[] q = lngLat(pts.get(i + 1));
                dense.add(pts.get(i));
                split(p, q, tol, dense, budget, 0);
            }
            dense.add(pts.get(pts.size() - 1));
            budget[0] -= dense.size();
            out.add(dense);
        }
        return out;
    }

    private static void split(double[] p, double[] q, double tol, List<Object> out, int[] budget, int depth) {
        double[] mid = {(p[0] + q[0]) / 2, (p[1] + q[1]) / 2};
        S2Point geodesicMid = S2Point.normalize(S2Point.add(toPoint(p), toPoint(q)));
        if (depth > 40 || budget[0] - out.size() < 0 || geodesicMid.angle(toPoint(mid)) <= tol) {
            return;
        }
        split(p, mid, tol, out, budget, depth + 1);
        out.add(List.of(mid[0], mid[1]));
        split(mid, q, tol, out, budget, depth + 1);
    }

    private static double[] lngLat(Object pt) {
        List<?> c = (List<?>) pt;
        return new double[] {((Number) c.get(0)).doubleValue(), ((Number) c.get(1)).doubleValue()};
    }

    private static S2Point toPoint(double[] p) {
        return S2LatLng.fromDegrees(p[1], p[0]).toPoint();
    }
}
