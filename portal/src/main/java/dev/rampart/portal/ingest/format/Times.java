package dev.rampart.portal.ingest.format;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Event time parsing for the shapes Windows shippers write; everything ends as a UTC {@link LocalDateTime}. */
final class Times {
    private Times() {
    }

    /**
     * Parses {@code 2020-10-19 02:56:14.283}, {@code 2020-10-19T02:56:14.2830000Z}, {@code ...+02:00}; a time without
     * zone is taken as UTC (Sysmon's UtcTime, Windows' SystemTime). Returns null when the text is no such time.
     */
    static LocalDateTime parse(String s) {
        if (s == null || s.length() < 10) {
            return null;
        }
        String t = s.trim();
        if (t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        if (t.length() == 10) {
            t = t + "T00:00:00";
        }
        try {
            if (t.endsWith("Z") || t.endsWith("z") || hasOffset(t)) {
                return OffsetDateTime.parse(t.endsWith("z") ? t.substring(0, t.length() - 1) + 'Z' : t)
                        .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
            return LocalDateTime.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean hasOffset(String t) {
        int n = t.length();
        return n > 19 && (t.charAt(n - 6) == '+' || t.charAt(n - 6) == '-') && t.charAt(n - 3) == ':';
    }
}
