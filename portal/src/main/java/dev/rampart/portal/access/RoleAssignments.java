package dev.rampart.portal.access;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.events.EventStore;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assignments of a role to users and groups, each limited to data sources (the hunting schema's workloads) and
 * to device groups. An empty list of data sources or device groups means all of them, including ones added
 * later. Audited; callers check Authorization (manage).
 */
@Service
public class RoleAssignments {
    private final JdbcClient jdbc;
    private final Roles roles;
    private final UserAccounts users;
    private final LocalGroups groups;
    private final DeviceGroups deviceGroups;
    private final EventStore events;
    private final AuditLog audit;
    private final DataScopes scopes;

    public RoleAssignments(JdbcClient jdbc, Roles roles, UserAccounts users, LocalGroups groups, DeviceGroups deviceGroups,
                           EventStore events, AuditLog audit, DataScopes scopes) {
        this.scopes = scopes;
        this.jdbc = jdbc;
        this.roles = roles;
        this.users = users;
        this.groups = groups;
        this.deviceGroups = deviceGroups;
        this.events = events;
        this.audit = audit;
    }

    /**
     * An assignment. When {@code allDeviceGroups} is false, {@code deviceGroupIds} lists the groups it covers; it is
     * empty (covering no device) when those groups were deleted since.
     */
    public record Assignment(long id, String roleId, String name, List<String> users, List<String> groups,
                             boolean allDataSources, List<String> dataSources, boolean allDeviceGroups, List<Long> deviceGroupIds) {
    }

    /** An assignment as entered: users by user name, groups by name, device groups by id. */
    public record Input(String name, Collection<String> users, Collection<String> groups, Collection<String> dataSources,
                        Collection<Long> deviceGroupIds) {
    }

    /** The data sources an assignment can name: the workloads of the hunting schema, sorted. */
    public List<String> dataSources() {
        return events.schema().tables().stream().map(Table::workload).distinct().sorted().toList();
    }

    public List<Assignment> all() {
        return list("", null);
    }

    public List<Assignment> ofRole(String roleId) {
        return list(" WHERE ra.role_id = ?", roleId);
    }

    public Assignment require(long id) {
        return list(" WHERE ra.id = ?", id).stream().findFirst().orElseThrow(() -> new NotFoundException("assignment", String.valueOf(id)));
    }

    @Transactional
    public Assignment create(String roleId, Input in) {
        Roles.Role role = roles.require(roleId);
        Checked c = check(in);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO role_assignment (role_id, name, all_sources, all_device_groups, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(roleId, c.name, c.sources.isEmpty(), c.deviceGroups.isEmpty(), OffsetDateTime.now(ZoneOffset.UTC)).update(keys, "id");
        long id = keys.getKey().longValue();
        writeMembers(id, c);
        Assignment a = require(id);
        scopes.changed();
        audit.record("role.assignment.create", "role", roleId, "\"" + role.name() + "\": " + describe(a));
        return a;
    }

    @Transactional
    public Assignment update(long id, Input in) {
        Assignment before = require(id);
        Checked c = check(in);
        jdbc.sql("UPDATE role_assignment SET name = ?, all_sources = ?, all_device_groups = ? WHERE id = ?")
                .params(c.name, c.sources.isEmpty(), c.deviceGroups.isEmpty(), id).update();
        for (String t : List.of("assignment_source", "assignment_device_group", "assignment_user", "assignment_group")) {
            jdbc.sql("DELETE FROM " + t + " WHERE assignment_id = ?").param(id).update();
        }
        writeMembers(id, c);
        Assignment a = require(id);
        scopes.changed();
        audit.record("role.assignment.update", "role", before.roleId(), "was " + describe(before) + "; now " + describe(a));
        return a;
    }

    @Transactional
    public void delete(long id) {
        Assignment a = require(id);
        jdbc.sql("DELETE FROM role_assignment WHERE id = ?").param(id).update();
        scopes.changed();
        audit.record("role.assignment.delete", "role", a.roleId(), describe(a));
    }

    private record Checked(String name, List<Long> userIds, List<Long> groupIds, Set<String> sources, Set<Long> deviceGroups) {
    }

    private Checked check(Input in) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty()) {
            errors.put("name", "Enter an assignment name.");
        } else if (name.length() > 200) {
            errors.put("name", "Use at most 200 characters.");
        }
        List<Long> userIds = new ArrayList<>();
        List<String> unknownUsers = new ArrayList<>();
        for (String u : nonBlank(in.users())) {
            users.findByUsername(u).ifPresentOrElse(a -> userIds.add(a.id()), () -> unknownUsers.add(u));
        }
        if (!unknownUsers.isEmpty()) {
            errors.put("users", "Unknown user " + String.join(", ", unknownUsers) + ".");
        }
        List<Long> groupIds = new ArrayList<>();
        List<String> unknownGroups = new ArrayList<>();
        for (String g : nonBlank(in.groups())) {
            groups.findByName(g).ifPresentOrElse(x -> groupIds.add(x.id()), () -> unknownGroups.add(g));
        }
        if (!unknownGroups.isEmpty()) {
            errors.put("groups", "Unknown group " + String.join(", ", unknownGroups) + ".");
        }
        if (userIds.isEmpty() && groupIds.isEmpty() && !errors.containsKey("users") && !errors.containsKey("groups")) {
            errors.put("users", "Assign the role to at least one user or group.");
        }
        Set<String> sources = new TreeSet<>(nonBlank(in.dataSources()));
        sources.remove("*");
        List<String> known = dataSources();
        List<String> badSources = sources.stream().filter(s -> !known.contains(s)).toList();
        if (!badSources.isEmpty()) {
            errors.put("dataSources", "Unknown data source " + String.join(", ", badSources) + "; use " + known + ".");
        }
        Set<Long> dgs = new TreeSet<>(in.deviceGroupIds() == null ? List.of() : in.deviceGroupIds());
        List<Long> badGroups = dgs.stream().filter(id -> deviceGroups.find(id).isEmpty()).toList();
        if (!badGroups.isEmpty()) {
            errors.put("deviceGroups", "Unknown device group id " + badGroups + ".");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Checked(name, userIds, groupIds, sources, dgs);
    }

    private void writeMembers(long id, Checked c) {
        c.sources.forEach(s -> jdbc.sql("INSERT INTO assignment_source (assignment_id, workload) VALUES (?, ?)").params(id, s).update());
        c.deviceGroups.forEach(g -> jdbc.sql("INSERT INTO assignment_device_group (assignment_id, device_group_id) VALUES (?, ?)").params(id, g).update());
        new TreeSet<>(c.userIds).forEach(u -> jdbc.sql("INSERT INTO assignment_user (assignment_id, user_id) VALUES (?, ?)").params(id, u).update());
        new TreeSet<>(c.groupIds).forEach(g -> jdbc.sql("INSERT INTO assignment_group (assignment_id, group_id) VALUES (?, ?)").params(id, g).update());
    }

    private List<Assignment> list(String where, Object param) {
        var spec = jdbc.sql("SELECT ra.id, ra.role_id, ra.name, ra.all_sources, ra.all_device_groups FROM role_assignment ra" + where + " ORDER BY ra.role_id, ra.name, ra.id");
        if (param != null) {
            spec = spec.param(param);
        }
        return spec.query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5)}).list()
                .stream().map(r -> {
                    long id = (Long) r[0];
                    List<String> u = jdbc.sql("SELECT u.username FROM assignment_user au JOIN app_user u ON u.id = au.user_id WHERE au.assignment_id = ? ORDER BY u.username")
                            .param(id).query(String.class).list();
                    List<String> g = jdbc.sql("SELECT g.name FROM assignment_group ag JOIN app_group g ON g.id = ag.group_id WHERE ag.assignment_id = ? ORDER BY g.name")
                            .param(id).query(String.class).list();
                    List<String> s = (Boolean) r[3] ? List.of()
                            : jdbc.sql("SELECT workload FROM assignment_source WHERE assignment_id = ? ORDER BY workload").param(id).query(String.class).list();
                    List<Long> d = (Boolean) r[4] ? List.of()
                            : jdbc.sql("SELECT device_group_id FROM assignment_device_group WHERE assignment_id = ? ORDER BY device_group_id").param(id).query(Long.class).list();
                    return new Assignment(id, (String) r[1], (String) r[2], u, g, (Boolean) r[3], s, (Boolean) r[4], d);
                }).toList();
    }

    private static String describe(Assignment a) {
        return "\"" + a.name() + "\" users " + a.users() + ", groups " + a.groups() + ", data sources "
                + (a.allDataSources() ? "all" : a.dataSources()) + ", device groups " + (a.allDeviceGroups() ? "all" : a.deviceGroupIds());
    }

    private static List<String> nonBlank(Collection<String> in) {
        return in == null ? List.of() : in.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
    }
}
