package dev.rampart.portal.incidents;

import dev.rampart.portal.entities.EntityAlertsProvider;
import dev.rampart.portal.reports.ReportIncidentsProvider;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Serves alerts to entity pages and incident figures to reports, from the incidents feature's own tables.
 * Entity values are normalised the way correlation stores evidence, so a page finds exactly the alerts that
 * would correlate on that entity. Hidden (tuned-away) alerts are left out, as in the queues, and so is whatever
 * lies outside the caller's data scope.
 */
@Component
class IncidentEntityLinks implements EntityAlertsProvider, ReportIncidentsProvider {
    private final JdbcClient jdbc;
    private final AlertScope scope;

    IncidentEntityLinks(JdbcClient jdbc, AlertScope scope) {
        this.jdbc = jdbc;
        this.scope = scope;
    }

    @Override
    public List<Related> relatedTo(EntityKind kind, String key, int limit) {
        if (key == null || key.isBlank()) {
            return List.of();
        }
        Set<String> types = new LinkedHashSet<>();
        Set<String> keys = new LinkedHashSet<>();
        String v = key.strip().toLowerCase(Locale.ROOT);
        List<Object> params = new ArrayList<>();
        String condition = null;
        switch (kind) {
            case DEVICE -> {
                types.add(EntityType.DEVICE.key());
                keys.add(Entities.evidence(EntityType.DEVICE, key, null, List.of()).key());
            }
            case USER -> {
                types.add(EntityType.USER.key());
                types.add(EntityType.MAILBOX.key());
                keys.add(v);
                int at = v.indexOf('@');
                if (at > 0) {
                    keys.add(v.substring(0, at));
                }
            }
            case FILE -> {
                types.add(EntityType.FILE.key());
                keys.add(v);
            }
            case IP -> {
                types.add(EntityType.IP.key());
                keys.add(v);
            }
            case DOMAIN -> {
                // URLs under the domain, and mailboxes at it (the sender of a phishing mail is mailbox evidence).
                types.add(EntityType.URL.key());
                types.add(EntityType.MAILBOX.key());
                condition = "((e.entity_type = 'url' AND (e.entity_key = ? OR e.entity_key LIKE ? OR e.entity_key LIKE ?))"
                        + " OR (e.entity_type = 'mailbox' AND (e.entity_key LIKE ? OR e.entity_key LIKE ?)))";
            }
        }
        params.addAll(types);
        if (condition == null) {
            condition = "e.entity_key IN (" + IncidentStore.placeholders(keys.size()) + ")";
            params.addAll(keys);
        } else {
            params.addAll(List.of(v, "%." + v + "%", "%://" + v + "%", "%@" + v, "%@%." + v));
        }
        var visible = scope.alerts("a");
        params.addAll(visible.params());
        params.add(Math.max(1, Math.min(limit, 200)));
        // Driven from the entity index: alert_evidence has no index by alert.
        String sql = "SELECT a.id, a.title, a.severity, a.status, a.last_activity_at, a.incident_id FROM alert a WHERE a.hidden = FALSE AND a.id IN "
                + "(SELECT e.alert_id FROM alert_evidence e WHERE e.entity_type IN (" + IncidentStore.placeholders(types.size()) + ") AND " + condition
                + ") AND " + visible.sql() + " ORDER BY a.last_activity_at DESC LIMIT ?";
        return jdbc.sql(sql).params(params).query((rs, n) -> new Related(rs.getString(1), rs.getString(2), Severity.parse(rs.getString(3)).label(),
                AlertStatus.parse(rs.getString(4)).label(), rs.getObject(5, OffsetDateTime.class).toInstant(),
                "/alerts/" + rs.getString(1), rs.getObject(6, Long.class))).list();
    }

    @Override
    public Map<String, ActiveAlerts> activeAlertsByDevice() {
        return activeAlertsByDevice(null);
    }

    @Override
    public ActiveAlerts activeAlertsForDevice(String deviceName) {
        Evidence e = Entities.evidence(EntityType.DEVICE, deviceName, null, List.of());
        return e == null ? new ActiveAlerts(0, null) : activeAlertsByDevice(e.key()).getOrDefault(e.key(), new ActiveAlerts(0, null));
    }

    private Map<String, ActiveAlerts> activeAlertsByDevice(String key) {
        var visible = scope.alerts("a");
        Map<String, ActiveAlerts> out = new LinkedHashMap<>();
        List<Object> params = new ArrayList<>(List.of(EntityType.DEVICE.key()));
        if (key != null) {
            params.add(key);
        }
        params.add(AlertStatus.RESOLVED.graph());
        params.addAll(visible.params());
        jdbc.sql("SELECT e.entity_key, count(DISTINCT a.id), max(" + SEVERITY_RANK + ") FROM alert_evidence e JOIN alert a ON a.id = e.alert_id "
                        + "WHERE e.entity_type = ?" + (key == null ? "" : " AND e.entity_key = ?") + " AND a.hidden = FALSE AND a.status <> ? AND "
                        + visible.sql() + " GROUP BY e.entity_key")
                .params(params)
                .query((rs, n) -> out.put(rs.getString(1), new ActiveAlerts(rs.getInt(2), rankLabel(rs.getInt(3))))).list();
        return out;
    }

    @Override
    public Set<String> usersWithActiveAlerts() {
        var visible = scope.alerts("a");
        List<Object> params = new ArrayList<>(List.of(EntityType.USER.key(), EntityType.MAILBOX.key(), AlertStatus.RESOLVED.graph()));
        params.addAll(visible.params());
        return new LinkedHashSet<>(jdbc.sql("SELECT DISTINCT e.entity_key FROM alert_evidence e JOIN alert a ON a.id = e.alert_id "
                        + "WHERE e.entity_type IN (?, ?) AND a.hidden = FALSE AND a.status <> ? AND " + visible.sql())
                .params(params).query(String.class).list());
    }

    @Override
    public List<ActiveAlerts> activeAlertsForUsers(List<List<String>> keysPerUser) {
        List<Set<String>> variants = new ArrayList<>();
        Set<String> all = new LinkedHashSet<>();
        for (List<String> keys : keysPerUser) {
            Set<String> k = new LinkedHashSet<>();
            for (String key : keys) {
                if (key != null && !key.isBlank()) {
                    String v = key.strip().toLowerCase(Locale.ROOT);
                    k.add(v);
                    int slash = v.indexOf('\\');
                    if (slash >= 0) {
                        k.add(v.substring(slash + 1));
                    }
                    int at = v.indexOf('@');
                    if (at > 0) {
                        k.add(v.substring(0, at));
                    }
                }
            }
            variants.add(k);
            all.addAll(k);
        }
        // key -> (alert id -> severity rank), from one query over every account's keys.
        Map<String, Map<String, Integer>> byKey = new LinkedHashMap<>();
        if (!all.isEmpty()) {
            var visible = scope.alerts("a");
            List<Object> params = new ArrayList<>(List.of(EntityType.USER.key(), EntityType.MAILBOX.key()));
            params.addAll(all);
            params.add(AlertStatus.RESOLVED.graph());
            params.addAll(visible.params());
            jdbc.sql("SELECT e.entity_key, a.id, " + SEVERITY_RANK + " FROM alert_evidence e JOIN alert a ON a.id = e.alert_id "
                            + "WHERE e.entity_type IN (?, ?) AND e.entity_key IN (" + IncidentStore.placeholders(all.size()) + ") "
                            + "AND a.hidden = FALSE AND a.status <> ? AND " + visible.sql())
                    .params(params)
                    .query((rs, n) -> byKey.computeIfAbsent(rs.getString(1), x -> new LinkedHashMap<>()).put(rs.getString(2), rs.getInt(3))).list();
        }
        List<ActiveAlerts> out = new ArrayList<>();
        for (Set<String> k : variants) {
            Map<String, Integer> alerts = new LinkedHashMap<>();
            k.forEach(key -> alerts.putAll(byKey.getOrDefault(key, Map.of())));
            out.add(new ActiveAlerts(alerts.size(), rankLabel(alerts.values().stream().mapToInt(Integer::intValue).max().orElse(0))));
        }
        return out;
    }

    private static final String SEVERITY_RANK = "CASE a.severity WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 ELSE 1 END";

    private static String rankLabel(int rank) {
        return switch (rank) {
            case 4 -> Severity.HIGH.label();
            case 3 -> Severity.MEDIUM.label();
            case 2 -> Severity.LOW.label();
            case 1 -> Severity.INFORMATIONAL.label();
            default -> null;
        };
    }

    @Override
    public List<Day> daily(Instant from, Instant to) {
        Map<String, Map<String, Long>> alerts = new LinkedHashMap<>();
        Map<String, Long> created = new LinkedHashMap<>();
        Map<String, Long> resolved = new LinkedHashMap<>();
        for (LocalDate d = day(from); d.isBefore(day(to)) || d.equals(day(to)) && !to.equals(d.atStartOfDay().toInstant(ZoneOffset.UTC)); d = d.plusDays(1)) {
            alerts.put(d.toString(), new LinkedHashMap<>());
            created.put(d.toString(), 0L);
            resolved.put(d.toString(), 0L);
        }
        OffsetDateTime f = from.atOffset(ZoneOffset.UTC), t = to.atOffset(ZoneOffset.UTC);
        var alertScope = scope.alerts("a");
        var incidentScope = scope.incidents("i");
        jdbc.sql("SELECT a.created_at, a.severity FROM alert a WHERE a.hidden = FALSE AND a.created_at >= ? AND a.created_at < ? AND " + alertScope.sql())
                .params(alertScope.after(f, t))
                .query((rs, n) -> {
                    String d = day(rs.getObject(1, OffsetDateTime.class).toInstant()).toString();
                    alerts.computeIfAbsent(d, k -> new LinkedHashMap<>()).merge(Severity.parse(rs.getString(2)).label(), 1L, Long::sum);
                    return null;
                }).list();
        jdbc.sql("SELECT i.created_at FROM incident i WHERE i.hidden = FALSE AND i.created_at >= ? AND i.created_at < ? AND " + incidentScope.sql())
                .params(incidentScope.after(f, t))
                .query((rs, n) -> created.merge(day(rs.getObject(1, OffsetDateTime.class).toInstant()).toString(), 1L, Long::sum)).list();
        // An incident's resolution day is taken as its last update while resolved (later edits move it).
        jdbc.sql("SELECT i.last_update_at FROM incident i WHERE i.hidden = FALSE AND i.status = 'resolved' AND i.last_update_at >= ? "
                        + "AND i.last_update_at < ? AND " + incidentScope.sql())
                .params(incidentScope.after(f, t))
                .query((rs, n) -> resolved.merge(day(rs.getObject(1, OffsetDateTime.class).toInstant()).toString(), 1L, Long::sum)).list();
        List<Day> out = new ArrayList<>();
        for (String d : created.keySet()) {
            out.add(new Day(d, alerts.getOrDefault(d, Map.of()), created.get(d), resolved.getOrDefault(d, 0L)));
        }
        return out;
    }

    @Override
    public List<TopDetection> topDetections(Instant from, Instant to, int limit) {
        var visible = scope.alerts("a");
        List<Object> params = new ArrayList<>(List.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)));
        params.addAll(visible.params());
        params.add(Math.max(1, Math.min(limit, 100)));
        return jdbc.sql("SELECT a.title, a.severity, count(*) AS n FROM alert a WHERE a.hidden = FALSE "
                        + "AND a.created_at >= ? AND a.created_at < ? AND " + visible.sql() + " GROUP BY a.title, a.severity ORDER BY n DESC, a.title LIMIT ?")
                .params(params)
                .query((rs, n) -> new TopDetection(rs.getString(1), Severity.parse(rs.getString(2)).label(), rs.getLong(3),
                        "/alerts?q=" + java.net.URLEncoder.encode(rs.getString(1), java.nio.charset.StandardCharsets.UTF_8)))
                .list();
    }

    private static LocalDate day(Instant i) {
        return LocalDate.ofInstant(i, ZoneOffset.UTC);
    }
}
