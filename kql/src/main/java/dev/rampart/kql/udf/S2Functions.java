package dev.rampart.kql.udf;

import com.google.common.geometry.S2Cell;
import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2LatLng;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/** Kusto's S2 cell functions: tokens, cell geometry, neighbors and same-level coverings of shapes. */
final class S2Functions implements Family {
    static final int DEFAULT_LEVEL = 11;
    /** Most tokens a covering may have before Kusto answers null. */
    static final int MAX_TOKENS = 65_536;

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "geo_point_to_s2cell r,r,i?>s", a -> {
            Integer level = level(a, 2);
            if (a[0] == null || a[1] == null || level == null || !GeoJson.valid((Double) a[0], (Double) a[1])) {
                return null;
            }
            return S2CellId.fromLatLng(S2LatLng.fromDegrees((Double) a[1], (Double) a[0])).parent(level).toToken();
        });
        fn(out, "geo_s2cell_to_central_point s>y", a -> {
            S2CellId id = cell(a[0]);
            if (id == null) {
                return null;
            }
            S2LatLng c = new S2LatLng(new S2Cell(id).getCenter());
            return GeoJson.point(c.lngDegrees(), c.latDegrees());
        });
        fn(out, "geo_s2cell_to_polygon s>y", a -> {
            S2CellId id = cell(a[0]);
            if (id == null) {
                return null;
            }
            S2Cell cell = new S2Cell(id);
            List<double[]> ring = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                S2LatLng v = new S2LatLng(cell.getVertex(i));
                ring.add(new double[]{v.lngDegrees(), v.latDegrees()});
            }
            return GeoJson.polygon(ring);
        });
        fn(out, "geo_s2cell_neighbors s>y", a -> {
            S2CellId id = cell(a[0]);
            if (id == null) {
                return null;
            }
            // S2's walk finds the cells (with repeats next to a cube corner); S2NeighborOrder puts them in Kusto's order.
            List<S2CellId> all = new ArrayList<>();
            id.getAllNeighbors(id.level(), all);
            List<String> tokens = new ArrayList<>();
            for (S2CellId n : all) {
                tokens.add(n.toToken());
            }
            return GeoJson.strings(S2NeighborOrder.of(tokens));
        });
        fn(out, "geo_polygon_to_s2cells y,i?,r?>y", a -> {
            Integer level = level(a, 1);
            Double radius = radius(a, 2);
            var shapes = GeoJson.polygons((String) a[0]);
            if (level == null || radius == null || shapes == null) {
                return null;
            }
            S2Cover cover = S2Cover.ofPolygons(shapes, radius);
            return cover == null ? null : tokens(cover.cells(level, MAX_TOKENS));
        });
        fn(out, "geo_line_to_s2cells y,i?,r?>y", a -> {
            Integer level = level(a, 1);
            Double radius = radius(a, 2);
            var lines = GeoJson.lines((String) a[0]);
            if (level == null || radius == null || lines == null) {
                return null;
            }
            return tokens(S2Cover.ofLines(lines, radius).cells(level, MAX_TOKENS));
        });
    }

    private static String tokens(List<String> cells) {
        return cells == null ? null : GeoJson.strings(cells);
    }

    /** The optional level at {@code i}: 11 when absent, null when null or outside [0, 30]. */
    private static Integer level(Object[] a, int i) {
        if (a.length <= i) {
            return DEFAULT_LEVEL;
        }
        if (a[i] == null) {
            return null;
        }
        long l = (Long) a[i];
        return l >= 0 && l <= S2CellId.MAX_LEVEL ? (int) l : null;
    }

    /** The optional buffer radius in meters at {@code i}: 0 when absent, null when null, negative or not finite. */
    static Double radius(Object[] a, int i) {
        if (a.length <= i) {
            return 0.0;
        }
        if (a[i] == null) {
            return null;
        }
        double r = (Double) a[i];
        return r >= 0 && Double.isFinite(r) ? r : null;
    }

    /** A token as geo_point_to_s2cell writes it (1 to 16 hex digits naming a valid cell), else null. */
    static S2CellId cell(Object token) {
        if (!(token instanceof String s) || s.isEmpty() || s.length() > 16) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return null;
            }
        }
        S2CellId id = S2CellId.fromToken(s);
        return id.isValid() ? id : null;
    }
}
