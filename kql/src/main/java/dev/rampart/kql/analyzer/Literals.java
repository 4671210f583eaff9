package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns AST literals into typed constants. */
public final class Literals {
    /** AM/PM after a time of day, the way .NET's invariant culture writes and reads it (also a.m./p.m.). */
    private static final String MERIDIEM = "([AaPp])\\.?[Mm]\\.?";

    /**
     * A time of day without a date: 24-hour HH:mm[:ss[.fffffff]], or 12-hour with AM/PM (then the minutes may be left out,
     * as in "8 PM"). Kusto reads it as that time on the current day.
     */
    public static final Pattern TIME_ONLY = Pattern.compile(
            "(\\d{1,2})(?::(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7}))?)?)?(?:\\s*" + MERIDIEM + ")?");

    private static final Pattern DATETIME = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7}))?)?(?:\\s*" + MERIDIEM + ")?)?"
                    + "\\s*(Z|[+-]\\d{2}:?\\d{2})?");

    /** US month-day-year order, as .NET's invariant culture reads it: 12-02-2022 is December 2nd. */
    private static final Pattern US_DATE = Pattern.compile(
            "(\\d{1,2})[-/](\\d{1,2})[-/](\\d{4})((?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,7})?)?(?:\\s*[AaPp]\\.?[Mm]\\.?)?)?\\s*(?:Z|[+-]\\d{2}:?\\d{2})?)");
    /** Comma-separated parts: datetime(2025, 6, 14[, hour, minute, second]). */
    private static final Pattern PARTS = Pattern.compile(
            "(\\d{4})\\s*,\\s*(\\d{1,2})\\s*,\\s*(\\d{1,2})(?:\\s*,\\s*(\\d{1,2})(?:\\s*,\\s*(\\d{1,2})(?:\\s*,\\s*(\\d{1,2}))?)?)?");

    private static final Pattern SPACED_DATE = Pattern.compile("^(\\d{4})\\s*-\\s*(\\d{1,2})\\s*-\\s*(\\d{1,2})(?=$|[\\sT])");

    private Literals() {
    }

    /** {@code today}: the query's current day (the date of now()), which a time-only datetime falls on. */
    static Rex of(Expr.Literal l, LocalDate today) {
        return switch (l.kind()) {
            case STRING -> new Rex.Lit(l.value(), KqlType.STRING);
            case GUID -> new Rex.Lit(l.value(), KqlType.GUID);
            case LONG -> new Rex.Lit(l.value(), KqlType.LONG);
            case INT -> new Rex.Lit(l.value(), KqlType.INT);
            case REAL -> new Rex.Lit(l.value(), KqlType.REAL);
            case BOOL -> new Rex.Lit(l.value(), KqlType.BOOL);
            case NULL -> new Rex.Lit(null, KqlType.DYNAMIC);
            case TIMESPAN -> new Rex.Lit(((Expr.Timespan) l.value()).micros(), KqlType.TIMESPAN);
            case DATETIME -> new Rex.Lit(dateTime(((Expr.DateTimeText) l.value()).text(), l.span(), today), KqlType.DATETIME);
            case DYNAMIC -> new Rex.Lit(l.value(), KqlType.DYNAMIC);
        };
    }

    /**
     * A datetime literal's text as UTC; the parser also reads the datetimes written inside dynamic(...) with it. Without
     * the query's current day a time-only text is an error, since the day it means is not known there.
     */
    public static LocalDateTime dateTime(String text, Span span) {
        return dateTime(text, span, null);
    }

    /** As {@link #dateTime(String, Span)}, with {@code today} for texts that give only a time of day. */
    public static LocalDateTime dateTime(String text, Span span, LocalDate today) {
        String t0 = text.trim();
        Matcher time = TIME_ONLY.matcher(t0);
        if (time.matches() && (time.group(2) != null || time.group(5) != null)) {
            return timeToday(time, text, span, today);
        }
        // The reference writes datetime(2017 - 08 - 01) and prints its result: blanks around the date's dashes are read past.
        t0 = SPACED_DATE.matcher(t0).replaceFirst("$1-$2-$3");
        Matcher us = US_DATE.matcher(t0);
        if (us.matches()) {
            t0 = us.group(3) + "-" + us.group(1) + "-" + us.group(2) + us.group(4);
        }
        Matcher parts = PARTS.matcher(t0);
        if (parts.matches()) {
            t0 = parts.group(1) + "-" + parts.group(2) + "-" + parts.group(3) + (parts.group(4) == null ? ""
                    : " " + parts.group(4) + ":" + (parts.group(5) == null ? "00" : pad(parts.group(5)))
                    + ":" + (parts.group(6) == null ? "00" : pad(parts.group(6))));
        }
        Matcher m = DATETIME.matcher(t0);
        if (!m.matches()) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, span, "Malformed datetime literal '" + text + "'",
                    "Write it as datetime(2024-01-31) or datetime(2024-01-31 13:45:00).");
        }
        try {
            int nanos = 0;
            if (m.group(7) != null) {
                nanos = Integer.parseInt((m.group(7) + "000000000").substring(0, 9));
                nanos -= nanos % 1000; // the store keeps microseconds
            }
            int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            if (m.group(8) != null) {
                hour = hour12(hour, m.group(8), text, span);
            }
            LocalDateTime t = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), hour,
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
            String zone = m.group(9);
            if (zone != null && !zone.equals("Z")) {
                ZoneOffset off = ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
                t = OffsetDateTime.of(t, off).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
            return t;
        } catch (DateTimeException | NumberFormatException e) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, span, "Invalid datetime literal '" + text + "'");
        }
    }

    private static LocalDateTime timeToday(Matcher m, String text, Span span, LocalDate today) {
        if (today == null) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, span, "The datetime '" + text + "' gives only a time of day, and no current day is known here",
                    "Write the date too, as in datetime(2024-01-31 " + text.trim() + ").");
        }
        try {
            int hour = Integer.parseInt(m.group(1));
            if (m.group(5) != null) {
                hour = hour12(hour, m.group(5), text, span);
            }
            int nanos = m.group(4) == null ? 0 : Integer.parseInt((m.group(4) + "000000000").substring(0, 9));
            return today.atTime(hour, m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), nanos - nanos % 1000);
        } catch (DateTimeException e) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, span, "Invalid time of day in datetime literal '" + text + "'",
                    "Hours run 0-23 (1-12 with AM/PM), minutes and seconds 0-59.");
        }
    }

    /** 12 AM is midnight and 12 PM noon; an hour outside 1-12 with AM/PM is not a 12-hour time. */
    private static int hour12(int hour, String meridiem, String text, Span span) {
        if (hour < 1 || hour > 12) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, span, "Invalid datetime literal '" + text + "': hour " + hour + " with AM/PM",
                    "With AM/PM the hour is 1-12; without it, 0-23.");
        }
        boolean pm = meridiem.equalsIgnoreCase("p");
        return hour % 12 + (pm ? 12 : 0);
    }

    private static String pad(String two) {
        return two.length() == 1 ? "0" + two : two;
    }
}
