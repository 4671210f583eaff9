package dev.rampart.portal.access;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Local user groups: role assignments name groups as well as users, and OpenID Connect group claims can be
 * mapped onto them. Members are given by user name. Audited; callers check Authorization (manage).
 */
@Service
public class LocalGroups {
    private final JdbcClient jdbc;
    private final UserAccounts users;
    private final AuditLog audit;
    private final DataScopes scopes;

    public LocalGroups(JdbcClient jdbc, UserAccounts users, AuditLog audit, DataScopes scopes) {
        this.scopes = scopes;
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
    }

    public record Group(long id, String name, String description, List<String> members) {
    }

    public List<Group> all() {
        Map<Long, List<String>> members = new LinkedHashMap<>();
        jdbc.sql("SELECT gm.group_id, u.username FROM group_member gm JOIN app_user u ON u.id = gm.user_id ORDER BY u.username")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list()
                .forEach(e -> members.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return jdbc.sql("SELECT id, name, description FROM app_group ORDER BY name")
                .query((rs, n) -> new Group(rs.getLong(1), rs.getString(2), rs.getString(3), members.getOrDefault(rs.getLong(1), List.of())))
                .list();
    }

    public Optional<Group> find(long id) {
        return all().stream().filter(g -> g.id() == id).findFirst();
    }

    public Optional<Group> findByName(String name) {
        return all().stream().filter(g -> g.name().equalsIgnoreCase(name == null ? "" : name.strip())).findFirst();
    }

    public Group require(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("group", String.valueOf(id)));
    }

    @Transactional
    public Group create(String name, String description, Collection<String> members) {
        String n = checkName(name);
        List<Long> ids = memberIds(members);
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO app_group (name, name_key, description, created_at) VALUES (?, ?, ?, ?)")
                    .params(n, DeviceGroups.key(n), description == null ? "" : description.strip(), OffsetDateTime.now(ZoneOffset.UTC))
                    .update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw InvalidInputException.of("name", "A group named \"" + n + "\" already exists.");
        }
        long id = keys.getKey().longValue();
        setMembers(id, ids);
        scopes.changed();
        audit.record("group.create", "group", n, "members " + new TreeSet<>(members == null ? List.of() : members));
        return require(id);
    }

    @Transactional
    public Group update(long id, String name, String description, Collection<String> members) {
        Group before = require(id);
        String n = checkName(name);
        List<Long> ids = memberIds(members);
        try {
            jdbc.sql("UPDATE app_group SET name = ?, name_key = ?, description = ? WHERE id = ?")
                    .params(n, DeviceGroups.key(n), description == null ? "" : description.strip(), id).update();
        } catch (DuplicateKeyException e) {
            throw InvalidInputException.of("name", "A group named \"" + n + "\" already exists.");
        }
        setMembers(id, ids);
        scopes.changed();
        audit.record("group.update", "group", n, "members " + before.members() + " → " + require(id).members());
        return require(id);
    }

    @Transactional
    public void delete(long id) {
        Group g = require(id);
        jdbc.sql("DELETE FROM app_group WHERE id = ?").param(id).update();
        scopes.changed();
        audit.record("group.delete", "group", g.name(), "members " + g.members());
    }

    /** Adds a user to a group unless already a member (sign-in with OpenID Connect keeps memberships in step). */
    void addMember(long groupId, long userId) {
        jdbc.sql("MERGE INTO group_member t USING (VALUES (?, ?)) s(group_id, user_id) ON t.group_id = s.group_id AND t.user_id = s.user_id "
                + "WHEN NOT MATCHED THEN INSERT (group_id, user_id) VALUES (s.group_id, s.user_id)").params(groupId, userId).update();
    }

    void removeMember(long groupId, long userId) {
        jdbc.sql("DELETE FROM group_member WHERE group_id = ? AND user_id = ?").params(groupId, userId).update();
    }

    /** Ids of the groups a user is a member of. */
    java.util.Set<Long> groupIdsOf(long userId) {
        return new java.util.HashSet<>(jdbc.sql("SELECT group_id FROM group_member WHERE user_id = ?").param(userId).query(Long.class).list());
    }

    private void setMembers(long id, List<Long> userIds) {
        jdbc.sql("DELETE FROM group_member WHERE group_id = ?").param(id).update();
        userIds.forEach(u -> addMember(id, u));
    }

    private List<Long> memberIds(Collection<String> members) {
        List<Long> ids = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String m : members == null ? List.<String>of() : members) {
            if (m == null || m.isBlank()) {
                continue;
            }
            users.findByUsername(m).ifPresentOrElse(a -> ids.add(a.id()), () -> unknown.add(m.strip()));
        }
        if (!unknown.isEmpty()) {
            throw InvalidInputException.of("members", "Unknown user " + String.join(", ", unknown) + ".");
        }
        return ids;
    }

    private static String checkName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw InvalidInputException.of("name", "Enter a group name.");
        }
        if (n.length() > 200) {
            throw InvalidInputException.of("name", "Use at most 200 characters.");
        }
        return n;
    }
}
