package dev.rampart.portal.detection;

import java.time.Duration;
import java.util.Locale;

/**
 * How often a custom detection runs and how far back each run looks (the reference's pairs). The first run of any
 * rule looks back {@link #FIRST_RUN_LOOK_BACK}. Near-real-time rules run after each ingest batch of their table.
 */
public enum Frequency {
    NRT("0", "Continuous (NRT)", Duration.ZERO, Duration.ofHours(4)),
    HOUR_1("1H", "Every hour", Duration.ofHours(1), Duration.ofHours(4)),
    HOUR_3("3H", "Every 3 hours", Duration.ofHours(3), Duration.ofHours(12)),
    HOUR_12("12H", "Every 12 hours", Duration.ofHours(12), Duration.ofHours(48)),
    HOUR_24("24H", "Every 24 hours", Duration.ofHours(24), Duration.ofDays(30));

    public static final Duration FIRST_RUN_LOOK_BACK = Duration.ofDays(30);

    private final String period;
    private final String label;
    private final Duration interval;
    private final Duration lookBack;

    Frequency(String period, String label, Duration interval, Duration lookBack) {
        this.period = period;
        this.label = label;
        this.interval = interval;
        this.lookBack = lookBack;
    }

    /** Graph {@code ruleSchedule.period}: 0, 1H, 3H, 12H, 24H. */
    public String period() {
        return period;
    }

    public String label() {
        return label;
    }

    public Duration interval() {
        return interval;
    }

    public Duration lookBack() {
        return lookBack;
    }

    /** Accepts the period (0, 1H, 24h...), "nrt"/"continuous", or the constant name. */
    public static Frequency parse(String s) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("frequency is required (one of 0, 1H, 3H, 12H, 24H)");
        }
        String v = s.strip().toUpperCase(Locale.ROOT);
        if (v.equals("NRT") || v.equals("CONTINUOUS")) {
            return NRT;
        }
        for (Frequency f : values()) {
            if (f.period.equals(v) || f.name().equals(v)) {
                return f;
            }
        }
        throw new IllegalArgumentException("frequency '" + s + "' is not one of 0 (continuous), 1H, 3H, 12H, 24H");
    }
}
