package dev.rampart.kql.udf;

import dev.rampart.kql.analyzer.Json;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/** geo_from_wkt: Well-Known Text to GeoJSON (coordinates are longitude, latitude as written). */
final class WktFunctions implements Family {

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "geo_from_wkt s>y", a -> {
            if (a[0] == null) {
                return null;
            }
            Geometry g;
            try {
                g = new WKTReader().read((String) a[0]);
            } catch (ParseException e) {
                return null;
            }
            Map<String, Object> m = geoJson(g);
            return m == null ? null : Json.write(m);
        });
    }

    private static Map<String, Object> geoJson(Geometry g) {
        if (g.isEmpty()) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (g instanceof Point p) {
            m.put("type", "Point");
            m.put("coordinates", position(p.getCoordinate()));
        } else if (g instanceof LineString l) {
            m.put("type", "LineString");
            m.put("coordinates", positions(l.getCoordinates()));
        } else if (g instanceof Polygon p) {
            m.put("type", "Polygon");
            m.put("coordinates", rings(p));
        } else if (g instanceof MultiPoint || g instanceof MultiLineString || g instanceof MultiPolygon) {
            String type = g instanceof MultiPoint ? "MultiPoint" : g instanceof MultiLineString ? "MultiLineString" : "MultiPolygon";
            List<Object> parts = new ArrayList<>();
            for (int i = 0; i < g.getNumGeometries(); i++) {
                Map<String, Object> part = geoJson(g.getGeometryN(i));
                if (part == null) {
                    return null;
                }
                parts.add(part.get("coordinates"));
            }
            m.put("type", type);
            m.put("coordinates", parts);
        } else if (g instanceof GeometryCollection) {
            List<Object> parts = new ArrayList<>();
            for (int i = 0; i < g.getNumGeometries(); i++) {
                Map<String, Object> part = geoJson(g.getGeometryN(i));
                if (part == null) {
                    return null;
                }
                parts.add(part);
            }
            m.put("type", "GeometryCollection");
            m.put("geometries", parts);
        } else {
            return null;
        }
        return m;
    }

    private static List<Object> rings(Polygon p) {
        List<Object> rings = new ArrayList<>();
        rings.add(positions(p.getExteriorRing().getCoordinates()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            rings.add(positions(p.getInteriorRingN(i).getCoordinates()));
        }
        return rings;
    }

    private static List<Object> positions(Coordinate[] cs) {
        List<Object> out = new ArrayList<>();
        for (Coordinate c : cs) {
            out.add(position(c));
        }
        return out;
    }

    private static List<Object> position(Coordinate c) {
        return List.of(number(c.x), number(c.y));
    }

    /** Whole numbers print without a fraction, as in the documented GeoJSON. */
    private static Object number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
    }
}
