package dev.rampart.kql;

import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The top-hitters and sample-distinct operators, executed on DuckDB. */
class TopHittersAndSampleDistinctTest extends DuckDbTestBase {
    private static final String STORMS = """
            datatable(EventType: string, State: string, DamageProperty: long, EpisodeId: long)[
                'Hail', 'TEXAS', 10, 1, 'Flood', 'IOWA', 500, 2, 'Hail', 'IOWA', 20, 3, 'Tornado', 'TEXAS', 300, 1,
                'Hail', 'KANSAS', 0, 4, 'Flood', 'TEXAS', 700, 2, 'Drought', 'TEXAS', 5, 5, 'Hail', 'TEXAS', 1, 1]
            """;

    private static List<String> columns(String kql) {
        return TestSupport.compile(kql).columns().stream().map(OutputColumn::name).toList();
    }

    @Test
    void topHitters_withoutBy_countsEachValue_mostFrequentFirst() throws Exception {
        String q = STORMS + "| top-hitters 2 of EventType";
        assertThat(columns(q)).containsExactly("EventType", "approximate_count_EventType");
        assertThat(rows(q)).containsExactly(List.of("Hail", 4L), List.of("Flood", 2L));
    }

    @Test
    void topHitters_withBy_sumsTheExpression_largestFirst() throws Exception {
        String q = STORMS + "| top-hitters 3 of EventType by DamageProperty";
        assertThat(columns(q)).containsExactly("EventType", "approximate_sum_DamageProperty");
        assertThat(rows(q)).containsExactly(List.of("Flood", 1200L), List.of("Tornado", 300L), List.of("Hail", 31L));
    }

    @Test
    void topHitters_agreesWithTheSummarizeItApproximates() throws Exception {
        assertThat(rows(STORMS + "| where EventType == 'Hail' | top-hitters 10 of State"))
                .isEqualTo(rows(STORMS + "| where EventType == 'Hail' | summarize C = count() by State | top 10 by C desc, State asc"));
    }

    @Test
    void topHitters_realCountIsCut_andTiesGoToTheSmallerValue() throws Exception {
        assertThat(rows(STORMS + "| top-hitters 2.9 of State by 1")).containsExactly(List.of("TEXAS", 5L), List.of("IOWA", 2L));
        assertThat(rows(STORMS + "| top-hitters 2 of EpisodeId by toint(0)")).containsExactly(List.of(1L, 0L), List.of(2L, 0L));
    }

    @Test
    void topHitters_countsNullValuesAsOneValue() throws Exception {
        assertThat(rows("datatable(x: long)[1, long(null), long(null), 2] | top-hitters 1 of x"))
                .containsExactly(Arrays.<Object>asList(null, 2L));
    }

    @Test
    void topHitters_needsAColumnAConstantCountAndANumericSum() {
        assertThatThrownBy(() -> TestSupport.compile("Events | top-hitters 3 of tolower(DeviceName)"))
                .isInstanceOf(KqlException.class).hasMessage("top-hitters needs a column name after 'of' (line 1, column 27).");
        assertThatThrownBy(() -> TestSupport.compile("Events | top-hitters 'three' of DeviceName"))
                .isInstanceOf(KqlException.class).hasMessageContaining("needs a constant, non-negative number of values (line 1, column 22)");
        assertThatThrownBy(() -> TestSupport.compile("Events | top-hitters 3 of DeviceName by FileName"))
                .isInstanceOfSatisfying(KqlException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TYPE_MISMATCH))
                .hasMessage("top-hitters sums a number after 'by' but was given a string (line 1, column 41).");
        assertThatThrownBy(() -> TestSupport.compile("Events | top-hitters 3 of Nope"))
                .isInstanceOf(KqlException.class).hasMessageContaining("(line 1, column 27)");
    }

    @Test
    void sampleDistinct_returnsUpToNDistinctValuesOfTheColumn() throws Exception {
        String q = STORMS + "| sample-distinct 3 of EpisodeId";
        assertThat(columns(q)).containsExactly("EpisodeId");
        List<List<Object>> rows = rows(q);
        assertThat(rows).hasSize(3);
        assertThat(new HashSet<>(rows)).hasSize(3);
        assertThat(rows).allSatisfy(r -> assertThat(r.get(0)).isIn(1L, 2L, 3L, 4L, 5L));
        assertThat(new HashSet<>(rows(STORMS + "| sample-distinct 10 of State")))
                .containsExactlyInAnyOrder(List.of("TEXAS"), List.of("IOWA"), List.of("KANSAS"));
    }

    @Test
    void sampleDistinct_feedsAnInFilter_asInTheDocumentedExample() throws Exception {
        assertThat(rows("let sampleEpisodes = " + STORMS + "| sample-distinct 10 of EpisodeId;\n" + STORMS
                + "| where EpisodeId in (sampleEpisodes) | summarize totalDamage = sum(DamageProperty) by EpisodeId | order by EpisodeId asc"))
                .containsExactly(List.of(1L, 311L), List.of(2L, 1200L), List.of(3L, 20L), List.of(4L, 0L), List.of(5L, 5L));
    }

    @Test
    void sampleDistinct_ofZeroValues_isEmpty_andNeedsAColumn() throws Exception {
        assertThat(rows(STORMS + "| sample-distinct 0 of State")).isEmpty();
        assertThatThrownBy(() -> TestSupport.compile("Events | sample-distinct 3 of strlen(DeviceName)"))
                .isInstanceOf(KqlException.class).hasMessage("sample-distinct needs a column name after 'of' (line 1, column 31).");
        assertThatThrownBy(() -> TestSupport.compile("Events | sample-distinct -1 of DeviceName"))
                .isInstanceOf(KqlException.class).hasMessageContaining("(line 1, column 26)");
    }
}
