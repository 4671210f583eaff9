package dev.rampart.kql.udf;

import dev.rampart.kql.DuckDbTestBase;
import dev.rampart.kql.TestSupport;
import dev.rampart.kql.analyzer.JsonLines;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Geospatial line functions on the sphere, checked against the values Kusto documents. */
class LineFunctionsTest extends DuckDbTestBase {
    private static final String SHORT_LINE = "dynamic({'type':'LineString','coordinates':[[-73.95796, 40.80042], [-73.97317, 40.764486]]})";
    private static final String TRIANGLE = "dynamic({'type':'Polygon','coordinates':[[[-73.9712905883789,40.78580561168767],"
            + "[-73.98004531860352,40.775276834803655],[-73.97000312805176,40.77852663535664],[-73.9712905883789,40.78580561168767]]]})";
    private static Map<?, ?> geometry(String kql) throws Exception {
        Object v = one(kql);
        assertThat(v).as(kql).isNotNull();
        return (Map<?, ?>) JsonLines.read(v.toString());
    }

    @SuppressWarnings("unchecked")
    private static List<Double> point(Map<?, ?> g) {
        assertThat(g.get("type")).isEqualTo("Point");
        return (List<Double>) g.get("coordinates");
    }

    private static void assertCoords(Object actual, double... lngLat) {
        List<?> l = (List<?>) actual;
        assertThat(l).hasSize(2);
        assertThat(((Number) l.get(0)).doubleValue()).isCloseTo(lngLat[0], within(1e-9));
        assertThat(((Number) l.get(1)).doubleValue()).isCloseTo(lngLat[1], within(1e-9));
    }

    @Test
    void lineCentroid_ofOneEdge_isTheGeodesicMidpoint() throws Exception {
        assertCoords(point(geometry("print geo_line_centroid(" + SHORT_LINE + ")")), -73.965567057230942, 40.782453249627416);
    }

    @Test
    void lineCentroid_ofOnePoint_isNull() throws Exception {
        assertThat(one("print geo_line_centroid(dynamic({'type':'LineString','coordinates':[[1, 1]]}))")).isNull();
    }

    @Test
    void interpolatePoint_quarterWay_followsTheGeodesic() throws Exception {
        assertCoords(point(geometry("print geo_line_interpolate_point(" + SHORT_LINE + ", 0.25)")), -73.961764043218281, 40.791436687257232);
    }

    @Test
    void interpolatePoint_fractionOutsideZeroToOne_isNull() throws Exception {
        assertThat(one("print geo_line_interpolate_point(" + SHORT_LINE + ", 1.5)")).isNull();
    }

    @Test
    void locatePoint_returnsFractionOfLengthAtProjection() throws Exception {
        assertThat((Double) one("print geo_line_locate_point(" + SHORT_LINE + ", -73.965, 40.792)")).isCloseTo(0.25560135100307552, within(1e-12));
    }

    @Test
    void locatePoint_invertsInterpolatePoint() throws Exception {
        Object f = one("let p = geo_line_interpolate_point(" + SHORT_LINE + ", 0.6); print geo_line_locate_point(" + SHORT_LINE
                + ", toreal(p.coordinates[0]), toreal(p.coordinates[1]))");
        assertThat((Double) f).isCloseTo(0.6, within(1e-9));
    }

    @Test
    void closestPointOnLine_nearAVertex_isThatVertex() throws Exception {
        assertCoords(point(geometry("print geo_closest_point_on_line(-115.199625, 36.210419, dynamic({'type':'LineString','coordinates':"
                + "[[-115.183289,36.175007],[-115.192612,36.176736],[-115.202485,36.173439]]}))")), -115.192612, 36.176736);
    }

    @Test
    void closestPointOnPolygon_outside_isOnTheBoundary_inside_isThePointItself() throws Exception {
        String park = "dynamic({'type':'Polygon','coordinates':[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],"
                + "[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]})";
        assertCoords(point(geometry("print geo_closest_point_on_polygon(-73.9839, 40.7705, " + park + ")")), -73.981205580153926, 40.769359452843211);
        assertCoords(point(geometry("print geo_closest_point_on_polygon(-73.965, 40.78, " + park + ")")), -73.965, 40.78);
        assertThat(one("print geo_closest_point_on_polygon(500, 1, " + park + ")")).isNull();
    }

    @Test
    void densify_longEdge_addsEqualPlanarSteps() throws Exception {
        Map<?, ?> g = geometry("print geo_line_densify(dynamic({'type':'LineString','coordinates':[[50, 50], [51, 51]]}))");
        List<?> c = (List<?>) g.get("coordinates");
        assertThat(c).hasSize(9);
        assertCoords(c.get(1), 50.125, 50.125);
        assertCoords(c.get(8), 51, 51);
    }

    @Test
    void densify_shortEdge_isUnchanged_andBadToleranceIsNull() throws Exception {
        Map<?, ?> g = geometry("print geo_line_densify(dynamic({'type':'LineString','coordinates':[[-73.949247, 40.796860],[-73.973017, 40.764323]]}))");
        assertThat((List<?>) g.get("coordinates")).hasSize(2);
        assertThat(one("print geo_line_densify(dynamic({'type':'LineString','coordinates':[[1,1],[2,2]]}), 0)")).isNull();
        assertThat(one("print geo_line_densify(dynamic({'type':'LineString','coordinates':[[300,1],[1,1]]}))")).isNull();
    }

    @Test
    void simplify_nearlyStraightChain_keepsItsEnds() throws Exception {
        Map<?, ?> g = geometry("print geo_line_simplify(dynamic({'type':'LineString','coordinates':[[-73.97033169865608,40.789063020152824],"
                + "[-73.97039607167244,40.78897975920816],[-73.9704617857933,40.78888837512432],[-73.97052884101868,40.7887949601531],"
                + "[-73.9706052839756,40.788698498903564],[-73.97065222263336,40.78862640672032],[-73.97072866559029,40.78852791445617],"
                + "[-73.97079303860664,40.788434498977836]]}), 10)");
        List<?> c = (List<?>) g.get("coordinates");
        assertThat(c).hasSize(2);
        assertCoords(c.get(0), -73.97033169865608, 40.789063020152824);
        assertCoords(c.get(1), -73.97079303860664, 40.788434498977836);
    }

    @Test
    void simplify_lineShorterThanTolerance_vanishesToNull() throws Exception {
        assertThat(one("print geo_line_simplify(dynamic({'type':'LineString','coordinates':[[1.1, 1.1],[1.2,1.2]]}), 100000)")).isNull();
        assertThat(one("print geo_line_simplify(dynamic({'type':'LineString','coordinates':[[1, 1],[2,2]]}), -1)")).isNull();
    }

    @Test
    void intersection2Lines_crossingEdges_isTheCrossingPoint() throws Exception {
        assertCoords(point(geometry("print geo_intersection_2lines(dynamic({'type':'LineString','coordinates':[[-73.978929,40.785155],[-73.980903,40.782621]]}),"
                + " dynamic({'type':'LineString','coordinates':[[-73.985195,40.788275],[-73.974552,40.779761]]}))")), -73.979837116670978, 40.783989289772165);
    }

    @Test
    void intersection2Lines_apart_isEmptyCollection_crossing_isAPoint_polygon_isNull() throws Exception {
        String a = "dynamic({'type':'LineString','coordinates':[[1, 1],[2, 2]]})";
        String b = "dynamic({'type':'LineString','coordinates':[[3, 3],[4, 4]]})";
        assertThat(geometry("print geo_intersection_2lines(" + a + ", " + b + ")")).isEqualTo(Map.of("type", "GeometryCollection", "geometries", List.of()));
        // By symmetry the crossing is at longitude 1.5, where the great circle through (1,1) and (2,2) has this latitude.
        double lat = Math.toDegrees(Math.atan((Math.tan(Math.toRadians(1)) + Math.tan(Math.toRadians(2))) * Math.sin(Math.toRadians(0.5)) / Math.sin(Math.toRadians(1))));
        assertCoords(point(geometry("print geo_intersection_2lines(" + a + ", dynamic({'type':'LineString','coordinates':[[1, 2],[2, 1]]}))")), 1.5, lat);
        assertThat(one("print geo_intersection_2lines(" + a + ", " + TRIANGLE + ")")).isNull();
    }

    @Test
    void intersectionLineWithPolygon_clipsTheLineAtTheBoundary() throws Exception {
        Map<?, ?> g = geometry("print geo_intersection_line_with_polygon(dynamic({'type':'LineString','coordinates':[[-73.985195,40.788275],[-73.974552,40.779761]]}), "
                + TRIANGLE + ")");
        assertThat(g.get("type")).isEqualTo("LineString");
        List<?> c = (List<?>) g.get("coordinates");
        assertCoords(c.get(0), -73.975611956578192, 40.78060906714618);
        assertCoords(c.get(1), -73.974552, 40.779761);
    }

    @Test
    void intersectionLineWithPolygon_throughAHole_isTwoLines() throws Exception {
        Map<?, ?> g = geometry("print geo_intersection_line_with_polygon(dynamic({'type':'LineString','coordinates':[[-110.522, 39.198],[-91.428, 40.880]]}),"
                + " dynamic({'type':'Polygon','coordinates':[[[-90.263,36.738],[-102.041,45.274],[-109.335,36.527],[-90.263,36.738]],"
                + "[[-100.393,41.705],[-103.139,38.925],[-97.558,39.113],[-100.393,41.705]]]}))");
        assertThat(g.get("type")).isEqualTo("MultiLineString");
        List<?> c = (List<?>) g.get("coordinates");
        assertCoords(((List<?>) c.get(0)).get(0), -106.89353655881905, 39.769226209776306);
        assertCoords(((List<?>) c.get(1)).get(1), -95.284527737311791, 40.799060242246348);
    }

    @Test
    void intersectsLineWithPolygon_crossingLine_isTrue_farLine_isFalse() throws Exception {
        assertThat(one("print geo_intersects_line_with_polygon(dynamic({'type':'LineString','coordinates':[[-73.985195,40.788275],[-73.974552,40.779761]]}), "
                + TRIANGLE + ")")).isEqualTo(true);
        assertThat(one("print geo_intersects_line_with_polygon(dynamic({'type':'LineString','coordinates':[[1, 1],[2, 2]]}), " + TRIANGLE + ")")).isEqualTo(false);
        assertThat(one("print geo_intersects_line_with_polygon(dynamic({'type':'LineString','coordinates':[[1, 1],[2, 2]]}),"
                + " dynamic({'type':'Polygon','coordinates':[]}))")).isNull();
    }

    @Test
    void unionLinesArray_overlappingLines_joinIntoOneLine() throws Exception {
        Map<?, ?> g = geometry("print geo_union_lines_array(pack_array("
                + "dynamic({'type':'LineString','coordinates':[[0,0],[1,1],[2,1]]}),"
                + "dynamic({'type':'LineString','coordinates':[[1,1],[2,1],[3,0]]}),"
                + "dynamic({'type':'LineString','coordinates':[[2,1],[1,1]]})))");
        assertThat(g.get("type")).isEqualTo("LineString");
        List<?> c = (List<?>) g.get("coordinates");
        assertThat(c).hasSize(4);
        assertCoords(c.get(0), 0, 0);
        assertCoords(c.get(3), 3, 0);
    }

    @Test
    void unionLinesArray_disjointLines_isMultiLine_andInvalidMemberIsNull() throws Exception {
        Map<?, ?> g = geometry("print geo_union_lines_array(pack_array(dynamic({'type':'LineString','coordinates':[[0,0],[1,1]]}),"
                + " dynamic({'type':'LineString','coordinates':[[5,5],[6,6]]})))");
        assertThat(g.get("type")).isEqualTo("MultiLineString");
        assertThat(one("print geo_union_lines_array(pack_array(dynamic({'type':'LineString','coordinates':[[0,0],[1,1]]}),"
                + " dynamic({'type':'LineString','coordinates':[[1, 1]]})))")).isNull();
    }

    @Test
    void lineBuffer_containsPointsWithinRadius_andNotFarther() throws Exception {
        String buffer = "geo_line_buffer(dynamic({'type':'LineString','coordinates':[[-80.66634997047466,24.894526340592122],[-80.67373241820246,24.890808090321286]]}), 4, 0.1)";
        Map<?, ?> g = geometry("print " + buffer);
        assertThat(g.get("type")).isEqualTo("Polygon");
        // 3.9 m and 4.2 m north of the first vertex (one degree of latitude is about 111,197 m on this sphere).
        assertThat(one("print geo_point_in_polygon(-80.66634997047466, 24.894526340592122 + 3.9 / 111196.9, " + buffer + ")")).isEqualTo(true);
        assertThat(one("print geo_point_in_polygon(-80.66634997047466, 24.894526340592122 + 4.2 / 111196.9, " + buffer + ")")).isEqualTo(false);
        assertThat(one("print geo_line_buffer(dynamic({'type':'LineString','coordinates':[[0,0],[1,1]]}), 0)")).isNull();
    }

    @Test
    void intersection2Lines_lineWithItself_isTheLine() throws Exception {
        String line = "dynamic({'type':'LineString','coordinates':[[-73.978929,40.785155],[-73.980903,40.782621]]})";
        Map<?, ?> g = geometry("print geo_intersection_2lines(" + line + ", " + line + ")");
        assertThat(g.get("type")).isEqualTo("LineString");
        List<?> c = (List<?>) g.get("coordinates");
        assertThat(c).hasSize(2);
        assertCoords(c.get(0), -73.978929, 40.785155);
        assertCoords(c.get(1), -73.980903, 40.782621);
    }

    @Test
    void intersection2Lines_sharedStretchAndSeparateCrossing_isACollection() throws Exception {
        Map<?, ?> g = geometry("print geo_intersection_2lines(dynamic({'type':'LineString','coordinates':[[0,0],[0,2],[2,4]]}),"
                + " dynamic({'type':'LineString','coordinates':[[0,1],[0,2],[1,2],[1,5]]}))");
        assertThat(g.get("type")).isEqualTo("GeometryCollection");
        List<?> parts = (List<?>) g.get("geometries");
        assertThat(((Map<?, ?>) parts.get(0)).get("type")).isEqualTo("Point");
        Map<?, ?> shared = (Map<?, ?>) parts.get(1);
        assertThat(shared.get("type")).isEqualTo("LineString");
        assertCoords(((List<?>) shared.get("coordinates")).get(0), 0, 1);
        assertCoords(((List<?>) shared.get("coordinates")).get(1), 0, 2);
    }

    @Test
    void closestPointOnLine_invalidCoordinateOrLine_isNull() throws Exception {
        assertThat(one("print geo_closest_point_on_line(300, 3, dynamic({'type':'LineString','coordinates':[[1,1],[2,2]]}))")).isNull();
        assertThat(one("print geo_closest_point_on_line(1, 1, dynamic({'type':'LineString'}))")).isNull();
    }

    @Test
    void interpolatePoint_multiLineOfOneLine_isAccepted_ofTwoLines_isNull() throws Exception {
        assertCoords(point(geometry("print geo_line_interpolate_point(dynamic({'type':'MultiLineString','coordinates':[[[0,0],[2,0]]]}), 0.5)")), 1, 0);
        assertThat(one("print geo_line_interpolate_point(dynamic({'type':'MultiLineString','coordinates':[[[0,0],[2,0]],[[5,5],[6,6]]]}), 0.5)")).isNull();
    }

    @Test
    void densify_multiLine_keepsItsType() throws Exception {
        Map<?, ?> g = geometry("print geo_line_densify(dynamic({'type':'MultiLineString','coordinates':[[[50, 50], [51, 51]], [[0, 0], [0.001, 0]]]}))");
        assertThat(g.get("type")).isEqualTo("MultiLineString");
        List<?> c = (List<?>) g.get("coordinates");
        assertThat((List<?>) c.get(0)).hasSize(9);
        assertThat((List<?>) c.get(1)).hasSize(2);
    }
}
