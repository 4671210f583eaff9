package dev.rampart.portal.hunting;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;

/**
 * The time range of a hunting run, parsed from the ISO 8601 {@code Timespan} of the Graph API:
 * {@code start/end}, {@code P30D/end}, {@code start/P30D}, {@code P30D} (ending now), or a single {@code start}.
 * Absent means the last 30 days.
 */
public record QueryWindow(Instant start, Instant end) {
    public static final Duration DEFAULT = Duration.ofDays(30);

    public QueryWindow {
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("Timespan start " + start + " is after its end " + end);
        }
    }

    /** @throws IllegalArgumentException naming the part of the text that is not ISO 8601 */
    public static QueryWindow parse(String timespan, Instant now) {
        if (timespan == null || timespan.isBlank()) {
            return new QueryWindow(now.minus(DEFAULT), now);
        }
        String t = timespan.trim();
        int slash = t.indexOf('/');
        if (slash < 0) {
            if (isDuration(t)) {
                return new QueryWindow(now.minus(duration(t)), now);
            }
            return new QueryWindow(instant(t), now);
        }
        String a = t.substring(0, slash);
        String b = t.substring(slash + 1);
        if (isDuration(a) && isDuration(b)) {
            throw new IllegalArgumentException("Timespan '" + t + "' has two durations; give a start or an end");
        }
        if (isDuration(a)) {
            Instant end = instant(b);
            return new QueryWindow(end.minus(duration(a)), end);
        }
        Instant start = instant(a);
        return new QueryWindow(start, isDuration(b) ? start.plus(duration(b)) : instant(b));
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    private static boolean isDuration(String s) {
        return s.startsWith("P") || s.startsWith("p");
    }

    private static Duration duration(String s) {
        try {
            String up = s.toUpperCase();
            int tIdx = up.indexOf('T');
            if (tIdx < 0) {
                Period p = Period.parse(up);
                return Duration.ofDays(p.getDays() + p.getMonths() * 30L + p.getYears() * 365L);
            }
            return Duration.parse(up);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Timespan duration '" + s + "' is not ISO 8601 (e.g. P30D, PT12H)");
        }
    }

    private static Instant instant(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s + (s.length() == 10 ? "T00:00:00Z" : "Z"));
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("Timespan time '" + s + "' is not ISO 8601 (e.g. 2026-11-01T00:00:00Z)");
            }
        }
    }
}
