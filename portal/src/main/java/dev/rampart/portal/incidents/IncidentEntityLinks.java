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
 * would correlate on that entity. Hidden (tuned-away) alerts are left out, as in the queues.
 */
@Component
class IncidentEntityLinks implements EntityAlertsProvider, ReportIncidentsProvider {
    private final JdbcClient jdbc;

    IncidentEntityLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Related> relatedTo(EntityKind kind, String key, int limit) {
        if (key == null || key.isBlank()) {
            return List.of();
        }
        Set<String> types = new LinkedHashSet<>();
        Set<String> keys = new LinkedHashSet<>();
        String v = key.strip().toLowerCase(Locale.ROOT);
        String condition = "e.entity_key IN (:keys)";
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
                types.add(EntityType.URL.key());
                keys.add(v);
                condition = "(e.entity_key = :domain OR e.entity_key LIKE :sub OR e.entity_key LIKE :scheme)";
            }
        }
        String sql = "SELECT a.id, a.title, a.severity, a.status, max(a.last_activity_at) AS last_at FROM alert a "
                + "JOIN alert_evidence e ON e.alert_id = a.id WHERE a.hidden = FALSE AND e.entity_type IN (:types) AND " + condition
                + " GROUP BY a.id, a.title, a.severity, a.status ORDER BY last_at DESC LIMIT :limit";
        var spec = jdbc.sql(sql).param("types", types).param("limit", Math.max(1, Math.min(limit, 200)));
        if (kind == EntityKind.DOMAIN) {
            spec = spec.param("domain", v).param("sub", "%." + v + "%").param("scheme", "%://" + v + "%");
        } else {
            spec = spec.param("keys", keys);
        }
        return spec.query((rs, n) -> new Related(rs.getString(1), rs.getString(2), Severity.parse(rs.getString(3)).label(),
                AlertStatus.parse(rs.getString(4)).label(), rs.getObject(5, OffsetDateTime.class).toInstant(),
                "/alerts/" + rs.getString(1))).list();
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
        jdbc.sql("SELECT created_at, severity FROM alert WHERE hidden = FALSE AND created_at >= ? AND created_at < ?").params(f, t)
                .query((rs, n) -> {
                    String d = day(rs.getObject(1, OffsetDateTime.class).toInstant()).toString();
                    alerts.computeIfAbsent(d, k -> new LinkedHashMap<>()).merge(Severity.parse(rs.getString(2)).label(), 1L, Long::sum);
                    return null;
                }).list();
        jdbc.sql("SELECT created_at FROM incident WHERE hidden = FALSE AND created_at >= ? AND created_at < ?").params(f, t)
                .query((rs, n) -> created.merge(day(rs.getObject(1, OffsetDateTime.class).toInstant()).toString(), 1L, Long::sum)).list();
        // An incident's resolution day is taken as its last update while resolved (later edits move it).
        jdbc.sql("SELECT last_update_at FROM incident WHERE hidden = FALSE AND status = 'resolved' AND last_update_at >= ? AND last_update_at < ?")
                .params(f, t)
                .query((rs, n) -> resolved.merge(day(rs.getObject(1, OffsetDateTime.class).toInstant()).toString(), 1L, Long::sum)).list();
        List<Day> out = new ArrayList<>();
        for (String d : created.keySet()) {
            out.add(new Day(d, alerts.getOrDefault(d, Map.of()), created.get(d), resolved.getOrDefault(d, 0L)));
        }
        return out;
    }

    @Override
    public List<TopDetection> topDetections(Instant from, Instant to, int limit) {
        return jdbc.sql("SELECT title, severity, count(*) AS n FROM alert WHERE hidden = FALSE "
                        + "AND created_at >= ? AND created_at < ? GROUP BY title, severity ORDER BY n DESC, title LIMIT ?")
                .params(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), Math.max(1, Math.min(limit, 100)))
                .query((rs, n) -> new TopDetection(rs.getString(1), Severity.parse(rs.getString(2)).label(), rs.getLong(3),
                        "/alerts?q=" + java.net.URLEncoder.encode(rs.getString(1), java.nio.charset.StandardCharsets.UTF_8)))
                .list();
    }

    private static LocalDate day(Instant i) {
        return LocalDate.ofInstant(i, ZoneOffset.UTC);
    }
}
