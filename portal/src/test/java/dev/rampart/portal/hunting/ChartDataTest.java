package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.RenderSpec;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.portal.hunting.QueryExecutor.OutputColumn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a result becomes chart series, with and without render's properties. */
class ChartDataTest {
    static HuntingResult result(Map<String, String> props) {
        List<OutputColumn> cols = List.of(new OutputColumn("Day", KqlType.DATETIME), new OutputColumn("Host", KqlType.STRING),
                new OutputColumn("Kind", KqlType.STRING), new OutputColumn("Logons", KqlType.LONG), new OutputColumn("Failures", KqlType.LONG));
        Instant d1 = Instant.parse("2026-12-01T00:00:00Z");
        Instant d2 = Instant.parse("2026-12-02T00:00:00Z");
        List<Object[]> rows = List.of(new Object[] {d2, "pc1", "a", 5L, 1L}, new Object[] {d1, "pc1", "b", 3L, 0L}, new Object[] {d1, "pc2", "a", 2L, 2L});
        return new HuntingResult("id", "q", Instant.EPOCH, null, cols, rows, false, 1000, Duration.ZERO,
                Optional.of(new RenderSpec("columnchart", props)), List.of(), Duration.ZERO, null, "t", List.of(), List.of());
    }

    @SuppressWarnings("unchecked")
    static List<String> seriesNames(Map<String, Object> chart) {
        return ((List<Map<String, Object>>) chart.get("series")).stream().map(s -> (String) s.get("name")).toList();
    }

    @Test
    void withoutProperties_aPieTakesTheFirstStringAsItsAxis_andEveryNumberIsASeriesSplitByTheNextString() {
        Map<String, Object> c = ChartData.build(result(Map.of()), "piechart").orElseThrow();
        assertThat(c).containsEntry("xName", "Host").doesNotContainKeys("title", "stacking");
        assertThat(seriesNames(c)).containsExactly("Logons · a", "Failures · a", "Logons · b", "Failures · b");
    }

    @Test
    void aColumnChart_takesTheFirstNonNumericColumn_aTimeBinAsADateLabelInTimeOrder() {
        Map<String, Object> c = ChartData.build(result(Map.of("ycolumns", "Logons")), "columnchart").orElseThrow();
        assertThat(c).containsEntry("xName", "Day").containsEntry("xType", "category");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> series = (List<Map<String, Object>>) c.get("series");
        assertThat(series).extracting(s -> s.get("name")).containsExactly("pc1", "pc2");
        @SuppressWarnings("unchecked")
        List<Object[]> pc1 = (List<Object[]>) series.get(0).get("data");
        assertThat(pc1).extracting(p -> p[0]).containsExactly("2026-12-01 00:00", "2026-12-02 00:00");
    }

    @Test
    void renderProperties_chooseColumnsAndCarryThePresentation() {
        Map<String, Object> c = ChartData.build(result(Map.of("xcolumn", "Host", "ycolumns", "Failures", "series", "Kind", "title", "Failures per host",
                "xtitle", "Device", "ytitle", "Count", "kind", "stacked", "legend", "hidden", "ymax", "10")), "columnchart").orElseThrow();
        assertThat(c).containsEntry("xName", "Device").containsEntry("title", "Failures per host").containsEntry("ytitle", "Count")
                .containsEntry("stacking", "stacked").containsEntry("legend", "hidden").containsEntry("ymax", "10");
        assertThat(seriesNames(c)).containsExactly("a", "b");
    }

    @Test
    void aTimeChart_sortsItsPointsByTime_andUnknownPropertyColumnsAreIgnored() {
        Map<String, Object> c = ChartData.build(result(Map.of("ycolumns", "Logons, Nope", "series", "Nope")), "timechart").orElseThrow();
        assertThat(c).containsEntry("xType", "time").containsEntry("xName", "Day");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> series = (List<Map<String, Object>>) c.get("series");
        assertThat(series).extracting(s -> s.get("name")).containsExactly("pc1", "pc2");
        @SuppressWarnings("unchecked")
        List<Object[]> pc1 = (List<Object[]>) series.get(0).get("data");
        assertThat(pc1).extracting(p -> p[0]).containsExactly(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli(), Instant.parse("2026-12-02T00:00:00Z").toEpochMilli());
    }

    @Test
    void severalSeriesColumns_combineTheirValuesIntoOneSeriesName() {
        Map<String, Object> c = ChartData.build(result(Map.of("ycolumns", "Logons", "series", "Host, Kind")), "timechart").orElseThrow();
        assertThat(seriesNames(c)).containsExactly("pc1, a", "pc1, b", "pc2, a");
    }
}
