package dev.rampart.kql.udf;

import com.google.common.geometry.S2LatLng;
import com.google.common.geometry.S2Loop;
import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2Polygon;
import com.google.common.geometry.S2Polyline;
import dev.rampart.kql.analyzer.Json;
import dev.rampart.kql.analyzer.JsonLines;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GeoJSON polygons and lines as S2 shapes, the way Kusto reads them: edges are geodesics on a sphere, every ring
 * is taken as the smaller of the two regions it bounds, a multipolygon means the union of its parts, and anything
 * malformed is invalid (null). Parsed shapes are cached by their JSON text because a query usually tests many rows
 * against the same few polygons.
 */
final class PolygonGeo {
    /** Earth radius (m) of the sphere Kusto's geospatial functions measure on. */
    static final double EARTH_RADIUS = 6371010.0;

    private static final int CACHE_SIZE = 256;
    private static final Map<String, Object> CACHE = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> e) {
            return size() > CACHE_SIZE;
        }
    });
    private static final Object INVALID = new Object();

    private PolygonGeo() {
    }

    /** The polygon or multipolygon (as the union of its parts), or null when the JSON is not a valid one. */
    static S2Polygon polygon(String json) {
        Parsed p = parsed(json);
        return p == null ? null : p.polygon();
    }

    /** A parsed shape with its rings as written, in order (they decide where output rings start). */
    record Parsed(S2Polygon polygon, List<S2Loop> rings) {
    }

    static Parsed parsed(String json) {
        if (json == null) {
            return null;
        }
        Object cached = CACHE.get(json);
        if (cached == null) {
            Parsed p;
            try {
                p = parsed(JsonLines.read(json));
            } catch (RuntimeException e) {
                p = null;
            }
            if (p != null) {
                // Build the lazy edge index now, so the shared cached polygon is only ever read by other threads.
                p.polygon().index().iterator();
            }
            cached = p == null ? INVALID : p;
            CACHE.put(json, cached);
        }
        return cached == INVALID ? null : (Parsed) cached;
    }

    static S2Polygon polygon(Object geo) {
        Parsed p = parsed(geo);
        return p == null ? null : p.polygon();
    }

    static Parsed parsed(Object geo) {
        if (!(geo instanceof Map<?, ?> m)) {
            return null;
        }
        Object type = m.get("type");
        Object coords = m.get("coordinates");
        List<S2Loop> rings = new ArrayList<>();
        if ("Polygon".equals(type)) {
            S2Polygon p = singlePolygon(coords, rings);
            return p == null ? null : new Parsed(p, rings);
        }
        if ("MultiPolygon".equals(type) && coords instanceof List<?> parts && !parts.isEmpty()) {
            List<S2Polygon> polygons = new ArrayList<>();
            for (Object part : parts) {
                S2Polygon p = singlePolygon(part, rings);
                if (p == null) {
                    return null;
                }
                polygons.add(p);
            }
            return new Parsed(polygons.size() == 1 ? polygons.get(0) : S2Polygon.union(polygons), rings);
        }
        return null;
    }

    private static S2Polygon singlePolygon(Object coords, List<S2Loop> written) {
        if (!(coords instanceof List<?> rings) || rings.isEmpty()) {
            return null;
        }
        List<S2Loop> loops = new ArrayList<>();
        for (Object ring : rings) {
            S2Loop loop = loop(ring);
            if (loop == null) {
                return null;
            }
            loops.add(loop);
            written.add(new S2Loop(loop));
        }
        S2Polygon p = new S2Polygon(loops);
        return p.isValid() ? p : null;
    }

    /** A closed ring of at least three distinct vertices, as the smaller region it bounds. */
    private static S2Loop loop(Object ring) {
        if (!(ring instanceof List<?> pts) || pts.size() < 4) {
            return null;
        }
        List<S2Point> vertices = points(pts);
        if (vertices == null) {
            return null;
        }
        if (!vertices.get(0).equalsPoint(vertices.get(vertices.size() - 1))) {
            return null;
        }
        vertices.remove(vertices.size() - 1);
        if (vertices.size() < 3 || !S2Loop.isValid(vertices)) {
            return null;
        }
        S2Loop loop = new S2Loop(vertices);
        loop.normalize();
        return loop;
    }

    /** A [longitude, latitude] pair in range, or null. */
    static S2Point point(Object pt) {
        if (!(pt instanceof List<?> c) || c.size() < 2 || !(c.get(0) instanceof Number x) || !(c.get(1) instanceof Number y)) {
            return null;
        }
        return point(x.doubleValue(), y.doubleValue());
    }

    static S2Point point(double lng, double lat) {
        if (!(lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90)) {
            return null;
        }
        return S2LatLng.fromDegrees(lat, lng).toPoint();
    }

    /** A LineString or every line of a MultiLineString; null when malformed. */
    static List<S2Polyline> lines(String json) {
        Object geo;
        try {
            geo = JsonLines.read(json);
        } catch (RuntimeException e) {
            return null;
        }
        if (!(geo instanceof Map<?, ?> m)) {
            return null;
        }
        Object coords = m.get("coordinates");
        List<S2Polyline> out = new ArrayList<>();
        if ("LineString".equals(m.get("type"))) {
            S2Polyline l = line(coords);
            if (l == null) {
                return null;
            }
            out.add(l);
        } else if ("MultiLineString".equals(m.get("type")) && coords instanceof List<?> ls && !ls.isEmpty()) {
            for (Object c : ls) {
                S2Polyline l = line(c);
                if (l == null) {
                    return null;
                }
                out.add(l);
            }
        } else {
            return null;
        }
        return out;
    }

    private static S2Polyline line(Object coords) {
        if (!(coords instanceof List<?> pts) || pts.size() < 2) {
            return null;
        }
        List<S2Point> vertices = points(pts);
        return vertices == null ? null : new S2Polyline(vertices);
    }

    /** Each [longitude, latitude] pair as a point; null when any is not one. */
    private static List<S2Point> points(List<?> pts) {
        List<S2Point> vertices = new ArrayList<>();
        for (Object pt : pts) {
            S2Point p = point(pt);
            if (p == null) {
                return null;
            }
            vertices.add(p);
        }
        return vertices;
    }

    /** [longitude, latitude] of a point. */
    static List<Object> coordinates(S2Point p) {
        S2LatLng ll = new S2LatLng(p);
        return List.of(ll.lngDegrees(), ll.latDegrees());
    }

    static String pointJson(S2Point p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "Point");
        m.put("coordinates", coordinates(p));
        return Json.write(m);
    }

    /**
     * The GeoJSON of a polygon: a Polygon when it has one shell, else a MultiPolygon; shells counterclockwise,
     * holes clockwise, each ring closed. Null for an empty polygon.
     */
    static Map<String, Object> geoJson(S2Polygon p) {
        return geoJson(p, List.of());
    }

    /** As {@link #geoJson(S2Polygon)}, each ring starting where {@link RingStart} says given the input rings. */
    static Map<String, Object> geoJson(S2Polygon p, List<S2Loop> inputs) {
        List<List<List<List<Object>>>> parts = new ArrayList<>();
        Map<Integer, List<List<List<Object>>>> byShell = new LinkedHashMap<>();
        for (int i = 0; i < p.numLoops(); i++) {
            S2Loop loop = p.loop(i);
            boolean hole = loop.depth() % 2 == 1;
            if (!hole) {
                List<List<List<Object>>> rings = new ArrayList<>();
                rings.add(ring(loop, false, inputs));
                byShell.put(i, rings);
                parts.add(rings);
            } else {
                byShell.get(p.getParent(i)).add(ring(loop, true, inputs));
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", parts.size() == 1 ? "Polygon" : "MultiPolygon");
        m.put("coordinates", parts.size() == 1 ? parts.get(0) : parts);
        return m;
    }

    static String json(S2Polygon p) {
        return json(p, List.of());
    }

    static String json(S2Polygon p, List<S2Loop> inputs) {
        Map<String, Object> m = p == null ? null : geoJson(p, inputs);
        return m == null ? null : Json.write(m);
    }

    /** A ring's vertices, closed, in GeoJSON winding. */
    private static List<List<Object>> ring(S2Loop loop, boolean hole, List<S2Loop> inputs) {
        int n = loop.numVertices();
        // A hole is held as the small loop around it (counterclockwise); GeoJSON writes holes clockwise.
        boolean reverse = hole && loop.getArea() <= 2 * Math.PI;
        int start = RingStart.of(loop, inputs);
        if (reverse) {
            start = Math.floorMod(start + 1, n);
        }
        List<List<Object>> out = new ArrayList<>();
        for (int k = 0; k <= n; k++) {
            int i = Math.floorMod(reverse ? start - k : start + k, n);
            out.add(coordinates(loop.vertex(i)));
        }
        return out;
    }
}
