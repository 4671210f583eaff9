package dev.rampart.kql;

import dev.rampart.kql.diagnostics.KqlException;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** evaluate sequence_detect on DuckDB. */
class SequenceDetectPluginTest extends DuckDbTestBase {
    /** The storm events behind the documented output, plus events that must not match. */
    private static final String STORMS = """
            let Storms = datatable(StartTime:datetime, EventType:string, State:string)[
              datetime(2007-05-08 00:00), 'Excessive Heat', 'CALIFORNIA', datetime(2007-05-08 16:02), 'Wildfire', 'CALIFORNIA',
              datetime(2007-05-10 11:30), 'Wildfire', 'CALIFORNIA', datetime(2007-07-04 09:00), 'Excessive Heat', 'CALIFORNIA',
              datetime(2007-07-05 23:01), 'Wildfire', 'CALIFORNIA', datetime(2007-08-31 08:00), 'Excessive Heat', 'CALIFORNIA',
              datetime(2007-09-01 11:28), 'Wildfire', 'CALIFORNIA', datetime(2007-09-02 12:00), 'Excessive Heat', 'CALIFORNIA',
              datetime(2007-09-02 13:30), 'Wildfire', 'CALIFORNIA', datetime(2007-07-23 12:00), 'Excessive Heat', 'SOUTH DAKOTA',
              datetime(2007-07-27 09:00), 'Wildfire', 'SOUTH DAKOTA', datetime(2007-08-10 08:00), 'Excessive Heat', 'TEXAS',
              datetime(2007-08-11 13:56), 'Wildfire', 'TEXAS', datetime(2007-06-20 10:00), 'Wildfire', 'CALIFORNIA',
              datetime(2007-01-01 10:00), 'Excessive Heat', 'TEXAS', datetime(2007-05-09 10:00), 'Wildfire', 'OREGON',
              datetime(2007-05-07 00:00), 'Wildfire', 'CALIFORNIA', datetime(2007-10-01 00:00), 'Excessive Heat', 'TEXAS',
              datetime(2007-10-06 00:01), 'Wildfire', 'TEXAS', datetime(2007-05-08 16:02), 'Hail', 'CALIFORNIA'];
            """;

    private static List<String> columns(String kql) {
        return TestSupport.compile(kql).columns().stream().map(OutputColumn::name).toList();
    }

    private static LocalDateTime at(int month, int day, int hour, int minute) {
        return LocalDateTime.of(2007, month, day, hour, minute);
    }

    @Test
    void sequenceDetect_documentedExample_keepsEveryHeatWildfirePairWithinFiveDays() throws Exception {
        String q = STORMS + "Storms | evaluate sequence_detect(StartTime, 5d, 5d, heat=(EventType == \"Excessive Heat\"),"
                + " wildfire=(EventType == 'Wildfire'), State) | extend Duration = Duration / 1m";
        assertThat(columns(q)).containsExactly("State", "heat_StartTime", "wildfire_StartTime", "Duration");
        assertThat(rows(q)).containsExactly(
                List.of("CALIFORNIA", at(5, 8, 0, 0), at(5, 8, 16, 2), 962.0),
                List.of("CALIFORNIA", at(5, 8, 0, 0), at(5, 10, 11, 30), 3570.0),
                List.of("CALIFORNIA", at(7, 4, 9, 0), at(7, 5, 23, 1), 2281.0),
                List.of("SOUTH DAKOTA", at(7, 23, 12, 0), at(7, 27, 9, 0), 5580.0),
                List.of("TEXAS", at(8, 10, 8, 0), at(8, 11, 13, 56), 1796.0),
                List.of("CALIFORNIA", at(8, 31, 8, 0), at(9, 1, 11, 28), 1648.0),
                List.of("CALIFORNIA", at(8, 31, 8, 0), at(9, 2, 13, 30), 3210.0),
                List.of("CALIFORNIA", at(9, 2, 12, 0), at(9, 2, 13, 30), 90.0));
    }

    @Test
    void sequenceDetect_threeSteps_stepWindowAndSpanBothLimit_andUnnamedPredicatesArePositional() throws Exception {
        String q = "datatable(t:datetime, e:string, u:string)[datetime(2020-01-01 00:00), 'fail', 'a', datetime(2020-01-01 00:05), 'fail', 'a',"
                + " datetime(2020-01-01 00:09), 'ok', 'a', datetime(2020-01-01 00:20), 'admin', 'a', datetime(2020-01-01 00:12), 'admin', 'a',"
                + " datetime(2020-01-01 00:00), 'fail', 'b', datetime(2020-01-01 00:30), 'ok', 'b']"
                + " | evaluate sequence_detect(t, 10m, 15m, e == 'fail', ok = (e == 'ok'), e == 'admin', u)";
        assertThat(columns(q)).containsExactly("u", "Expr1_t", "ok_t", "Expr3_t", "Duration");
        assertThat(rows(q + " | project u, Expr1_t")).containsExactly(List.of("a", LocalDateTime.of(2020, 1, 1, 0, 0)),
                List.of("a", LocalDateTime.of(2020, 1, 1, 0, 5)));
    }

    @Test
    void sequenceDetect_withoutDimensions_correlatesAllRows_andOneRowIsNeverTwoSteps() throws Exception {
        String q = "datatable(t:long, x:long)[1, 1, 2, 2] | evaluate sequence_detect(t, 5, 5, a = (x >= 1), b = (x >= 1))";
        assertThat(columns(q)).containsExactly("a_t", "b_t", "Duration");
        assertThat(rows(q)).containsExactly(List.of(1L, 2L, 1L));
    }

    @Test
    void sequenceDetect_emptyInput_givesNoRows() throws Exception {
        assertThat(rows("datatable(t:datetime, e:string)[] | evaluate sequence_detect(t, 1h, 1h, a = (e == 'x'), b = (e == 'y'))")).isEmpty();
    }

    @Test
    void sequenceDetect_oneStep_orANonColumnTimeline_isReported() {
        assertThatThrownBy(() -> TestSupport.compile("datatable(t:datetime, e:string)[] | evaluate sequence_detect(t, 1h, 1h, a = (e == 'x'), e)"))
                .isInstanceOf(KqlException.class).hasMessageContaining("two step predicates").hasMessageContaining("line 1, column 89");
        assertThatThrownBy(() -> TestSupport.compile("datatable(t:datetime, e:string)[] | evaluate sequence_detect(t + 1h, 1h, 1h,"
                + " a = (e == 'x'), b = (e == 'y'))"))
                .isInstanceOf(KqlException.class).hasMessageContaining("TimelineColumn").hasMessageContaining("line 1, column 62");
    }
}
