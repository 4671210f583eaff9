package dev.rampart.kql.udf;

import com.google.common.geometry.S2EdgeUtil;
import com.google.common.geometry.S2LatLng;
import com.google.common.geometry.S2Point;
import com.uber.h3core.AreaUnit;
import com.uber.h3core.util.LatLng;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * geo_polygon_to_h3cells: the cells whose centers lie in the polygon, edges taken as straight lines in
 * longitude/latitude (H3's own rule). A positive radius grows the polygon first: a cell also counts when its
 * center is within that many meters (on the sphere) of the polygon.
 */
final class H3Polygons {
    /** Most cells Kusto returns before answering null. */
    static final int MAX_CELLS = 61_680;
    private static final double METERS_PER_DEGREE = Math.PI * S2Cover.EARTH_RADIUS_M / 180;
    private static final GeometryFactory GF = new GeometryFactory();

    private H3Polygons() {
    }

    /** Null when the polygon is degenerate or would need more than {@link #MAX_CELLS} cells. */
    static List<String> cells(List<List<List<double[]>>> shapes, int res, double radius) {
        if (estimate(shapes, res, radius) > 2.0 * MAX_CELLS) {
            return null;
        }
        Set<Long> out = new LinkedHashSet<>();
        for (List<List<double[]>> rings : shapes) {
            Polygon p = jts(rings);
            if (p == null || !p.isValid()) {
                return null;
            }
            if (radius <= 0) {
                out.addAll(cellsOf(p, res));
            } else {
                Geometry grown = p.buffer(degrees(rings, radius));
                List<S2Point[]> edges = edges(rings);
                for (int i = 0; i < grown.getNumGeometries(); i++) {
                    for (Long c : cellsOf((Polygon) grown.getGeometryN(i), res)) {
                        if (!out.contains(c) && near(p, edges, c, radius)) {
                            out.add(c);
                        }
                    }
                }
            }
            if (out.size() > MAX_CELLS) {
                return null;
            }
        }
        return H3Functions.addresses(new ArrayList<>(out));
    }

    private static List<Long> cellsOf(Polygon p, int res) {
        List<List<LatLng>> holes = new ArrayList<>();
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            holes.add(latLngs(p.getInteriorRingN(i).getCoordinates()));
        }
        return H3Functions.h3().polygonToCells(latLngs(p.getExteriorRing().getCoordinates()), holes, res);
    }

    private static boolean near(Polygon p, List<S2Point[]> edges, long cell, double radius) {
        LatLng c = H3Functions.h3().cellToLatLng(cell);
        Point pt = GF.createPoint(new Coordinate(c.lng, c.lat));
        if (p.covers(pt)) {
            return true;
        }
        S2Point x = S2LatLng.fromDegrees(c.lat, c.lng).toPoint();
        double limit = radius / S2Cover.EARTH_RADIUS_M;
        for (S2Point[] e : edges) {
            if (S2EdgeUtil.getDistance(x, e[0], e[1]).radians() <= limit) {
                return true;
            }
        }
        return false;
    }

    /** A rough count of the cells the request produces (area over cell area), to refuse huge requests early. */
    private static double estimate(List<List<List<double[]>>> shapes, int res, double radius) {
        double area = 0;
        for (List<List<double[]>> rings : shapes) {
            List<double[]> shell = rings.get(0);
            double[] box = box(shell);
            double cos = Math.cos(Math.toRadians((box[1] + box[3]) / 2));
            double perimeter = 0;
            for (int i = 0; i + 1 < shell.size(); i++) {
                perimeter += Math.hypot((shell.get(i + 1)[0] - shell.get(i)[0]) * cos, shell.get(i + 1)[1] - shell.get(i)[1]);
            }
            area += Math.abs(planarArea(shell)) * cos * METERS_PER_DEGREE * METERS_PER_DEGREE
                    + perimeter * METERS_PER_DEGREE * radius + Math.PI * radius * radius;
        }
        return area / H3Functions.h3().getHexagonAreaAvg(res, AreaUnit.m2);
    }

    private static double planarArea(List<double[]> ring) {
        double a = 0;
        for (int i = 0; i + 1 < ring.size(); i++) {
            a += ring.get(i)[0] * ring.get(i + 1)[1] - ring.get(i + 1)[0] * ring.get(i)[1];
        }
        return a / 2;
    }

    private static double[] box(List<double[]> ring) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] p : ring) {
            b[0] = Math.min(b[0], p[0]);
            b[1] = Math.min(b[1], p[1]);
            b[2] = Math.max(b[2], p[0]);
            b[3] = Math.max(b[3], p[1]);
        }
        return b;
    }

    /** The buffer distance in degrees that surely reaches {@code radius} meters in every direction. */
    private static double degrees(List<List<double[]>> rings, double radius) {
        double[] box = box(rings.get(0));
        double maxLat = Math.min(89.0, Math.max(Math.abs(box[1]), Math.abs(box[3])) + radius / METERS_PER_DEGREE);
        return 1.01 * radius / (METERS_PER_DEGREE * Math.cos(Math.toRadians(maxLat)));
    }

    private static List<S2Point[]> edges(List<List<double[]>> rings) {
        List<S2Point[]> out = new ArrayList<>();
        for (List<double[]> ring : rings) {
            for (int i = 0; i + 1 < ring.size(); i++) {
                out.add(new S2Point[]{point(ring.get(i)), point(ring.get(i + 1))});
            }
        }
        return out;
    }

    private static S2Point point(double[] p) {
        return S2LatLng.fromDegrees(p[1], p[0]).toPoint();
    }

    private static Polygon jts(List<List<double[]>> rings) {
        try {
            LinearRing shell = GF.createLinearRing(coordinates(rings.get(0)));
            LinearRing[] holes = new LinearRing[rings.size() - 1];
            for (int i = 1; i < rings.size(); i++) {
                holes[i - 1] = GF.createLinearRing(coordinates(rings.get(i)));
            }
            return GF.createPolygon(shell, holes);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Coordinate[] coordinates(List<double[]> ring) {
        Coordinate[] c = new Coordinate[ring.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = new Coordinate(ring.get(i)[0], ring.get(i)[1]);
        }
        return c;
    }

    /** Open ring (H3 closes it) in H3's latitude-first points. */
    private static List<LatLng> latLngs(Coordinate[] ring) {
        List<LatLng> out = new ArrayList<>();
        for (int i = 0; i + 1 < ring.length; i++) {
            out.add(new LatLng(ring[i].y, ring[i].x));
        }
        return out;
    }
}
