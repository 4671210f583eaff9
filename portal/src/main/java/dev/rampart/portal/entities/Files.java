package dev.rampart.portal.entities;

import dev.rampart.portal.entities.EventSql.Row;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.DeviceFilter;
import org.springframework.stereotype.Service;

/**
 * Files by hash across process, file and image-load events: names, prevalence (distinct devices), where seen;
 * only events of devices in the caller's data scope count.
 */
@Service
public class Files {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}");
    static final String SOURCES = "SELECT Timestamp, DeviceId, DeviceName, FileName, FolderPath, SHA1, SHA256, MD5 FROM DeviceProcessEvents "
            + "UNION ALL SELECT Timestamp, DeviceId, DeviceName, FileName, FolderPath, SHA1, SHA256, MD5 FROM DeviceFileEvents "
            + "UNION ALL SELECT Timestamp, DeviceId, DeviceName, FileName, FolderPath, SHA1, SHA256, MD5 FROM DeviceImageLoadEvents";

    private final EventSql sql;
    private final DataScopes scopes;

    Files(EventSql sql, DataScopes scopes) {
        this.sql = sql;
        this.scopes = scopes;
    }

    // The three source tables are endpoint tables keyed by DeviceId: one device condition covers their union.
    private DeviceFilter.Sql visible() {
        return scopes.devices().idIn("DeviceId");
    }

    public record Profile(String sha1, String sha256, String md5, long devices, long events, Instant firstSeen, Instant lastSeen) {
    }

    public record Name(String fileName, String folderPath, long events) {
    }

    public record SeenOn(String deviceId, String deviceName, long events, Instant firstSeen, Instant lastSeen) {
    }

    /** A hash is an MD5, SHA-1 or SHA-256 in hex; anything else is not a file key. */
    public static boolean isHash(String s) {
        return s != null && HASH.matcher(s.toLowerCase(Locale.ROOT)).matches();
    }

    private static String column(String hash) {
        return switch (hash.length()) {
            case 32 -> "MD5";
            case 40 -> "SHA1";
            default -> "SHA256";
        };
    }

    public Optional<Profile> profile(String hash) {
        String h = hash.toLowerCase(Locale.ROOT);
        DeviceFilter.Sql v = visible();
        Row r = sql.first("SELECT any_value(SHA1), any_value(SHA256), any_value(MD5), count(DISTINCT DeviceId), count(*), min(Timestamp), max(Timestamp) "
                + "FROM (" + SOURCES + ") WHERE lower(" + column(h) + ") = ? AND " + v.sql(), v.after(h)).orElseThrow();
        return r.num(4) == 0 ? Optional.empty()
                : Optional.of(new Profile(r.str(0), r.str(1), r.str(2), r.num(3), r.num(4), r.time(5), r.time(6)));
    }

    public List<Name> names(String hash) {
        String h = hash.toLowerCase(Locale.ROOT);
        DeviceFilter.Sql v = visible();
        return sql.rows("SELECT FileName, FolderPath, count(*) FROM (" + SOURCES + ") WHERE lower(" + column(h) + ") = ? AND " + v.sql()
                        + " GROUP BY FileName, FolderPath ORDER BY 3 DESC LIMIT 50", v.after(h))
                .stream().map(r -> new Name(r.str(0), r.str(1), r.num(2))).toList();
    }

    public List<SeenOn> devices(String hash) {
        String h = hash.toLowerCase(Locale.ROOT);
        DeviceFilter.Sql v = visible();
        return sql.rows("SELECT DeviceId, arg_max(DeviceName, Timestamp), count(*), min(Timestamp), max(Timestamp) FROM (" + SOURCES + ") "
                        + "WHERE lower(" + column(h) + ") = ? AND " + v.sql() + " GROUP BY DeviceId ORDER BY 5 DESC LIMIT 200", v.after(h))
                .stream().map(r -> new SeenOn(r.str(0), r.str(1), r.num(2), r.time(3), r.time(4))).toList();
    }
}
