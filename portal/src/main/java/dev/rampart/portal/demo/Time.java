package dev.rampart.portal.demo;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Epoch-millisecond arithmetic for the generator; rows carry UTC wall time as the event store expects. */
final class Time {
    static final long MINUTE = 60_000L;
    static final long HOUR = 3_600_000L;
    static final long DAY = 86_400_000L;

    private Time() {
    }

    static LocalDateTime ts(long epochMs) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(epochMs, 1000), (int) Math.floorMod(epochMs, 1000) * 1_000_000, ZoneOffset.UTC);
    }

    /** Local hour of day at a site with a fixed UTC offset. */
    static int localHour(long epochMs, int utcOffsetHours) {
        return (int) Math.floorMod(Math.floorDiv(epochMs, HOUR) + utcOffsetHours, 24L);
    }

    /** Local day of week, 0 = Monday ... 6 = Sunday. */
    static int localWeekday(long epochMs, int utcOffsetHours) {
        long localDay = Math.floorDiv(epochMs + utcOffsetHours * HOUR, DAY);
        return (int) Math.floorMod(localDay + 3, 7L);
    }
}
