package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HuntingQuotaTest {
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void overBudget_isRefused_withWhenItFreesUp_andWindowSlides() {
        MutableClock clock = new MutableClock();
        HuntingQuota quota = new HuntingQuota(Duration.ofMinutes(2), clock);
        quota.record("ann", Duration.ofSeconds(90));
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        quota.record("ann", Duration.ofSeconds(40));
        assertThatThrownBy(() -> quota.check("ann"))
                .isInstanceOfSatisfying(HuntingException.class, e -> org.assertj.core.api.Assertions.assertThat(e.kind()).isEqualTo(HuntingException.Kind.QUOTA))
                .hasMessageContaining("used 2 min 10 s of hunting time in the last 15 minutes (limit 2 min)")
                .hasMessageContaining("again in 10 min");
        assertThatCode(() -> quota.check("bob")).doesNotThrowAnyException();

        clock.now = clock.now.plus(Duration.ofMinutes(10)).plusSeconds(1);
        assertThatCode(() -> quota.check("ann")).doesNotThrowAnyException();
    }
}
