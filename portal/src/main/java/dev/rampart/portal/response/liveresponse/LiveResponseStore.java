package dev.rampart.portal.response.liveresponse;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Rows of live_response_session, live_response_command and live_response_setting. */
@Repository
class LiveResponseStore {
    private static final String COMMAND_COLUMNS = "id, session_id, command_line, command, arguments, status, requested_by, created_at, sent_at, "
            + "completed_at, output, data, error, file_name, file_size, file_sha256";
    private final JdbcClient jdbc;

    LiveResponseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Settings(boolean enabled, boolean scriptsEnabled, String updatedBy, OffsetDateTime updatedAt) {
    }

    Settings settings() {
        return jdbc.sql("SELECT enabled, scripts_enabled, updated_by, updated_at FROM live_response_setting WHERE id = 1")
                .query((rs, i) -> new Settings(rs.getBoolean(1), rs.getBoolean(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class))).single();
    }

    /**
     * Locks the settings row until the transaction ends: session starts, command submissions and settings changes
     * take it first, so that the per-device, per-analyst and queue limits hold under concurrent requests.
     */
    void lock() {
        jdbc.sql("SELECT enabled FROM live_response_setting WHERE id = 1 FOR UPDATE").query(Boolean.class).single();
    }

    void saveSettings(boolean enabled, boolean scripts, String by, OffsetDateTime at) {
        jdbc.sql("UPDATE live_response_setting SET enabled = ?, scripts_enabled = ?, updated_by = ?, updated_at = ? WHERE id = 1")
                .params(enabled, scripts, by, at).update();
    }

    long insertSession(String deviceId, String deviceName, long sensorId, String by, OffsetDateTime at) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO live_response_session (device_id, device_name, sensor_id, started_by, started_at, last_activity_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(deviceId, deviceName, sensorId, by, at, at).update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<LiveSession> session(long id) {
        return jdbc.sql("SELECT * FROM live_response_session WHERE id = ?").param(id).query(LiveResponseStore::session).optional();
    }

    List<LiveSession> openSessions() {
        return jdbc.sql("SELECT * FROM live_response_session WHERE ended_at IS NULL ORDER BY id").query(LiveResponseStore::session).list();
    }

    long openSessionsOf(long sensorId) {
        return jdbc.sql("SELECT COUNT(*) FROM live_response_session WHERE sensor_id = ? AND ended_at IS NULL").param(sensorId).query(Long.class).single();
    }

    /** Ends nothing: whether a command of this session is still waiting or running (the idle timer waits for it). */
    boolean busy(long sessionId) {
        return unfinished(sessionId) > 0;
    }

    List<LiveSession> recentSessions(int limit) {
        return jdbc.sql("SELECT * FROM live_response_session ORDER BY id DESC LIMIT ?").param(limit).query(LiveResponseStore::session).list();
    }

    void touch(long sessionId, OffsetDateTime at) {
        jdbc.sql("UPDATE live_response_session SET last_activity_at = ? WHERE id = ?").params(at, sessionId).update();
    }

    void setCwd(long sessionId, String cwd) {
        jdbc.sql("UPDATE live_response_session SET cwd = ? WHERE id = ?").params(cwd, sessionId).update();
    }

    void clear(long sessionId, long beforeId) {
        jdbc.sql("UPDATE live_response_session SET cleared_before = ? WHERE id = ?").params(beforeId, sessionId).update();
    }

    /** @return whether this call ended the session (false when it had already ended) */
    boolean end(long sessionId, String reason, OffsetDateTime at) {
        boolean ended = jdbc.sql("UPDATE live_response_session SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL")
                .params(at, reason, sessionId).update() == 1;
        if (ended) {
            jdbc.sql("UPDATE live_response_command SET status = 'CANCELLED', completed_at = ?, error = ? WHERE session_id = ? AND status IN ('PENDING', 'SENT')")
                    .params(at, "The session ended: " + reason, sessionId).update();
        }
        return ended;
    }

    long insertCommand(long sessionId, String line, String command, String arguments, LiveCommandRun.Status status, String by, OffsetDateTime at,
                       String output, String data, String error, String source) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO live_response_command (session_id, command_line, command, arguments, status, requested_by, created_at, completed_at, output, "
                        + "data, error, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(sessionId, line, command, arguments, status.name(), by, at, status.finished() ? at : null, output, data, error, source).update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<LiveCommandRun> command(long id) {
        return jdbc.sql("SELECT " + COMMAND_COLUMNS + " FROM live_response_command WHERE id = ?").param(id).query(LiveResponseStore::command).optional();
    }

    List<LiveCommandRun> commands(long sessionId) {
        return jdbc.sql("SELECT " + COMMAND_COLUMNS + " FROM live_response_command WHERE session_id = ? ORDER BY id").param(sessionId)
                .query(LiveResponseStore::command).list();
    }

    long unfinished(long sessionId) {
        return jdbc.sql("SELECT COUNT(*) FROM live_response_command WHERE session_id = ? AND status IN ('PENDING', 'SENT')").param(sessionId)
                .query(Long.class).single();
    }

    long commandCount(long sessionId) {
        return jdbc.sql("SELECT COUNT(*) FROM live_response_command WHERE session_id = ?").param(sessionId).query(Long.class).single();
    }

    List<LiveCommandRun> pendingForSensor(long sensorId, int limit) {
        return jdbc.sql("SELECT c." + COMMAND_COLUMNS.replace(", ", ", c.") + " FROM live_response_command c JOIN live_response_session s ON s.id = c.session_id "
                        + "WHERE s.sensor_id = ? AND s.ended_at IS NULL AND c.status = 'PENDING' ORDER BY c.id LIMIT ?")
                .params(sensorId, limit).query(LiveResponseStore::command).list();
    }

    boolean markSent(long commandId, OffsetDateTime at) {
        return jdbc.sql("UPDATE live_response_command SET status = 'SENT', sent_at = ? WHERE id = ? AND status = 'PENDING'").params(at, commandId).update() == 1;
    }

    boolean finish(long commandId, LiveCommandRun.Status status, String output, String data, String error, String fileName, Long fileSize,
                   String fileSha, OffsetDateTime at) {
        return finish(commandId, status, output, data, error, fileName, fileSize, fileSha, at, false);
    }

    /** Records a result; {@code afterCancel} also accepts a command the analyst cancelled while the sensor ran it. */
    boolean finish(long commandId, LiveCommandRun.Status status, String output, String data, String error, String fileName, Long fileSize,
                   String fileSha, OffsetDateTime at, boolean afterCancel) {
        return jdbc.sql("UPDATE live_response_command SET status = ?, output = ?, data = ?, error = ?, file_name = ?, file_size = ?, file_sha256 = ?, "
                        + "completed_at = ? WHERE id = ? AND status IN ('PENDING', 'SENT'" + (afterCancel ? ", 'CANCELLED'" : "") + ")")
                .params(status.name(), output, data, error, fileName, fileSize, fileSha, at, commandId).update() == 1;
    }

    /** A command with its session's device, for the Action center's list. */
    record Logged(LiveCommandRun command, String deviceId, String deviceName, String source) {
    }

    List<Logged> latestCommands(OffsetDateTime since, int limit) {
        return jdbc.sql("SELECT c." + COMMAND_COLUMNS.replace(", ", ", c.") + ", s.device_id, s.device_name, c.source FROM live_response_command c "
                        + "JOIN live_response_session s ON s.id = c.session_id WHERE c.created_at >= ? ORDER BY c.id DESC LIMIT ?")
                .params(since, limit).query((rs, i) -> new Logged(command(rs, i), rs.getString(17), rs.getString(18), rs.getString(19))).list();
    }

    List<LiveCommandRun> unfinishedAll() {
        return jdbc.sql("SELECT " + COMMAND_COLUMNS + " FROM live_response_command WHERE status IN ('PENDING', 'SENT') ORDER BY id")
                .query(LiveResponseStore::command).list();
    }

    private static LiveSession session(ResultSet rs, int i) throws SQLException {
        return new LiveSession(rs.getLong("id"), rs.getString("device_id"), rs.getString("device_name"), rs.getLong("sensor_id"), rs.getString("started_by"),
                rs.getObject("started_at", OffsetDateTime.class), rs.getObject("last_activity_at", OffsetDateTime.class),
                rs.getObject("ended_at", OffsetDateTime.class), rs.getString("end_reason"), rs.getString("cwd"), rs.getLong("cleared_before"));
    }

    private static LiveCommandRun command(ResultSet rs, int i) throws SQLException {
        long size = rs.getLong(15);
        Long fileSize = rs.wasNull() ? null : size;
        return new LiveCommandRun(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                LiveCommandRun.Status.valueOf(rs.getString(6)), rs.getString(7), rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class),
                rs.getObject(10, OffsetDateTime.class), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), fileSize, rs.getString(16));
    }
}
