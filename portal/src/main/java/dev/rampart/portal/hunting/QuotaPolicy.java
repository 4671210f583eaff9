package dev.rampart.portal.hunting;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * The hunting CPU quota arithmetic, as the reference portal applies it: usage is counted in fixed cycles of 15
 * minutes (aligned to the quarter hour, UTC) and of one UTC day; past 10 % of a cycle's budget the analyst is
 * warned, at 100 % queries are refused until that cycle ends.
 */
public record QuotaPolicy(Duration per15Minutes, Duration perDay) {
    static final double WARN_FRACTION = 0.10;

    public enum Cycle {
        QUARTER_HOUR("15-minute", Duration.ofMinutes(15)), DAY("daily", Duration.ofDays(1));

        final String label;
        final Duration length;

        Cycle(String label, Duration length) {
            this.label = label;
            this.length = length;
        }

        public Instant start(Instant now) {
            return this == DAY ? now.truncatedTo(ChronoUnit.DAYS)
                    : Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), length.getSeconds()) * length.getSeconds());
        }

        public Instant end(Instant now) {
            return start(now).plus(length);
        }
    }

    /** Whether a new run may start; {@code message} is the warning or the refusal, {@code retryAfter} set when blocked. */
    public record Decision(boolean blocked, String message, Duration retryAfter) {
        public Optional<String> warning() {
            return blocked ? Optional.empty() : Optional.ofNullable(message);
        }
    }

    public QuotaPolicy {
        if (per15Minutes.isNegative() || per15Minutes.isZero() || perDay.isNegative() || perDay.isZero()) {
            throw new IllegalArgumentException("Hunting CPU quotas must be positive.");
        }
    }

    public Duration budget(Cycle c) {
        return c == Cycle.DAY ? perDay : per15Minutes;
    }

    /** @param used15 CPU used in the current quarter-hour cycle; @param usedDay CPU used in the current UTC day */
    public Decision decide(Duration used15, Duration usedDay, Instant now) {
        // The day is checked first: when both are used up, its cycle ends last, so its wait is the true one.
        for (Cycle c : new Cycle[] {Cycle.DAY, Cycle.QUARTER_HOUR}) {
            Duration used = c == Cycle.DAY ? usedDay : used15;
            if (used.compareTo(budget(c)) >= 0) {
                Duration wait = Duration.between(now, c.end(now));
                return new Decision(true, "Your hunting queries used " + cpu(used) + " of CPU in this " + c.label + " cycle, all of the "
                        + cpu(budget(c)) + " quota. You can run queries again in " + human(wait) + ".", wait);
            }
        }
        double f15 = fraction(used15, per15Minutes);
        double fDay = fraction(usedDay, perDay);
        Cycle c = fDay > f15 ? Cycle.DAY : Cycle.QUARTER_HOUR;
        double f = Math.max(f15, fDay);
        if (f <= WARN_FRACTION) {
            return new Decision(false, null, null);
        }
        Duration used = c == Cycle.DAY ? usedDay : used15;
        return new Decision(false, String.format(Locale.ROOT, "Your queries have used %d%% of your %s hunting CPU quota (%s of %s). "
                + "At 100%% queries are refused until the cycle ends (in %s); narrow the time range or summarize earlier to use less.",
                (int) Math.floor(f * 100), c.label, cpu(used), cpu(budget(c)), human(Duration.between(now, c.end(now)))), null);
    }

    /** Share of the 15-minute budget one run used: below 1 % Low, below 10 % Medium, else High. */
    public String usageLevel(Duration cpu) {
        double f = fraction(cpu, per15Minutes);
        return f < 0.01 ? "Low" : f < WARN_FRACTION ? "Medium" : "High";
    }

    private static double fraction(Duration used, Duration budget) {
        return (double) used.toMillis() / budget.toMillis();
    }

    /** Waits, rounded up to whole seconds: "45 s", "6 min", "2 h 5 min". */
    static String human(Duration d) {
        long s = Math.max(1, (d.toMillis() + 999) / 1000);
        if (s < 60) {
            return s + " s";
        }
        long m = (s + 59) / 60;
        return m < 60 ? m + " min" : (m / 60) + " h" + (m % 60 == 0 ? "" : " " + (m % 60) + " min");
    }

    /** CPU amounts: "120 ms", "4.2 s", "1 min 42 s". */
    public static String cpu(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
    }
}
