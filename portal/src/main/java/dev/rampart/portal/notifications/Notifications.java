package dev.rampart.portal.notifications;

import dev.rampart.portal.access.Permission;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notifications shown under the top-bar bell. Features publish with {@link #toUser} or {@link #toHoldersOf};
 * each user sees what targets them, newest first, and may dismiss (hide) items — dismissing never deletes.
 */
@Service
public class Notifications {
    public enum Kind { SUCCESS, ONGOING, INFORMATION, WARNING, ERROR }

    public record Item(long id, OffsetDateTime createdAt, Kind kind, String title, String content, String link,
                       boolean read, boolean dismissed) {
    }

    /** Published after a notification is stored, so live subscribers can refresh their unread count. */
    public record Published(String targetUser, String targetPermission) {
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    public Notifications(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public void toUser(String username, Kind kind, String title, String content, String link) {
        insert(kind, title, content, link, username, null);
    }

    public void toHoldersOf(Permission permission, Kind kind, String title, String content, String link) {
        insert(kind, title, content, link, null, permission.name());
    }

    private void insert(Kind kind, String title, String content, String link, String user, String permission) {
        jdbc.sql("INSERT INTO notification (created_at, kind, title, content, link, target_user, target_permission) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(OffsetDateTime.now(ZoneOffset.UTC), kind.name(), clip(title, 300), clip(content, 2000), link, user, permission)
                .update();
        events.publishEvent(new Published(user, permission));
    }

    /** Newest first; {@code beforeId} pages backwards (0 = from the newest). */
    public List<Item> list(String username, Collection<Permission> held, boolean includeDismissed, long beforeId, int limit) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT n.id, n.created_at, n.kind, n.title, n.content, n.link, s.read_at, s.dismissed_at FROM notification n "
                + "LEFT JOIN notification_state s ON s.notification_id = n.id AND s.username = ? WHERE " + visibleTo(username, held, params, true)
                + (includeDismissed ? "" : " AND s.dismissed_at IS NULL")
                + (beforeId > 0 ? " AND n.id < " + beforeId : "")
                + " ORDER BY n.id DESC LIMIT " + Math.max(1, Math.min(limit, 200));
        return jdbc.sql(sql).params(params).query((rs, n) -> new Item(rs.getLong(1), rs.getObject(2, OffsetDateTime.class),
                Kind.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getObject(7) != null, rs.getObject(8) != null)).list();
    }

    public long unreadCount(String username, Collection<Permission> held) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT count(*) FROM notification n LEFT JOIN notification_state s ON s.notification_id = n.id AND s.username = ? WHERE "
                + visibleTo(username, held, params, true) + " AND s.read_at IS NULL AND s.dismissed_at IS NULL";
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /** Marks everything the user can see as read (opening the panel). */
    @Transactional
    public void markAllRead(String username, Collection<Permission> held) {
        setState(username, held, "read_at", null);
    }

    @Transactional
    public void dismiss(String username, Collection<Permission> held, long id) {
        setState(username, held, "dismissed_at", id);
    }

    @Transactional
    public void dismissAll(String username, Collection<Permission> held) {
        setState(username, held, "dismissed_at", null);
    }

    private void setState(String username, Collection<Permission> held, String column, Long onlyId) {
        List<Object> params = new ArrayList<>();
        String ids = "SELECT n.id FROM notification n WHERE " + visibleTo(username, held, params, false) + (onlyId == null ? "" : " AND n.id = " + onlyId);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Long id : jdbc.sql(ids).params(params).query(Long.class).list()) {
            jdbc.sql("MERGE INTO notification_state t USING (VALUES (?, ?)) v(nid, uname) ON t.notification_id = v.nid AND t.username = v.uname "
                            + "WHEN MATCHED AND t." + column + " IS NULL THEN UPDATE SET " + column + " = ? "
                            + "WHEN NOT MATCHED THEN INSERT (notification_id, username, " + column + ") VALUES (v.nid, v.uname, ?)")
                    .params(id, username, now, now).update();
        }
    }

    /** The WHERE clause selecting notifications addressed to this user; appends its bind values to {@code params}. */
    private static String visibleTo(String username, Collection<Permission> held, List<Object> params, boolean withJoinParam) {
        if (withJoinParam) {
            params.add(username);
        }
        params.add(username);
        StringBuilder perms = new StringBuilder();
        for (Permission p : held) {
            perms.append(perms.isEmpty() ? "" : ", ").append('?');
            params.add(p.name());
        }
        return "(n.target_user = ? OR (n.target_user IS NULL AND (n.target_permission IS NULL"
                + (perms.isEmpty() ? "" : " OR n.target_permission IN (" + perms + ")") + ")))";
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
