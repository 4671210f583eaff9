package dev.rampart.portal.demo;

import java.text.NumberFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Outcome of a demo load: rows per table, organisation size, and how long it took. */
public record DemoSummary(DemoOptions options, Map<String, Long> rowsPerTable, int devices, int users, int attacks,
                          Duration elapsed) {

    public long events() {
        return rowsPerTable.values().stream().mapToLong(Long::longValue).sum();
    }

    public long eventsPerSecond() {
        long ms = Math.max(1, elapsed.toMillis());
        return events() * 1000 / ms;
    }

    /** The one-line summary, e.g. {@code demo: 5,213,004 events in 20 tables for 220 devices / 330 users in 142 s}. */
    public String line() {
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.US);
        return "demo: " + n.format(events()) + " events in " + rowsPerTable.size() + " tables for " + devices + " devices / "
                + users + " users in " + elapsed.toSeconds() + " s (" + n.format(eventsPerSecond()) + " events/s, "
                + attacks + " attacks, scale " + options.scale().name().toLowerCase(Locale.ROOT) + ", seed " + options.seed() + ")";
    }
}
