package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** evaluate funnel_sequence on DuckDB. */
class FunnelSequencePluginTest extends DuckDbTestBase {
    private static final String EVENTS = "datatable(id:long, t:datetime, e:string)["
            + "1, datetime(2020-01-01 00:00), 'H', 1, datetime(2020-01-01 00:10), 'T', 1, datetime(2020-01-01 00:20), 'W',"
            + "2, datetime(2020-01-01 00:00), 'T', 2, datetime(2020-01-01 00:30), 'H',"
            + "3, datetime(2020-01-01 00:00), 'H', 3, datetime(2020-01-01 03:00), 'T',"
            + "4, datetime(2020-01-01 00:00), 'H', 4, datetime(2020-01-01 00:10), 'T', 4, datetime(2020-01-01 00:20), 'W',"
            + " 4, datetime(2020-01-01 00:30), 'T',"
            + "5, datetime(2021-01-01 00:00), 'T']";

    private static List<String> columns(String kql) {
        return TestSupport.compile(kql).columns().stream().map(OutputColumn::name).toList();
    }

    private static List<List<Object>> firstThree(String kql) throws Exception {
        return rows(kql).stream().map(r -> List.of(r.get(1), r.get(2), r.get(3))).toList();
    }

    @Test
    void funnelSequence_countsIdsByTheStatesJustBeforeAndAfter_withinTheStepWindow() throws Exception {
        String q = EVENTS + " | evaluate funnel_sequence(id, t, datetime(2020-01-01), datetime(2020-12-31), 1h, 365d, e, dynamic(['T']))";
        assertThat(columns(q)).containsExactly("t", "prev", "next", "dcount", "samples");
        assertThat(rows(q)).allMatch(r -> r.get(0).equals(LocalDateTime.of(2020, 1, 1, 0, 0)));
        assertThat(firstThree(q)).containsExactlyInAnyOrder(List.of("H", "W", 2L), List.of("", "H", 1L), List.of("", "", 1L),
                List.of("W", "", 1L));
    }

    @Test
    void funnelSequence_longerSequence_needsConsecutiveStepsWithinTheWindow() throws Exception {
        String q = EVENTS + " | evaluate funnel_sequence(id, t, datetime(2020-01-01), datetime(2020-12-31), 1h, 365d, e, dynamic(['H', 'T']))";
        assertThat(firstThree(q)).containsExactlyInAnyOrder(List.of("", "W", 2L));
        assertThat(rows(q).get(0).get(4).toString()).contains("1").contains("4");
    }

    @Test
    void funnelSequence_warnsThatOnlyTheFirstOfItsThreeTablesIsReturned() {
        assertThat(TestSupport.compile(EVENTS + " | evaluate funnel_sequence(id, t, datetime(2020-01-01), datetime(2020-12-31), 1h, 365d,"
                + " e, dynamic(['T']))").warnings()).anyMatch(w -> w.message().contains("only its first table"));
    }

    @Test
    void funnelSequence_emptyInput_givesNoRows() throws Exception {
        assertThat(rows("datatable(id:long, t:datetime, e:string)[] | evaluate funnel_sequence(id, t, datetime(2020-01-01),"
                + " datetime(2020-12-31), 1h, 1d, e, dynamic(['T']))")).isEmpty();
    }

    @Test
    void funnelSequence_aNonConstantSequence_orMissingArguments_areReported() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(id:long, t:datetime, e:string)[] | evaluate funnel_sequence(id, t,"
                + " datetime(2020-01-01), datetime(2020-12-31), 1h, 1d, e, e)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("Sequence").hasMessageContaining("line 1, column 133");
        assertThatThrownBy(() -> TestSupport.compile("datatable(id:long, t:datetime, e:string)[] | evaluate funnel_sequence(id, t,"
                + " datetime(2020-01-01), datetime(2020-12-31), 1h, 1d, e)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("Sequence").hasMessageContaining("line 1, column 55");
    }
}
