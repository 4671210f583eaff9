package dev.rampart.kql.lexer;

import java.util.Locale;

/** Timespan literal suffixes (1d, 2h, 30m, 10s, 100ms ...) and their length in microseconds. */
public final class TimespanUnits {
    private TimespanUnits() {
    }

    /** Microseconds per unit, or -1 when the suffix is not a timespan unit. */
    public static long micros(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "d", "day", "days" -> 86_400_000_000L;
            case "h", "hr", "hrs", "hour", "hours" -> 3_600_000_000L;
            case "m", "min", "minute", "minutes" -> 60_000_000L;
            case "s", "sec", "second", "seconds" -> 1_000_000L;
            case "ms", "milli", "millis", "millisecond", "milliseconds" -> 1_000L;
            case "microsecond", "microseconds" -> 1L;
            // Kusto ticks are 100 ns; the store keeps microseconds, so ticks are truncated.
            case "tick", "ticks" -> 0L;
            default -> -1L;
        };
    }

    /** Parses a literal such as {@code 1.5h} into microseconds. */
    public static long parse(String literal) {
        int i = 0;
        while (i < literal.length() && (Character.isDigit(literal.charAt(i)) || literal.charAt(i) == '.')) {
            i++;
        }
        double n = Double.parseDouble(literal.substring(0, i));
        String unit = literal.substring(i);
        if (unit.equalsIgnoreCase("tick") || unit.equalsIgnoreCase("ticks")) {
            return Math.round(n / 10);
        }
        return Math.round(n * micros(unit));
    }
}
