package dev.rampart.portal.criticalassets;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.DeviceGroup;
import dev.rampart.portal.access.DeviceGroup.Property;
import dev.rampart.portal.access.DeviceGroupMembership;
import dev.rampart.portal.access.InvalidInputException;
import dev.rampart.portal.access.NotFoundException;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.entities.EventSql;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Critical asset management: each device's criticality level (very high to low), from the classifications whose rule
 * matches it (the highest level wins) or from a level set on the device itself, which wins over every classification.
 * Custom classifications match devices as device-group rules do (names, domains, tags, OS platforms); the predefined
 * "Domain controller" classification matches devices that authenticated domain logons (Kerberos, NTLM or LDAP) in the last
 * 30 days. Reading the
 * classifications needs Core security settings (read); changing them or a device's level needs its manage level.
 */
@Service
public class CriticalAssets {
    public enum Level {
        VERY_HIGH("Very high"), HIGH("High"), MEDIUM("Medium"), LOW("Low");

        private final String label;

        Level(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** 4 for very high down to 1 for low, for sorting. */
        public int rank() {
            return 4 - ordinal();
        }

        public static Optional<Level> parse(String s) {
            return Arrays.stream(values()).filter(l -> l.name().equalsIgnoreCase(s == null ? "" : s.strip())).findFirst();
        }
    }

    public static final String DOMAIN_CONTROLLER = "domain-controller";
    static final Duration CACHE = Duration.ofMinutes(1);

    public record Classification(long id, String predefinedKey, String name, String description, Level level, boolean enabled,
                                 Map<Property, List<String>> rules, String updatedBy, Instant updatedAt) {
        public boolean predefined() {
            return predefinedKey != null;
        }

        public String values(Property p) {
            return String.join(", ", rules.getOrDefault(p, List.of()));
        }
    }

    /** A device's level and where it comes from (a classification's name, or who set it on the device). */
    public record Assigned(Level level, String source, boolean manual) {
    }

    /** A classification form: rule values are comma-separated lists, "*" a wildcard in names and domains. */
    public record Input(String name, String description, String level, String names, String domains, String tags, String platforms) {
    }

    private record Snapshot(Instant takenAt, long version, Map<String, Assigned> levels, Map<String, Assigned> byHost, Map<Long, Integer> counts,
                            Set<String> controllers) {
    }

    private final JdbcClient jdbc;
    private final EventSql events;
    private final DeviceGroupMembership membership;
    private final DataScopes scopes;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final AtomicLong version = new AtomicLong();
    private volatile Snapshot snapshot;

    CriticalAssets(JdbcClient jdbc, EventSql events, DeviceGroupMembership membership, DataScopes scopes, AccessPolicy access, AuditLog audit) {
        this.jdbc = jdbc;
        this.events = events;
        this.membership = membership;
        this.scopes = scopes;
        this.access = access;
        this.audit = audit;
    }

    /** Whether the principal may change classifications: they apply to every device, so only with an unlimited scope. */
    public boolean canManage() {
        return access.can(Permission.CORE_SECURITY_SETTINGS_MANAGE) && scopes.devicesFor(Permission.CORE_SECURITY_SETTINGS_MANAGE).all();
    }

    /** Whether the principal may set the level of this device (Core security settings (manage) where it lies). */
    public boolean canSetLevel(String deviceId) {
        return access.can(Permission.CORE_SECURITY_SETTINGS_MANAGE) && scopes.devicesFor(Permission.CORE_SECURITY_SETTINGS_MANAGE).coversId(deviceId);
    }

    /** Whether the principal reads every device, so estate-wide counts tell them nothing they may not see. */
    public boolean readsEveryDevice() {
        return scopes.devices().all();
    }

    private void requireManage() {
        if (!canManage()) {
            throw new AccessDeniedException("Changing critical asset classifications needs Core security settings (manage) over every device group.");
        }
    }

    /** Marks the cached levels stale once the current transaction commits (at once outside one). */
    private void changed() {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            version.incrementAndGet();
                        }
                    });
        } else {
            version.incrementAndGet();
        }
    }

    public List<Classification> classifications() {
        Map<Long, Map<Property, List<String>>> rules = new HashMap<>();
        jdbc.sql("SELECT classification_id, property, rule_value FROM critical_asset_rule ORDER BY classification_id, property, rule_value")
                .query((rs, n) -> rules.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(Property.class))
                        .computeIfAbsent(Property.valueOf(rs.getString(2)), k -> new ArrayList<>()).add(rs.getString(3))).list();
        return jdbc.sql("SELECT id, predefined_key, name, description, level_name, enabled, updated_by, updated_at FROM critical_asset_classification "
                        + "ORDER BY predefined_key IS NULL, lower(name), id")
                .query((rs, n) -> new Classification(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Level.valueOf(rs.getString(5)),
                        rs.getBoolean(6), rules.getOrDefault(rs.getLong(1), Map.of()), rs.getString(7), rs.getObject(8, OffsetDateTime.class).toInstant()))
                .list();
    }

    public Classification require(long id) {
        return classifications().stream().filter(c -> c.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("critical asset classification", String.valueOf(id)));
    }

    /** Every device's level, by DeviceId; devices without one are absent. Recomputed at most once a minute, and after changes. */
    public Map<String, Assigned> levels() {
        return current().levels();
    }

    /** How many devices each enabled classification matches (before device-level overrides). */
    public Map<Long, Integer> counts() {
        return current().counts();
    }

    /**
     * Levels by lower-case host name (the part of the device name before the first dot), the way alerts and incidents
     * record devices; where two devices share a host name the higher level is kept.
     */
    public Map<String, Assigned> levelsByHost() {
        return current().byHost();
    }

    /**
     * DeviceIds of the devices the predefined "Domain controller" classification finds (while it is on), whatever level
     * they end up with.
     */
    public Set<String> domainControllers() {
        return current().controllers();
    }

    /** Recomputes the levels on next use, e.g. after a bulk load brought new devices and domain logons. */
    public void refresh() {
        version.incrementAndGet();
    }

    public Optional<Assigned> levelOf(String deviceId) {
        return Optional.ofNullable(levels().get(deviceId));
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || s.version() != version.get() || s.takenAt().plus(CACHE).isBefore(Instant.now())) {
            s = compute();
            snapshot = s;
        }
        return s;
    }

    private synchronized Snapshot compute() {
        Snapshot fresh = snapshot;
        if (fresh != null && fresh.version() == version.get() && !fresh.takenAt().plus(CACHE).isBefore(Instant.now())) {
            return fresh;
        }
        long v = version.get();
        List<Classification> all = classifications().stream().filter(Classification::enabled).toList();
        Set<String> controllers = new HashSet<>();
        if (all.stream().anyMatch(c -> DOMAIN_CONTROLLER.equals(c.predefinedKey()))) {
            events.rows("SELECT DISTINCT lower(split_part(DestinationDeviceName, '.', 1)) FROM IdentityLogonEvents "
                            + "WHERE Timestamp >= now() - INTERVAL 30 DAY AND DestinationDeviceName IS NOT NULL AND DestinationDeviceName <> '' "
                            + "AND lower(Protocol) IN ('kerberos', 'ntlm', 'ldap', 'ldaps')")
                    .forEach(r -> controllers.add(r.str(0)));
        }
        Map<String, Assigned> levels = new HashMap<>();
        Map<Long, Integer> counts = new LinkedHashMap<>();
        Map<String, String> hostOf = new HashMap<>();
        Set<String> controllerIds = new HashSet<>();
        for (DeviceGroup.Device d : membership.latestDevices()) {
            String host = d.deviceName() == null ? "" : d.deviceName().toLowerCase(Locale.ROOT).split("\\.", 2)[0];
            hostOf.put(d.deviceId(), host);
            for (Classification c : all) {
                boolean match = DOMAIN_CONTROLLER.equals(c.predefinedKey()) ? controllers.contains(host)
                        : c.predefinedKey() == null && DeviceGroup.matchesRules(c.rules(), d);
                if (match) {
                    if (DOMAIN_CONTROLLER.equals(c.predefinedKey())) {
                        controllerIds.add(d.deviceId());
                    }
                    counts.merge(c.id(), 1, Integer::sum);
                    Assigned before = levels.get(d.deviceId());
                    if (before == null || c.level().rank() > before.level().rank()) {
                        levels.put(d.deviceId(), new Assigned(c.level(), c.name(), false));
                    }
                }
            }
        }
        jdbc.sql("SELECT device_id, level_name, set_by FROM device_criticality")
                .query((rs, n) -> levels.put(rs.getString(1), new Assigned(Level.valueOf(rs.getString(2)), "Set by " + rs.getString(3), true))).list();
        Map<String, Assigned> byHost = new HashMap<>();
        levels.forEach((id, a) -> {
            String host = hostOf.get(id);
            if (host != null && !host.isEmpty()) {
                byHost.merge(host, a, (x, y) -> x.level().rank() >= y.level().rank() ? x : y);
            }
        });
        return new Snapshot(Instant.now(), v, Map.copyOf(levels), Map.copyOf(byHost), Map.copyOf(counts), Set.copyOf(controllerIds));
    }

    @Transactional
    public Classification create(Input in) {
        requireManage();
        Parsed p = parse(in, null);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO critical_asset_classification (name, description, level_name, enabled, updated_by, updated_at) VALUES (?, ?, ?, TRUE, ?, ?)")
                .params(p.name(), p.description(), p.level().name(), AuditLog.currentActor(), now()).update(key, "id");
        long id = key.getKey().longValue();
        writeRules(id, p.rules());
        changed();
        Classification c = require(id);
        audit.record("critical-asset.classification.create", "critical-asset-classification", String.valueOf(id), c.name() + " → " + c.level().label());
        return c;
    }

    /** Changes a classification; a predefined one keeps its name and rule and takes only a new level. */
    @Transactional
    public Classification update(long id, Input in) {
        requireManage();
        Classification before = require(id);
        Parsed p = parse(in, before);
        jdbc.sql("UPDATE critical_asset_classification SET name = ?, description = ?, level_name = ?, updated_by = ?, updated_at = ? WHERE id = ?")
                .params(p.name(), p.description(), p.level().name(), AuditLog.currentActor(), now(), id).update();
        if (!before.predefined()) {
            jdbc.sql("DELETE FROM critical_asset_rule WHERE classification_id = ?").params(id).update();
            writeRules(id, p.rules());
        }
        changed();
        Classification c = require(id);
        audit.record("critical-asset.classification.update", "critical-asset-classification", String.valueOf(id), c.name() + " → " + c.level().label());
        return c;
    }

    @Transactional
    public Classification setEnabled(long id, boolean enabled) {
        requireManage();
        require(id);
        jdbc.sql("UPDATE critical_asset_classification SET enabled = ?, updated_by = ?, updated_at = ? WHERE id = ?")
                .params(enabled, AuditLog.currentActor(), now(), id).update();
        changed();
        Classification c = require(id);
        audit.record("critical-asset.classification." + (enabled ? "enable" : "disable"), "critical-asset-classification", String.valueOf(id), c.name());
        return c;
    }

    @Transactional
    public void delete(long id) {
        requireManage();
        Classification c = require(id);
        if (c.predefined()) {
            throw InvalidInputException.of("id", "\"" + c.name() + "\" is predefined: turn it off instead of deleting it.");
        }
        jdbc.sql("DELETE FROM critical_asset_classification WHERE id = ?").params(id).update();
        changed();
        audit.record("critical-asset.classification.delete", "critical-asset-classification", String.valueOf(id), c.name());
    }

    /**
     * Sets the level of one device the caller may see ({@code level} blank: back to what classifications say). A
     * device outside the caller's scope is reported as unknown.
     */
    @Transactional
    public void setDeviceLevel(String deviceId, String level) {
        if (!scopes.devices().coversId(deviceId)) {
            throw new NotFoundException("device", deviceId);
        }
        if (!canSetLevel(deviceId)) {
            throw new AccessDeniedException("Setting this device's criticality needs Core security settings (manage) where it lies.");
        }
        if (level == null || level.isBlank()) {
            jdbc.sql("DELETE FROM device_criticality WHERE device_id = ?").params(deviceId).update();
            audit.record("critical-asset.device.clear", "device", deviceId, "Criticality from classifications");
        } else {
            Level l = Level.parse(level).orElseThrow(() -> InvalidInputException.of("level", "Choose a level: very high, high, medium or low."));
            if (jdbc.sql("UPDATE device_criticality SET level_name = ?, set_by = ?, set_at = ? WHERE device_id = ?")
                    .params(l.name(), AuditLog.currentActor(), now(), deviceId).update() == 0) {
                jdbc.sql("INSERT INTO device_criticality (device_id, level_name, set_by, set_at) VALUES (?, ?, ?, ?)")
                        .params(deviceId, l.name(), AuditLog.currentActor(), now()).update();
            }
            audit.record("critical-asset.device.set", "device", deviceId, l.label());
        }
        changed();
    }

    private record Parsed(String name, String description, Level level, Map<Property, List<String>> rules) {
    }

    private Parsed parse(Input in, Classification existing) {
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Level> level = Level.parse(in.level());
        if (level.isEmpty()) {
            errors.put("level", "Choose a level: very high, high, medium or low.");
        }
        if (existing != null && existing.predefined()) {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            return new Parsed(existing.name(), existing.description(), level.get(), existing.rules());
        }
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            errors.put("name", name.isEmpty() ? "Name the classification." : "The name is " + name.length() + " characters; at most 200.");
        } else if (classifications().stream().anyMatch(c -> c.name().equalsIgnoreCase(name) && (existing == null || c.id() != existing.id()))) {
            errors.put("name", "A classification named \"" + name + "\" exists already.");
        }
        String description = in.description() == null ? "" : in.description().strip();
        if (description.length() > 1000) {
            errors.put("description", "The description is " + description.length() + " characters; at most 1,000.");
        }
        Map<Property, List<String>> rules = new EnumMap<>(Property.class);
        put(rules, Property.NAME, in.names(), "names", errors);
        put(rules, Property.DOMAIN, in.domains(), "domains", errors);
        put(rules, Property.TAG, in.tags(), "tags", errors);
        put(rules, Property.OS_PLATFORM, in.platforms(), "platforms", errors);
        if (rules.isEmpty() && !errors.containsKey("names")) {
            errors.put("names", "Give at least one device name, domain, tag or OS platform to match.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Parsed(name, description, level.get(), rules);
    }

    private static void put(Map<Property, List<String>> rules, Property p, String csv, String field, Map<String, String> errors) {
        if (csv == null || csv.isBlank()) {
            return;
        }
        List<String> values = Arrays.stream(csv.split(",")).map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
        if (values.size() > 10) {
            errors.put(field, "At most 10 values per property; " + values.size() + " given.");
        } else if (values.stream().anyMatch(v -> v.length() > 300)) {
            errors.put(field, "Each value may have at most 300 characters.");
        } else if (!values.isEmpty()) {
            rules.put(p, values);
        }
    }

    private void writeRules(long id, Map<Property, List<String>> rules) {
        rules.forEach((p, values) -> values.forEach(v -> jdbc.sql("INSERT INTO critical_asset_rule (classification_id, property, rule_value) VALUES (?, ?, ?)")
                .params(id, p.name(), v).update()));
    }

    private static OffsetDateTime now() {
        return Instant.now().atOffset(ZoneOffset.UTC);
    }
}
