package dev.rampart.portal.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What to generate: size, seed and the end of the simulated window (events cover {@code end - days ... end}).
 * The same options always produce the same events.
 */
public record DemoOptions(DemoScale scale, long seed, Instant end) {
    public static final long DEFAULT_SEED = 20_240_917L;

    public DemoOptions {
        if (scale == null) {
            scale = DemoScale.DEFAULT;
        }
        if (end == null) {
            end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        }
    }

    public Instant start() {
        return end.minus(scale.days(), ChronoUnit.DAYS);
    }

    /**
     * Reads {@code --demo-scale=} / {@code --scale=} and {@code --demo-seed=} / {@code --seed=} from arguments,
     * ignoring anything else; the window ends now.
     *
     * @throws IllegalArgumentException naming the bad option
     */
    public static DemoOptions parse(List<String> args) {
        DemoScale scale = DemoScale.DEFAULT;
        long seed = DEFAULT_SEED;
        for (String a : args) {
            String value = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("--demo-scale=") || a.startsWith("--scale=")) {
                scale = DemoScale.parse(value);
            } else if (a.startsWith("--demo-seed=") || a.startsWith("--seed=")) {
                try {
                    seed = Long.parseLong(value.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--demo-seed must be a whole number, got '" + value + "'");
                }
            }
        }
        return new DemoOptions(scale, seed, null);
    }
}
