package dev.rampart.kql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** make-series whose from/to are left out: the range comes from the data, as in Kusto; executed on DuckDB. */
class MakeSeriesRangeTest extends DuckDbTestBase {
    private static final String DATA = """
            datatable(T: datetime, Host: string)[
              datetime(2024-01-01 10:00), 'a', datetime(2024-01-01 11:30), 'a', datetime(2024-01-03 08:00), 'b']
            """;

    @Test
    void noFromNoTo_binsFromTheEarliestToTheLatestValue() throws Exception {
        assertThat(db.run(TestSupport.compile(DATA + "| make-series n = count() on T step 1d")))
                .containsExactly(List.of("[2,0,1]", "[\"2024-01-01T00:00:00.0000000Z\",\"2024-01-02T00:00:00.0000000Z\",\"2024-01-03T00:00:00.0000000Z\"]"));
    }

    @Test
    void onlyFrom_endsAtTheLatestValue_keysWithoutRowsInRangeAreLeftOut() throws Exception {
        assertThat(db.run(TestSupport.compile(DATA + "| make-series n = count() default = 0 on T from datetime(2024-01-02) step 1d by Host | sort by Host asc | project Host, n")))
                .containsExactly(List.of("b", "[0,1]"));
    }

    @Test
    void inRange_stopIsInclusive_andBinsWithBin() throws Exception {
        assertThat(db.run(TestSupport.compile(DATA + "| make-series n = count() default = 0 on T in range(datetime(2024-01-01 06:00), datetime(2024-01-03), 1d)")))
                .containsExactly(List.of("[2,0,1]", "[\"2024-01-01T00:00:00.0000000Z\",\"2024-01-02T00:00:00.0000000Z\",\"2024-01-03T00:00:00.0000000Z\"]"));
    }

    @Test
    void inRange_withShuffleHintAndByColumn() throws Exception {
        assertThat(db.run(TestSupport.compile(DATA + "| make-series hint.shufflekey = Host n = count() default = 0 on T in range(datetime(2024-01-01), datetime(2024-01-02), 1d) by Host | sort by Host asc | project Host, n")))
                .containsExactly(List.of("a", "[2,0]"));
    }
}
