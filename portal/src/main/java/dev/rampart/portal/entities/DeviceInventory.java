package dev.rampart.portal.entities;

import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.DeviceFilter;
import dev.rampart.portal.access.DeviceGroup;
import dev.rampart.portal.access.DeviceGroupMembership;
import dev.rampart.portal.access.DeviceGroups;
import dev.rampart.portal.criticalassets.CriticalAssets;
import dev.rampart.portal.entities.EntityAlertsProvider.ActiveAlerts;
import dev.rampart.portal.entities.EventSql.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Assets › Devices: the latest inventory of every device the caller may see, with its risk level (the highest
 * severity of its active alerts), device group and tags; filters, counts for the quick filters, sorting and paging.
 */
@Service
public class DeviceInventory {
    /** Sortable columns, by the name the page sends. */
    static final Map<String, String> SORTS = new LinkedHashMap<>();

    static {
        SORTS.put("DeviceName", "DeviceName");
        SORTS.put("RiskLevel", "RiskRank");
        SORTS.put("Criticality", "CriticalRank");
        SORTS.put("ExposureLevel", "CASE ExposureLevel WHEN 'High' THEN 3 WHEN 'Medium' THEN 2 WHEN 'Low' THEN 1 ELSE 0 END");
        SORTS.put("OSPlatform", "OSPlatform");
        SORTS.put("DeviceType", "DeviceType");
        SORTS.put("SensorHealthState", "SensorHealthState");
        SORTS.put("OnboardingStatus", "OnboardingStatus");
        SORTS.put("FirstSeen", "FirstSeen");
        SORTS.put("LastSeen", "LastSeen");
    }

    /** The most rows an export holds. */
    public static final int MAX_EXPORT = 10_000;
    /** Mitigation filter values: any contained or isolated device, or one of the two. */
    public static final List<String> MITIGATIONS = List.of("any", "Contained", "Isolated");
    public static final List<String> EXPOSURE_LEVELS = List.of("High", "Medium", "Low", "No data available");
    /** The onboarding filter value that keeps every device whose status is not "Onboarded". */
    public static final String NOT_ONBOARDED = "not-onboarded";
    static final Duration NEWLY_DISCOVERED = Duration.ofDays(7);
    private static final Pattern ADDRESS = Pattern.compile("[0-9a-fA-F]*[.:][0-9a-fA-F.:]*");

    private static final String LATEST = "SELECT DeviceId, arg_max(DeviceName, Timestamp) AS DeviceName, arg_max(OSPlatform, Timestamp) AS OSPlatform, "
            + "arg_max(OSVersion, Timestamp) AS OSVersion, arg_max(DeviceType, Timestamp) AS DeviceType, "
            + "coalesce(arg_max(ExposureLevel, Timestamp), 'No data available') AS ExposureLevel, arg_max(AssetValue, Timestamp) AS AssetValue, "
            + "arg_max(SensorHealthState, Timestamp) AS SensorHealthState, arg_max(OnboardingStatus, Timestamp) AS OnboardingStatus, "
            + "arg_max(list_concat(coalesce(TRY_CAST(DeviceManualTags AS VARCHAR[]), []), coalesce(TRY_CAST(DeviceDynamicTags AS VARCHAR[]), [])), Timestamp) AS Tags, "
            + "min(Timestamp) AS FirstSeen, max(Timestamp) AS LastSeen FROM DeviceInfo WHERE %s GROUP BY DeviceId";

    private final EventSql sql;
    private final DataScopes scopes;
    private final DeviceGroups groups;
    private final DeviceGroupMembership membership;
    private final ObjectProvider<EntityAlertsProvider> alerts;
    private final CriticalAssets criticalAssets;
    private final dev.rampart.portal.response.ResponseStateHandlers responseState;
    private final dev.rampart.portal.response.sensors.SensorRegistry sensors;

    DeviceInventory(EventSql sql, DataScopes scopes, DeviceGroups groups, DeviceGroupMembership membership,
                    ObjectProvider<EntityAlertsProvider> alerts, CriticalAssets criticalAssets,
                    dev.rampart.portal.response.ResponseStateHandlers responseState, dev.rampart.portal.response.sensors.SensorRegistry sensors) {
        this.criticalAssets = criticalAssets;
        this.responseState = responseState;
        this.sensors = sensors;
        this.sql = sql;
        this.scopes = scopes;
        this.groups = groups;
        this.membership = membership;
        this.alerts = alerts;
    }

    /**
     * What the list shows. Blank fields do not filter; {@code q} matches name or id (contains, any case), or an IP
     * address (exact; a prefix when it ends with '.' or ':'); {@code risk}, {@code exposure}, {@code health},
     * {@code onboarding} ({@link #NOT_ONBOARDED} for any status but "Onboarded"), {@code os} and {@code tag} are exact values; {@code group} a device group id;
     * {@code seen=new} keeps devices first seen in the last 7 days.
     */
    public record Query(String q, String os, String risk, String exposure, String health, String onboarding, String group, String tag,
                        String seen, String critical, String mitigation, String sort, Boolean desc, Integer page) {
        public Query {
            q = blankToEmpty(q).strip();
            os = blankToEmpty(os);
            risk = blankToEmpty(risk);
            exposure = blankToEmpty(exposure);
            health = blankToEmpty(health);
            onboarding = blankToEmpty(onboarding);
            group = blankToEmpty(group).matches("\\d{1,18}") ? group : "";
            tag = blankToEmpty(tag);
            seen = "new".equals(seen) ? seen : "";
            critical = critical == null || !(critical.equals("any") || CriticalAssets.Level.parse(critical).isPresent()) ? "" : critical;
            mitigation = mitigation != null && MITIGATIONS.contains(mitigation) ? mitigation : "";
            sort = SORTS.containsKey(sort) ? sort : "RiskLevel";
            desc = desc == null ? "RiskLevel".equals(sort) : desc;
            page = page == null ? 0 : Math.max(0, page);
        }

        /** No filter, default order. */
        public static Query all() {
            return new Query(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }

        private static String blankToEmpty(String s) {
            return s == null || s.isBlank() ? "" : s;
        }

        /** This query with {@code name} set to {@code value} (a filter change goes back to the first page). */
        public Query with(String name, String value) {
            String[] v = {q, os, risk, exposure, health, onboarding, group, tag, seen, critical, mitigation, sort, String.valueOf(desc), "0"};
            List<String> names = List.of("q", "os", "risk", "exposure", "health", "onboarding", "group", "tag", "seen", "critical", "mitigation", "sort",
                    "desc", "page");
            v[names.indexOf(name)] = value;
            return new Query(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], Boolean.valueOf(v[12]), Integer.valueOf(v[13]));
        }

        /** The list page's address for this query; defaults are left out. */
        public String link(String path) {
            boolean defaultOrder = "RiskLevel".equals(sort) && desc;
            return EntityLinks.query(path, "q", q, "os", os, "risk", risk, "exposure", exposure, "health", health, "onboarding", onboarding,
                    "group", group, "tag", tag, "seen", seen, "critical", critical, "mitigation", mitigation, "sort", defaultOrder ? "" : sort, "desc", defaultOrder ? "" : String.valueOf(desc),
                    "page", page == 0 ? "" : String.valueOf(page));
        }

        /** Whether any filter is set. */
        public boolean filtered() {
            return !(q + os + risk + exposure + health + onboarding + group + tag + seen + critical + mitigation).isEmpty();
        }
    }

    public record InventoryRow(String deviceId, String name, String criticality, String criticalitySource, String mitigation, String riskLevel, int activeAlerts, String exposureLevel, String osPlatform, String osVersion,
                       String deviceType, String sensorHealth, String onboarding, String group, boolean groupDefault, List<String> tags, String assetValue,
                       Instant firstSeen, Instant lastSeen) {
    }

    /** The quick-filter counts over every device the caller may see. */
    public record Counts(long total, long critical, long highRisk, long highExposure, long notOnboarded, long newlyDiscovered) {
    }

    public record Choice(String value, String label) {
    }

    public record Page(List<InventoryRow> rows, long total, int page, int pageSize, Counts counts, List<String> platforms, List<String> healthStates,
                       List<String> onboardingStates, List<Choice> groups, List<String> tags) {
        public boolean more() {
            return (long) (page + 1) * pageSize < total;
        }
    }

    /** One page of {@code query}'s devices, {@code pageSize} at most (capped at 10,000 for exports). */
    public Page list(Query query, int pageSize) {
        DeviceFilter.Sql visible = scopes.devices().idIn("DeviceId");
        Map<String, ActiveAlerts> risk = activeAlerts();
        Map<String, CriticalAssets.Assigned> critical = criticalAssets.levels();
        List<Object> params = new ArrayList<>();
        String from = from(visible, risk, critical, mitigations(), params);
        List<Object> countParams = new ArrayList<>(params);
        List<Object> filterParams = new ArrayList<>(params);
        String where = where(query, filterParams);
        int size = Math.max(1, Math.min(pageSize, MAX_EXPORT));
        long total = sql.count("SELECT count(*) FROM " + from + where, filterParams.toArray());
        List<Object> pageParams = new ArrayList<>(filterParams);
        pageParams.add(size);
        pageParams.add((long) query.page() * size);
        Map<String, Long> groupOf = membership.current().groupOfDevice();
        Map<Long, String> groupNames = new LinkedHashMap<>();
        Set<Long> defaults = new java.util.HashSet<>();
        for (DeviceGroup g : groups.all()) {
            groupNames.put(g.id(), g.name());
            if (g.isDefault()) {
                defaults.add(g.id());
            }
        }
        List<InventoryRow> rows = sql.rows("SELECT DeviceId, DeviceName, CriticalRank, RiskLevel, ActiveAlerts, ExposureLevel, OSPlatform, OSVersion, DeviceType, SensorHealthState, "
                        + "OnboardingStatus, array_to_string(Tags, chr(31)), AssetValue, FirstSeen, LastSeen, Mitigation FROM " + from + where + " ORDER BY " + SORTS.get(query.sort())
                        + (query.desc() ? " DESC" : " ASC") + " NULLS LAST, lower(DeviceName), DeviceId LIMIT ? OFFSET ?", pageParams.toArray())
                .stream().map(r -> {
                    CriticalAssets.Assigned a = critical.get(r.str(0));
                    return new InventoryRow(r.str(0), r.str(1), a == null ? null : a.level().label(), a == null ? null : a.source(), r.str(15), r.str(3), (int) r.num(4),
                            r.str(5), r.str(6), r.str(7), r.str(8), r.str(9), r.str(10), groupNames.get(groupOf.get(r.str(0))),
                            defaults.contains(groupOf.get(r.str(0))), tags(r.str(11)), r.str(12), r.time(13), r.time(14));
                }).toList();
        Row c = sql.first("SELECT count(*), count(*) FILTER (WHERE CriticalRank > 0), count(*) FILTER (WHERE RiskLevel = 'High'), count(*) FILTER (WHERE ExposureLevel = 'High'), "
                + "count(*) FILTER (WHERE coalesce(OnboardingStatus, '') <> 'Onboarded'), count(*) FILTER (WHERE FirstSeen >= ?) FROM " + from,
                before(Instant.now().minus(NEWLY_DISCOVERED), countParams)).orElseThrow();
        Counts counts = new Counts(c.num(0), c.num(1), c.num(2), c.num(3), c.num(4), c.num(5));
        return new Page(rows, total, query.page(), size, counts, distinct("OSPlatform", visible), distinct("SensorHealthState", visible),
                distinct("OnboardingStatus", visible), groupChoices(groupNames), tagChoices(visible));
    }

    private Map<String, ActiveAlerts> activeAlerts() {
        EntityAlertsProvider p = alerts.getIfAvailable();
        return p == null ? Map.of() : p.activeAlertsByDevice();
    }

    /** The latest state per visible device joined to its active alerts (by host name, as alerts record devices). */
    /** Contained (the latest containment action stands) or isolated (its sensor says so) devices, by DeviceId. */
    private Map<String, String> mitigations() {
        Map<String, String> out = new LinkedHashMap<>();
        responseState.containedDevices().forEach(id -> out.put(id, "Contained"));
        sensors.all().stream().filter(dev.rampart.portal.response.sensors.Sensor::isolated).forEach(s -> out.putIfAbsent(s.deviceId(), "Isolated"));
        return out;
    }

    private static String from(DeviceFilter.Sql visible, Map<String, ActiveAlerts> risk, Map<String, CriticalAssets.Assigned> critical,
                               Map<String, String> mitigations, List<Object> params) {
        params.addAll(visible.params());
        StringBuilder values = new StringBuilder();
        for (Map.Entry<String, ActiveAlerts> e : risk.entrySet()) {
            values.append(values.isEmpty() ? "" : ", ").append("(?, ?, ?)");
            params.add(e.getKey());
            params.add(rank(e.getValue().highestSeverity()));
            params.add(e.getValue().count());
        }
        String alerts = values.isEmpty() ? "(SELECT NULL::VARCHAR k, 0 r, 0 n WHERE FALSE)" : "(VALUES " + values + ")";
        StringBuilder levels = new StringBuilder();
        for (Map.Entry<String, CriticalAssets.Assigned> e : critical.entrySet()) {
            levels.append(levels.isEmpty() ? "" : ", ").append("(?, ?)");
            params.add(e.getKey());
            params.add(e.getValue().level().rank());
        }
        String crit = levels.isEmpty() ? "(SELECT NULL::VARCHAR id, 0 r WHERE FALSE)" : "(VALUES " + levels + ")";
        StringBuilder mit = new StringBuilder();
        for (Map.Entry<String, String> e : mitigations.entrySet()) {
            mit.append(mit.isEmpty() ? "" : ", ").append("(?, ?)");
            params.add(e.getKey());
            params.add(e.getValue());
        }
        String mits = mit.isEmpty() ? "(SELECT NULL::VARCHAR id, NULL::VARCHAR s WHERE FALSE)" : "(VALUES " + mit + ")";
        return "(SELECT d.*, coalesce(c.r, 0) AS CriticalRank, m.s AS Mitigation, coalesce(a.r, 0) AS RiskRank, coalesce(a.n, 0) AS ActiveAlerts, "
                + "CASE coalesce(a.r, 0) WHEN 4 THEN 'High' WHEN 3 THEN 'Medium' WHEN 2 THEN 'Low' WHEN 1 THEN 'Informational' ELSE '"
                + EntityAlertsProvider.NO_KNOWN_RISKS + "' END AS RiskLevel FROM (" + LATEST.formatted(visible.sql()) + ") d LEFT JOIN "
                + alerts + " a(k, r, n) ON a.k = CASE WHEN regexp_full_match(d.DeviceName, '\\d{1,3}(\\.\\d{1,3}){3}') THEN d.DeviceName ELSE split_part(lower(d.DeviceName), '.', 1) END LEFT JOIN " + crit + " c(id, r) ON c.id = d.DeviceId LEFT JOIN " + mits + " m(id, s) ON m.id = d.DeviceId) inv";
    }

    private String where(Query q, List<Object> params) {
        StringBuilder w = new StringBuilder(" WHERE TRUE");
        if (!q.q().isEmpty()) {
            String text = q.q().toLowerCase(Locale.ROOT);
            w.append(" AND (contains(lower(DeviceName), ?) OR DeviceId = ?");
            params.add(text);
            params.add(q.q());
            if (ADDRESS.matcher(text).matches()) {
                boolean prefix = text.endsWith(".") || text.endsWith(":");
                w.append(" OR DeviceId IN (SELECT DeviceId FROM (SELECT DeviceId, unnest(json_extract_string(IPAddresses, '$[*].IPAddress')) ip "
                        + "FROM DeviceNetworkInfo) WHERE ").append(prefix ? "starts_with(lower(ip), ?)" : "lower(ip) = ?").append(")");
                params.add(text);
                w.append(" OR DeviceId IN (SELECT DeviceId FROM DeviceInfo WHERE ").append(prefix ? "starts_with(lower(PublicIP), ?)" : "lower(PublicIP) = ?").append(")");
                params.add(text);
            }
            w.append(")");
        }
        exact(w, params, "OSPlatform", q.os());
        exact(w, params, "RiskLevel", q.risk());
        exact(w, params, "ExposureLevel", q.exposure());
        exact(w, params, "SensorHealthState", q.health());
        if (NOT_ONBOARDED.equals(q.onboarding())) {
            w.append(" AND coalesce(OnboardingStatus, '') <> 'Onboarded'");
        } else {
            exact(w, params, "OnboardingStatus", q.onboarding());
        }
        if (!q.tag().isEmpty()) {
            w.append(" AND list_contains(Tags, ?)");
            params.add(q.tag());
        }
        if (!q.group().isEmpty()) {
            Optional<Long> id = parseLong(q.group());
            DeviceFilter.Sql inGroup = id.isPresent() ? scopes.devicesOfGroups(Set.of(id.get())).idIn("DeviceId") : DeviceFilter.Sql.FALSE;
            w.append(" AND ").append(inGroup.sql());
            params.addAll(inGroup.params());
        }
        if (q.mitigation().equals("any")) {
            w.append(" AND Mitigation IS NOT NULL");
        } else if (!q.mitigation().isEmpty()) {
            w.append(" AND Mitigation = ?");
            params.add(q.mitigation());
        }
        if (q.critical().equals("any")) {
            w.append(" AND CriticalRank > 0");
        } else if (!q.critical().isEmpty()) {
            w.append(" AND CriticalRank = ?");
            params.add(CriticalAssets.Level.parse(q.critical()).orElseThrow().rank());
        }
        if (!q.seen().isEmpty()) {
            w.append(" AND FirstSeen >= ?");
            params.add(Instant.now().minus(NEWLY_DISCOVERED));
        }
        return w.toString();
    }

    private static void exact(StringBuilder w, List<Object> params, String column, String value) {
        if (!value.isEmpty()) {
            w.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private List<String> distinct(String column, DeviceFilter.Sql visible) {
        return sql.rows("SELECT DISTINCT " + column + " FROM DeviceInfo WHERE " + column + " IS NOT NULL AND " + visible.sql() + " ORDER BY 1",
                visible.params().toArray()).stream().map(r -> r.str(0)).toList();
    }

    private List<String> tagChoices(DeviceFilter.Sql visible) {
        return sql.rows("SELECT DISTINCT t FROM (SELECT unnest(list_concat(coalesce(TRY_CAST(DeviceManualTags AS VARCHAR[]), []), "
                        + "coalesce(TRY_CAST(DeviceDynamicTags AS VARCHAR[]), []))) t FROM DeviceInfo WHERE " + visible.sql() + ") WHERE t <> '' ORDER BY 1 LIMIT 200",
                visible.params().toArray()).stream().map(r -> r.str(0)).toList();
    }

    /** The device groups the caller's scope reaches; a restricted reader is not told the names of the others. */
    private List<Choice> groupChoices(Map<Long, String> names) {
        Optional<Set<Long>> reach = scopes.current().deviceGroups(DataScopes.ENDPOINT);
        List<Choice> out = new ArrayList<>();
        names.forEach((id, name) -> {
            if (reach.isEmpty() || reach.get().contains(id)) {
                out.add(new Choice(String.valueOf(id), name));
            }
        });
        return out;
    }

    private static List<String> tags(String joined) {
        return joined == null || joined.isEmpty() ? List.of()
                : java.util.Arrays.stream(joined.split("\u001f")).filter(t -> !t.isEmpty()).toList();
    }

    private static int rank(String severity) {
        return severity == null ? 0 : switch (severity) {
            case "High" -> 4;
            case "Medium" -> 3;
            case "Low" -> 2;
            default -> 1;
        };
    }

    private static Object[] before(Object first, List<Object> rest) {
        List<Object> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all.toArray();
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
