package dev.rampart.kql.udf;

import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/**
 * {@code format_timespan()} on 100-ns ticks: the .NET custom timespan specifiers {@code d}..{@code dddddddd}
 * (days, zero-padded to the count), {@code h}/{@code H}, {@code m}, {@code s} (one letter unpadded, two
 * padded), {@code f}.. (leading fraction digits) and {@code F}.. (the same without trailing zeros);
 * quoted text and backslash-escaped characters are literal, as is any other character.
 */
final class TimespanFormat implements Family {
    private static final long TICKS_PER_SECOND = 10_000_000L;

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "__format_timespan l,s>s", a -> a[0] == null || a[1] == null ? null : format((Long) a[0], (String) a[1]));
    }

    static String format(long ticks, String fmt) {
        StringBuilder b = new StringBuilder();
        if (ticks < 0) {
            b.append('-');
        }
        long t = Math.abs(ticks);
        long fraction = t % TICKS_PER_SECOND;
        long secs = t / TICKS_PER_SECOND;
        long days = secs / 86_400;
        long hours = secs / 3600 % 24;
        long minutes = secs / 60 % 60;
        long seconds = secs % 60;
        int i = 0;
        while (i < fmt.length()) {
            char ch = fmt.charAt(i);
            int n = 1;
            while (i + n < fmt.length() && fmt.charAt(i + n) == ch) {
                n++;
            }
            switch (ch) {
                case 'd' -> b.append(pad(days, n));
                case 'h', 'H' -> b.append(pad(hours, Math.min(n, 2)));
                case 'm' -> b.append(pad(minutes, Math.min(n, 2)));
                case 's' -> b.append(pad(seconds, Math.min(n, 2)));
                case 'f', 'F' -> {
                    String digits = pad(fraction, 7).substring(0, Math.min(n, 7));
                    if (ch == 'F') {
                        digits = digits.replaceAll("0+$", "");
                    }
                    b.append(digits);
                }
                case '\'', '"' -> {
                    int end = fmt.indexOf(ch, i + 1);
                    end = end < 0 ? fmt.length() : end;
                    b.append(fmt, i + 1, end);
                    i = end + 1;
                    continue;
                }
                case '\\' -> {
                    if (i + 1 < fmt.length()) {
                        b.append(fmt.charAt(i + 1));
                    }
                    i += 2;
                    continue;
                }
                default -> b.append(String.valueOf(ch).repeat(n));
            }
            i += n;
        }
        return b.toString();
    }

    private static String pad(long v, int width) {
        String s = Long.toString(v);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
