package dev.rampart.portal.response.investigation;

import dev.rampart.portal.access.AutomationLevel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The investigation tables; only {@link Investigations} writes through it. {@code state} here is the stored one. */
@Repository
class InvestigationStore {
    private static final String COLUMNS = "id, alert_id, incident_id, device_id, device_name, automation_level, state, started_by, started_at, ended_at, failure";
    private final JdbcClient jdbc;

    InvestigationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String alertId, Long incidentId, String deviceId, String deviceName, AutomationLevel level, String by) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO investigation (alert_id, incident_id, device_id, device_name, automation_level, state, started_by, started_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(alertId, incidentId, deviceId, deviceName, level.name(), InvestigationState.RUNNING.name(), by, now())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void end(long id, InvestigationState state, String failure) {
        jdbc.sql("UPDATE investigation SET state = ?, failure = ?, ended_at = ? WHERE id = ?")
                .params(state.name(), failure, state == InvestigationState.RUNNING ? null : now(), id).update();
    }

    void entity(long id, String type, String key, String display, Verdict v, List<String> reasons, List<String> alertIds) {
        String alerts = String.join(",", alertIds);
        jdbc.sql("INSERT INTO investigation_entity (investigation_id, entity_type, entity_key, display, verdict, reasons, alert_ids) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, type, key, display, v.name(), String.join("\n", reasons), alerts.length() > 2000 ? alerts.substring(0, alerts.lastIndexOf(',', 2000)) : alerts)
                .update();
    }

    void log(long id, String step, String text) {
        jdbc.sql("INSERT INTO investigation_log (investigation_id, logged_at, step, text) VALUES (?, ?, ?, ?)")
                .params(id, now(), step, text.length() > 4000 ? text.substring(0, 4000) : text).update();
    }

    Optional<Investigation> get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM investigation WHERE id = ?").param(id).query(InvestigationStore::row).optional();
    }

    /** Newest first, at most {@code limit}. */
    List<Investigation> recent(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM investigation ORDER BY id DESC LIMIT ?").param(limit).query(InvestigationStore::row).list();
    }

    List<Investigation.Entity> entities(long id) {
        return jdbc.sql("SELECT entity_type, entity_key, display, verdict, reasons, alert_ids FROM investigation_entity WHERE investigation_id = ? ORDER BY id")
                .param(id).query((rs, n) -> new Investigation.Entity(rs.getString(1), rs.getString(2), rs.getString(3),
                        Verdict.valueOf(rs.getString(4)), Arrays.asList(rs.getString(5).split("\n")),
                        rs.getString(6) == null || rs.getString(6).isEmpty() ? List.of() : Arrays.asList(rs.getString(6).split(",")))).list();
    }

    List<Investigation.LogEntry> log(long id) {
        return jdbc.sql("SELECT logged_at, step, text FROM investigation_log WHERE investigation_id = ? ORDER BY id")
                .param(id).query((rs, n) -> new Investigation.LogEntry(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3))).list();
    }

    /** Alerts other than {@code exclude} whose evidence names the entity (read from the incidents feature's table). */
    long otherAlertsNaming(String entityType, String key, List<String> exclude) {
        StringBuilder sql = new StringBuilder("SELECT count(DISTINCT alert_id) FROM alert_evidence WHERE entity_type = ? AND entity_key = ?");
        List<Object> p = new java.util.ArrayList<>(List.of(entityType, key));
        if (!exclude.isEmpty()) {
            sql.append(" AND alert_id NOT IN (").append(String.join(", ", java.util.Collections.nCopies(exclude.size(), "?"))).append(")");
            p.addAll(exclude);
        }
        return jdbc.sql(sql.toString()).params(p).query(Long.class).single();
    }

    /** Newest open alerts naming the device (by its short lower-case name), at most {@code limit}. */
    List<String> openAlertsOnDevice(String shortName, int limit) {
        return jdbc.sql("SELECT a.id FROM alert a WHERE a.status <> 'resolved' AND a.id IN (SELECT e.alert_id FROM alert_evidence e "
                        + "WHERE e.entity_type = 'device' AND e.entity_key = ?) ORDER BY a.created_at DESC LIMIT ?")
                .params(shortName, limit).query(String.class).list();
    }

    private static Investigation row(ResultSet rs, int n) throws SQLException {
        long inc = rs.getLong(3);
        Long incident = rs.wasNull() ? null : inc;
        return new Investigation(rs.getLong(1), rs.getString(2), incident, rs.getString(4), rs.getString(5),
                AutomationLevel.valueOf(rs.getString(6)), InvestigationState.valueOf(rs.getString(7)), rs.getString(8),
                rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class), rs.getString(11));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
