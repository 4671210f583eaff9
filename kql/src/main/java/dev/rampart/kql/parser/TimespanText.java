package dev.rampart.kql.parser;

import dev.rampart.kql.lexer.TimespanUnits;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The inside of {@code timespan(...)}: either a unit literal (2d) or [d.]hh:mm[:ss[.fffffff]]. */
public final class TimespanText {
    private static final Pattern CLOCK = Pattern.compile("(-)?(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7}))?)?");
    private static final Pattern UNIT = Pattern.compile("\\d+(?:\\.\\d+)?[a-zA-Z]+");

    private TimespanText() {
    }

    /** Microseconds, or null when the text is not a timespan. */
    public static Long parse(String s) {
        if (UNIT.matcher(s).matches()) {
            String unit = s.replaceAll("^[0-9.]+", "");
            return TimespanUnits.micros(unit) < 0 ? null : TimespanUnits.parse(s);
        }
        Matcher m = CLOCK.matcher(s);
        if (!m.matches()) {
            return null;
        }
        long days = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        long micros = ((days * 24 + Long.parseLong(m.group(3))) * 60 + Long.parseLong(m.group(4))) * 60_000_000L;
        if (m.group(5) != null) {
            micros += Long.parseLong(m.group(5)) * 1_000_000L;
        }
        if (m.group(6) != null) {
            String frac = (m.group(6) + "000000").substring(0, 6);
            micros += Long.parseLong(frac);
        }
        return m.group(1) != null ? -micros : micros;
    }
}
