package dev.rampart.portal.access;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/** Append-only record of every change: who, what, on which target, when. */
@Service
public class AuditLog {
    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Entry(long id, OffsetDateTime occurredAt, String actor, String action, String targetType,
                        String targetId, String details) {
    }

    /** Records a change made by the current principal (or {@code system} outside a request). */
    public void record(String action, String targetType, String targetId, String details) {
        recordAs(currentActor(), action, targetType, targetId, details);
    }

    public void recordAs(String actor, String action, String targetType, String targetId, String details) {
        jdbc.sql("INSERT INTO audit_event (occurred_at, actor, action, target_type, target_id, details) VALUES (?, ?, ?, ?, ?, ?)")
                .params(OffsetDateTime.now(ZoneOffset.UTC), actor, action, targetType, targetId,
                        details == null ? null : details.length() > 4000 ? details.substring(0, 4000) : details)
                .update();
    }

    public List<Entry> recent(int limit, int offset) {
        return jdbc.sql("SELECT id, occurred_at, actor, action, target_type, target_id, details FROM audit_event ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(limit, offset)
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM audit_event").query(Long.class).single();
    }

    static String currentActor() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a == null || !a.isAuthenticated() ? "system" : a.getName();
    }
}
