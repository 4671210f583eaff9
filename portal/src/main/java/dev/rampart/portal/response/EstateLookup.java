package dev.rampart.portal.response;

import dev.rampart.portal.access.DeviceFilter;
import dev.rampart.portal.events.EventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Read-only questions response features ask the event store: which devices exist, which devices saw a file, how
 * prevalent a file or address is across the estate (distinct devices).
 */
@Service
public class EstateLookup {
    /** A device as the hunting tables name it. */
    public record Device(String deviceId, String deviceName, String osPlatform, String osVersion, String publicIp) {
    }

    private final EventStore store;

    public EstateLookup(EventStore store) {
        this.store = store;
    }

    /** The device with this id or (case-insensitive) name, from its latest DeviceInfo row. */
    public Optional<Device> device(String idOrName) {
        List<Device> d = query("SELECT DeviceId, DeviceName, OSPlatform, OSVersion, PublicIP FROM DeviceInfo "
                + "WHERE DeviceId = ? OR lower(DeviceName) = ? ORDER BY Timestamp DESC LIMIT 1", idOrName, idOrName.toLowerCase(Locale.ROOT));
        return d.stream().findFirst();
    }

    /** Every device in DeviceInfo with its latest name and OS, ordered by name. */
    public List<Device> devices() {
        return query("SELECT DeviceId, arg_max(DeviceName, Timestamp), arg_max(OSPlatform, Timestamp), arg_max(OSVersion, Timestamp), "
                + "arg_max(PublicIP, Timestamp) FROM DeviceInfo WHERE DeviceId IS NOT NULL GROUP BY DeviceId ORDER BY 2");
    }

    /** Devices where a file with this SHA1 or SHA256 was seen (created or run) within {@code window}; at most {@code max}. */
    public List<Device> devicesWithFile(String hash, Duration window, int max) {
        String h = hash.toLowerCase(Locale.ROOT);
        Timestamp since = Timestamp.from(Instant.now().minus(window));
        return query("SELECT DeviceId, max(DeviceName), NULL, NULL, NULL FROM ("
                + "SELECT DeviceId, DeviceName FROM DeviceFileEvents WHERE Timestamp >= ? AND (lower(SHA1) = ? OR lower(SHA256) = ?) "
                + "UNION ALL SELECT DeviceId, DeviceName FROM DeviceProcessEvents WHERE Timestamp >= ? AND (lower(SHA1) = ? OR lower(SHA256) = ?)) "
                + "GROUP BY DeviceId ORDER BY 2 LIMIT " + max, since, h, h, since, h, h);
    }

    /** Distinct devices that saw this file hash (any of MD5/SHA1/SHA256) in the store's whole retention. */
    public long filePrevalence(String hash) {
        String h = hash.toLowerCase(Locale.ROOT);
        return count("SELECT count(DISTINCT DeviceId) FROM (SELECT DeviceId FROM DeviceFileEvents WHERE lower(SHA1) = ? OR lower(SHA256) = ? OR lower(MD5) = ? "
                + "UNION ALL SELECT DeviceId FROM DeviceProcessEvents WHERE lower(SHA1) = ? OR lower(SHA256) = ? OR lower(MD5) = ?)", h, h, h, h, h, h);
    }

    /**
     * The folder (FolderPath as the event store holds it: folder or full path) where the file with this SHA1 or SHA256
     * was last seen on the device, or empty when the store never saw it there.
     */
    public Optional<String> fileFolder(String hash, String deviceId) {
        String h = hash.toLowerCase(Locale.ROOT);
        try (Connection c = store.openReadConnection(); PreparedStatement ps = c.prepareStatement("SELECT FolderPath FROM ("
                + "SELECT Timestamp, FolderPath FROM DeviceFileEvents WHERE DeviceId = ? AND (lower(SHA1) = ? OR lower(SHA256) = ?) "
                + "UNION ALL SELECT Timestamp, FolderPath FROM DeviceProcessEvents WHERE DeviceId = ? AND (lower(SHA1) = ? OR lower(SHA256) = ?)) "
                + "WHERE FolderPath IS NOT NULL AND FolderPath <> '' ORDER BY Timestamp DESC LIMIT 1")) {
            bind(ps, deviceId, h, h, deviceId, h, h);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("event store query failed: " + e.getMessage(), e);
        }
    }

    /** Distinct devices that connected to this remote IP. */
    public long addressPrevalence(String ip) {
        return count("SELECT count(DISTINCT DeviceId) FROM DeviceNetworkEvents WHERE RemoteIP = ?", ip);
    }

    /** Distinct devices that contacted a URL containing this host or URL text. */
    public long urlPrevalence(String urlOrHost) {
        return count("SELECT count(DISTINCT DeviceId) FROM DeviceNetworkEvents WHERE contains(lower(RemoteUrl), ?)", urlOrHost.toLowerCase(Locale.ROOT));
    }

    /** {@link #filePrevalence(String)} counting only devices {@code visible} covers (a caller's data scope). */
    public long filePrevalence(String hash, DeviceFilter visible) {
        String h = hash.toLowerCase(Locale.ROOT);
        return scopedCount("SELECT DeviceId FROM DeviceFileEvents WHERE lower(SHA1) = ? OR lower(SHA256) = ? OR lower(MD5) = ? "
                + "UNION ALL SELECT DeviceId FROM DeviceProcessEvents WHERE lower(SHA1) = ? OR lower(SHA256) = ? OR lower(MD5) = ?", visible, h, h, h, h, h, h);
    }

    /** {@link #addressPrevalence(String)} counting only devices {@code visible} covers. */
    public long addressPrevalence(String ip, DeviceFilter visible) {
        return scopedCount("SELECT DeviceId FROM DeviceNetworkEvents WHERE RemoteIP = ?", visible, ip);
    }

    /** {@link #urlPrevalence(String)} counting only devices {@code visible} covers. */
    public long urlPrevalence(String urlOrHost, DeviceFilter visible) {
        return scopedCount("SELECT DeviceId FROM DeviceNetworkEvents WHERE contains(lower(RemoteUrl), ?)", visible, urlOrHost.toLowerCase(Locale.ROOT));
    }

    private long scopedCount(String inner, DeviceFilter visible, Object... params) {
        DeviceFilter.Sql f = visible.idIn("DeviceId");
        if (f.sql().equals("FALSE")) {
            return 0;
        }
        List<Object> all = new ArrayList<>(List.of(params));
        all.addAll(f.params());
        return count("SELECT count(DISTINCT DeviceId) FROM (" + inner + ") t WHERE " + f.sql(), all.toArray());
    }

    /** Distinct devices in DeviceInfo: the estate size prevalence is compared with. */
    public long deviceCount() {
        return count("SELECT count(DISTINCT DeviceId) FROM DeviceInfo");
    }

    private long count(String sql, Object... params) {
        try (Connection c = store.openReadConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("event store query failed: " + e.getMessage(), e);
        }
    }

    private List<Device> query(String sql, Object... params) {
        try (Connection c = store.openReadConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<Device> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Device(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("event store query failed: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
