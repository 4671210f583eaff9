package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** top-nested; executed on DuckDB. */
class TopNestedTest extends DuckDbTestBase {
    private static final String SALES = """
            datatable(Region: string, Shop: string, Amount: long)[
              'north', 'a', 10, 'north', 'a', 5, 'north', 'b', 7, 'north', 'c', 1,
              'south', 'd', 30, 'south', 'e', 2, 'west', 'f', 3]
            """;

    @Test
    void twoLevels_keepTheTopShopsOfTheTopRegions() throws Exception {
        assertThat(rows(SALES + """
                | top-nested 2 of Region by sum(Amount), top-nested 1 of Shop by Total = sum(Amount)
                | sort by Region asc"""))
                .containsExactly(List.of("north", 23L, "a", 15L), List.of("south", 32L, "d", 30L));
    }

    @Test
    void ascending_andDefaultName_rankFromTheSmallest() throws Exception {
        CompiledQuery q = TestSupport.compile(SALES + "| top-nested 1 of Region by dcount(Shop) asc");
        assertThat(q.columns()).extracting(OutputColumn::name).containsExactly("Region", "aggregated_Region");
        assertThat(db.run(q)).containsExactly(List.of("west", 1L));
    }

    @Test
    void referenceExample_twoMostRecentEventsPerId() throws Exception {
        assertThat(rows("""
                datatable(id: string, timestamp: datetime, otherInformation: string)[
                    "Barak", datetime(2015-01-01), "1", "Barak", datetime(2016-01-01), "2", "Barak", datetime(2017-01-20), "3",
                    "Donald", datetime(2017-01-20), "4", "Donald", datetime(2017-01-18), "5", "Donald", datetime(2017-01-19), "6"]
                | top-nested of id by Ignore0=max(1), top-nested 2 of timestamp by Ignore1=max(timestamp), top-nested of otherInformation by Ignore2=max(1)
                | project-away Ignore0, Ignore1, Ignore2
                | sort by otherInformation asc"""))
                .containsExactly(List.of("Barak", LocalDateTime.parse("2016-01-01T00:00"), "2"),
                        List.of("Barak", LocalDateTime.parse("2017-01-20T00:00"), "3"),
                        List.of("Donald", LocalDateTime.parse("2017-01-20T00:00"), "4"),
                        List.of("Donald", LocalDateTime.parse("2017-01-19T00:00"), "6"));
    }

    @Test
    void withOthers_aboveAnotherLevel_isReportedAsUnsupported() {
        assertThatThrownBy(() -> TestSupport.compile(SALES + "| top-nested 1 of Region with others = 'rest' by count(), top-nested 1 of Region by count()"))
                .isInstanceOf(KqlException.class)
                .hasMessageContaining("top-nested ... with others on a level that has levels below it is not supported yet");
    }
}
