package dev.rampart.portal.response.submissions;

import dev.rampart.portal.response.indicators.IndicatorType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The submission tables; only {@link Submissions} writes through it. */
@Repository
class SubmissionStore {
    private static final String COLUMNS = "id, submission_type, claim, subject, notes, status, verdict, result, failure, submitted_by, submitted_at, "
            + "completed_at, alert_id, email_from, email_reply_to, email_to, email_subject, email_message_id, email_date, content_name";
    private final JdbcClient jdbc;

    SubmissionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** List filters; null or blank = any. {@code since}: submitted at or after. */
    record Filter(SubmissionType type, SubmissionVerdict verdict, SubmissionStatus status, String submittedBy, OffsetDateTime since) {
        String where(List<Object> p) {
            List<String> parts = new ArrayList<>();
            if (type != null) {
                parts.add("submission_type = ?");
                p.add(type.name());
            }
            if (verdict != null) {
                parts.add("verdict = ?");
                p.add(verdict.name());
            }
            if (status != null) {
                parts.add("status = ?");
                p.add(status.name());
            }
            if (submittedBy != null && !submittedBy.isBlank()) {
                parts.add("LOWER(submitted_by) LIKE ?");
                p.add("%" + submittedBy.strip().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%");
            }
            if (since != null) {
                parts.add("submitted_at >= ?");
                p.add(since);
            }
            return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
        }
    }

    long insert(SubmissionType type, Claim claim, String subject, String notes, String by, String alertId, Submission.Email email, byte[] content) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO submission (submission_type, claim, subject, notes, status, submitted_by, submitted_at, alert_id, email_from, email_reply_to, "
                        + "email_to, email_subject, email_message_id, email_date, content_name, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(type.name(), claim.name(), clip(subject, 2000), notes, SubmissionStatus.PENDING.name(), by, now(), alertId,
                        email == null ? null : clip(email.from(), 1000), email == null ? null : clip(email.replyTo(), 1000),
                        email == null ? null : clip(email.to(), 2000), email == null ? null : clip(email.subject(), 2000),
                        email == null ? null : clip(email.messageId(), 1000), email == null ? null : clip(email.date(), 200),
                        email == null ? null : clip(email.fileName(), 500), content)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void restart(long id) {
        jdbc.sql("DELETE FROM submission_finding WHERE submission_id = ?").param(id).update();
        jdbc.sql("DELETE FROM submission_artifact WHERE submission_id = ?").param(id).update();
        jdbc.sql("UPDATE submission SET status = ?, verdict = NULL, result = NULL, failure = NULL, completed_at = NULL WHERE id = ?")
                .params(SubmissionStatus.PENDING.name(), id).update();
    }

    void complete(long id, SubmissionVerdict verdict, String result, List<Finding> findings, List<Artifact> artifacts) {
        for (Finding f : findings) {
            jdbc.sql("INSERT INTO submission_finding (submission_id, source, signal, text) VALUES (?, ?, ?, ?)")
                    .params(id, f.source(), f.signal().name(), f.text()).update();
        }
        for (Artifact a : artifacts) {
            jdbc.sql("INSERT INTO submission_artifact (submission_id, indicator_type, artifact_value, label) VALUES (?, ?, ?, ?)")
                    .params(id, a.type().name(), clip(a.value(), 2000), clip(a.label(), 1000)).update();
        }
        jdbc.sql("UPDATE submission SET status = ?, verdict = ?, result = ?, completed_at = ? WHERE id = ?")
                .params(SubmissionStatus.COMPLETED.name(), verdict.name(), clip(result, 300), now(), id).update();
    }

    void fail(long id, String failure) {
        jdbc.sql("UPDATE submission SET status = ?, failure = ?, completed_at = ? WHERE id = ?")
                .params(SubmissionStatus.FAILED.name(), clip(failure == null ? "unknown error" : failure, 2000), now(), id).update();
    }

    /** Submissions left pending by a stop of the portal. */
    List<Long> pending() {
        return jdbc.sql("SELECT id FROM submission WHERE status = ?").param(SubmissionStatus.PENDING.name()).query(Long.class).list();
    }

    Optional<Submission> get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM submission WHERE id = ?").param(id).query(SubmissionStore::row).optional();
    }

    Optional<byte[]> content(long id) {
        return jdbc.sql("SELECT content FROM submission WHERE id = ? AND content IS NOT NULL").param(id).query((rs, n) -> rs.getBytes(1)).optional();
    }

    List<Submission> list(Filter f, int limit, int offset) {
        List<Object> p = new ArrayList<>();
        String where = f.where(p);
        p.add(limit);
        p.add(offset);
        return jdbc.sql("SELECT " + COLUMNS + " FROM submission" + where + " ORDER BY id DESC LIMIT ? OFFSET ?").params(p).query(SubmissionStore::row).list();
    }

    long count(Filter f) {
        List<Object> p = new ArrayList<>();
        return jdbc.sql("SELECT count(*) FROM submission" + f.where(p)).params(p).query(Long.class).single();
    }

    List<Finding> findings(long id) {
        return jdbc.sql("SELECT source, signal, text FROM submission_finding WHERE submission_id = ? ORDER BY id").param(id)
                .query((rs, n) -> new Finding(rs.getString(1), Finding.Signal.valueOf(rs.getString(2)), rs.getString(3))).list();
    }

    List<Artifact> artifacts(long id) {
        return jdbc.sql("SELECT indicator_type, artifact_value, label FROM submission_artifact WHERE submission_id = ? ORDER BY id").param(id)
                .query((rs, n) -> new Artifact(IndicatorType.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3))).list();
    }

    void followUp(long id, String kind, long refId, String label, String by) {
        jdbc.sql("INSERT INTO submission_follow_up (submission_id, kind, ref_id, label, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, kind, refId, clip(label, 1000), by, now()).update();
    }

    List<FollowUp> followUps(long id) {
        return jdbc.sql("SELECT kind, ref_id, label, created_by, created_at FROM submission_follow_up WHERE submission_id = ? ORDER BY id").param(id)
                .query((rs, n) -> new FollowUp(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class)))
                .list();
    }

    private static Submission row(ResultSet rs, int n) throws SQLException {
        SubmissionType type = SubmissionType.valueOf(rs.getString(2));
        String verdict = rs.getString(7);
        Submission.Email email = type == SubmissionType.EMAIL ? new Submission.Email(rs.getString(14), rs.getString(15), rs.getString(16),
                rs.getString(17), rs.getString(18), rs.getString(19), rs.getString(20)) : null;
        return new Submission(rs.getLong(1), type, Claim.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                SubmissionStatus.valueOf(rs.getString(6)), verdict == null ? null : SubmissionVerdict.valueOf(verdict), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getObject(11, OffsetDateTime.class), rs.getObject(12, OffsetDateTime.class), rs.getString(13), email);
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
