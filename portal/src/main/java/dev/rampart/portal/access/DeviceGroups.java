package dev.rampart.portal.access;

import dev.rampart.portal.access.DeviceGroup.Property;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Device groups and their ranked rules. Ranks of the other groups are kept contiguous (1..n); the default
 * "Ungrouped devices" group always comes last, keeps its name and rule-less match, and cannot be deleted.
 * Every change is audited. Callers check permissions (Authorization manage).
 */
@Service
public class DeviceGroups {
    static final int MAX_VALUES_PER_PROPERTY = 10;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final AtomicLong version = new AtomicLong();

    public DeviceGroups(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * A group as entered. {@code rank} null = after the last ranked group; {@code rules} maps property names
     * ({@code NAME}, {@code DOMAIN}, {@code OS_PLATFORM}, {@code TAG}) to up to 10 values each.
     */
    public record Input(String name, String description, String automationLevel, Integer rank, Map<String, List<String>> rules) {
    }

    /** Moves on every change so that caches of group membership know to recompute. */
    public long version() {
        return version.get();
    }

    /** All groups by rank, the default group last. */
    public List<DeviceGroup> all() {
        Map<Long, Map<Property, List<String>>> rules = new LinkedHashMap<>();
        jdbc.sql("SELECT group_id, property, rule_value FROM device_group_rule ORDER BY group_id, property, rule_value")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}).list()
                .forEach(r -> rules.computeIfAbsent((Long) r[0], k -> new EnumMap<>(Property.class))
                        .computeIfAbsent(Property.valueOf((String) r[1]), k -> new ArrayList<>()).add((String) r[2]));
        return jdbc.sql("SELECT id, name, description, automation_level, rank_no, is_default FROM device_group ORDER BY rank_no, id")
                .query((rs, n) -> new DeviceGroup(rs.getLong(1), rs.getString(2), rs.getString(3), AutomationLevel.valueOf(rs.getString(4)),
                        rs.getInt(5), rs.getBoolean(6), rules.getOrDefault(rs.getLong(1), Map.of())))
                .list();
    }

    public Optional<DeviceGroup> find(long id) {
        return all().stream().filter(g -> g.id() == id).findFirst();
    }

    public DeviceGroup require(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("device group", String.valueOf(id)));
    }

    @Transactional
    public DeviceGroup create(Input in) {
        Checked c = check(in, null);
        List<DeviceGroup> ranked = all().stream().filter(g -> !g.isDefault()).toList();
        int rank = in.rank() == null ? ranked.size() + 1 : Math.min(Math.max(1, in.rank()), ranked.size() + 1);
        jdbc.sql("UPDATE device_group SET rank_no = rank_no + 1 WHERE is_default = FALSE AND rank_no >= ?").param(rank).update();
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO device_group (name, name_key, description, automation_level, rank_no, is_default, updated_at) "
                            + "VALUES (?, ?, ?, ?, ?, FALSE, ?)")
                    .params(c.name, key(c.name), c.description, c.level.name(), rank, now()).update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw duplicate(c.name);
        }
        long id = keys.getKey().longValue();
        writeRules(id, c.rules);
        version.incrementAndGet();
        audit.record("device-group.create", "device-group", c.name, describe(c, rank));
        return require(id);
    }

    @Transactional
    public DeviceGroup update(long id, Input in) {
        DeviceGroup before = require(id);
        Checked c = check(in, before);
        int rank = before.rank();
        if (!before.isDefault()) {
            List<DeviceGroup> others = all().stream().filter(g -> !g.isDefault() && g.id() != id).toList();
            rank = in.rank() == null ? before.rank() : Math.min(Math.max(1, in.rank()), others.size() + 1);
            int r = 1;
            for (DeviceGroup g : others) {
                if (r == rank) {
                    r++;
                }
                jdbc.sql("UPDATE device_group SET rank_no = ? WHERE id = ?").params(r++, g.id()).update();
            }
        }
        try {
            jdbc.sql("UPDATE device_group SET name = ?, name_key = ?, description = ?, automation_level = ?, rank_no = ?, updated_at = ? WHERE id = ?")
                    .params(c.name, key(c.name), c.description, c.level.name(), rank, now(), id).update();
        } catch (DuplicateKeyException e) {
            throw duplicate(c.name);
        }
        if (!before.isDefault()) {
            jdbc.sql("DELETE FROM device_group_rule WHERE group_id = ?").param(id).update();
            writeRules(id, c.rules);
        }
        version.incrementAndGet();
        audit.record("device-group.update", "device-group", c.name, "was: " + describe(before) + "; now: " + describe(c, rank));
        return require(id);
    }

    @Transactional
    public void delete(long id) {
        DeviceGroup g = require(id);
        if (g.isDefault()) {
            throw InvalidInputException.of("id", "The default group \"" + g.name() + "\" cannot be deleted.");
        }
        jdbc.sql("DELETE FROM device_group WHERE id = ?").param(id).update();
        jdbc.sql("UPDATE device_group SET rank_no = rank_no - 1 WHERE is_default = FALSE AND rank_no > ?").param(g.rank()).update();
        version.incrementAndGet();
        audit.record("device-group.delete", "device-group", g.name(), describe(g));
    }

    private record Checked(String name, String description, AutomationLevel level, Map<Property, List<String>> rules) {
    }

    private Checked check(Input in, DeviceGroup before) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = trim(in.name());
        boolean isDefault = before != null && before.isDefault();
        if (isDefault) {
            name = before.name();
        } else if (name.isEmpty()) {
            errors.put("name", "Enter a name.");
        } else if (name.length() > 200) {
            errors.put("name", "Use at most 200 characters.");
        }
        String description = trim(in.description());
        if (description.length() > 1000) {
            errors.put("description", "Use at most 1000 characters.");
        }
        AutomationLevel level = AutomationLevel.SEMI_ALL_FOLDERS;
        if (in.automationLevel() != null && !in.automationLevel().isBlank()) {
            try {
                level = AutomationLevel.valueOf(in.automationLevel().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("automationLevel", "Unknown automation level \"" + in.automationLevel() + "\"; use one of "
                        + java.util.Arrays.toString(AutomationLevel.values()) + ".");
            }
        } else if (before != null) {
            level = before.automationLevel();
        }
        Map<Property, List<String>> rules = new EnumMap<>(Property.class);
        Map<String, List<String>> raw = in.rules() == null ? Map.of() : in.rules();
        for (Map.Entry<String, List<String>> e : raw.entrySet()) {
            Property p;
            try {
                p = Property.valueOf(e.getKey().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                errors.put("rules." + e.getKey(), "Unknown rule property; use NAME, DOMAIN, OS_PLATFORM or TAG.");
                continue;
            }
            LinkedHashSet<String> values = new LinkedHashSet<>();
            for (String v : e.getValue() == null ? List.<String>of() : e.getValue()) {
                if (v != null && !v.isBlank()) {
                    values.add(v.strip());
                }
            }
            if (values.size() > MAX_VALUES_PER_PROPERTY) {
                errors.put("rules." + p.name(), "Use at most " + MAX_VALUES_PER_PROPERTY + " values per property.");
            } else if (values.stream().anyMatch(v -> v.length() > 400)) {
                errors.put("rules." + p.name(), "Use at most 400 characters per value.");
            }
            if (!values.isEmpty()) {
                rules.put(p, List.copyOf(values));
            }
        }
        if (isDefault && !rules.isEmpty()) {
            errors.put("rules", "The default group takes every device no other group matches; it has no rule.");
        } else if (!isDefault && rules.isEmpty() && errors.keySet().stream().noneMatch(k -> k.startsWith("rules"))) {
            errors.put("rules", "Give at least one value for device name, domain, OS platform or tag.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Checked(name, description, level, rules);
    }

    private void writeRules(long id, Map<Property, List<String>> rules) {
        rules.forEach((p, values) -> values.forEach(v ->
                jdbc.sql("INSERT INTO device_group_rule (group_id, property, rule_value) VALUES (?, ?, ?)").params(id, p.name(), v).update()));
    }

    private static String describe(Checked c, int rank) {
        return "rank " + rank + ", automation " + c.level + ", rules " + c.rules;
    }

    private static String describe(DeviceGroup g) {
        return "rank " + (g.isDefault() ? "last" : g.rank()) + ", automation " + g.automationLevel() + ", rules " + g.rules();
    }

    private static InvalidInputException duplicate(String name) {
        return InvalidInputException.of("name", "A device group named \"" + name + "\" already exists (names ignore case).");
    }

    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
