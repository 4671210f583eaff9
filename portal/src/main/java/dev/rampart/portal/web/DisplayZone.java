package dev.rampart.portal.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The time zone pages show times in: the signed-in user's choice (Profile › Preferences) for the request being
 * rendered, UTC otherwise. Title attributes keep the UTC ISO form, so the UTC time is always one hover away.
 */
public final class DisplayZone {
    private static final ThreadLocal<ZoneId> ZONE = new ThreadLocal<>();
    private static final Map<String, DateTimeFormatter> FORMATS = new ConcurrentHashMap<>();

    private DisplayZone() {
    }

    public static ZoneId zone() {
        ZoneId z = ZONE.get();
        return z == null ? ZoneOffset.UTC : z;
    }

    /** "UTC", or the zone's short name at that moment ("CET", "CEST", "EST"), for column headers and suffixes. */
    public static String label(Instant at) {
        ZoneId z = zone();
        if (z.equals(ZoneOffset.UTC) || z.getId().equals("UTC")) {
            return "UTC";
        }
        return DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).withZone(z).format(at);
    }

    /** {@link #label(Instant)} now. */
    public static String label() {
        return label(Instant.now());
    }

    /** {@code t} in the display zone with {@code pattern} (a {@link DateTimeFormatter} pattern, English names). */
    public static String format(Instant t, String pattern) {
        return FORMATS.computeIfAbsent(pattern, p -> DateTimeFormatter.ofPattern(p, Locale.ENGLISH)).withZone(zone()).format(t);
    }

    public static String format(OffsetDateTime t, String pattern) {
        return format(t.toInstant(), pattern);
    }

    /** Display name for a zone choice: "Europe/Berlin (CET, UTC+01:00)". */
    public static String describe(ZoneId z) {
        Instant now = Instant.now();
        return z.getId() + " (" + z.getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + ", UTC" + z.getRules().getOffset(now).getId().replace("Z", "+00:00") + ")";
    }

    static void set(ZoneId z) {
        ZONE.set(z);
    }

    static void clear() {
        ZONE.remove();
    }
}
