package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ApiRateLimitTest {
    /** A clock the test moves. */
    static final class Manual extends Clock {
        Instant now = Instant.parse("2026-12-05T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void callsBeyondTheLimit_waitForTheOldestToLeaveTheMinute_perCaller() {
        Manual clock = new Manual();
        ApiRateLimit limit = new ApiRateLimit(2, clock);
        assertThat(limit.acquire("ann")).isEmpty();
        clock.now = clock.now.plusSeconds(20);
        assertThat(limit.acquire("ann")).isEmpty();
        assertThat(limit.acquire("ann")).hasValue(40);
        assertThat(limit.acquire("bob")).isEmpty();
        clock.now = clock.now.plusSeconds(41);
        assertThat(limit.acquire("ann")).isEmpty();
    }

    @Test
    void zero_meansNoLimit() {
        ApiRateLimit limit = new ApiRateLimit(0, new Manual());
        for (int i = 0; i < 100; i++) {
            assertThat(limit.acquire("ann")).isEmpty();
        }
    }
}
