package dev.rampart.kql.udf;

import dev.rampart.kql.DuckDbTestBase;
import dev.rampart.kql.TestSupport;
import dev.rampart.kql.analyzer.JsonLines;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** H3 cell functions run inside DuckDB (the native H3 library loads in the callback), values from the KQL reference. */
class H3CellFunctionsTest extends DuckDbTestBase {
    private static Object json(Object text) {
        return JsonLines.read((String) text);
    }

    @Test
    void pointToH3cell_defaultsToResolution6_andRejectsBadCoordinatesOrResolution() throws Exception {
        assertThat(row("print a = geo_point_to_h3cell(-74.04450446039874, 40.689250859314974, 6), "
                + "b = geo_point_to_h3cell(-74.04450446039874, 40.689250859314974), c = geo_point_to_h3cell(300, 1, 8), "
                + "d = geo_point_to_h3cell(1, 1, 16), e = geo_point_to_h3cell(1, 1, -1), f = geo_point_to_h3cell(1, real(null), 3)"))
                .containsExactly("862a1072fffffff", "862a1072fffffff", null, null, null, null);
    }

    @Test
    void h3cellLevel_ofCellAtResolution10_is10_andInvalidTokenIsNull() throws Exception {
        assertThat(row("print a = geo_h3cell_level(geo_point_to_h3cell(1, 1, 10)), b = geo_h3cell_level('abc'), c = geo_h3cell_level('')"))
                .containsExactly(10, null, null);
    }

    @Test
    void h3cellParent_defaultsToImmediateParent_andRefusesFinerResolutions() throws Exception {
        assertThat(row("print a = geo_h3cell_parent('862a1072fffffff'), b = geo_h3cell_parent('862a1072fffffff', 1), "
                + "c = geo_h3cell_level(geo_h3cell_parent(geo_point_to_h3cell(1, 1, 10))), "
                + "d = geo_h3cell_parent('123'), e = geo_h3cell_parent('862a1072fffffff', 100), f = geo_h3cell_parent('862a1072fffffff', 15), "
                + "g = geo_h3cell_parent('862a1072fffffff', 7), h = geo_h3cell_parent('862a1072fffffff', 6)"))
                .containsExactly("852a1073fffffff", "812a3ffffffffff", 9, null, null, null, null, "862a1072fffffff");
    }

    @Test
    void h3cellChildren_immediateByDefault_atMostFiveLevelsDown() throws Exception {
        List<Object> r = row("print a = geo_h3cell_children('862a1072fffffff'), b = array_length(geo_h3cell_children('862a1072fffffff', 9)), "
                + "c = array_length(geo_h3cell_children('862a1072fffffff', 11)), d = geo_h3cell_children('862a1072fffffff', 12), "
                + "e = geo_h3cell_children('862a1072fffffff', 5), f = geo_h3cell_children('abc')");
        assertThat(json(r.get(0))).isEqualTo(List.of("872a10728ffffff", "872a10729ffffff", "872a1072affffff", "872a1072bffffff",
                "872a1072cffffff", "872a1072dffffff", "872a1072effffff"));
        assertThat(r.subList(1, 6)).containsExactly(343L, 16807L, null, null, null);
    }

    @Test
    void h3cellNeighbors_listsTheSixSurroundingCells() throws Exception {
        List<Object> r = row("print a = geo_h3cell_neighbors('862a1072fffffff'), b = geo_h3cell_neighbors('1')");
        assertThat(json(r.get(0))).isEqualTo(List.of("862a10727ffffff", "862a10707ffffff", "862a1070fffffff", "862a10777ffffff",
                "862a100dfffffff", "862a100d7ffffff"));
        assertThat(r.get(1)).isNull();
    }

    @Test
    void h3cellRings_startWithTheCellThenEachRingOut_andDistanceIsBounded() throws Exception {
        List<Object> r = row("print a = geo_h3cell_rings('861f8894fffffff', 2), b = geo_h3cell_rings('861f8894fffffff', 143), "
                + "c = geo_h3cell_rings('861f8894fffffff', 0), d = geo_h3cell_rings('861f8894fffffff', -1)");
        assertThat(json(r.get(0))).isEqualTo(List.of(
                List.of("861f8894fffffff"),
                List.of("861f88947ffffff", "861f8895fffffff", "861f88867ffffff", "861f8d497ffffff", "861f8d4b7ffffff", "861f8896fffffff"),
                List.of("861f88967ffffff", "861f88977ffffff", "861f88957ffffff", "861f8882fffffff", "861f88877ffffff", "861f88847ffffff",
                        "861f8886fffffff", "861f8d49fffffff", "861f8d487ffffff", "861f8d4a7ffffff", "861f8d59fffffff", "861f8d597ffffff")));
        assertThat(r.get(1)).isNull();
        assertThat(json(r.get(2))).isEqualTo(List.of(List.of("861f8894fffffff")));
        assertThat(r.get(3)).isNull();
    }

    @Test
    void h3cellToCentralPoint_isGeoJsonPointLongitudeFirst() throws Exception {
        List<Object> r = row("print a = geo_h3cell_to_central_point('862a1072fffffff'), b = geo_h3cell_to_central_point('1')");
        Map<?, ?> p = (Map<?, ?>) json(r.get(0));
        assertThat(p.get("type")).isEqualTo("Point");
        assertThat(coordinates(p.get("coordinates"))).containsExactly(new double[]{-74.016008479792447, 40.7041679083504}, within(1e-9));
        assertThat(r.get(1)).isNull();
    }

    @Test
    void h3cellToPolygon_isClosedRingOfTheSixVertices() throws Exception {
        List<Object> r = row("print a = geo_h3cell_to_polygon('862a1072fffffff'), b = geo_h3cell_to_polygon('@')");
        Map<?, ?> p = (Map<?, ?>) json(r.get(0));
        assertThat(p.get("type")).isEqualTo("Polygon");
        List<?> ring = (List<?>) ((List<?>) p.get("coordinates")).get(0);
        double[] expected = {-74.0022744646159, 40.735376026215022, -74.046908029686236, 40.727986222489115, -74.060610712223664, 40.696775140349033,
                -74.029724408156682, 40.672970047595463, -73.985140983708192, 40.680349049267583, -73.971393761028622, 40.71154393543933,
                -74.0022744646159, 40.735376026215022};
        List<Double> flat = new ArrayList<>();
        for (Object v : ring) {
            for (double d : coordinates(v)) {
                flat.add(d);
            }
        }
        assertThat(flat.stream().mapToDouble(Double::doubleValue).toArray()).containsExactly(expected, within(1e-9));
        assertThat(r.get(1)).isNull();
    }

    @Test
    void polygonToH3cells_coversByCellCenters_growsWithRadius_andRefusesInvalidOrHugeInput() throws Exception {
        String madrid = "dynamic({\"type\":\"Polygon\",\"coordinates\":[[[-3.659,40.553],[-3.913,40.409],[-3.729,40.273],[-3.524,40.440],[-3.659,40.553]]]})";
        List<Object> r = row("let p = " + madrid + "; print a = geo_polygon_to_h3cells(p), b = geo_polygon_to_h3cells(p, 6, 0), "
                + "c = array_length(geo_polygon_to_h3cells(p, 7)), d = array_length(geo_polygon_to_h3cells(p, 7, 3000)), "
                + "e = geo_polygon_to_h3cells(p, 15), f = geo_polygon_to_h3cells(dynamic({\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1]]]})), "
                + "g = geo_polygon_to_h3cells(p, 16), h = geo_polygon_to_h3cells(p, 6, -1), "
                + "i = array_index_of(geo_polygon_to_h3cells(p, 7), geo_point_to_h3cell(-3.70, 40.42, 7))");
        List<Object> cells = new ArrayList<>((List<?>) json(r.get(0)));
        assertThat(cells).hasSize(13).contains("86390cb57ffffff").doesNotHaveDuplicates();
        assertThat(r.get(1)).isEqualTo(r.get(0));
        assertThat((Long) r.get(3)).isGreaterThan((Long) r.get(2));
        assertThat(Arrays.asList(r.get(4), r.get(5), r.get(6), r.get(7))).containsOnlyNulls();
        assertThat(((Number) r.get(8)).longValue()).isNotNegative();
    }

    @Test
    void pointToH3cell_overDatatableRows_nullRowsStayNull() throws Exception {
        List<List<Object>> rows = db.run(TestSupport.compile("datatable(lng:real, lat:real)[-73.956683, 40.807907, -73.916869, 40.818314, "
                + "-73.989148, 40.743273, real(null), 1.0] | extend c = geo_point_to_h3cell(lng, lat, 5) | summarize n = count() by c | order by c asc"));
        assertThat(rows).containsExactly(Arrays.asList(null, 1L), List.of("852a100bfffffff", 2L), List.of("852a1073fffffff", 1L));
    }

    private static double[] coordinates(Object v) {
        List<?> l = (List<?>) v;
        return new double[]{((Number) l.get(0)).doubleValue(), ((Number) l.get(1)).doubleValue()};
    }
}
