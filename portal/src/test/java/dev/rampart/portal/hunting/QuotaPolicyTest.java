package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.portal.hunting.QuotaPolicy.Cycle;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuotaPolicyTest {
    final QuotaPolicy policy = new QuotaPolicy(Duration.ofMinutes(2), Duration.ofMinutes(20));
    final Instant now = Instant.parse("2026-12-04T10:07:30Z");

    @Test
    void cycles_areAlignedToQuarterHoursAndUtcDays() {
        assertThat(Cycle.QUARTER_HOUR.start(now)).isEqualTo(Instant.parse("2026-12-04T10:00:00Z"));
        assertThat(Cycle.QUARTER_HOUR.end(now)).isEqualTo(Instant.parse("2026-12-04T10:15:00Z"));
        assertThat(Cycle.QUARTER_HOUR.start(Instant.parse("2026-12-04T10:15:00Z"))).isEqualTo(Instant.parse("2026-12-04T10:15:00Z"));
        assertThat(Cycle.DAY.start(now)).isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
        assertThat(Cycle.DAY.end(now)).isEqualTo(Instant.parse("2026-12-05T00:00:00Z"));
    }

    @Test
    void lowUse_isNeitherWarnedNorBlocked() {
        QuotaPolicy.Decision d = policy.decide(Duration.ofSeconds(12), Duration.ofSeconds(12), now);
        assertThat(d.blocked()).isFalse();
        assertThat(d.warning()).isEmpty();
    }

    @Test
    void pastTenPercentOfTheQuarterHour_warnsWithShareAndCycleEnd() {
        QuotaPolicy.Decision d = policy.decide(Duration.ofSeconds(42), Duration.ofSeconds(42), now);
        assertThat(d.blocked()).isFalse();
        assertThat(d.warning()).hasValueSatisfying(w -> assertThat(w)
                .contains("35% of your 15-minute hunting CPU quota (42.0 s of 2 min)")
                .contains("until the cycle ends (in 8 min)"));
    }

    @Test
    void theDailyShare_warnsWhenItIsTheHigher() {
        QuotaPolicy.Decision d = policy.decide(Duration.ofSeconds(1), Duration.ofMinutes(5), now);
        assertThat(d.warning()).hasValueSatisfying(w -> assertThat(w).contains("25% of your daily hunting CPU quota (5 min of 20 min)"));
    }

    @Test
    void fullQuarterHour_blocksUntilTheNextQuarterHour() {
        QuotaPolicy.Decision d = policy.decide(Duration.ofSeconds(130), Duration.ofSeconds(130), now);
        assertThat(d.blocked()).isTrue();
        assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(450));
        assertThat(d.message()).contains("used 2 min 10 s of CPU in this 15-minute cycle, all of the 2 min quota")
                .endsWith("You can run queries again in 8 min.");
        assertThat(d.warning()).isEmpty();
    }

    @Test
    void fullDay_blocksUntilUtcMidnight_evenWhenTheQuarterHourIsAlsoFull() {
        QuotaPolicy.Decision d = policy.decide(Duration.ofMinutes(3), Duration.ofMinutes(20), now);
        assertThat(d.blocked()).isTrue();
        assertThat(d.retryAfter()).isEqualTo(Duration.between(now, Instant.parse("2026-12-05T00:00:00Z")));
        assertThat(d.message()).contains("daily cycle").endsWith("You can run queries again in 13 h 53 min.");
    }

    @Test
    void justUnderTheBudget_stillRuns() {
        assertThat(policy.decide(Duration.ofMillis(119_999), Duration.ofMillis(119_999), now).blocked()).isFalse();
        assertThat(policy.decide(Duration.ofMillis(120_000), Duration.ofMillis(120_000), now).blocked()).isTrue();
    }

    @Test
    void usageLevel_isTheRunsShareOfTheQuarterHourBudget() {
        assertThat(policy.usageLevel(Duration.ofMillis(1199))).isEqualTo("Low");
        assertThat(policy.usageLevel(Duration.ofMillis(1200))).isEqualTo("Medium");
        assertThat(policy.usageLevel(Duration.ofSeconds(12))).isEqualTo("High");
    }

    @Test
    void durations_areHumanised() {
        assertThat(QuotaPolicy.cpu(Duration.ofMillis(85))).isEqualTo("85 ms");
        assertThat(QuotaPolicy.cpu(Duration.ofMillis(4_240))).isEqualTo("4.2 s");
        assertThat(QuotaPolicy.human(Duration.ofMillis(200))).isEqualTo("1 s");
        assertThat(QuotaPolicy.human(Duration.ofSeconds(61))).isEqualTo("2 min");
    }

    @Test
    void nonPositiveBudgets_areRejected() {
        assertThatThrownBy(() -> new QuotaPolicy(Duration.ZERO, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
