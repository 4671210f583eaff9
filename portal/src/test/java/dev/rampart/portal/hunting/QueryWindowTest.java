package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueryWindowTest {
    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void absent_isLast30Days() {
        assertThat(QueryWindow.parse(null, NOW)).isEqualTo(new QueryWindow(NOW.minus(Duration.ofDays(30)), NOW));
    }

    @Test
    void durationOnly_endsNow() {
        assertThat(QueryWindow.parse("P7D", NOW).start()).isEqualTo(Instant.parse("2026-11-27T12:00:00Z"));
        assertThat(QueryWindow.parse("PT12H", NOW).start()).isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
    }

    @Test
    void startAndEnd_areTakenAsGiven() {
        QueryWindow w = QueryWindow.parse("2026-11-01T00:00:00Z/2026-11-02T00:00:00Z", NOW);
        assertThat(w.length()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void durationThenEnd_and_startThenDuration() {
        assertThat(QueryWindow.parse("P1D/2026-11-02T00:00:00Z", NOW).start()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(QueryWindow.parse("2026-11-01T00:00:00Z/P2D", NOW).end()).isEqualTo(Instant.parse("2026-11-03T00:00:00Z"));
    }

    @Test
    void singleStart_endsNow() {
        assertThat(QueryWindow.parse("2026-12-01", NOW)).isEqualTo(new QueryWindow(Instant.parse("2026-12-01T00:00:00Z"), NOW));
    }

    @Test
    void garbage_namesThePart() {
        assertThatThrownBy(() -> QueryWindow.parse("yesterday", NOW))
                .hasMessage("Timespan time 'yesterday' is not ISO 8601 (e.g. 2026-11-01T00:00:00Z)");
        assertThatThrownBy(() -> QueryWindow.parse("P3X", NOW))
                .hasMessage("Timespan duration 'P3X' is not ISO 8601 (e.g. P30D, PT12H)");
        assertThatThrownBy(() -> QueryWindow.parse("2026-12-02T00:00:00Z/2026-12-01T00:00:00Z", NOW))
                .hasMessageContaining("is after its end");
    }
}
