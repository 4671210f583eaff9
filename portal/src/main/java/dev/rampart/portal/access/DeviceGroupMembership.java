package dev.rampart.portal.access;

import dev.rampart.portal.events.EventStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Which devices belong to which device group, resolved from the latest DeviceInfo row of every device in the
 * event store: a device joins the highest-ranked group whose rule matches, otherwise the default group. The
 * answer is cached and recomputed when it is older than {@code rampart.device-groups.refresh} (default 1 min)
 * or when a group changed.
 */
@Service
public class DeviceGroupMembership {
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final String LATEST = "SELECT \"DeviceId\", arg_max(\"DeviceName\", \"Timestamp\"), arg_max(\"OSPlatform\", \"Timestamp\"), "
            + "arg_max(CAST(\"DeviceManualTags\" AS VARCHAR), \"Timestamp\"), arg_max(CAST(\"DeviceDynamicTags\" AS VARCHAR), \"Timestamp\"), "
            + "arg_max(\"RegistryDeviceTag\", \"Timestamp\") FROM \"DeviceInfo\" WHERE \"DeviceId\" IS NOT NULL GROUP BY \"DeviceId\"";

    private final EventStore events;
    private final DeviceGroups groups;
    private final Duration maxAge;
    private volatile Snapshot snapshot;

    public DeviceGroupMembership(EventStore events, DeviceGroups groups,
                                 @Value("${rampart.device-groups.refresh:PT1M}") Duration maxAge) {
        this.events = events;
        this.groups = groups;
        this.maxAge = maxAge;
    }

    /**
     * Devices per group at one moment. Device names are lower case. Groups without devices have empty sets.
     */
    public record Snapshot(Instant takenAt, long groupsVersion, Map<Long, Set<String>> deviceIds, Map<Long, Set<String>> deviceNames,
                           Map<String, Long> groupOfDevice) {
        public Set<String> deviceIds(long groupId) {
            return deviceIds.getOrDefault(groupId, Set.of());
        }

        public Set<String> deviceNames(long groupId) {
            return deviceNames.getOrDefault(groupId, Set.of());
        }

        public int count(long groupId) {
            return deviceIds(groupId).size();
        }
    }

    /** The current membership, recomputed first when stale. */
    public Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || s.groupsVersion() != groups.version() || s.takenAt().plus(maxAge).isBefore(Instant.now())) {
            s = refresh();
        }
        return s;
    }

    /** Recomputes membership now (after an import, or on demand from the Device groups page). */
    public synchronized Snapshot refresh() {
        long version = groups.version();
        List<DeviceGroup> ranked = groups.all();
        long defaultId = ranked.stream().filter(DeviceGroup::isDefault).mapToLong(DeviceGroup::id).findFirst().orElse(-1);
        Map<Long, Set<String>> ids = new HashMap<>();
        Map<Long, Set<String>> names = new HashMap<>();
        Map<String, Long> groupOf = new HashMap<>();
        for (DeviceGroup.Device d : latestDevices()) {
            long g = defaultId;
            for (DeviceGroup candidate : ranked) {
                if (candidate.matches(d)) {
                    g = candidate.id();
                    break;
                }
            }
            ids.computeIfAbsent(g, k -> new HashSet<>()).add(d.deviceId());
            if (d.deviceName() != null) {
                names.computeIfAbsent(g, k -> new HashSet<>()).add(d.deviceName().toLowerCase(Locale.ROOT));
            }
            groupOf.put(d.deviceId(), g);
        }
        Snapshot s = new Snapshot(Instant.now(), version, ids, names, groupOf);
        snapshot = s;
        return s;
    }

    /** Devices as their latest DeviceInfo row describes them, tags from the manual, dynamic and registry tag columns. */
    public List<DeviceGroup.Device> latestDevices() {
        List<DeviceGroup.Device> out = new ArrayList<>();
        try (Connection c = events.openReadConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(LATEST)) {
            while (rs.next()) {
                Set<String> tags = new LinkedHashSet<>();
                addJsonStrings(rs.getString(4), tags);
                addJsonStrings(rs.getString(5), tags);
                String registry = rs.getString(6);
                if (registry != null && !registry.isBlank()) {
                    tags.add(registry.strip());
                }
                out.add(new DeviceGroup.Device(rs.getString(1), rs.getString(2), rs.getString(3), tags));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read DeviceInfo to resolve device groups: " + e.getMessage(), e);
        }
        return out;
    }

    // Tag columns hold JSON arrays of strings; a plain string is taken as one tag.
    static void addJsonStrings(String json, Set<String> into) {
        if (json == null || json.isBlank()) {
            return;
        }
        String t = json.strip();
        if (!t.startsWith("[")) {
            into.add(t.startsWith("\"") && t.endsWith("\"") && t.length() > 1 ? t.substring(1, t.length() - 1) : t);
            return;
        }
        Matcher m = QUOTED.matcher(t);
        while (m.find()) {
            into.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
    }
}
