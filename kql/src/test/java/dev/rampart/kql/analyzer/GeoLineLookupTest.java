package dev.rampart.kql.analyzer;

import dev.rampart.kql.DuckDbTestBase;
import dev.rampart.kql.TestSupport;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** evaluate geo_line_lookup: locations joined to the lines that pass within a radius of them. */
class GeoLineLookupTest extends DuckDbTestBase {
    private static final String DATA = """
            let roads = datatable(road_name:string, road:dynamic)
            [
                "5th Avenue NY", dynamic({"type":"LineString","coordinates":[[-73.97291864770574,40.76428551254824],[-73.99708638113894,40.73145135821781]]}),
                "Palace Ave", dynamic({"type":"LineString","coordinates":[[-0.18756982045002246,51.50245944666557],[-0.18908519740253382,51.50544952706903]]}),
            ];
            let locations = datatable(location_name:string, longitude:real, latitude:real)
            [
                "Empire State Building", -73.98567337898565, 40.74842629977377,
                "Grand Central Terminal", -73.97713140725149, 40.752730320824895,
                "Statue of Liberty",  -74.04462223203123, 40.689195627512674,
                "Kensington Palace", -0.1885272501232862,  51.504906159672316
            ];
            """;
    private static List<List<Object>> rowsWithData(String kql) throws Exception {
        return db.run(TestSupport.compile(DATA + kql));
    }

    @Test
    void lookup_keepsOnlyMatchedLocations_withoutTheKeyColumnByDefault() throws Exception {
        List<List<Object>> rows = rowsWithData("locations | evaluate geo_line_lookup(roads, road, longitude, latitude, 100) | project location_name, road_name | order by location_name asc");
        assertThat(rows).containsExactly(List.of("Empire State Building", "5th Avenue NY"), List.of("Kensington Palace", "Palace Ave"));
        List<List<Object>> all = rowsWithData("locations | evaluate geo_line_lookup(roads, road, longitude, latitude, 100) | order by location_name asc");
        assertThat(all.get(0)).containsExactly("Empire State Building", -73.98567337898565, 40.74842629977377, "5th Avenue NY");
    }

    @Test
    void lookup_returnUnmatched_keepsEveryLocationWithNullsForTheMisses() throws Exception {
        List<List<Object>> rows = rowsWithData("locations | evaluate geo_line_lookup(roads, road, longitude, latitude, 100, return_unmatched = true)"
                + " | project location_name, road_name | order by location_name asc");
        assertThat(rows).containsExactly(List.of("Empire State Building", "5th Avenue NY"), Arrays.asList("Grand Central Terminal", null),
                List.of("Kensington Palace", "Palace Ave"), Arrays.asList("Statue of Liberty", null));
    }

    @Test
    void lookup_widerRadius_matchesMoreLocations_andReturnsTheKeyWhenAsked() throws Exception {
        List<List<Object>> rows = rowsWithData("locations | evaluate geo_line_lookup(roads, road, longitude, latitude, 350, return_lookup_key = true)"
                + " | summarize count() by road_name, tostring(road.type) | order by road_name asc");
        assertThat(rows).containsExactly(List.of("5th Avenue NY", "LineString", 2L), List.of("Palace Ave", "LineString", 1L));
    }

    @Test
    void lookup_earlierArgumentOrder_keyAfterTheCoordinates() throws Exception {
        List<List<Object>> rows = rowsWithData("locations | evaluate geo_line_lookup(roads, longitude, latitude, road, 350) | count");
        assertThat(rows).containsExactly(List.of(3L));
    }

    @Test
    void distancePointToLine_overColumns_perRow() throws Exception {
        List<List<Object>> rows = db.run(TestSupport.compile("datatable(lng:real, lat:real, line:dynamic)[0.0, 1.0, dynamic({'type':'LineString','coordinates':[[-1,0],[1,0]]}),"
                + " 5.0, 0.0, dynamic({'type':'LineString','coordinates':[[-1,0],[1,0]]})] | project d = round(geo_distance_point_to_line(lng, lat, line))"));
        assertThat(rows).containsExactly(List.of(111195.0), List.of(444780.0));
    }

    @Test
    void distancePointToLine_multiLine_isTheNearestLine_andAShortLineInsideIsNull() throws Exception {
        List<List<Object>> rows = db.run(TestSupport.compile("print a = round(geo_distance_point_to_line(5.0, 0.0,"
                + " dynamic({'type':'MultiLineString','coordinates':[[[-1,0],[1,0]],[[5,1],[5,2]]]}))),"
                + " b = geo_distance_point_to_line(5.0, 0.0, dynamic({'type':'MultiLineString','coordinates':[[[-1,0],[1,0]],[[4,1]]]}))"));
        assertThat(rows).containsExactly(Arrays.asList(111195.0, null));
    }

    @Test
    void lookup_multiLineRoad_matchesByItsNearestPart() throws Exception {
        List<List<Object>> rows = db.run(TestSupport.compile("let roads = datatable(name:string, road:dynamic)"
                + "['ring', dynamic({'type':'MultiLineString','coordinates':[[[0,0],[0,1]],[[5,0],[5,1]]]})];"
                + " datatable(p:string, lng:real, lat:real)['near', 5.0001, 0.5, 'far', 2.5, 0.5]"
                + " | evaluate geo_line_lookup(roads, road, lng, lat, 50) | project p, name"));
        assertThat(rows).containsExactly(List.of("near", "ring"));
    }
}
