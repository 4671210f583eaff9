package dev.rampart.portal.vulnerabilities;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.DeviceFilter;
import dev.rampart.portal.access.DeviceGroup;
import dev.rampart.portal.access.DeviceGroups;
import dev.rampart.portal.access.InvalidInputException;
import dev.rampart.portal.access.NotFoundException;
import dev.rampart.portal.access.Permission;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exceptions to security recommendations: why the exposed devices of some device groups, or of every group
 * (global), will not be remediated, until when. An exception is active from its creation until it expires or is
 * cancelled. Third-party control and alternate mitigation count the covered devices as compliant in Secure Score;
 * risk accepted and planned remediation only mark them. Creating and cancelling need Exception handling (manage)
 * over the chosen groups; a global exception needs that permission without a device-group limit.
 */
@Service
public class RecommendationExceptions {
    /** Why a recommendation is not followed, as the reference names the choices. */
    public enum Justification {
        THIRD_PARTY_CONTROL("Third party control", true),
        ALTERNATE_MITIGATION("Alternate mitigation", true),
        RISK_ACCEPTED("Risk accepted", false),
        PLANNED_REMEDIATION("Planned remediation (grace)", false);

        private final String label;
        private final boolean mitigating;

        Justification(String label, boolean mitigating) {
            this.label = label;
            this.mitigating = mitigating;
        }

        public String label() {
            return label;
        }

        /** Whether covered devices count as compliant in Secure Score. */
        public boolean mitigating() {
            return mitigating;
        }

        static Optional<Justification> parse(String s) {
            for (Justification j : values()) {
                if (j.name().equalsIgnoreCase(s)) {
                    return Optional.of(j);
                }
            }
            return Optional.empty();
        }
    }

    public enum Status { ACTIVE, EXPIRED, CANCELLED }

    /** The workload whose device-group scope governs exceptions (the DeviceTvm* tables'). */
    static final String VULNERABILITY = "vulnerability";

    /** Durations offered when creating one, in days. */
    public static final List<Integer> DURATIONS = List.of(30, 60, 90, 180, 365);
    static final int MAX_DAYS = 365;

    public record Entry(long id, String recommendationId, String recommendationTitle, Justification justification, boolean global,
                            List<String> groups, Set<Long> groupIds, String comment, String createdBy, Instant createdAt, Instant expiresAt,
                            String cancelledBy, Instant cancelledAt) {
        public Status status(Instant now) {
            return cancelledAt != null ? Status.CANCELLED : expiresAt.isAfter(now) ? Status.ACTIVE : Status.EXPIRED;
        }

        public String scope() {
            return global ? "Global" : String.join(", ", groups);
        }
    }

    public record Input(String justification, String scope, List<String> groups, Integer days, String comment) {
    }

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final DeviceGroups deviceGroups;
    private final AccessPolicy access;
    private final AuditLog audit;

    RecommendationExceptions(JdbcClient jdbc, DataScopes scopes, DeviceGroups deviceGroups, AccessPolicy access, AuditLog audit) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.deviceGroups = deviceGroups;
        this.access = access;
        this.audit = audit;
    }

    /** Whether the current principal may create or cancel exceptions at all (for rendering). */
    public boolean canManage() {
        return access.can(Permission.EXCEPTION_HANDLING_MANAGE);
    }

    /** Whether the current principal may create global exceptions. */
    public boolean canManageGlobal() {
        return canManage() && managedGroups().isEmpty();
    }

    /** The device groups the current principal may scope an exception to, by rank. */
    public List<DeviceGroup> groupChoices() {
        Optional<Set<Long>> managed = managedGroups();
        return deviceGroups.all().stream().filter(g -> managed.isEmpty() || managed.get().contains(g.id())).toList();
    }

    /**
     * Empty: no device-group limit; else the groups where the principal holds Exception handling (manage) and may read
     * vulnerability management.
     */
    private Optional<Set<Long>> managedGroups() {
        return intersect(scopes.current(Permission.EXCEPTION_HANDLING_MANAGE).deviceGroups(VULNERABILITY), readReach());
    }

    /** The intersection of two device-group limits, where empty means no limit. */
    static Optional<Set<Long>> intersect(Optional<Set<Long>> a, Optional<Set<Long>> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        Set<Long> both = new HashSet<>(a.get());
        both.retainAll(b.get());
        return Optional.of(both);
    }

    @Transactional
    public Entry create(String recommendationId, String recommendationTitle, Input in) {
        if (!canManage()) {
            throw new AccessDeniedException("Creating an exception needs Exception handling (manage).");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Justification> j = Justification.parse(in.justification() == null ? "" : in.justification());
        if (j.isEmpty()) {
            errors.put("justification", "Choose a justification: third party control, alternate mitigation, risk accepted or planned remediation.");
        }
        boolean global = "global".equalsIgnoreCase(in.scope());
        Set<Long> groups = new LinkedHashSet<>();
        if (global) {
            if (!canManageGlobal()) {
                errors.put("scope", "A global exception needs Exception handling (manage) over every device group; choose device groups instead.");
            }
        } else {
            Map<Long, DeviceGroup> allowed = groupChoices().stream().collect(Collectors.toMap(DeviceGroup::id, g -> g));
            for (String g : in.groups() == null ? List.<String>of() : in.groups()) {
                try {
                    long id = Long.parseLong(g.strip());
                    if (!allowed.containsKey(id)) {
                        errors.put("groups", "Device group " + id + " is not one you may manage exceptions for.");
                    }
                    groups.add(id);
                } catch (NumberFormatException e) {
                    errors.put("groups", "\"" + g + "\" is not a device group id.");
                }
            }
            if (groups.isEmpty() && !errors.containsKey("groups")) {
                errors.put("groups", "Choose at least one device group, or the global scope.");
            }
        }
        int days = in.days() == null ? 0 : in.days();
        if (days < 1 || days > MAX_DAYS) {
            errors.put("days", "The exception must last between 1 and " + MAX_DAYS + " days.");
        }
        String comment = in.comment() == null ? "" : in.comment().strip();
        if (comment.isEmpty()) {
            errors.put("comment", "Say why: the justification's details are what a reviewer reads.");
        } else if (comment.length() > 2000) {
            errors.put("comment", "The comment is " + comment.length() + " characters; at most 2,000.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Instant now = Instant.now();
        Instant expires = now.plus(Duration.ofDays(days));
        String actor = AuditLog.currentActor();
        org.springframework.jdbc.support.KeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO recommendation_exception (recommendation_id, recommendation_title, justification, global_scope, comment_text, "
                        + "created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(recommendationId, truncate(recommendationTitle, 500), j.get().name(), global, comment, actor, utc(now), utc(expires))
                .update(key, "id");
        long id = key.getKey().longValue();
        for (long g : groups) {
            jdbc.sql("INSERT INTO recommendation_exception_group (exception_id, group_id) VALUES (?, ?)").params(id, g).update();
        }
        Entry e = find(id).orElseThrow();
        audit.record("recommendation.exception.create", "recommendation", recommendationId,
                j.get().label() + ", " + e.scope() + ", until " + expires.toString().substring(0, 10) + ": " + comment);
        return e;
    }

    /** Cancels an active exception; the caller must manage exceptions over all of its groups (every group for a global one). */
    @Transactional
    public Entry cancel(long id) {
        Entry e = find(id).filter(this::visible).orElseThrow(() -> new NotFoundException("exception", String.valueOf(id)));
        if (!canCancel(e)) {
            throw new AccessDeniedException("Cancelling this exception needs Exception handling (manage) over " + redacted(e).scope() + ".");
        }
        if (e.status(Instant.now()) != Status.ACTIVE) {
            throw InvalidInputException.of("status", "Entry " + id + " is already " + e.status(Instant.now()).name().toLowerCase(Locale.ROOT) + ".");
        }
        jdbc.sql("UPDATE recommendation_exception SET cancelled_by = ?, cancelled_at = ? WHERE id = ?")
                .params(AuditLog.currentActor(), utc(Instant.now()), id).update();
        audit.record("recommendation.exception.cancel", "recommendation", e.recommendationId(), "Entry " + id + " (" + e.scope() + ") cancelled");
        return find(id).orElseThrow();
    }

    public Optional<Entry> find(long id) {
        return load("WHERE e.id = ?", List.of(id)).stream().findFirst();
    }

    /**
     * Exceptions the current principal may see, newest first: global ones, and those naming a device group within the
     * reader's scope. {@code recommendationId}, {@code justification} and {@code status} filter when not blank.
     */
    public List<Entry> list(String recommendationId, String justification, String status) {
        List<Object> p = new ArrayList<>();
        StringBuilder where = new StringBuilder("WHERE 1 = 1");
        if (recommendationId != null && !recommendationId.isBlank()) {
            where.append(" AND e.recommendation_id = ?");
            p.add(recommendationId);
        }
        Optional<Justification> j = Justification.parse(justification == null ? "" : justification);
        if (j.isPresent()) {
            where.append(" AND e.justification = ?");
            p.add(j.get().name());
        }
        Instant now = Instant.now();
        return load(where.toString(), p).stream().filter(this::visible)
                .filter(e -> status == null || status.isBlank() || e.status(now).name().equalsIgnoreCase(status))
                .map(this::redacted).toList();
    }

    /** Active exceptions of one recommendation the current principal may see. */
    public List<Entry> active(String recommendationId) {
        return list(recommendationId, null, Status.ACTIVE.name());
    }

    /** The recommendation ids with an active exception the reader may see, and whether one of them is global. */
    public Map<String, Boolean> activeByRecommendation() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Entry e : list(null, null, Status.ACTIVE.name())) {
            out.merge(e.recommendationId(), e.global(), Boolean::logicalOr);
        }
        return out;
    }

    /** The devices covered by {@code exceptions} (all devices when one is global). */
    public DeviceFilter devices(List<Entry> exceptions) {
        Set<Long> groups = new HashSet<>();
        for (Entry e : exceptions) {
            if (e.global()) {
                return DeviceFilter.ALL;
            }
            groups.addAll(e.groupIds());
        }
        return groups.isEmpty() ? DeviceFilter.NONE : scopes.devicesOfGroups(groups);
    }

    /**
     * SQL condition over a configuration assessment row ({@code configColumn}, {@code deviceColumn}) that holds when an
     * active exception with a mitigating justification covers it; every exception counts, as the score is the
     * organisation's whatever the reader's scope.
     */
    public DeviceFilter.Sql mitigated(String configColumn, String deviceColumn) {
        Instant now = Instant.now();
        // Per check: global, or the union of the groups its exceptions name.
        Map<String, Set<Long>> groupsByCheck = new LinkedHashMap<>();
        Set<String> global = new HashSet<>();
        for (Entry e : load("WHERE e.recommendation_id LIKE 'config/%'", List.of())) {
            if (e.status(now) != Status.ACTIVE || !e.justification().mitigating()) {
                continue;
            }
            String configId = java.net.URLDecoder.decode(e.recommendationId().substring("config/".length()), java.nio.charset.StandardCharsets.UTF_8);
            if (e.global()) {
                global.add(configId);
            } else {
                groupsByCheck.computeIfAbsent(configId, k -> new HashSet<>()).addAll(e.groupIds());
            }
        }
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (String configId : global) {
            clauses.add(configColumn + " = ?");
            params.add(configId);
        }
        groupsByCheck.forEach((configId, groups) -> {
            if (global.contains(configId)) {
                return;
            }
            DeviceFilter devices = scopes.devicesOfGroups(groups);
            if (devices.ids().isEmpty()) {
                return;
            }
            // One parameter for the whole device list: a large group would otherwise bind thousands of values.
            clauses.add("(" + configColumn + " = ? AND " + deviceColumn + " IN (SELECT unnest(string_split(?, chr(31)))))");
            params.add(configId);
            params.add(String.join("\u001f", devices.ids()));
        });
        return clauses.isEmpty() ? DeviceFilter.Sql.FALSE : new DeviceFilter.Sql("(" + String.join(" OR ", clauses) + ")", params);
    }

    /**
     * A global exception is seen by every reader of recommendations; a group exception by readers whose Vulnerability
     * management (read) scope reaches one of its groups.
     */
    private boolean visible(Entry e) {
        if (e.global()) {
            return true;
        }
        Optional<Set<Long>> reach = readReach();
        return reach.isEmpty() || e.groupIds().stream().anyMatch(reach.get()::contains);
    }

    private Optional<Set<Long>> readReach() {
        return scopes.current(Permission.VULNERABILITY_MANAGEMENT_READ).deviceGroups(VULNERABILITY);
    }

    /** The entry as the reader may see it: names of groups beyond the reader's scope are replaced by their number. */
    private Entry redacted(Entry e) {
        Optional<Set<Long>> reach = readReach();
        if (e.global() || reach.isEmpty() || reach.get().containsAll(e.groupIds())) {
            return e;
        }
        List<String> names = new ArrayList<>();
        int hidden = 0;
        List<Long> ids = new ArrayList<>(e.groupIds());
        for (int i = 0; i < ids.size(); i++) {
            if (reach.get().contains(ids.get(i))) {
                names.add(e.groups().get(i));
            } else {
                hidden++;
            }
        }
        names.add(hidden + " other group" + (hidden == 1 ? "" : "s"));
        return new Entry(e.id(), e.recommendationId(), e.recommendationTitle(), e.justification(), e.global(), names, e.groupIds(), e.comment(),
                e.createdBy(), e.createdAt(), e.expiresAt(), e.cancelledBy(), e.cancelledAt());
    }

    /** Whether the current principal may cancel this exception (for rendering; {@link #cancel} checks again). */
    public boolean canCancel(Entry e) {
        return canManage() && (e.global() ? canManageGlobal() : managedGroups().map(m -> m.containsAll(e.groupIds())).orElse(true));
    }

    private List<Entry> load(String where, List<Object> params) {
        Map<Long, String> names = new LinkedHashMap<>();
        deviceGroups.all().forEach(g -> names.put(g.id(), g.name()));
        Map<Long, Set<Long>> groupsOf = new LinkedHashMap<>();
        jdbc.sql("SELECT exception_id, group_id FROM recommendation_exception_group ORDER BY exception_id, group_id")
                .query((rs, n) -> groupsOf.computeIfAbsent(rs.getLong(1), k -> new LinkedHashSet<>()).add(rs.getLong(2))).list();
        return jdbc.sql("SELECT e.id, e.recommendation_id, e.recommendation_title, e.justification, e.global_scope, e.comment_text, e.created_by, "
                        + "e.created_at, e.expires_at, e.cancelled_by, e.cancelled_at FROM recommendation_exception e " + where + " ORDER BY e.id DESC")
                .params(params)
                .query((rs, n) -> {
                    Set<Long> ids = groupsOf.getOrDefault(rs.getLong(1), Set.of());
                    return new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), Justification.valueOf(rs.getString(4)), rs.getBoolean(5),
                            ids.stream().map(i -> names.getOrDefault(i, "Deleted group " + i)).toList(), ids, rs.getString(6), rs.getString(7),
                            instant(rs.getObject(8, OffsetDateTime.class)), instant(rs.getObject(9, OffsetDateTime.class)), rs.getString(10),
                            instant(rs.getObject(11, OffsetDateTime.class)));
                }).list();
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String s, int max) {
        return s == null ? "" : s.length() > max ? s.substring(0, max) : s;
    }
}
