package dev.rampart.portal.entities;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Addresses of the entity pages, and the small formatting those pages share. */
public final class EntityLinks {

    private EntityLinks() {
    }

    public static String device(String deviceId) {
        return "/devices/" + enc(deviceId);
    }

    public static String user(String accountKey) {
        return "/users/" + enc(accountKey);
    }

    public static String file(String hash) {
        return "/files/" + enc(hash);
    }

    public static String email(String networkMessageId) {
        return "/emails/" + enc(networkMessageId);
    }

    public static String ip(String ip) {
        return "/ips/" + enc(ip);
    }

    public static String url(String domain) {
        return "/urls/" + enc(domain);
    }

    /** The entity page for a hunting result cell, when its column holds an entity the portal has a page for. */
    public static Optional<String> forColumn(String column, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (column) {
            case "DeviceId", "DeviceName", "RemoteDeviceName" -> device(value);
            case "AccountUpn", "AccountName", "AccountObjectId", "AccountSid", "InitiatingProcessAccountName",
                    "InitiatingProcessAccountUpn" -> user(value);
            case "SHA1", "SHA256", "MD5", "InitiatingProcessSHA1", "InitiatingProcessSHA256", "InitiatingProcessMD5" ->
                    Files.isHash(value) ? file(value) : null;
            case "RemoteIP", "LocalIP", "IPAddress", "PublicIP", "DestinationIPAddress", "SenderIPv4" ->
                    Network.isIp(value) ? ip(value) : null;
            case "RemoteUrl", "Url", "UrlDomain" -> Network.domainOf(value).map(EntityLinks::url).orElse(null);
            case "NetworkMessageId" -> email(value);
            default -> null;
        });
    }

    /** Absolute time in the reader's zone for detail pages, with the zone (the element's title carries the UTC ISO form). */
    public static String time(Instant t) {
        return t == null ? "—" : dev.rampart.portal.web.DisplayZone.format(t, "yyyy-MM-dd HH:mm:ss") + " " + dev.rampart.portal.web.DisplayZone.label(t);
    }


    /** Compact time in the reader's zone for table cells ("Dec 4, 21:59"); pair it with {@link #iso} in a title. */
    public static String when(Instant t) {
        return t == null ? "—" : dev.rampart.portal.web.DisplayZone.format(t, "MMM d, HH:mm");
    }

    /** Relative time for queues and cards ("4 min ago"); the absolute time belongs in the title attribute. */
    public static String ago(Instant t) {
        if (t == null) {
            return "—";
        }
        long s = Math.max(0, java.time.Duration.between(t, Instant.now()).getSeconds());
        return s < 60 ? "just now" : s < 3600 ? s / 60 + " min ago" : s < 86_400 ? s / 3600 + " h ago" : s / 86_400 + " d ago";
    }

    public static String iso(Instant t) {
        return t == null ? "" : t.toString();
    }

    public static String num(long n) {
        return String.format("%,d", n);
    }

    /** {@code path?k1=v1&k2=v2...} with encoded values; empty values are left out so bookmarks stay short. */
    public static String query(String path, String... namesAndValues) {
        StringBuilder b = new StringBuilder(path);
        char sep = '?';
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String v = namesAndValues[i + 1];
            if (v != null && !v.isEmpty()) {
                b.append(sep).append(namesAndValues[i]).append('=').append(enc(v));
                sep = '&';
            }
        }
        return b.toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
