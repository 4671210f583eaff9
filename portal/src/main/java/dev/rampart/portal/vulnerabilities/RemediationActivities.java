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
import dev.rampart.portal.access.SystemIdentity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Remediation activities: a request to fix one security recommendation on chosen device groups (or on every device,
 * for a requester without a device-group limit), with a priority, a due date and notes. The devices exposed when it
 * was requested are kept with it; progress is the share of them no longer exposed, and an activity whose devices are
 * all fixed reads as completed by system confirmation (again active should one of them regress). A manager may mark
 * one complete by hand. Creating and completing need Remediation handling (manage); reading needs Vulnerability
 * management (read) over all of the activity's groups.
 */
@Service
public class RemediationActivities {
    public enum Priority {
        HIGH("High"), MEDIUM("Medium"), LOW("Low"), ATTENTION_REQUIRED("Attention required");

        private final String label;

        Priority(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** "Attention required" asks owners to look, without a due date or progress. */
        public boolean tracked() {
            return this != ATTENTION_REQUIRED;
        }
    }

    public enum State { ACTIVE, OVERDUE, COMPLETED }

    public record Activity(long id, String recommendationId, String recommendationTitle, Priority priority, LocalDate due, String notes,
                           boolean allGroups, List<String> groups, Set<Long> groupIds, long initialExposed, long exposed, String createdBy,
                           Instant createdAt, String completedBy, Instant completedAt) {
        /** Completed by hand, or by system confirmation once no device of the activity is exposed any more. */
        public State state(LocalDate today) {
            if (completedAt != null || (priority.tracked() && exposed == 0)) {
                return State.COMPLETED;
            }
            return due != null && due.isBefore(today) ? State.OVERDUE : State.ACTIVE;
        }

        public String completedByLabel() {
            return completedAt != null ? completedBy : priority.tracked() && exposed == 0 ? "System confirmation" : null;
        }

        /** Fixed devices over those exposed when requested, 0–100; null when not tracked. */
        public Integer progress() {
            if (!priority.tracked()) {
                return null;
            }
            return initialExposed == 0 ? 100 : (int) Math.max(0, Math.min(100, Math.round(100.0 * (initialExposed - exposed) / initialExposed)));
        }

        public String scope() {
            return allGroups ? "All devices" : String.join(", ", groups);
        }
    }

    public record Input(String priority, String due, List<String> groups, String notes) {
    }

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final DeviceGroups deviceGroups;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final VulnerabilityData data;

    RemediationActivities(JdbcClient jdbc, DataScopes scopes, DeviceGroups deviceGroups, AccessPolicy access, AuditLog audit, VulnerabilityData data) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.deviceGroups = deviceGroups;
        this.access = access;
        this.audit = audit;
        this.data = data;
    }

    public boolean canManage() {
        return access.can(Permission.REMEDIATION_HANDLING_MANAGE);
    }

    /** Empty: no device-group limit; else the groups where the principal holds Remediation handling (manage). */
    private Optional<Set<Long>> managedGroups() {
        return RecommendationExceptions.intersect(scopes.current(Permission.REMEDIATION_HANDLING_MANAGE).deviceGroups(RecommendationExceptions.VULNERABILITY),
                readReach());
    }

    private Optional<Set<Long>> readReach() {
        return scopes.current(Permission.VULNERABILITY_MANAGEMENT_READ).deviceGroups(RecommendationExceptions.VULNERABILITY);
    }

    /** Whether the current principal may mark this activity complete (for rendering; {@link #complete} checks again). */
    public boolean canComplete(Activity a) {
        return canManage() && (a.allGroups() ? canRequestAll() : managedGroups().map(m -> m.containsAll(a.groupIds())).orElse(true));
    }

    /** Whether the principal may request a remediation of every device (no group chosen). */
    public boolean canRequestAll() {
        return canManage() && managedGroups().isEmpty();
    }

    public List<DeviceGroup> groupChoices() {
        Optional<Set<Long>> managed = managedGroups();
        return deviceGroups.all().stream().filter(g -> managed.isEmpty() || managed.get().contains(g.id())).toList();
    }

    @Transactional
    public Activity create(VulnerabilityData.Recommendation r, Input in) {
        if (!canManage()) {
            throw new AccessDeniedException("Requesting a remediation needs Remediation handling (manage).");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Priority priority = null;
        try {
            priority = Priority.valueOf(in.priority() == null ? "" : in.priority());
        } catch (IllegalArgumentException e) {
            errors.put("priority", "Choose a priority: high, medium, low or attention required.");
        }
        LocalDate due = null;
        if (in.due() != null && !in.due().isBlank()) {
            try {
                due = LocalDate.parse(in.due().strip());
                if (due.isBefore(LocalDate.now(ZoneOffset.UTC))) {
                    errors.put("due", "The due date " + due + " has passed; choose today or a later day.");
                }
            } catch (java.time.format.DateTimeParseException e) {
                errors.put("due", "\"" + in.due() + "\" is not a date (yyyy-mm-dd).");
            }
        } else if (priority != null && priority.tracked()) {
            errors.put("due", "Choose a due date, or the priority \"Attention required\".");
        }
        Set<Long> groups = new LinkedHashSet<>();
        Map<Long, DeviceGroup> allowed = groupChoices().stream().collect(Collectors.toMap(DeviceGroup::id, g -> g));
        for (String g : in.groups() == null ? List.<String>of() : in.groups()) {
            try {
                long id = Long.parseLong(g.strip());
                if (!allowed.containsKey(id)) {
                    errors.put("groups", "Device group " + id + " is not one you may request remediation for.");
                }
                groups.add(id);
            } catch (NumberFormatException e) {
                errors.put("groups", "\"" + g + "\" is not a device group id.");
            }
        }
        if (groups.isEmpty() && !canRequestAll() && !errors.containsKey("groups")) {
            errors.put("groups", "Choose the device groups to remediate.");
        }
        List<String> exposedDevices = errors.containsKey("groups") ? List.of() : exposedIn(r.id(), groups.isEmpty(), groups);
        if (exposedDevices.isEmpty() && !errors.containsKey("groups")) {
            errors.put("groups", "No device " + (groups.isEmpty() ? "" : "in the chosen groups ") + "is exposed to this recommendation.");
        }
        String notes = in.notes() == null ? "" : in.notes().strip();
        if (notes.length() > 2000) {
            errors.put("notes", "The notes are " + notes.length() + " characters; at most 2,000.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        boolean all = groups.isEmpty();
        long initial = exposedDevices.size();
        Instant now = Instant.now();
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO remediation_activity (recommendation_id, recommendation_title, priority, due_date, notes, all_groups, initial_exposed, "
                        + "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.id(), r.title() == null ? r.id() : r.title().length() > 500 ? r.title().substring(0, 500) : r.title(), priority.name(), due,
                        notes, all, initial,
                        AuditLog.currentActor(), now.atOffset(ZoneOffset.UTC))
                .update(key, "id");
        long id = key.getKey().longValue();
        for (long g : groups) {
            jdbc.sql("INSERT INTO remediation_activity_group (activity_id, group_id) VALUES (?, ?)").params(id, g).update();
        }
        for (String d : exposedDevices) {
            jdbc.sql("INSERT INTO remediation_activity_device (activity_id, device_id) VALUES (?, ?)").params(id, d).update();
        }
        Activity a = find(id).orElseThrow();
        audit.record("remediation.request", "recommendation", r.id(), priority.label() + ", " + a.scope()
                + (due == null ? "" : ", due " + due) + ", " + initial + " exposed devices");
        return a;
    }

    @Transactional
    public Activity complete(long id) {
        Activity a = find(id).filter(this::visible).orElseThrow(() -> new NotFoundException("remediation activity", String.valueOf(id)));
        if (!canComplete(a)) {
            throw new AccessDeniedException("Completing this activity needs Remediation handling (manage) over " + a.scope() + ".");
        }
        if (a.completedAt() != null) {
            throw InvalidInputException.of("status", "Remediation activity " + id + " was already marked complete by " + a.completedBy() + ".");
        }
        jdbc.sql("UPDATE remediation_activity SET completed_by = ?, completed_at = ? WHERE id = ?")
                .params(AuditLog.currentActor(), Instant.now().atOffset(ZoneOffset.UTC), id).update();
        audit.record("remediation.complete", "recommendation", a.recommendationId(), "Activity " + id + " marked complete with "
                + a.exposed() + " of " + a.initialExposed() + " devices still exposed");
        return find(id).orElseThrow();
    }

    /** Activities the reader may see (each of their groups in the reader's scope), newest first; {@code state} filters when set. */
    public List<Activity> list(String recommendationId, String state) {
        List<Object> p = new ArrayList<>();
        String where = "";
        if (recommendationId != null && !recommendationId.isBlank()) {
            where = "WHERE a.recommendation_id = ?";
            p.add(recommendationId);
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return load(where, p).stream().filter(this::visible)
                .filter(a -> state == null || state.isBlank() || a.state(today).name().equalsIgnoreCase(state)).toList();
    }

    public Optional<Activity> find(long id) {
        return load("WHERE a.id = ?", List.of(id)).stream().findFirst();
    }

    /** Visible when the reader's scope covers every device of the activity: its counts are over those devices. */
    private boolean visible(Activity a) {
        Optional<Set<Long>> reach = readReach();
        return reach.isEmpty() || (!a.allGroups() && reach.get().containsAll(a.groupIds()));
    }

    /** The devices of the groups (every device when {@code all}) exposed to the recommendation, whoever asks. */
    private List<String> exposedIn(String recommendationId, boolean all, Set<Long> groups) {
        DeviceFilter devices = all ? DeviceFilter.ALL : scopes.devicesOfGroups(groups);
        return SystemIdentity.run("remediation-progress", () -> data.exposedDevices(recommendationId, devices.idIn("DeviceId")));
    }

    /** How many of the devices the activity asked to fix are still exposed. */
    private long stillExposed(long activityId, String recommendationId) {
        List<String> asked = jdbc.sql("SELECT device_id FROM remediation_activity_device WHERE activity_id = ?").params(activityId).query(String.class).list();
        if (asked.isEmpty()) {
            return 0;
        }
        DeviceFilter.Sql in = DeviceFilter.of(asked, List.of()).idIn("DeviceId");
        return SystemIdentity.run("remediation-progress", () -> data.exposedDevices(recommendationId, in).size());
    }

    private List<Activity> load(String where, List<Object> params) {
        Map<Long, String> names = new LinkedHashMap<>();
        deviceGroups.all().forEach(g -> names.put(g.id(), g.name()));
        Map<Long, Set<Long>> groupsOf = new LinkedHashMap<>();
        jdbc.sql("SELECT activity_id, group_id FROM remediation_activity_group ORDER BY activity_id, group_id")
                .query((rs, n) -> groupsOf.computeIfAbsent(rs.getLong(1), k -> new LinkedHashSet<>()).add(rs.getLong(2))).list();
        record Raw(long id, String rec, String title, Priority priority, LocalDate due, String notes, boolean all, long initial, String by, Instant at,
                   String doneBy, Instant doneAt) {
        }
        List<Raw> raws = jdbc.sql("SELECT a.id, a.recommendation_id, a.recommendation_title, a.priority, a.due_date, a.notes, a.all_groups, a.initial_exposed, "
                        + "a.created_by, a.created_at, a.completed_by, a.completed_at FROM remediation_activity a " + where + " ORDER BY a.id DESC")
                .params(params)
                .query((rs, n) -> new Raw(rs.getLong(1), rs.getString(2), rs.getString(3), Priority.valueOf(rs.getString(4)),
                        rs.getObject(5, LocalDate.class), rs.getString(6), rs.getBoolean(7), rs.getLong(8), rs.getString(9),
                        rs.getObject(10, OffsetDateTime.class).toInstant(), rs.getString(11),
                        rs.getObject(12, OffsetDateTime.class) == null ? null : rs.getObject(12, OffsetDateTime.class).toInstant())).list();
        List<Activity> out = new ArrayList<>();
        Optional<Set<Long>> reach = readReach();
        for (Raw r : raws) {
            Set<Long> ids = groupsOf.getOrDefault(r.id(), Set.of());
            // Exposure is counted only for activities the reader may see.
            boolean shown = reach.isEmpty() || (!r.all() && reach.get().containsAll(ids));
            if (!shown) {
                continue;
            }
            long exposed = !r.priority().tracked() ? -1 : stillExposed(r.id(), r.rec());
            out.add(new Activity(r.id(), r.rec(), r.title(), r.priority(), r.due(), r.notes(), r.all(),
                    ids.stream().map(i -> names.getOrDefault(i, "Deleted group " + i)).toList(), ids, r.initial(), exposed, r.by(), r.at(),
                    r.doneBy(), r.doneAt()));
        }
        return out;
    }
}
