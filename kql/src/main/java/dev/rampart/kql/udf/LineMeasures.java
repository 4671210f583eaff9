package dev.rampart.kql.udf;

import com.google.common.geometry.S1Angle;
import com.google.common.geometry.S2EdgeUtil;
import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2Polyline;

import java.util.ArrayList;
import java.util.List;

/** Measures along geodesic lines on the unit sphere: centroid, interpolation, projection, densifying, simplifying. */
final class LineMeasures {
    /** Earth radius of Kusto's spherical datum, in meters. */
    static final double EARTH_RADIUS = 6371010.0;
    /** Most points a densified line may hold. */
    private static final int MAX_DENSIFIED_POINTS = 10485760;

    private LineMeasures() {
    }

    static double radians(double meters) {
        return meters / EARTH_RADIUS;
    }

    /**
     * The centroid of the line taken as a uniform wire: each geodesic edge weighs by its length, its own
     * centroid being (a + b) tan(θ/2), the integral of the unit vector along the arc. Null for a line of no length.
     */
    static S2Point centroid(List<List<S2Point>> chains) {
        S2Point sum = new S2Point(0, 0, 0);
        for (List<S2Point> c : chains) {
            for (int i = 1; i < c.size(); i++) {
                S2Point a = c.get(i - 1);
                S2Point b = c.get(i);
                double theta = a.angle(b);
                sum = sum.add(a.add(b).mul(Math.tan(theta / 2)));
            }
        }
        return sum.norm() == 0 ? null : sum.normalize();
    }

    static S2Polyline polyline(List<S2Point> chain) {
        return new S2Polyline(chain);
    }

    /** The point at {@code fraction} of the line's length from its start (a single line only). */
    static S2Point interpolate(List<S2Point> chain, double fraction) {
        if (chain.size() < 2) {
            return null;
        }
        return polyline(chain).interpolate(fraction);
    }

    /** The fraction of the line's length at which its point closest to {@code p} lies. */
    static Double locate(List<S2Point> chain, S2Point p) {
        if (chain.size() < 2) {
            return null;
        }
        S2Polyline line = polyline(chain);
        int edge = line.getNearestEdgeIndex(p);
        S2Point q = line.projectToEdge(p, edge);
        double before = 0;
        for (int i = 1; i <= edge; i++) {
            before += chain.get(i - 1).angle(chain.get(i));
        }
        before += chain.get(edge).angle(q);
        double total = line.getArclengthAngle().radians();
        return Math.min(1.0, before / total);
    }

    /** The point of any chain nearest {@code p}; a single-vertex chain counts as that vertex. */
    static S2Point closest(List<List<S2Point>> chains, S2Point p) {
        S2Point best = null;
        double bestAngle = Double.POSITIVE_INFINITY;
        for (List<S2Point> c : chains) {
            S2Point q = c.size() < 2 ? c.get(0) : polyline(c).project(p);
            double d = q.angle(p);
            if (d < bestAngle) {
                bestAngle = d;
                best = q;
            }
        }
        return best;
    }

    /**
     * Replaces each planar edge (straight in longitude/latitude) by the fewest equal planar steps whose
     * geodesic chords stay within {@code tolerance} meters of it. With {@code preserveCrossing} an edge
     * whose longitudes are more than 180 degrees apart goes across the antimeridian instead.
     */
    static List<List<double[]>> densify(List<List<double[]>> lines, double tolerance, boolean preserveCrossing) {
        double tol = radians(tolerance);
        List<List<double[]>> out = new ArrayList<>();
        long total = 0;
        for (List<double[]> line : lines) {
            List<double[]> d = new ArrayList<>();
            d.add(line.get(0));
            for (int i = 1; i < line.size(); i++) {
                double[] a = line.get(i - 1);
                double[] b = line.get(i);
                double dLng = b[0] - a[0];
                if (preserveCrossing && Math.abs(dLng) > 180) {
                    dLng -= Math.signum(dLng) * 360;
                }
                int n = steps(a, dLng, b[1] - a[1], tol);
                if (n < 0 || total + n > MAX_DENSIFIED_POINTS) {
                    return null;
                }
                for (int k = 1; k < n; k++) {
                    double t = (double) k / n;
                    d.add(new double[] {wrap(a[0] + t * dLng), a[1] + t * (b[1] - a[1])});
                }
                d.add(b);
                total += n;
            }
            out.add(d);
        }
        return out;
    }

    private static double wrap(double lng) {
        return lng > 180 ? lng - 360 : lng < -180 ? lng + 360 : lng;
    }

    /** Steps for one edge: doubled until every step's planar midpoint is within tolerance of its geodesic chord. */
    private static int steps(double[] a, double dLng, double dLat, double tol) {
        for (int n = 1; n <= MAX_DENSIFIED_POINTS; n *= 2) {
            if (deviation(a, dLng, dLat, n) <= tol) {
                return n;
            }
        }
        return -1;
    }

    private static double deviation(double[] a, double dLng, double dLat, int n) {
        double worst = 0;
        S2Point prev = LineGeoJson.point(a[0], a[1]);
        for (int k = 1; k <= n; k++) {
            double t = (double) k / n;
            double tm = (k - 0.5) / n;
            S2Point next = LineGeoJson.point(wrap(a[0] + t * dLng), a[1] + t * dLat);
            S2Point mid = LineGeoJson.point(wrap(a[0] + tm * dLng), a[1] + tm * dLat);
            if (!prev.equalsPoint(next)) {
                worst = Math.max(worst, S2EdgeUtil.getDistance(mid, prev, next).radians());
            }
            prev = next;
        }
        return worst;
    }

    /**
     * Snaps vertices closer than {@code tolerance} together (each input vertex, in order, becomes a site
     * unless a site is already that close) and then drops vertices of chains that stay within the
     * tolerance of the simplified edge. Chains that shrink to one point vanish; null when all vanish.
     */
    static List<List<S2Point>> simplify(List<List<S2Point>> chains, double tolerance) {
        double tol = radians(tolerance);
        List<S2Point> sites = new ArrayList<>();
        for (List<S2Point> c : chains) {
            for (S2Point p : c) {
                if (nearest(sites, p, tol) == null) {
                    sites.add(p);
                }
            }
        }
        List<List<S2Point>> out = new ArrayList<>();
        for (List<S2Point> c : chains) {
            List<S2Point> snapped = new ArrayList<>();
            for (S2Point p : c) {
                S2Point s = nearest(sites, p, tol);
                if (snapped.isEmpty() || !snapped.get(snapped.size() - 1).equalsPoint(s)) {
                    snapped.add(s);
                }
            }
            if (snapped.size() < 2) {
                continue;
            }
            out.add(tol == 0 ? snapped : polyline(snapped).subsampleVertices(S1Angle.radians(tol)).vertices());
        }
        return out.isEmpty() ? null : out;
    }

    private static S2Point nearest(List<S2Point> sites, S2Point p, double tol) {
        S2Point best = null;
        double bestAngle = Double.POSITIVE_INFINITY;
        for (S2Point s : sites) {
            double d = s.angle(p);
            if (d <= tol && d < bestAngle) {
                bestAngle = d;
                best = s;
            }
        }
        return best;
    }
}
