package dev.rampart.kql.udf;

import dev.rampart.kql.DuckDbTestBase;
import dev.rampart.kql.TestSupport;
import dev.rampart.kql.analyzer.JsonLines;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** S2 cell functions run inside DuckDB, values from the KQL reference. */
class S2CellFunctionsTest extends DuckDbTestBase {
    private static final String TRIANGLE = "dynamic({\"type\":\"Polygon\",\"coordinates\":[[[0,0],[0,50],[100,50],[0,0]]]})";
    private static final String BUCKINGHAM = "dynamic({\"type\":\"LineString\",\"coordinates\":"
            + "[[-0.1399656708283601,51.50190802248855],[-0.14088438832752104,51.50012082761452]]})";

    private static Object json(Object text) {
        return JsonLines.read((String) text);
    }

    private static List<Object> list(Object text) {
        return new ArrayList<>((List<?>) json(text));
    }

    @Test
    void pointToS2cell_tokenOfRequestedLevel_defaultLevel11_badInputIsNull() throws Exception {
        assertThat(row("print a = geo_point_to_s2cell(-80.195829, 25.802215, 8), b = geo_point_to_s2cell(-80.195829, 25.802215), "
                + "c = geo_point_to_s2cell(300, 1, 8), d = geo_point_to_s2cell(1, 1, 31), e = geo_point_to_s2cell(10.1234, 53, 8), "
                + "f = geo_point_to_s2cell(10.6842, 53, 8), g = geo_point_to_s2cell(1, 1, 0)"))
                .containsExactly("88d9b", "88d9b6c", null, null, "47b1d", "47ae3", "1");
    }

    @Test
    void s2cellToCentralPoint_isGeoJsonPoint_invalidTokenIsNull() throws Exception {
        List<Object> r = row("print a = geo_s2cell_to_central_point('1234567'), b = geo_s2cell_to_central_point('a'), "
                + "c = geo_s2cell_to_central_point('xyz'), d = geo_s2cell_to_central_point('12345678901234567')");
        Map<?, ?> p = (Map<?, ?>) json(r.get(0));
        assertThat(p.get("type")).isEqualTo("Point");
        assertThat(numbers(p.get("coordinates"))).containsExactly(new double[]{9.86830731850408, 27.468392925827604}, within(1e-9));
        assertThat(r.subList(1, 4)).containsOnlyNulls();
    }

    @Test
    void s2cellToPolygon_isClosedRingOfTheFourVertices() throws Exception {
        List<Object> r = row("print a = geo_s2cell_to_polygon('89c259'), b = geo_s2cell_to_polygon('a')");
        Map<?, ?> p = (Map<?, ?>) json(r.get(0));
        assertThat(p.get("type")).isEqualTo("Polygon");
        List<Double> flat = new ArrayList<>();
        for (Object v : (List<?>) ((List<?>) p.get("coordinates")).get(0)) {
            for (double d : numbers(v)) {
                flat.add(d);
            }
        }
        assertThat(flat.stream().mapToDouble(Double::doubleValue).toArray()).containsExactly(new double[]{
                -74.030012249838478, 40.8012684339439, -74.030012249838478, 40.7222262918358, -73.935982114337421, 40.708880489804564,
                -73.935982114337421, 40.787917134506841, -74.030012249838478, 40.8012684339439}, within(1e-9));
        assertThat(r.get(1)).isNull();
    }

    @Test
    void s2cellNeighbors_areTheEightSurroundingCellsInKustosDocumentedOrder() throws Exception {
        List<Object> r = row("print a = geo_s2cell_neighbors('89c259'), b = geo_s2cell_neighbors('a')");
        assertThat(list(r.get(0))).containsExactly("89c25d", "89c2f9", "89c251", "89c257", "89c25f", "89c25b", "89c2f7", "89c2f5");
        assertThat(r.get(1)).isNull();
    }

    @Test
    void s2cellNeighbors_concatenatedAfterTheCell_keepTheDocumentedOrder() throws Exception {
        List<Object> r = row("let s2cell = '89c259'; print cells = array_concat(pack_array(s2cell), geo_s2cell_neighbors(s2cell))");
        assertThat(list(r.get(0))).containsExactly("89c259", "89c25d", "89c2f9", "89c251", "89c257", "89c25f", "89c25b", "89c2f7", "89c2f5");
    }

    @Test
    void s2cellNeighbors_polygonsListedInTheDocumentedOrder_secondIsTheSouthEastCell() throws Exception {
        List<Object> r = row("let s2cell = '89c259'; print cells = array_concat(pack_array(s2cell), geo_s2cell_neighbors(s2cell)) "
                + "| mv-expand cells to typeof(string) | project polygons = geo_s2cell_to_polygon(cells) | summarize arr = make_list(polygons)");
        List<?> polygons = (List<?>) json(r.get(0));
        assertThat(polygons).hasSize(9);
        // The documented second polygon starts at the cell's south-east corner and spans 40.6163..40.7089 north.
        List<?> ring = (List<?>) ((List<?>) ((Map<?, ?>) polygons.get(1)).get("coordinates")).get(0);
        assertThat(numbers(ring.get(0))).containsExactly(new double[]{-73.935982114337421, 40.708880489804564}, within(1e-9));
        assertThat(numbers(ring.get(2))).containsExactly(new double[]{-73.841906340776248, 40.616308079144915}, within(1e-9));
    }

    @Test
    void s2cellNeighbors_unionOfCellAndNeighbours_startsWhereKustosDocumentedUnionStarts() throws Exception {
        List<Object> r = row("let s2cell = '89c259'; print cells = array_concat(pack_array(s2cell), geo_s2cell_neighbors(s2cell)) "
                + "| mv-expand cells to typeof(string) | project polygons = geo_s2cell_to_polygon(cells) | summarize arr = make_list(polygons) "
                + "| project polygon = geo_union_polygons_array(arr)");
        List<?> ring = (List<?>) ((List<?>) ((Map<?, ?>) json(r.get(0))).get("coordinates")).get(0);
        assertThat(ring).hasSize(13);
        assertThat(numbers(ring.get(0))).containsExactly(new double[]{-73.841906340776248, 40.695446474556284}, within(1e-9));
        assertThat(numbers(ring.get(1))).containsExactly(new double[]{-73.841906340776248, 40.774477568182071}, within(1e-9));
    }

    @Test
    void s2cellNeighbors_cellAtACubeCorner_hasSevenDistinctNeighbours() throws Exception {
        List<Object> r = row("print a = geo_s2cell_neighbors('04')");
        assertThat(list(r.get(0))).hasSize(7).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("bc", "b4", "0c", "94", "1c", "8c", "14");
    }

    @Test
    void polygonToS2cells_coversWithCellsOfOneLevel_andRefusesInvalidOrOversizedCoverings() throws Exception {
        List<Object> r = row("print a = array_length(geo_polygon_to_s2cells(" + TRIANGLE + ", 5)), b = geo_polygon_to_s2cells(" + TRIANGLE + ", 30), "
                + "c = geo_polygon_to_s2cells(dynamic({\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1]]]})), "
                + "d = geo_polygon_to_s2cells(" + TRIANGLE + ", 31), e = geo_polygon_to_s2cells(" + TRIANGLE + ", 5, -1), "
                + "f = array_index_of(geo_polygon_to_s2cells(" + TRIANGLE + ", 5), geo_point_to_s2cell(10, 40, 5)), "
                + "g = array_index_of(geo_polygon_to_s2cells(" + TRIANGLE + ", 5), geo_point_to_s2cell(-10, -40, 5))");
        assertThat(r.get(0)).isEqualTo(286L);
        assertThat(r.subList(1, 5)).containsOnlyNulls();
        assertThat(((Number) r.get(5)).longValue()).isNotNegative();
        assertThat(((Number) r.get(6)).longValue()).isEqualTo(-1L);
    }

    @Test
    void polygonToS2cells_multiPolygonCoversEveryPart_radiusAddsNearbyCells() throws Exception {
        String square = "dynamic({\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]})";
        String two = "dynamic({\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]],[[[10,10],[11,10],[11,11],[10,11],[10,10]]]]})";
        List<Object> r = row("print a = array_length(geo_polygon_to_s2cells(" + square + ", 8)), b = array_length(geo_polygon_to_s2cells(" + two + ", 8)), "
                + "c = array_length(geo_polygon_to_s2cells(" + square + ", 8, 60000)), "
                + "d = array_index_of(geo_polygon_to_s2cells(" + square + ", 8, 60000), geo_point_to_s2cell(1.45, 0.5, 8)), "
                + "e = array_index_of(geo_polygon_to_s2cells(" + square + ", 8), geo_point_to_s2cell(1.45, 0.5, 8))");
        long one = (Long) r.get(0);
        assertThat((Long) r.get(1)).isGreaterThan(one);
        assertThat((Long) r.get(2)).isGreaterThan(one);
        assertThat(((Number) r.get(3)).longValue()).isNotNegative();
        assertThat(((Number) r.get(4)).longValue()).isEqualTo(-1L);
    }

    @Test
    void lineToS2cells_coversTheLine_radiusReachesNearbyPoints_invalidLineIsNull() throws Exception {
        List<Object> r = row("print a = geo_line_to_s2cells(" + BUCKINGHAM + ", 14), b = geo_line_to_s2cells(" + BUCKINGHAM + ", 14, 500), "
                + "station = geo_point_to_s2cell(-0.13451078568013486, 51.49919145858172, 14), "
                + "c = geo_line_to_s2cells(dynamic({\"type\":\"LineString\",\"coordinates\":[[[0,0],[0,0]]]})), "
                + "d = geo_line_to_s2cells(" + BUCKINGHAM + ", 14, -5), e = array_length(geo_line_to_s2cells(" + BUCKINGHAM + "))");
        assertThat(json(r.get(0))).isEqualTo(List.of("487604d9"));
        assertThat(list(r.get(1))).contains(r.get(2)).contains("487604d9").hasSize(11);
        assertThat(r.subList(3, 5)).containsOnlyNulls();
        assertThat(r.get(5)).isEqualTo(1L);
    }

    @Test
    void lineToS2cells_followsTheGeodesicPastItsEndpointsLatitude() throws Exception {
        // From (-100, 60) to (100, 60) the great circle passes within 10 degrees of the pole, not along the 60th parallel.
        List<Object> r = row("let l = dynamic({\"type\":\"LineString\",\"coordinates\":[[-100,60],[100,60]]}); "
                + "print a = array_index_of(geo_line_to_s2cells(l, 4), geo_point_to_s2cell(180, 80, 4)), "
                + "b = array_index_of(geo_line_to_s2cells(l, 4), geo_point_to_s2cell(0, 60, 4))");
        assertThat(((Number) r.get(0)).longValue()).isNotNegative();
        assertThat(((Number) r.get(1)).longValue()).isEqualTo(-1L);
    }

    @Test
    void pointToS2cell_overDatatableRows_groupsNearbyPoints() throws Exception {
        List<List<Object>> rows = db.run(TestSupport.compile("datatable(id:string, lng:real, lat:real)['A', 10.1234, 53, 'B', 10.3579, 53, "
                + "'C', 10.6842, 53] | summarize n = count(), ids = make_list(id) by s2 = geo_point_to_s2cell(lng, lat, 8) | order by s2 asc"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).subList(0, 2)).containsExactly("47ae3", 1L);
        assertThat(rows.get(1).subList(0, 2)).containsExactly("47b1d", 2L);
    }

    private static double[] numbers(Object v) {
        List<?> l = (List<?>) v;
        return new double[]{((Number) l.get(0)).doubleValue(), ((Number) l.get(1)).doubleValue()};
    }
}
