package dev.rampart.portal.entities;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The days a device timeline shows: {@code from} and {@code to} are UTC dates (yyyy-mm-dd), both included; either may
 * be missing. A date that does not parse, or a range that ends before it starts, is a 400 naming it.
 */
public record TimelineRange(LocalDate fromDay, LocalDate toDay) {
    static final int MAX_EXPORT_DAYS = 7;

    static TimelineRange parse(String from, String to) {
        LocalDate f = day("from", from);
        LocalDate t = day("to", to);
        if (f != null && t != null && t.isBefore(f)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "to (" + t + ") is before from (" + f + ")");
        }
        return new TimelineRange(f, t);
    }

    private static LocalDate day(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + " \"" + value + "\" is not a date (yyyy-mm-dd)");
        }
    }

    /** The range an export covers: at most 7 days, ending at {@code to} (or today) when the range is longer or open. */
    TimelineRange forExport() {
        LocalDate end = toDay != null ? toDay : LocalDate.now(ZoneOffset.UTC);
        LocalDate start = fromDay != null && !fromDay.isBefore(end.minusDays(MAX_EXPORT_DAYS - 1L)) ? fromDay : end.minusDays(MAX_EXPORT_DAYS - 1L);
        return new TimelineRange(start, end);
    }

    public Instant from() {
        return fromDay == null ? null : fromDay.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public Instant to() {
        return toDay == null ? null : toDay.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public String fromText() {
        return fromDay == null ? "" : fromDay.toString();
    }

    public String toText() {
        return toDay == null ? "" : toDay.toString();
    }

    String label() {
        return (fromDay == null ? "…" : fromDay.toString()) + " to " + (toDay == null ? "…" : toDay.toString()) + " (UTC)";
    }
}
