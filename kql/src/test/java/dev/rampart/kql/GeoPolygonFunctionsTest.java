package dev.rampart.kql;

import dev.rampart.kql.analyzer.JsonLines;
import dev.rampart.kql.conformance.Cells;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Geospatial polygon functions and the geo_polygon_lookup plugin, run on DuckDB (values from the KQL reference). */
class GeoPolygonFunctionsTest extends DuckDbTestBase {
    private static final String CENTRAL_PARK = "dynamic({\"type\":\"Polygon\",\"coordinates\":[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],"
            + "[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]})";
    private static final String TWO_PARKS = "dynamic({\"type\":\"MultiPolygon\",\"coordinates\":[[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],"
            + "[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]],[[[-73.94262313842773,40.775991804565585],"
            + "[-73.98107528686523,40.791849155467695],[-73.99600982666016,40.77092185281977],[-73.96150588989258,40.75609977566361],"
            + "[-73.94262313842773,40.775991804565585]]]]})";
    private static final String DEGENERATE = "dynamic({\"type\": \"Polygon\",\"coordinates\": [[[0,0],[10,10],[10,10],[0,0]]]})";
    private static Object json(Object v) {
        return v == null ? null : JsonLines.read(v.toString());
    }

    @Test
    void polygonArea_ofOverlappingMultipolygon_isAreaOfTheUnion() throws Exception {
        assertThat((Double) one("print geo_polygon_area(" + TWO_PARKS + ")")).isCloseTo(10889971.5343487, within(1e-4));
    }

    @Test
    void polygonPerimeter_ofOverlappingMultipolygon_isBoundaryOfTheUnion() throws Exception {
        assertThat((Double) one("print geo_polygon_perimeter(" + TWO_PARKS + ")")).isCloseTo(15943.5384578745, within(1e-6));
    }

    @Test
    void polygonWithHole_areaExcludesTheHole_pointInHoleIsOutside_andHoleIsWrittenClockwise() throws Exception {
        String shell = "[[0,0],[10,0],[10,10],[0,10],[0,0]]";
        String hole = "[[4,4],[4,6],[6,6],[6,4],[4,4]]";
        String withHole = "dynamic({\"type\":\"Polygon\",\"coordinates\":[" + shell + "," + hole + "]})";
        List<Object> r = rows("print geo_polygon_area(" + withHole + "), geo_polygon_area(dynamic({\"type\":\"Polygon\",\"coordinates\":[" + shell + "]})),"
                + " geo_polygon_area(dynamic({\"type\":\"Polygon\",\"coordinates\":[" + hole + "]})), geo_point_in_polygon(5, 5, " + withHole + "),"
                + " geo_point_in_polygon(2, 2, " + withHole + "), geo_union_polygons_array(pack_array(" + withHole + "))").get(0);
        assertThat((Double) r.get(0)).isCloseTo((Double) r.get(1) - (Double) r.get(2), within(1e-3));
        assertThat(r.subList(3, 5)).containsExactly(false, true);
        List<?> rings = (List<?>) ((Map<?, ?>) json(r.get(5))).get("coordinates");
        assertThat(rings).hasSize(2);
        assertThat(signedArea((List<?>) rings.get(0))).isPositive();
        assertThat(signedArea((List<?>) rings.get(1))).isNegative();
    }

    /** Planar shoelace area in degrees: positive for counterclockwise rings. */
    private static double signedArea(List<?> ring) {
        double a = 0;
        for (int i = 0; i + 1 < ring.size(); i++) {
            List<?> p = (List<?>) ring.get(i);
            List<?> q = (List<?>) ring.get(i + 1);
            a += ((Number) p.get(0)).doubleValue() * ((Number) q.get(1)).doubleValue() - ((Number) q.get(0)).doubleValue() * ((Number) p.get(1)).doubleValue();
        }
        return a / 2;
    }

    @Test
    void polygonFunctions_ofRingWithRepeatedVertex_areNull() throws Exception {
        assertThat(rows("print geo_polygon_area(" + DEGENERATE + "), geo_point_in_polygon(1, 1, " + DEGENERATE + "), geo_polygon_centroid("
                + DEGENERATE + "), geo_distance_point_to_polygon(1, 1, " + DEGENERATE + ")").get(0)).containsOnlyNulls();
    }

    @Test
    void pointInPolygon_insideAndOutside_andInvalidCoordinate() throws Exception {
        assertThat(rows("print geo_point_in_polygon(-73.9700, 40.7800, " + CENTRAL_PARK + "), geo_point_in_polygon(-73.9839, 40.7705, "
                + CENTRAL_PARK + "), geo_point_in_polygon(200, 1, " + CENTRAL_PARK + ")").get(0)).containsExactly(true, false, null);
    }

    @Test
    void distancePointToPolygon_outsideIsGeodesicDistanceToBoundary_insideIsZero() throws Exception {
        List<Object> r = rows("print geo_distance_point_to_polygon(-73.9839, 40.7705, " + CENTRAL_PARK + "), geo_distance_point_to_polygon(-73.97, 40.78, "
                + CENTRAL_PARK + ")").get(0);
        assertThat((Double) r.get(0)).isCloseTo(259.940756070596, within(1e-9));
        assertThat(r.get(1)).isEqualTo(0.0);
    }

    @Test
    void polygonCentroid_isTheSphericalCentroid() throws Exception {
        Map<?, ?> c = (Map<?, ?>) json(one("print geo_polygon_centroid(" + CENTRAL_PARK + ")"));
        List<?> xy = (List<?>) c.get("coordinates");
        assertThat(c.get("type")).isEqualTo("Point");
        assertThat(((Number) xy.get(0)).doubleValue()).isCloseTo(-73.965735689907618, within(1e-12));
        assertThat(((Number) xy.get(1)).doubleValue()).isCloseTo(40.782550538057812, within(1e-12));
    }

    @Test
    void intersection_ofTrianglesTouchingAtAVertex_isThatPoint_andOfDisjointOnesIsEmpty() throws Exception {
        String t1 = "dynamic({\"type\":\"Polygon\",\"coordinates\":[[[2,45],[0,45],[1,44],[2,45]]]})";
        assertThat(json(one("print geo_intersection_2polygons(" + t1 + ", dynamic({\"type\":\"Polygon\",\"coordinates\":[[[3,44],[2,45],[2,43],[3,44]]]}))")))
                .isEqualTo(json("{\"type\":\"Point\",\"coordinates\":[2.0,45.0]}"));
        assertThat(json(one("print geo_intersection_2polygons(" + t1 + ", dynamic({\"type\":\"Polygon\",\"coordinates\":[[[3,44],[3,45],[2,43],[3,44]]]}))")))
                .isEqualTo(json("{\"type\":\"GeometryCollection\",\"geometries\":[]}"));
    }

    @Test
    void intersects_polygonsAndLines() throws Exception {
        assertThat(rows("print geo_intersects_2polygons(" + CENTRAL_PARK + ", " + TWO_PARKS + "), geo_intersects_2polygons(dynamic({\"type\":\"Polygon\"}), "
                + CENTRAL_PARK + "), geo_intersects_2lines(dynamic({\"type\":\"LineString\",\"coordinates\":[[-73.978929,40.785155],[-73.980903,40.782621]]}),"
                + " dynamic({\"type\":\"LineString\",\"coordinates\":[[-73.985195,40.788275],[-73.974552,40.779761]]}))").get(0))
                .containsExactly(true, null, true);
    }

    @Test
    void unionPolygonsArray_ofOverlappingPolygons_startsAtTheFirstInputVertex() throws Exception {
        Map<?, ?> u = (Map<?, ?>) json(one("print geo_union_polygons_array(pack_array("
                + "dynamic({\"type\":\"Polygon\",\"coordinates\":[[[-73.9495,40.7969],[-73.95807,40.80068],[-73.98201,40.76825],[-73.97317,40.76455],[-73.9495,40.7969]]]}),"
                + "dynamic({\"type\":\"Polygon\",\"coordinates\":[[[-73.94622,40.79249],[-73.96888,40.79282],[-73.9577,40.7789],[-73.94622,40.79249]]]})))"));
        List<?> ring = (List<?>) ((List<?>) u.get("coordinates")).get(0);
        assertThat(u.get("type")).isEqualTo("Polygon");
        assertThat(ring).hasSize(12);
        assertThat(((Number) ((List<?>) ring.get(0)).get(0)).doubleValue()).isCloseTo(-73.9495, within(1e-12));
        assertThat(((Number) ((List<?>) ring.get(2)).get(0)).doubleValue()).isCloseTo(-73.9639277517478, within(1e-12));
    }

    @Test
    void densify_halvesLongPlanarEdgesUntilWithinTolerance_andRejectsZeroTolerance() throws Exception {
        String square = "dynamic({\"type\":\"Polygon\",\"coordinates\":[[[10,10],[11,10],[11,11],[10,11],[10,10]]]})";
        // Compared as JSON numbers: 10 and 10.0 are the same coordinate.
        assertThat(Cells.equal("{\"type\":\"Polygon\",\"coordinates\":[[[10,10],[10.25,10],[10.5,10],[10.75,10],[11,10],[11,11],[10.75,11],[10.5,11],"
                + "[10.25,11],[10,11],[10,10]]]}", json(one("print geo_polygon_densify(" + square + ")")))).isTrue();
        assertThat(one("print geo_polygon_densify(" + square + ", 0)")).isNull();
    }

    @Test
    void simplify_dropsVerticesWithinTenMetresOfTheReplacingEdge() throws Exception {
        String p = "dynamic({\"type\":\"Polygon\",\"coordinates\":[[[-73.94885122776031,40.79673476355657],[-73.94885927438736,40.79692258628347],"
                + "[-73.94887939095497,40.79692055577034],[-73.9488673210144,40.79693476936093],[-73.94888743758202,40.79693476936093],"
                + "[-73.9488834142685,40.796959135509105],[-73.94890084862709,40.79695304397289],[-73.94906312227248,40.79710736271788],"
                + "[-73.94923612475395,40.7968708081794],[-73.94885122776031,40.79673476355657]]]})";
        assertThat(Cells.equal("{\"type\": \"Polygon\", \"coordinates\": [[[-73.948851227760315, 40.796734763556572],[-73.949063122272477, 40.797107362717881],"
                + "[-73.949236124753952, 40.7968708081794],[-73.948851227760315, 40.796734763556572]]]}", json(one("print geo_polygon_simplify(" + p + ")")))).isTrue();
    }

    @Test
    void simplify_withToleranceLargerThanThePolygon_isNull() throws Exception {
        assertThat(rows("print geo_polygon_simplify(dynamic({\"type\":\"Polygon\",\"coordinates\":[[[5,48],[0,50],[0,47],[4,47],[5,48]]]}), 1000000),"
                + " geo_polygon_simplify(dynamic({\"type\":\"Polygon\",\"coordinates\":[[[5,48],[5,48]]]}))").get(0)).containsOnlyNulls();
    }

    @Test
    void pointBuffer_containsTheCircle_andRejectsBadInput() throws Exception {
        String buffer = "geo_point_buffer(-115.1745008278, 36.1497251277, 20000)";
        List<Object> r = rows("print geo_point_in_polygon(-115.1745008278, 36.1497251277, " + buffer + "), geo_polygon_area(" + buffer
                + "), isnull(geo_point_buffer(200, 1, 0.1)), isnull(geo_point_buffer(10, 10, -1))").get(0);
        assertThat(r.get(0)).isEqualTo(true);
        double circle = 2 * Math.PI * 6371010.0 * 6371010.0 * (1 - Math.cos(20000 / 6371010.0));
        assertThat((Double) r.get(1)).isBetween(circle, circle * 1.002);
        assertThat(r.subList(2, 4)).containsExactly(true, true);
    }

    @Test
    void polygonBuffer_reachesTheRadiusAroundThePolygon() throws Exception {
        List<Object> r = rows("let b = geo_polygon_buffer(" + CENTRAL_PARK + ", 1000); print geo_point_in_polygon(-73.9839, 40.7705, b),"
                + " geo_point_in_polygon(-74.0, 40.7, b), isnull(geo_polygon_buffer(" + CENTRAL_PARK + ", 0))").get(0);
        assertThat(r).containsExactly(true, false, true);
    }

    @Test
    void polygonBuffer_alongALongEdge_coversPointsWithinTheRadius() throws Exception {
        String square = "dynamic({\"type\":\"Polygon\",\"coordinates\":[[[10,10],[11,10],[11,11],[10,11],[10,10]]]})";
        List<Object> r = rows("let b = geo_polygon_buffer(" + square + ", 1000); print geo_distance_point_to_polygon(10.5, 9.9915, " + square + "),"
                + " geo_point_in_polygon(10.5, 9.9915, b), geo_distance_point_to_polygon(10.5, 9.9905, " + square + "), geo_point_in_polygon(10.5, 9.9905, b)").get(0);
        assertThat((Double) r.get(0)).isLessThan(1000.0);
        assertThat(r.get(1)).isEqualTo(true);
        assertThat((Double) r.get(2)).isGreaterThan(1010.0);
        assertThat(r.get(3)).isEqualTo(false);
    }

    @Test
    void fromWkt_convertsShapes_andInvalidTextIsNull() throws Exception {
        assertThat(json(one("print geo_from_wkt('POLYGON ((0 0, 2 0, 2 2, 0 0))')")))
                .isEqualTo(json("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,0],[2,2],[0,0]]]}"));
        assertThat(json(one("print geo_from_wkt('MULTILINESTRING ((1 1, 2 2, 3 3), (4 4, 5 5))')")))
                .isEqualTo(json("{\"type\":\"MultiLineString\",\"coordinates\":[[[1,1],[2,2],[3,3]],[[4,4],[5,5]]]}"));
        assertThat(one("print geo_from_wkt('LINESTRING')")).isNull();
    }

    @Test
    void geohashNeighbors_listsTheEightSurroundingCells_invalidHashIsNull() throws Exception {
        assertThat(json(one("print geo_geohash_neighbors('sunny')")))
                .isEqualTo(List.of("sunnt", "sunpj", "sunnx", "sunpn", "sunnv", "sunpp", "sunnz", "sunnw"));
        assertThat(one("print geo_geohash_neighbors('a')")).isNull();
    }

    @Test
    void angle_isClockwiseTurnAtTheMiddlePoint_nullForRepeatedPoint() throws Exception {
        List<Object> r = rows("print geo_angle(0, 10, 0, 5, 3, -10), geo_angle(0, 10, 0, 10, 3, -10)").get(0);
        assertThat((Double) r.get(0)).isCloseTo(2.94493843406882, within(1e-12));
        assertThat(r.get(1)).isNull();
    }

    @Test
    void polygonLookup_joinsPointsToContainingPolygons_keepingUnmatchedOnRequest() throws Exception {
        String q = "let polygons = datatable(name:string, polygon:dynamic)[\"park\", " + CENTRAL_PARK + "];"
                + " datatable(id:long, lng:real, lat:real)[1, -73.97, 40.78, 2, -73.9839, 40.7705]";
        assertThat(rows(q + " | evaluate geo_polygon_lookup(polygons, polygon, lng, lat)"))
                .containsExactly(List.of(1L, -73.97, 40.78, "park"));
        assertThat(rows(q + " | evaluate geo_polygon_lookup(polygons, polygon, lng, lat, return_unmatched = true) | order by id asc"))
                .containsExactly(List.of(1L, -73.97, 40.78, "park"), java.util.Arrays.asList(2L, -73.9839, 40.7705, null));
    }
}
