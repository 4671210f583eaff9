package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryResourcesTest {
    @Test
    void timeRange_isHumanisedForDurations_andKeptForExplicitWindows() {
        assertThat(QueryResources.timeRange(null)).isEqualTo("30 days (default)");
        assertThat(QueryResources.timeRange("P7D")).isEqualTo("7 days");
        assertThat(QueryResources.timeRange("PT1H")).isEqualTo("1 hour");
        assertThat(QueryResources.timeRange("PT24H")).isEqualTo("1 day");
        assertThat(QueryResources.timeRange("PT5M")).isEqualTo("5 minutes");
        assertThat(QueryResources.timeRange("2026-11-01T00:00:00Z/2026-11-02T00:00:00Z")).isEqualTo("2026-11-01T00:00:00Z/2026-11-02T00:00:00Z");
    }

    @Test
    void daily_givesAverageAndHighestPerUtcDay_overThirtyDays() {
        Instant today = LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
        QueryResources.Daily d = QueryResources.daily(List.of(new HuntingRuns.Use(today.plusSeconds(60), 100),
                new HuntingRuns.Use(today.plusSeconds(120), 400), new HuntingRuns.Use(today.minusSeconds(60), 90),
                new HuntingRuns.Use(today.minusSeconds(86_400L * 40), 5_000)));
        assertThat(d.dates()).hasSize(30).last().isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(d.average().get(29)).isEqualTo(250);
        assertThat(d.highest().get(29)).isEqualTo(400);
        assertThat(d.runs().get(29)).isEqualTo(2);
        assertThat(d.highest().get(28)).isEqualTo(90);
        assertThat(d.highest().stream().mapToLong(Long::longValue).max()).hasValue(400);
    }
}
