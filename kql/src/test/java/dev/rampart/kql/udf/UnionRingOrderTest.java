package dev.rampart.kql.udf;

import dev.rampart.kql.DuckDbTestBase;
import dev.rampart.kql.TestSupport;
import dev.rampart.kql.analyzer.JsonLines;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Where the rings of geo_union_polygons_array start: smallest polygons joined first, highest input edge last. */
class UnionRingOrderTest extends DuckDbTestBase {
    @SuppressWarnings("unchecked")
    private static List<List<Double>> ring(String polygons) throws Exception {
        List<List<Object>> rows = db.run(TestSupport.compile("print u = geo_union_polygons_array(dynamic([" + polygons + "]))"));
        Map<String, Object> u = (Map<String, Object>) JsonLines.read((String) rows.get(0).get(0));
        assertThat(u.get("type")).isEqualTo("Polygon");
        List<List<List<Number>>> rings = (List<List<List<Number>>>) u.get("coordinates");
        return rings.get(0).stream().map(p -> List.of(p.get(0).doubleValue(), p.get(1).doubleValue())).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<List<Double>> unionOfCells(String... tokens) throws Exception {
        StringBuilder cells = new StringBuilder();
        for (String t : tokens) {
            cells.append(cells.isEmpty() ? "" : ", ").append("geo_s2cell_to_polygon('").append(t).append("')");
        }
        List<List<Object>> rows = db.run(TestSupport.compile("print u = geo_union_polygons_array(pack_array(" + cells + "))"));
        Map<String, Object> u = (Map<String, Object>) JsonLines.read((String) rows.get(0).get(0));
        List<List<List<Number>>> rings = (List<List<List<Number>>>) u.get("coordinates");
        return rings.get(0).stream().map(p -> List.of(p.get(0).doubleValue(), p.get(1).doubleValue())).toList();
    }

    private static void assertStartsAt(List<List<Double>> ring, double lng, double lat) {
        assertThat(ring.get(0).get(0)).isCloseTo(lng, within(1e-9));
        assertThat(ring.get(0).get(1)).isCloseTo(lat, within(1e-9));
        assertThat(ring.get(ring.size() - 1)).isEqualTo(ring.get(0));
    }

    @Test
    void afterHighest_startsRightAfterTheHighestEdge() {
        assertThat(SmallestFirstUnion.afterHighest(new int[]{0, 3, 1, 2})).isEqualTo(2);
        assertThat(SmallestFirstUnion.afterHighest(new int[]{1, 2, 0})).isEqualTo(2);
        assertThat(SmallestFirstUnion.afterHighest(new int[]{0, 1, 2})).isEqualTo(0);
    }

    @Test
    void afterHighest_piecesOfTheHighestEdgeInARow_endTheRingTogether() {
        assertThat(SmallestFirstUnion.afterHighest(new int[]{7, 7, 4, 5, 6, 7})).isEqualTo(2);
    }

    @Test
    void unionOfTwoSquares_ringEndsWithTheSecondSquaresLastKeptEdge() throws Exception {
        List<List<Double>> ring = ring("""
                {"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]},
                {"type":"Polygon","coordinates":[[[1,0],[2,0],[2,1],[1,1],[1,0]]]}""");
        assertStartsAt(ring, 1, 1);
        assertThat(ring).hasSize(7);
    }

    @Test
    void unionOfSquareAndTriangle_joinsTheTriangleFirst() throws Exception {
        List<List<Double>> ring = ring("""
                {"type":"Polygon","coordinates":[[[1,1],[0,1],[0,0],[1,0],[1,1]]]},
                {"type":"Polygon","coordinates":[[[1,0],[2,0],[1,1],[1,0]]]}""");
        assertStartsAt(ring, 1, 0);
    }

    // The cell and its neighbours in the order Kusto's documentation lists them: given that order, the union
    // model alone places the ring start where Kusto's documented union of the same cells starts.
    @Test
    void unionOfS2cellAndNeighbours_inKustosListedOrder_startsOnTheEastEdgeAboveTheCorner() throws Exception {
        List<List<Double>> ring = unionOfCells("89c259", "89c25d", "89c2f9", "89c251", "89c257", "89c25f", "89c25b", "89c2f7", "89c2f5");
        assertStartsAt(ring, -73.841906340776248, 40.695446474556284);
        assertThat(ring.get(1).get(1)).isCloseTo(40.774477568182071, within(1e-9));
        assertThat(ring).hasSize(13);
    }

    @Test
    void unionOfOnePolygon_keepsItsRingOrder() throws Exception {
        assertStartsAt(ring("{\"type\":\"Polygon\",\"coordinates\":[[[1,1],[0,1],[0,0],[1,0],[1,1]]]}"), 1, 1);
    }
}
