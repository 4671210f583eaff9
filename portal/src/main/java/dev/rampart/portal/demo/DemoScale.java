package dev.rampart.portal.demo;

import java.util.Locale;

/**
 * Size of the simulated organisation. {@code SMALL} is for tests and quick looks, {@code DEFAULT} is the
 * documented demo (at least 200 devices, 300 people, 14 days, 5 million events), {@code LARGE} stresses hunting.
 */
public enum DemoScale {
    SMALL(50, 70, 3),
    DEFAULT(220, 320, 14),
    LARGE(600, 900, 30);

    private final int devices;
    private final int people;
    private final int days;

    DemoScale(int devices, int people, int days) {
        this.devices = devices;
        this.people = people;
        this.days = days;
    }

    public int devices() {
        return devices;
    }

    /** Human users; admin and service accounts come on top. */
    public int people() {
        return people;
    }

    public int days() {
        return days;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static DemoScale parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown demo scale '" + text + "' (use small, default or large)");
        }
    }
}
