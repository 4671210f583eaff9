package dev.rampart.portal.ingest;

import java.time.DateTimeException;
import java.time.LocalDateTime;

/**
 * Parses ISO-8601 date-times as ingest accepts them and converts them to UTC wall time, the way the event
 * store keeps datetimes. Accepted: {@code yyyy-MM-dd}, optionally followed by {@code T} (or a space) and
 * {@code HH:mm}, {@code HH:mm:ss} or {@code HH:mm:ss.f} (1-9 fraction digits), optionally followed by
 * {@code Z}, {@code ±HH:mm}, {@code ±HHmm} or {@code ±HH}. No zone means UTC.
 *
 * <p>Hand-written because this runs for every datetime of every ingested row, where
 * {@code DateTimeFormatter} costs several times more than the rest of the row's decoding.
 */
final class IsoDateTimes {
    private IsoDateTimes() {
    }

    /** @return the instant as UTC wall time, or {@code null} if {@code s} is not an accepted ISO-8601 date-time */
    static LocalDateTime parseUtc(String s) {
        int n = s.length();
        if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if ((year | month | day) < 0) {
            return null;
        }
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        int offsetSeconds = 0;
        int i = 10;
        if (i < n) {
            char sep = s.charAt(i);
            if (sep != 'T' && sep != 't' && sep != ' ') {
                return null;
            }
            if (n < i + 6 || s.charAt(i + 3) != ':') {
                return null;
            }
            hour = digits(s, i + 1, 2);
            minute = digits(s, i + 4, 2);
            i += 6;
            if (i < n && s.charAt(i) == ':') {
                second = digits(s, i + 1, 2);
                i += 3;
                if (i > n) {
                    return null;
                }
                if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                    int start = ++i;
                    int scale = 100_000_000;
                    while (i < n && isDigit(s.charAt(i))) {
                        // Digits beyond nanoseconds carry no storable information (the store keeps microseconds).
                        nanos += (s.charAt(i) - '0') * scale;
                        scale /= 10;
                        i++;
                    }
                    if (i == start) {
                        return null;
                    }
                }
            }
            if ((hour | minute | second) < 0) {
                return null;
            }
            if (i < n) {
                char z = s.charAt(i);
                if ((z == 'Z' || z == 'z') && i + 1 == n) {
                    i++;
                } else if (z == '+' || z == '-') {
                    offsetSeconds = offset(s, i + 1);
                    if (offsetSeconds == Integer.MIN_VALUE) {
                        return null;
                    }
                    if (z == '-') {
                        offsetSeconds = -offsetSeconds;
                    }
                    i = n;
                } else {
                    return null;
                }
            }
        }
        if (i != n) {
            return null;
        }
        try {
            LocalDateTime t = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
            return offsetSeconds == 0 ? t : t.minusSeconds(offsetSeconds);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Parses {@code HH}, {@code HHmm} or {@code HH:mm} at {@code from} up to the end; MIN_VALUE if malformed. */
    private static int offset(String s, int from) {
        int len = s.length() - from;
        int h;
        int m = 0;
        if (len == 2) {
            h = digits(s, from, 2);
        } else if (len == 4) {
            h = digits(s, from, 2);
            m = digits(s, from + 2, 2);
        } else if (len == 5 && s.charAt(from + 2) == ':') {
            h = digits(s, from, 2);
            m = digits(s, from + 3, 2);
        } else {
            return Integer.MIN_VALUE;
        }
        if (h < 0 || m < 0 || h > 18 || m > 59) {
            return Integer.MIN_VALUE;
        }
        return h * 3600 + m * 60;
    }

    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int v = 0;
        for (int k = from; k < from + count; k++) {
            char c = s.charAt(k);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
