package dev.rampart.kql.udf;

import java.math.BigDecimal;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/**
 * How Kusto turns reals and timespans into text ({@code tostring}, {@code strcat}): reals as the shortest
 * round-trip digits laid out like .NET (plain between 1E-05 and 1E+15, no trailing {@code .0}, otherwise
 * {@code 1.5E+20}); timespans as {@code [-][d.]hh:mm:ss[.fffffff]}.
 */
final class ValueText implements Family {

    @Override
    public void define(Consumer<JavaFunction> out) {
        // The argument is the database's own shortest text for the double; only the layout changes.
        fn(out, "__real_text s>s", a -> a[0] == null ? null : real((String) a[0]));
        fn(out, "__timespan_text l>s", a -> a[0] == null ? null : timespan((Long) a[0]));
    }

    static String real(String shortest) {
        String s = shortest.trim().toLowerCase();
        switch (s) {
            case "nan", "-nan":
                return "NaN";
            case "inf", "infinity":
                return "Infinity";
            case "-inf", "-infinity":
                return "-Infinity";
            default:
                break;
        }
        BigDecimal d = new BigDecimal(s);
        if (d.signum() == 0) {
            return "0";
        }
        d = d.stripTrailingZeros();
        String digits = d.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - d.scale();
        if (exp > -5 && exp < 15) {
            return d.toPlainString();
        }
        StringBuilder b = new StringBuilder();
        if (d.signum() < 0) {
            b.append('-');
        }
        b.append(digits.charAt(0));
        if (digits.length() > 1) {
            b.append('.').append(digits, 1, digits.length());
        }
        b.append('E').append(exp < 0 ? '-' : '+');
        int e = Math.abs(exp);
        b.append(e < 10 ? "0" + e : Integer.toString(e));
        return b.toString();
    }

    static String timespan(long ticks) {
        StringBuilder b = new StringBuilder();
        if (ticks < 0) {
            b.append('-');
        }
        long t = Math.abs(ticks);
        long secs = t / 10_000_000L;
        long frac = t % 10_000_000L;
        long days = secs / 86_400;
        if (days > 0) {
            b.append(days).append('.');
        }
        b.append(String.format("%02d:%02d:%02d", secs / 3600 % 24, secs / 60 % 60, secs % 60));
        if (frac > 0) {
            b.append('.').append(String.format("%07d", frac));
        }
        return b.toString();
    }
}
