package dev.rampart.kql.udf;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/** Kusto's H3 cell functions on Uber's H3 library (hexadecimal cell tokens, GeoJSON geometry). */
final class H3Functions implements Family {
    static final int DEFAULT_RESOLUTION = 6;
    static final int MAX_RESOLUTION = 15;
    /** Kusto refuses a children request more than this many levels down. */
    static final int MAX_CHILD_DEPTH = 5;
    static final int MAX_RING_DISTANCE = 142;

    /** Loaded on first use: the native library is only unpacked when a query calls an H3 function. */
    private static final class Lib {
        static final H3Core H3;

        static {
            try {
                H3 = H3Core.newInstance();
            } catch (IOException e) {
                throw new UncheckedIOException("H3 native library did not load", e);
            }
        }
    }

    static H3Core h3() {
        return Lib.H3;
    }

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "geo_point_to_h3cell r,r,i?>s", a -> {
            if (a[0] == null || a[1] == null || (a.length > 2 && a[2] == null)) {
                return null;
            }
            long res = a.length > 2 ? (Long) a[2] : DEFAULT_RESOLUTION;
            double lng = (Double) a[0];
            double lat = (Double) a[1];
            if (res < 0 || res > MAX_RESOLUTION || !GeoJson.valid(lng, lat)) {
                return null;
            }
            return h3().latLngToCellAddress(lat, lng, (int) res);
        });
        fn(out, "geo_h3cell_level s>i", a -> {
            Long cell = cell(a[0]);
            return cell == null ? null : (long) h3().getResolution(cell);
        });
        fn(out, "geo_h3cell_to_central_point s>y", a -> {
            Long cell = cell(a[0]);
            if (cell == null) {
                return null;
            }
            LatLng c = h3().cellToLatLng(cell);
            return GeoJson.point(c.lng, c.lat);
        });
        fn(out, "geo_h3cell_to_polygon s>y", a -> {
            Long cell = cell(a[0]);
            if (cell == null) {
                return null;
            }
            List<double[]> ring = new ArrayList<>();
            for (LatLng v : h3().cellToBoundary(cell)) {
                ring.add(new double[]{v.lng, v.lat});
            }
            return GeoJson.polygon(ring);
        });
        fn(out, "geo_h3cell_parent s,i?>s", a -> {
            Long cell = cell(a[0]);
            if (cell == null || (a.length > 1 && a[1] == null)) {
                return null;
            }
            int level = h3().getResolution(cell);
            long res = a.length > 1 ? (Long) a[1] : level - 1;
            if (res < 0 || res > MAX_RESOLUTION - 1 || res > level) {
                return null;
            }
            return h3().h3ToString(h3().cellToParent(cell, (int) res));
        });
        fn(out, "geo_h3cell_children s,i?>y", a -> {
            Long cell = cell(a[0]);
            if (cell == null || (a.length > 1 && a[1] == null)) {
                return null;
            }
            int level = h3().getResolution(cell);
            long res = a.length > 1 ? (Long) a[1] : level + 1;
            if (res < 1 || res > MAX_RESOLUTION || res < level || res - level > MAX_CHILD_DEPTH) {
                return null;
            }
            return GeoJson.strings(addresses(h3().cellToChildren(cell, (int) res)));
        });
        fn(out, "geo_h3cell_neighbors s>y", a -> {
            Long cell = cell(a[0]);
            if (cell == null) {
                return null;
            }
            List<Long> disk = new ArrayList<>(h3().gridDisk(cell, 1));
            disk.remove(cell);
            return GeoJson.strings(addresses(disk));
        });
        fn(out, "geo_h3cell_rings s,i>y", a -> {
            Long cell = cell(a[0]);
            if (cell == null || a[1] == null) {
                return null;
            }
            long distance = (Long) a[1];
            if (distance < 0 || distance > MAX_RING_DISTANCE) {
                return null;
            }
            List<Object> rings = new ArrayList<>();
            for (List<Long> ring : h3().gridDiskDistances(cell, (int) distance)) {
                rings.add(addresses(ring));
            }
            return dev.rampart.kql.analyzer.Json.write(rings);
        });
        fn(out, "geo_polygon_to_h3cells y,i?,r?>y", a -> {
            if (a.length > 1 && a[1] == null) {
                return null;
            }
            long res = a.length > 1 ? (Long) a[1] : DEFAULT_RESOLUTION;
            Double radius = S2Functions.radius(a, 2);
            var shapes = GeoJson.polygons((String) a[0]);
            if (res < 0 || res > MAX_RESOLUTION || radius == null || shapes == null) {
                return null;
            }
            List<String> cells = H3Polygons.cells(shapes, (int) res, radius);
            return cells == null ? null : GeoJson.strings(cells);
        });
    }

    /** A valid H3 cell index from its hexadecimal token, else null. */
    static Long cell(Object token) {
        if (!(token instanceof String s) || s.isEmpty() || s.length() > 16) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return null;
            }
        }
        long h = Long.parseUnsignedLong(s, 16);
        return h3().isValidCell(h) ? h : null;
    }

    static List<String> addresses(List<Long> cells) {
        List<String> out = new ArrayList<>(cells.size());
        for (Long c : cells) {
            out.add(h3().h3ToString(c));
        }
        return out;
    }
}
