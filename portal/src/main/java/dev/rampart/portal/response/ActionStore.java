package dev.rampart.portal.response;

import dev.rampart.portal.access.DeviceFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code response_action} table; only {@link ResponseActions} writes through it. */
@Repository
class ActionStore {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "id, action_type, target_type, target_id, target_name, device_id, parameters, status, "
            + "action_source, requested_by, request_comment, requested_at, decided_by, decided_at, decision_comment, started_at, "
            + "completed_at, sensor_id, result_summary, output, incident_id, alert_id, investigation_id, undo_of, undone_by, updated_at, batch_id, batch_name";

    private final JdbcClient jdbc;

    ActionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record NewRow(ActionType type, String targetId, String targetName, String deviceId, Map<String, String> parameters,
                  ActionStatus status, String source, String requestedBy, String comment, Long incidentId, String alertId,
                  Long investigationId, Long undoOf, String batchId, String batchName) {
    }

    long insert(NewRow r, OffsetDateTime now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO response_action (action_type, target_type, target_id, target_name, device_id, capability, parameters, status, "
                        + "action_source, requested_by, request_comment, requested_at, incident_id, alert_id, investigation_id, undo_of, updated_at, "
                        + "batch_id, batch_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.type().name(), r.type().target().name(), r.targetId(), r.targetName(), r.deviceId(),
                        r.type().executor().capability(), JSON.writeValueAsString(r.parameters()), r.status().name(), r.source(),
                        r.requestedBy(), r.comment(), now, r.incidentId(), r.alertId(), r.investigationId(), r.undoOf(), now, r.batchId(), r.batchName())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    boolean batchExists(String batchId) {
        return jdbc.sql("SELECT count(*) FROM response_action WHERE batch_id = ?").param(batchId).query(Long.class).single() > 0;
    }

    Optional<ResponseAction> get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM response_action WHERE id = ?").param(id).query(ActionStore::row).optional();
    }

    /** Moves an action from one of {@code from} to {@code to}; false when it was not in such a state (lost a race). */
    boolean transition(long id, List<ActionStatus> from, ActionStatus to, OffsetDateTime now) {
        List<Object> p = new ArrayList<>();
        p.add(to.name());
        p.add(now);
        p.add(id);
        from.forEach(s -> p.add(s.name()));
        return jdbc.sql("UPDATE response_action SET status = ?, updated_at = ? WHERE id = ? AND status IN ("
                + String.join(", ", java.util.Collections.nCopies(from.size(), "?")) + ")").params(p).update() == 1;
    }

    void decided(long id, String by, String comment, OffsetDateTime at) {
        jdbc.sql("UPDATE response_action SET decided_by = ?, decision_comment = ?, decided_at = ? WHERE id = ?")
                .params(by, comment, at, id).update();
    }

    void started(long id, Long sensorId, OffsetDateTime at) {
        jdbc.sql("UPDATE response_action SET started_at = ?, sensor_id = ? WHERE id = ?").params(at, sensorId, id).update();
    }

    void finished(long id, String summary, String output, OffsetDateTime at) {
        jdbc.sql("UPDATE response_action SET completed_at = ?, result_summary = ?, output = ? WHERE id = ?")
                .params(at, summary, output, id).update();
    }

    void undoneBy(long id, long undo) {
        jdbc.sql("UPDATE response_action SET undone_by = ? WHERE id = ?").params(undo, id).update();
    }

    /** {@code q}'s WHERE clause narrowed to actions whose device (target or executing device) {@code devices} shows. */
    static String where(ActionQuery q, DeviceFilter devices, List<Object> params) {
        String where = q.where(params);
        if (devices.all()) {
            return where;
        }
        DeviceFilter.Sql byDevice = devices.idIn("device_id");
        DeviceFilter.Sql byTarget = devices.idIn("target_id");
        params.addAll(byDevice.params());
        params.addAll(byTarget.params());
        String scope = "(" + byDevice.sql() + " OR (device_id IS NULL AND (target_type <> 'DEVICE' OR " + byTarget.sql() + ")))";
        return where.isEmpty() ? " WHERE " + scope : where + " AND " + scope;
    }

    ActionPage page(ActionQuery q, DeviceFilter devices, int page, int pageSize, boolean oldestFirst) {
        List<Object> params = new ArrayList<>();
        String where = where(q, devices, params);
        long total = jdbc.sql("SELECT count(*) FROM response_action" + where).params(params).query(Long.class).single();
        int pages = (int) Math.max(1, (total + pageSize - 1) / pageSize);
        int p = Math.min(Math.max(1, page), pages);
        List<Object> pp = new ArrayList<>(params);
        pp.add(pageSize);
        pp.add((long) (p - 1) * pageSize);
        List<ResponseAction> rows = jdbc.sql("SELECT " + COLUMNS + " FROM response_action" + where + " ORDER BY id "
                + (oldestFirst ? "ASC" : "DESC") + " LIMIT ? OFFSET ?").params(pp).query(ActionStore::row).list();
        return new ActionPage(rows, total, p, pageSize);
    }

    void forEach(ActionQuery q, DeviceFilter devices, Consumer<ResponseAction> sink) {
        List<Object> params = new ArrayList<>();
        String where = where(q, devices, params);
        jdbc.sql("SELECT " + COLUMNS + " FROM response_action" + where + " ORDER BY id DESC").params(params)
                .query(rs -> {
                    sink.accept(row(rs, 0));
                });
    }

    /** Actions linked to one of the incidents or to one of the alerts, newest first, at most {@code limit}. */
    List<ResponseAction> linkedTo(List<Long> incidentIds, List<String> alertIds, int limit) {
        Map<Long, ResponseAction> out = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        if (!incidentIds.isEmpty()) {
            jdbc.sql("SELECT " + COLUMNS + " FROM response_action WHERE incident_id IN (" + String.join(", ", java.util.Collections.nCopies(incidentIds.size(), "?"))
                    + ") ORDER BY id DESC LIMIT " + limit).params(new ArrayList<Object>(incidentIds)).query(ActionStore::row).list()
                    .forEach(a -> out.put(a.id(), a));
        }
        for (int from = 0; from < alertIds.size(); from += 500) {
            List<String> chunk = alertIds.subList(from, Math.min(alertIds.size(), from + 500));
            jdbc.sql("SELECT " + COLUMNS + " FROM response_action WHERE alert_id IN (" + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))
                    + ") ORDER BY id DESC LIMIT " + limit).params(new ArrayList<Object>(chunk)).query(ActionStore::row).list()
                    .forEach(a -> out.put(a.id(), a));
        }
        return out.values().stream().limit(limit).toList();
    }

    /** Pending actions a sensor may execute: those for its device, and those for a capability it offers. */
    List<ResponseAction> pendingFor(String deviceId, List<String> capabilities, int limit) {
        List<Object> p = new ArrayList<>();
        p.add(ActionStatus.PENDING.name());
        p.add(deviceId);
        String caps = "";
        if (!capabilities.isEmpty()) {
            caps = " OR (device_id IS NULL AND capability IN (" + String.join(", ", java.util.Collections.nCopies(capabilities.size(), "?")) + "))";
            p.addAll(capabilities);
        }
        p.add(limit);
        return jdbc.sql("SELECT " + COLUMNS + " FROM response_action WHERE status = ? AND (device_id = ?" + caps + ") ORDER BY id LIMIT ?")
                .params(p).query(ActionStore::row).list();
    }

    List<Long> idsOlderThan(ActionStatus status, String timeColumn, OffsetDateTime before) {
        return jdbc.sql("SELECT id FROM response_action WHERE status = ? AND " + timeColumn + " < ?")
                .params(status.name(), before).query(Long.class).list();
    }

    /** Latest completed action of any of {@code types} per device, for state such as "isolated". */
    Map<String, ActionType> latestCompleted(List<ActionType> types) {
        Map<String, ActionType> out = new LinkedHashMap<>();
        List<Object> p = new ArrayList<>();
        p.add(ActionStatus.COMPLETED.name());
        types.forEach(t -> p.add(t.name()));
        jdbc.sql("SELECT target_id, action_type FROM response_action WHERE status = ? AND action_type IN ("
                        + String.join(", ", java.util.Collections.nCopies(types.size(), "?")) + ") ORDER BY completed_at, id")
                .params(p).query(rs -> {
                    out.put(rs.getString(1), ActionType.valueOf(rs.getString(2)));
                });
        return out;
    }

    /** The last completed of {@code types} per lower-cased target, with when it completed. */
    record Completed(ActionType type, java.time.Instant at) {
    }

    /** As {@link #latestCompleted}, keyed by lower-cased target, among actions completed after {@code since} (null: ever) on {@code target} (null: any). */
    Map<String, Completed> latestCompletedAt(List<ActionType> types, java.time.Instant since, String target) {
        Map<String, Completed> out = new LinkedHashMap<>();
        List<Object> p = new ArrayList<>();
        p.add(ActionStatus.COMPLETED.name());
        types.forEach(t -> p.add(t.name()));
        String extra = "";
        if (since != null) {
            extra += " AND completed_at > ?";
            p.add(since.atOffset(java.time.ZoneOffset.UTC));
        }
        if (target != null) {
            extra += " AND LOWER(target_id) = ?";
            p.add(target.toLowerCase(java.util.Locale.ROOT));
        }
        jdbc.sql("SELECT LOWER(target_id), action_type, completed_at FROM response_action WHERE status = ? AND action_type IN ("
                        + String.join(", ", java.util.Collections.nCopies(types.size(), "?")) + ")" + extra + " ORDER BY completed_at, id")
                .params(p).query(rs -> {
                    out.put(rs.getString(1), new Completed(ActionType.valueOf(rs.getString(2)), rs.getObject(3, OffsetDateTime.class).toInstant()));
                });
        return out;
    }

    private static ResponseAction row(ResultSet rs, int n) throws SQLException {
        String params = rs.getString(7);
        Map<String, String> p = params == null ? Map.of() : JSON.readValue(params, new TypeReference<LinkedHashMap<String, String>>() { });
        return new ResponseAction(rs.getLong(1), ActionType.valueOf(rs.getString(2)), TargetType.valueOf(rs.getString(3)),
                rs.getString(4), rs.getString(5), rs.getString(6), p, ActionStatus.valueOf(rs.getString(8)), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getObject(12, OffsetDateTime.class), rs.getString(13),
                rs.getObject(14, OffsetDateTime.class), rs.getString(15), rs.getObject(16, OffsetDateTime.class),
                rs.getObject(17, OffsetDateTime.class), (Long) rs.getObject(18, Long.class), rs.getString(19), rs.getString(20),
                rs.getObject(21, Long.class), rs.getString(22), rs.getObject(23, Long.class), rs.getObject(24, Long.class),
                rs.getObject(25, Long.class), rs.getObject(26, OffsetDateTime.class), rs.getString(27), rs.getString(28));
    }
}
