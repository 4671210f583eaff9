package dev.rampart.portal.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Roles and their permissions. Built-in roles are (re)written from {@link BuiltInRole} at every start. */
@Service
public class Roles {
    private final JdbcClient jdbc;

    public Roles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A role; {@code categories} maps catalogue categories granted as a whole to READ or READ_MANAGE. */
    public record Role(String id, String name, String description, boolean builtIn, Set<Permission> permissions,
                       Map<String, String> categories) {
        public boolean holds(Permission p) {
            return permissions.contains(p);
        }

        public String category(String category) {
            return categories.getOrDefault(category, "CUSTOM");
        }
    }

    /** The catalogue's categories in catalogue order. */
    public static Set<String> categories() {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (Permission p : Permission.values()) {
            out.add(p.category());
        }
        return out;
    }

    /** Permissions that category grants ("all read-only" = read-level permissions, "all read and manage" = all). */
    static Set<Permission> expand(Map<String, RoleAdministration.CategoryLevel> grants) {
        Set<Permission> out = EnumSet.noneOf(Permission.class);
        for (Permission p : Permission.values()) {
            RoleAdministration.CategoryLevel l = grants.get(p.category());
            if (l == RoleAdministration.CategoryLevel.READ_MANAGE || (l == RoleAdministration.CategoryLevel.READ && p.level() == Permission.Level.READ)) {
                out.add(p);
            }
        }
        return out;
    }

    /** The role, or {@link NotFoundException}. */
    public Role require(String id) {
        return all().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() -> new NotFoundException("role", id));
    }

    @Transactional
    public void seedBuiltIns() {
        for (BuiltInRole r : BuiltInRole.values()) {
            jdbc.sql("MERGE INTO app_role t USING (VALUES (?, ?, ?)) s(id, name, description) ON t.id = s.id "
                            + "WHEN MATCHED THEN UPDATE SET name = s.name, description = s.description "
                            + "WHEN NOT MATCHED THEN INSERT (id, name, description, built_in) VALUES (s.id, s.name, s.description, TRUE)")
                    .params(r.id(), r.displayName(), r.description())
                    .update();
            jdbc.sql("DELETE FROM role_permission WHERE role_id = ?").param(r.id()).update();
            for (Permission p : r.permissions()) {
                jdbc.sql("INSERT INTO role_permission (role_id, permission) VALUES (?, ?)").params(r.id(), p.name()).update();
            }
        }
        // Category grants of custom roles take permissions added to the catalogue since the role was saved.
        jdbc.sql("SELECT role_id, category, grant_level FROM role_category_grant")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list()
                .forEach(g -> {
                    for (Permission p : expand(Map.of(g[1], RoleAdministration.CategoryLevel.valueOf(g[2])))) {
                        jdbc.sql("MERGE INTO role_permission t USING (VALUES (?, ?)) s(role_id, permission) "
                                        + "ON t.role_id = s.role_id AND t.permission = s.permission "
                                        + "WHEN NOT MATCHED THEN INSERT (role_id, permission) VALUES (s.role_id, s.permission)")
                                .params(g[0], p.name()).update();
                    }
                });
    }

    /** Built-in roles in their declared order (most to least privileged), then other roles by name. */
    public static final Comparator<Role> PRIVILEGE_ORDER = Comparator.comparingInt(Roles::builtInOrdinal).thenComparing(Role::name);

    private static int builtInOrdinal(Role r) {
        for (BuiltInRole b : BuiltInRole.values()) {
            if (b.id().equals(r.id())) {
                return b.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    public List<Role> all() {
        List<Role> out = new ArrayList<>();
        jdbc.sql("SELECT id, name, description, built_in FROM app_role ORDER BY built_in DESC, name")
                .query((rs, n) -> new Role(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), Set.of(), Map.of()))
                .list()
                .forEach(r -> out.add(new Role(r.id(), r.name(), r.description(), r.builtIn(), permissionsOf(r.id()), categoriesOf(r.id()))));
        return out;
    }

    /**
     * The permission matrix of {@code roles}: catalogue permissions grouped by category and name, each cell saying
     * in words which levels the role grants ("Read", "Manage", "Read & manage" or "—").
     */
    public static List<AccessViews.MatrixGroup> matrix(List<Role> roles) {
        Map<String, Map<String, List<Permission>>> byCategory = new LinkedHashMap<>();
        for (Permission p : Permission.values()) {
            byCategory.computeIfAbsent(p.category(), c -> new LinkedHashMap<>()).computeIfAbsent(p.label(), l -> new ArrayList<>()).add(p);
        }
        List<AccessViews.MatrixGroup> groups = new ArrayList<>();
        byCategory.forEach((category, byLabel) -> {
            List<AccessViews.MatrixRow> rows = new ArrayList<>();
            byLabel.forEach((label, perms) -> {
                List<String> levels = perms.stream().map(p -> level(p.level())).toList();
                List<String> cells = roles.stream().map(r -> {
                    List<String> held = perms.stream().filter(r.permissions()::contains).map(p -> level(p.level())).toList();
                    return held.isEmpty() ? "—" : held.size() == 2 ? "Read & manage" : held.get(0);
                }).toList();
                rows.add(new AccessViews.MatrixRow(label, levels, cells));
            });
            groups.add(new AccessViews.MatrixGroup(category, rows));
        });
        return groups;
    }

    private static String level(Permission.Level level) {
        return level == Permission.Level.READ ? "Read" : "Manage";
    }

    public boolean exists(String id) {
        return jdbc.sql("SELECT count(*) FROM app_role WHERE id = ?").param(id).query(Long.class).single() > 0;
    }

    private Map<String, String> categoriesOf(String roleId) {
        Map<String, String> out = new LinkedHashMap<>();
        jdbc.sql("SELECT category, grant_level FROM role_category_grant WHERE role_id = ? ORDER BY category").param(roleId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    Set<Permission> permissionsOf(String roleId) {
        Set<Permission> s = EnumSet.noneOf(Permission.class);
        jdbc.sql("SELECT permission FROM role_permission WHERE role_id = ?").param(roleId).query(String.class).list()
                .forEach(p -> s.add(Permission.valueOf(p)));
        return s;
    }
}
