package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** evaluate funnel_sequence_completion on DuckDB. */
class FunnelSequenceCompletionPluginTest extends DuckDbTestBase {
    private static final String EVENTS = "datatable(id:long, t:datetime, e:string)["
            + "1, datetime(2020-01-01 00:00), 'H', 1, datetime(2020-01-01 00:30), 'T', 1, datetime(2020-01-01 00:50), 'W',"
            + "2, datetime(2020-01-01 00:00), 'H', 2, datetime(2020-01-01 02:00), 'T', 2, datetime(2020-01-01 05:00), 'W',"
            + "3, datetime(2020-01-01 00:00), 'H', 3, datetime(2020-01-01 00:10), 'X', 3, datetime(2020-01-01 00:20), 'T',"
            + "4, datetime(2020-01-01 00:00), 'T', 4, datetime(2020-01-01 00:10), 'W',"
            + "5, datetime(2020-01-01 10:00), 'H', 5, datetime(2020-01-01 09:00), 'T', 5, datetime(2020-01-01 10:30), 'T',"
            + "6, datetime(2020-01-01 00:00), 'H', 6, datetime(2020-01-01 03:00), 'H', 6, datetime(2020-01-01 03:30), 'T']";

    private static List<String> columns(String kql) {
        return TestSupport.compile(kql).columns().stream().map(OutputColumn::name).toList();
    }

    @Test
    void funnelSequenceCompletion_countsIdsReachingEachStepWithinEachPeriod() throws Exception {
        String q = EVENTS + " | evaluate funnel_sequence_completion(id, t, datetime(2020-01-01), datetime(2020-01-02), 1d, e,"
                + " dynamic(['H', 'T', 'W']), dynamic([1h, 4h, 1d]))";
        assertThat(columns(q)).containsExactly("t", "e", "Period", "dcount");
        List<List<Object>> r = rows(q + " | extend Period = Period / 1h");
        assertThat(r).allMatch(x -> x.get(0).equals(LocalDateTime.of(2020, 1, 1, 0, 0)));
        assertThat(r.stream().map(x -> List.of(x.get(1), x.get(2), x.get(3))).toList()).containsExactly(
                List.of("H", 1.0, 5L), List.of("T", 1.0, 4L), List.of("W", 1.0, 1L),
                List.of("H", 4.0, 5L), List.of("T", 4.0, 5L), List.of("W", 4.0, 1L),
                List.of("H", 24.0, 5L), List.of("T", 24.0, 5L), List.of("W", 24.0, 2L));
    }

    @Test
    void funnelSequenceCompletion_eachBinIsAnalyzedOnItsOwn_andUnreachedStepsCountZero() throws Exception {
        String q = "datatable(id:long, t:datetime, e:string)[1, datetime(2020-01-01 23:50), 'H', 1, datetime(2020-01-02 00:10), 'T']"
                + " | evaluate funnel_sequence_completion(id, t, datetime(2020-01-01), datetime(2020-01-03), 1d, e,"
                + " dynamic(['H', 'T']), dynamic([1h]))";
        assertThat(rows(q)).containsExactly(List.of(LocalDateTime.of(2020, 1, 1, 0, 0), "H", "01:00:00", 1L),
                List.of(LocalDateTime.of(2020, 1, 1, 0, 0), "T", "01:00:00", 0L));
    }

    @Test
    void funnelSequenceCompletion_emptyInput_givesNoRows() throws Exception {
        assertThat(rows("datatable(id:long, t:datetime, e:string)[] | evaluate funnel_sequence_completion(id, t, datetime(2020-01-01),"
                + " datetime(2020-01-02), 1d, e, dynamic(['H', 'T']), dynamic([1h]))")).isEmpty();
    }

    @Test
    void funnelSequenceCompletion_periodsNotAnArray_isReportedWithItsPosition() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(id:long, t:datetime, e:string)[] | evaluate funnel_sequence_completion(id, t,"
                + " datetime(2020-01-01), datetime(2020-01-02), 1d, e, dynamic(['H']), 1h)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("MaxSequenceStepPeriods").hasMessageContaining("line 1, column 156");
    }
}
