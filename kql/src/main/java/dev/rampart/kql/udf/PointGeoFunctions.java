package dev.rampart.kql.udf;

import dev.rampart.kql.analyzer.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/** Point-level geospatial helpers: the turn angle between two geodesic segments, geohash neighbours. */
final class PointGeoFunctions implements Family {
    private static final String BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz";
    /** Neighbour offsets (latitude, longitude steps) in the order Kusto lists them. */
    private static final int[][] NEIGHBORS = {{-1, -1}, {1, -1}, {-1, 1}, {1, 0}, {0, -1}, {1, 1}, {0, 1}, {-1, 0}};

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "geo_angle r,r,r,r,r,r>r", a -> {
            for (Object o : a) {
                if (o == null) {
                    return null;
                }
            }
            double[] v = new double[6];
            for (int i = 0; i < 6; i++) {
                v[i] = (Double) a[i];
            }
            for (int i = 0; i < 6; i += 2) {
                if (!(v[i] >= -180 && v[i] <= 180 && v[i + 1] >= -90 && v[i + 1] <= 90)) {
                    return null;
                }
            }
            Double toFirst = bearing(v[2], v[3], v[0], v[1]);
            Double toThird = bearing(v[2], v[3], v[4], v[5]);
            if (toFirst == null || toThird == null) {
                return null;
            }
            double angle = toThird - toFirst;
            return angle < 0 ? angle + 2 * Math.PI : angle;
        });
        fn(out, "geo_geohash_neighbors s>y", a -> {
            String h = (String) a[0];
            if (h == null || h.isEmpty() || h.length() > 18) {
                return null;
            }
            double[] cell = decode(h);
            if (cell == null) {
                return null;
            }
            double lat = (cell[0] + cell[1]) / 2;
            double lng = (cell[2] + cell[3]) / 2;
            double dLat = cell[1] - cell[0];
            double dLng = cell[3] - cell[2];
            List<Object> found = new ArrayList<>();
            for (int[] n : NEIGHBORS) {
                double nLat = lat + n[0] * dLat;
                if (nLat > 90 || nLat < -90) {
                    continue;
                }
                double nLng = lng + n[1] * dLng;
                nLng = nLng > 180 ? nLng - 360 : nLng < -180 ? nLng + 360 : nLng;
                String e = encode(nLat, nLng, h.length());
                if (!e.equals(h) && !found.contains(e)) {
                    found.add(e);
                }
            }
            return Json.write(found);
        });
    }

    /** Initial bearing of the geodesic from (lng1, lat1) to (lng2, lat2); null for coincident or antipodal points. */
    private static Double bearing(double lng1, double lat1, double lng2, double lat2) {
        double f1 = Math.toRadians(lat1);
        double f2 = Math.toRadians(lat2);
        double dl = Math.toRadians(lng2 - lng1);
        double y = Math.sin(dl) * Math.cos(f2);
        double x = Math.cos(f1) * Math.sin(f2) - Math.sin(f1) * Math.cos(f2) * Math.cos(dl);
        double cosDistance = Math.sin(f1) * Math.sin(f2) + Math.cos(f1) * Math.cos(f2) * Math.cos(dl);
        if (Math.abs(cosDistance) >= 1 - 1e-15 || (y == 0 && x == 0)) {
            return null;
        }
        return Math.atan2(y, x);
    }

    /** {minLat, maxLat, minLng, maxLng} of a geohash cell, or null if a character is not in the alphabet. */
    static double[] decode(String h) {
        double[] c = {-90, 90, -180, 180};
        boolean lngBit = true;
        for (int i = 0; i < h.length(); i++) {
            int v = BASE32.indexOf(h.charAt(i));
            if (v < 0) {
                return null;
            }
            for (int b = 4; b >= 0; b--) {
                int bit = (v >> b) & 1;
                int k = lngBit ? 2 : 0;
                double mid = (c[k] + c[k + 1]) / 2;
                if (bit == 1) {
                    c[k] = mid;
                } else {
                    c[k + 1] = mid;
                }
                lngBit = !lngBit;
            }
        }
        return c;
    }

    static String encode(double lat, double lng, int length) {
        double[] c = {-90, 90, -180, 180};
        boolean lngBit = true;
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int v = 0;
            for (int b = 0; b < 5; b++) {
                int k = lngBit ? 2 : 0;
                double x = lngBit ? lng : lat;
                double mid = (c[k] + c[k + 1]) / 2;
                v <<= 1;
                if (x >= mid) {
                    v |= 1;
                    c[k] = mid;
                } else {
                    c[k + 1] = mid;
                }
                lngBit = !lngBit;
            }
            s.append(BASE32.charAt(v));
        }
        return s.toString();
    }
}
