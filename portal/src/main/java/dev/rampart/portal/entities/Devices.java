package dev.rampart.portal.entities;

import dev.rampart.portal.entities.EventSql.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.DeviceFilter;
import org.springframework.stereotype.Service;

/**
 * Devices as the event store knows them: the latest DeviceInfo/DeviceNetworkInfo report per device, who logged
 * on, installed software, and a server-paged timeline across the device event tables.
 */
@Service
public class Devices {
    /** Tables the timeline reads, each with the expression that summarises one of its events. */
    static final Map<String, String> TIMELINE_TABLES = new java.util.LinkedHashMap<>();

    static {
        TIMELINE_TABLES.put("DeviceProcessEvents", "coalesce(ProcessCommandLine, FileName)");
        TIMELINE_TABLES.put("DeviceNetworkEvents", "concat_ws(' ', RemoteUrl, RemoteIP || ':' || RemotePort)");
        TIMELINE_TABLES.put("DeviceFileEvents", "coalesce(FolderPath, FileName)");
        TIMELINE_TABLES.put("DeviceRegistryEvents", "concat_ws(' = ', RegistryKey || '\\' || coalesce(RegistryValueName, ''), RegistryValueData)");
        TIMELINE_TABLES.put("DeviceLogonEvents", "concat_ws(' ', AccountDomain || '\\' || AccountName, LogonType, RemoteIP)");
        TIMELINE_TABLES.put("DeviceImageLoadEvents", "coalesce(FolderPath, FileName)");
        TIMELINE_TABLES.put("DeviceEvents", "coalesce(FileName, RemoteUrl, ProcessCommandLine, '')");
    }

    /** A hunting link to the events of {@code table} on the device in the minute around {@code time} ("Hunt for related events"). */
    public static String huntAround(String deviceId, String table, Instant time) {
        if (time == null || !TIMELINE_TABLES.containsKey(table)) {
            return null;
        }
        String kql = table + "\n| where DeviceId == \"" + deviceId.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n| where Timestamp between (datetime("
                + time.minusSeconds(60) + ") .. datetime(" + time.plusSeconds(60) + "))\n| sort by Timestamp asc";
        return "/hunting?q=" + java.net.URLEncoder.encode(kql, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The most events one timeline page or export holds. */
    public static final int MAX_TIMELINE_EXPORT = 10_000;

    private final EventSql sql;
    private final DataScopes scopes;

    Devices(EventSql sql, DataScopes scopes) {
        this.sql = sql;
        this.scopes = scopes;
    }

    public record Overview(String deviceId, String name, String osPlatform, String osVersion, String osBuild, String deviceType,
                           String exposureLevel, String assetValue, String sensorHealth, String onboarding, String machineGroup,
                           String publicIp, String model, String vendor, String joinType, String tags, Instant firstSeen,
                           Instant lastSeen, List<Address> addresses) {
        /** The same overview with a later last-seen time when an event is newer than the last inventory report. */
        public Overview seenAt(Instant t) {
            return t == null || (lastSeen != null && !t.isAfter(lastSeen)) ? this
                    : new Overview(deviceId, name, osPlatform, osVersion, osBuild, deviceType, exposureLevel, assetValue, sensorHealth,
                    onboarding, machineGroup, publicIp, model, vendor, joinType, tags, firstSeen, t, addresses);
        }
    }

    public record Address(String ip, String adapter, String mac) {
    }

    public record LoggedOnUser(String domain, String account, long logons, long failures, Instant lastLogon, String logonTypes) {
        public String key() {
            return account;
        }
    }

    public record Software(String vendor, String name, String version, String endOfSupport) {
    }

    public record TimelineEvent(Instant time, String table, String actionType, String summary, String process, String account) {
    }

    public record TimelinePage(List<TimelineEvent> events, int page, boolean more, List<String> actionTypes) {
    }

    /**
     * The device whose id is {@code key}, or else whose name (or host name before the first dot) is {@code key};
     * empty as well when the device lies outside the caller's data scope, so its existence is not confirmed.
     */
    public Optional<String> resolve(String key) {
        DeviceFilter.Sql visible = scopes.devices().idIn("DeviceId");
        List<Object> params = new ArrayList<>(List.of(key, key, key));
        params.addAll(visible.params());
        params.add(key);
        return sql.first("SELECT DeviceId FROM DeviceInfo WHERE (DeviceId = ? OR lower(DeviceName) = lower(?) "
                        + "OR split_part(lower(DeviceName), '.', 1) = lower(?)) AND " + visible.sql() + " ORDER BY (DeviceId = ?) DESC, Timestamp DESC LIMIT 1",
                params.toArray()).map(r -> r.str(0));
    }

    /** Whether the caller's data scope shows the device with this id. */
    public boolean visible(String deviceId) {
        return scopes.devices().coversId(deviceId);
    }

    /** The device's latest inventory; empty when unknown or outside the caller's data scope. */
    public Optional<Overview> overview(String deviceId) {
        if (!visible(deviceId)) {
            return Optional.empty();
        }
        Optional<Row> info = sql.first("SELECT DeviceId, DeviceName, OSPlatform, OSVersion, OSBuild, DeviceType, ExposureLevel, AssetValue, "
                + "SensorHealthState, OnboardingStatus, MachineGroup, PublicIP, Model, Vendor, JoinType, "
                + "array_to_string(list_concat(coalesce(CAST(DeviceManualTags AS VARCHAR[]), []), coalesce(CAST(DeviceDynamicTags AS VARCHAR[]), [])), ', '), "
                + "(SELECT min(Timestamp) FROM DeviceInfo WHERE DeviceId = ?), Timestamp "
                + "FROM DeviceInfo WHERE DeviceId = ? ORDER BY Timestamp DESC LIMIT 1", deviceId, deviceId);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        Row r = info.get();
        List<Address> addresses = sql.rows("SELECT DISTINCT json_extract_string(e, '$.IPAddress'), NetworkAdapterName, MacAddress FROM ("
                + "SELECT unnest(json_extract(IPAddresses, '$[*]')) e, NetworkAdapterName, MacAddress FROM DeviceNetworkInfo "
                + "WHERE DeviceId = ? AND Timestamp >= (SELECT max(Timestamp) - INTERVAL 1 DAY FROM DeviceNetworkInfo WHERE DeviceId = ?)) "
                + "ORDER BY 1", deviceId, deviceId).stream().map(a -> new Address(a.str(0), a.str(1), a.str(2))).toList();
        return Optional.of(new Overview(r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.str(6), r.str(7), r.str(8),
                r.str(9), r.str(10), r.str(11), r.str(12), r.str(13), r.str(14), r.str(15), r.time(16), r.time(17), addresses));
    }

    /** Interactive, remote and network logons on the device in the store's retention, busiest first. */
    public List<LoggedOnUser> loggedOnUsers(String deviceId) {
        if (!visible(deviceId)) {
            return List.of();
        }
        return sql.rows("SELECT AccountDomain, AccountName, count(*) FILTER (WHERE ActionType = 'LogonSuccess'), "
                        + "count(*) FILTER (WHERE ActionType = 'LogonFailed'), max(Timestamp), string_agg(DISTINCT LogonType, ', ') "
                        + "FROM DeviceLogonEvents WHERE DeviceId = ? AND AccountName IS NOT NULL GROUP BY AccountDomain, AccountName "
                        + "ORDER BY 3 DESC, 5 DESC LIMIT 50", deviceId)
                .stream().map(r -> new LoggedOnUser(r.str(0), r.str(1), r.num(2), r.num(3), r.time(4), r.str(5))).toList();
    }

    public List<Software> software(String deviceId) {
        if (!visible(deviceId)) {
            return List.of();
        }
        return sql.rows("SELECT DISTINCT SoftwareVendor, SoftwareName, SoftwareVersion, EndOfSupportStatus FROM DeviceTvmSoftwareInventory "
                        + "WHERE DeviceId = ? ORDER BY SoftwareVendor, SoftwareName LIMIT 500", deviceId)
                .stream().map(r -> new Software(r.str(0), r.str(1), r.str(2), r.str(3))).toList();
    }

    /**
     * One page of the device's events, newest first. {@code table} (one of {@link #TIMELINE_TABLES}, or null for all)
     * and {@code actionType} (exact, or null) filter; the page size is fixed by the caller.
     */
    public TimelinePage timeline(String deviceId, String table, String actionType, int page, int pageSize) {
        return timeline(deviceId, table, actionType, null, null, null, page, pageSize);
    }

    /**
     * As {@link #timeline(String, String, String, int, int)}, narrowed to events from {@code from} (inclusive) to
     * {@code to} (exclusive) when given, and to those whose summary, process or account contains {@code search} (any case).
     */
    public TimelinePage timeline(String deviceId, String table, String actionType, String search, Instant from, Instant to, int page, int pageSize) {
        if (!visible(deviceId)) {
            return new TimelinePage(List.of(), Math.max(0, page), false, List.of());
        }
        List<String> tables = table != null && TIMELINE_TABLES.containsKey(table) ? List.of(table) : List.copyOf(TIMELINE_TABLES.keySet());
        List<Object> params = new ArrayList<>();
        StringBuilder union = new StringBuilder();
        for (String t : tables) {
            union.append(union.isEmpty() ? "" : " UNION ALL ")
                    .append("SELECT Timestamp, '").append(t).append("' AS Source, ActionType, ").append(TIMELINE_TABLES.get(t))
                    .append(" AS Summary, InitiatingProcessFileName, InitiatingProcessAccountName FROM ").append(t)
                    .append(" WHERE DeviceId = ?");
            params.add(deviceId);
            if (actionType != null && !actionType.isBlank()) {
                union.append(" AND ActionType = ?");
                params.add(actionType);
            }
            if (from != null) {
                union.append(" AND Timestamp >= ?");
                params.add(from);
            }
            if (to != null) {
                union.append(" AND Timestamp < ?");
                params.add(to);
            }
        }
        String filter = "";
        if (search != null && !search.isBlank()) {
            filter = " WHERE contains(lower(concat_ws(' ', Summary, InitiatingProcessFileName, InitiatingProcessAccountName, ActionType)), ?)";
            params.add(search.strip().toLowerCase(java.util.Locale.ROOT));
        }
        int size = Math.max(1, Math.min(pageSize, MAX_TIMELINE_EXPORT));
        int p = Math.max(0, page);
        params.add(size + 1);
        params.add((long) p * size);
        List<Row> rows = sql.rows("SELECT * FROM (" + union + ")" + filter + " ORDER BY Timestamp DESC LIMIT ? OFFSET ?", params.toArray());
        List<TimelineEvent> events = rows.stream().limit(size)
                .map(r -> new TimelineEvent(r.time(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5))).toList();
        List<Object> atParams = new ArrayList<>();
        StringBuilder at = new StringBuilder();
        for (String t : tables) {
            at.append(at.isEmpty() ? "" : " UNION ").append("SELECT DISTINCT ActionType FROM ").append(t).append(" WHERE DeviceId = ?");
            atParams.add(deviceId);
        }
        List<String> actionTypes = sql.rows("SELECT ActionType FROM (" + at + ") WHERE ActionType IS NOT NULL ORDER BY 1", atParams.toArray())
                .stream().map(r -> r.str(0)).toList();
        return new TimelinePage(events, p, rows.size() > size, actionTypes);
    }
}
