package dev.rampart.portal.access;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Custom roles built from the permission catalogue: single permissions by name and, per category, "all read-only"
 * or "all read and manage" (which also takes permissions added to the category later). Built-in roles cannot be
 * changed or deleted. Errors name the field; every change is audited. Callers check Authorization (manage).
 */
@Service
public class RoleAdministration {
    /** Category grant levels. */
    public enum CategoryLevel { READ, READ_MANAGE }

    private final JdbcClient jdbc;
    private final Roles roles;
    private final AuditLog audit;
    private final DataScopes scopes;

    public RoleAdministration(JdbcClient jdbc, Roles roles, AuditLog audit, DataScopes scopes) {
        this.scopes = scopes;
        this.jdbc = jdbc;
        this.roles = roles;
        this.audit = audit;
    }

    /** A role as entered: permissions by {@link Permission} name, category grants by category label. */
    public record Input(String name, String description, Collection<String> permissions, Map<String, String> categories) {
    }

    @Transactional
    public Roles.Role create(Input in) {
        Checked c = check(in, null);
        String id = freeId(slug(c.name));
        jdbc.sql("INSERT INTO app_role (id, name, description, built_in) VALUES (?, ?, ?, FALSE)").params(id, c.name, c.description).update();
        write(id, c);
        scopes.changed();
        audit.record("role.create", "role", id, describe(c));
        return roles.require(id);
    }

    @Transactional
    public Roles.Role update(String id, Input in) {
        Roles.Role before = roles.require(id);
        requireCustom(before);
        Checked c = check(in, id);
        jdbc.sql("UPDATE app_role SET name = ?, description = ? WHERE id = ?").params(c.name, c.description, id).update();
        jdbc.sql("DELETE FROM role_permission WHERE role_id = ?").param(id).update();
        jdbc.sql("DELETE FROM role_category_grant WHERE role_id = ?").param(id).update();
        write(id, c);
        scopes.changed();
        audit.record("role.update", "role", id, "was \"" + before.name() + "\" " + sorted(before.permissions()) + "; now " + describe(c));
        return roles.require(id);
    }

    @Transactional
    public void delete(String id) {
        Roles.Role before = roles.require(id);
        requireCustom(before);
        jdbc.sql("DELETE FROM app_role WHERE id = ?").param(id).update();
        scopes.changed();
        audit.record("role.delete", "role", id, "\"" + before.name() + "\" " + sorted(before.permissions()) + "; its assignments were removed");
    }

    private record Checked(String name, String description, Set<Permission> permissions, Map<String, CategoryLevel> categories) {
    }

    private Checked check(Input in, String selfId) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty()) {
            errors.put("name", "Enter a role name.");
        } else if (name.length() > 200) {
            errors.put("name", "Use at most 200 characters.");
        } else if (roles.all().stream().anyMatch(r -> !r.id().equals(selfId) && r.name().equalsIgnoreCase(name))) {
            errors.put("name", "A role named \"" + name + "\" already exists.");
        }
        String description = in.description() == null ? "" : in.description().strip();
        if (description.length() > 1000) {
            errors.put("description", "Use at most 1000 characters.");
        }
        Set<Permission> perms = EnumSet.noneOf(Permission.class);
        List<String> unknown = new ArrayList<>();
        for (String p : in.permissions() == null ? List.<String>of() : in.permissions()) {
            if (p == null || p.isBlank()) {
                continue;
            }
            try {
                perms.add(Permission.valueOf(p.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                unknown.add(p.strip());
            }
        }
        if (!unknown.isEmpty()) {
            errors.put("permissions", "Unknown permission " + String.join(", ", unknown) + ".");
        }
        Map<String, CategoryLevel> categories = new TreeMap<>();
        Set<String> known = Roles.categories();
        (in.categories() == null ? Map.<String, String>of() : in.categories()).forEach((cat, level) -> {
            if (level == null || level.isBlank() || level.equalsIgnoreCase("CUSTOM")) {
                return;
            }
            if (!known.contains(cat)) {
                errors.put("categories", "Unknown category \"" + cat + "\"; use one of " + known + ".");
                return;
            }
            try {
                categories.put(cat, CategoryLevel.valueOf(level.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.put("categories", "Level of \"" + cat + "\" must be READ, READ_MANAGE or CUSTOM.");
            }
        });
        if (errors.isEmpty() && perms.isEmpty() && categories.isEmpty()) {
            errors.put("permissions", "Pick at least one permission.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Checked(name, description, perms, categories);
    }

    private void write(String id, Checked c) {
        c.categories.forEach((cat, level) ->
                jdbc.sql("INSERT INTO role_category_grant (role_id, category, grant_level) VALUES (?, ?, ?)").params(id, cat, level.name()).update());
        Set<Permission> all = EnumSet.noneOf(Permission.class);
        all.addAll(c.permissions);
        all.addAll(Roles.expand(c.categories));
        for (Permission p : all) {
            jdbc.sql("INSERT INTO role_permission (role_id, permission) VALUES (?, ?)").params(id, p.name()).update();
        }
    }

    private static void requireCustom(Roles.Role r) {
        if (r.builtIn()) {
            throw InvalidInputException.of("id", "\"" + r.name() + "\" is a built-in role; built-in roles cannot be changed or deleted.");
        }
    }

    private String freeId(String base) {
        String id = base;
        for (int i = 2; roles.exists(id); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    static String slug(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        s = s.isEmpty() ? "role" : s.length() > 48 ? s.substring(0, 48) : s;
        return "custom-" + s;
    }

    private static String describe(Checked c) {
        return "\"" + c.name + "\" permissions " + sorted(c.permissions) + (c.categories.isEmpty() ? "" : ", categories " + c.categories);
    }

    private static List<String> sorted(Set<Permission> p) {
        return p.stream().map(Enum::name).sorted().toList();
    }
}
