package dev.rampart.portal.incidents;

import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.DeviceGroupMembership;
import dev.rampart.portal.access.Perms;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What analysts do with incidents: list, read, assign, classify, tag, comment, resolve (resolving every alert),
 * merge up to five incidents, and move alerts to another or a new incident. Every change is written to the
 * incident's activity log and the audit log.
 */
@Service
public class IncidentService {
    public static final int MAX_COMMENT = 30_000;
    public static final int MAX_MANUAL_MERGE = 5;

    private final IncidentStore store;
    private final IncidentMerger merger;
    private final AuditLog audit;
    private final DeviceGroupMembership groups;
    private final AlertScope scope;

    public IncidentService(IncidentStore store, IncidentMerger merger, AuditLog audit, DeviceGroupMembership groups, AlertScope scope) {
        this.store = store;
        this.merger = merger;
        this.audit = audit;
        this.groups = groups;
        this.scope = scope;
    }

    /** The incident does not exist, or lies outside the caller's data scope (the two are not told apart). */
    public static class NotFoundException extends RuntimeException {
        public NotFoundException(String what) {
            super(what + " was not found.");
        }
    }

    /** One page of the queue; "me" is the signed-in user, device groups are resolved to their devices' current membership. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public Page<Incident> list(IncidentQuery q) {
        List<Object> params = new ArrayList<>();
        String where = scoped(q.where(params, new IncidentQuery.Context(currentUser(), deviceKeys(q.deviceGroups()))), scope.incidents("i"), params);
        long total = store.countIncidents(where, params);
        List<Incident> items = store.incidents(where, params, q.orderBy(), q.pageSize(), (long) (q.page() - 1) * q.pageSize());
        return new Page<>(items, total, q.page(), q.pageSize());
    }

    /** Device evidence is keyed by short host name; membership knows full names, so both sides meet on the short form. */
    private Set<String> deviceKeys(Set<Long> groupIds) {
        if (groupIds.isEmpty()) {
            return null;
        }
        DeviceGroupMembership.Snapshot s = groups.current();
        Set<String> keys = new java.util.TreeSet<>();
        for (long g : groupIds) {
            for (String name : s.deviceNames(g)) {
                Evidence e = Evidence.of(EntityType.DEVICE, name, null, List.of());
                if (e != null) {
                    keys.add(e.key());
                }
            }
        }
        return keys;
    }

    /** Distinct categories of each incident's alerts, in kill-chain order: one query for a whole page of the queue. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public java.util.Map<Long, List<Category>> categoriesOf(java.util.Collection<Long> incidentIds) {
        return store.categoriesOf(incidentIds);
    }

    /** Values the queue's filters offer: custom tags, service sources and detection sources in use. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public FilterOptions filterOptions() {
        return new FilterOptions(store.knownTags(), store.systemTags(), store.serviceSources(), store.detectionSources());
    }

    /** {@code tags}: analysts' tags (to add); {@code systemTags}: the portal's (such as "Attack disruption"), to filter by too. */
    public record FilterOptions(List<String> tags, List<String> systemTags, List<String> serviceSources, List<String> detectionSources) {
    }

    /**
     * Applies one change to several incidents in one transaction: if any incident refuses it (merged, invalid
     * value), none is changed.
     */
    @Transactional
    @PreAuthorize(Perms.ALERTS_MANAGE)
    public List<Incident> updateAll(List<Long> ids, IncidentChange c) {
        if (ids == null || ids.isEmpty()) {
            throw new InvalidValueException("incidents", "select at least one incident");
        }
        List<Incident> out = new ArrayList<>();
        for (long id : ids.stream().distinct().toList()) {
            out.add(update(id, c));
        }
        return out;
    }

    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public Incident get(long id) {
        List<Object> params = new ArrayList<>(List.of(id));
        String where = scoped("WHERE i.id = ?", scope.incidents("i"), params);
        return store.incidents(where, params, "", 1, 0).stream().findFirst().orElseThrow(() -> new NotFoundException("Incident " + id));
    }

    /**
     * The incident, when the caller may also manage it: Alerts (manage) counts only within the scopes of the
     * assignments that grant it, so a reader role elsewhere lets one see but not change an incident.
     */
    private Incident manageable(long id) {
        Incident i = get(id);
        List<Object> params = new ArrayList<>(List.of(id));
        dev.rampart.portal.access.DeviceFilter.Sql cond = scope.managedIncidents("i");
        if (!cond.alwaysTrue() && store.incidents(scoped("WHERE i.id = ?", cond, params), params, "", 1, 0).isEmpty()) {
            throw new org.springframework.security.access.AccessDeniedException("Incident " + id
                    + " lies outside the data sources and device groups where your roles grant Alerts (manage).");
        }
        return i;
    }

    /** Whether the caller may change the incident (for rendering; changes check again). */
    public boolean mayManage(long id) {
        return holdsAlertsManage() && allowed(() -> manageable(id));
    }

    /** Whether the caller may change the alert (for rendering; changes check again). */
    public boolean mayManageAlert(String id) {
        return holdsAlertsManage() && allowed(() -> manageableAlert(id));
    }

    private static boolean holdsAlertsManage() {
        return dev.rampart.portal.access.AccessPolicy.can(org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication(),
                dev.rampart.portal.access.Permission.ALERTS_MANAGE);
    }

    private static boolean allowed(Runnable check) {
        try {
            check.run();
            return true;
        } catch (org.springframework.security.access.AccessDeniedException | NotFoundException e) {
            return false;
        }
    }

    /** The alert, when the caller may also manage it (see {@link #manageable(long)}). */
    private Alert manageableAlert(String id) {
        Alert a = alert(id);
        List<Object> params = new ArrayList<>(List.of(id));
        dev.rampart.portal.access.DeviceFilter.Sql cond = scope.managedAlerts("a");
        if (!cond.alwaysTrue() && store.alerts(scoped("WHERE a.id = ?", cond, params), params, "", 1, 0).isEmpty()) {
            throw new org.springframework.security.access.AccessDeniedException("Alert " + id
                    + " lies outside the data sources and device groups where your roles grant Alerts (manage).");
        }
        return a;
    }

    /** The incident whatever the caller's data scope, for bookkeeping after a change the caller was allowed to make. */
    private Incident unscoped(long id) {
        return store.incident(id).orElseThrow(() -> new NotFoundException("Incident " + id));
    }

    /** Adds the data-scope condition to a WHERE clause whose parameters are {@code params}. */
    private static String scoped(String where, dev.rampart.portal.access.DeviceFilter.Sql condition, List<Object> params) {
        if (condition.alwaysTrue()) {
            return where;
        }
        params.addAll(condition.params());
        return where + " AND " + condition.sql();
    }

    /**
     * Adds a system tag (set by the portal, such as "Attack disruption") to the incident and notes {@code why} in its
     * activity log under {@code actor}; nothing happens when the incident already carries it. Portal automation only:
     * no permission check.
     */
    @Transactional
    public void addSystemTag(long incidentId, String tag, String actor, String why) {
        Incident i = store.incident(incidentId).orElseThrow(() -> new NotFoundException("Incident " + incidentId));
        if (i.tags().stream().anyMatch(t -> t.name().equals(tag))) {
            return;
        }
        Instant now = Instant.now();
        store.addTag(incidentId, tag, true);
        store.touch(incidentId, now);
        store.activity(incidentId, now, actor, "change", "Tagged \"" + tag + "\": " + why);
    }

    /** Alerts of the incident that lie in the caller's data scope, oldest activity first. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<Alert> alertsOf(long incidentId) {
        get(incidentId);
        List<Object> params = new ArrayList<>(List.of(incidentId));
        String where = scoped("WHERE a.incident_id = ?", scope.alerts("a"), params);
        return store.alerts(where, params, "ORDER BY a.first_activity_at, a.created_at", 10_000, 0);
    }

    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<IncidentActivity> activity(long incidentId) {
        get(incidentId);
        // An alert outside the caller's scope is not named in the log either.
        return store.activities(incidentId, scope.alerts("a"));
    }

    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<String> knownTags() {
        return store.knownTags();
    }

    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public Page<Alert> alerts(AlertQuery q) {
        List<Object> params = new ArrayList<>();
        String where = scoped(q.where(params), scope.alerts("a"), params);
        long total = store.countAlerts(where, params);
        List<Alert> items = store.alerts(where, params, "ORDER BY a.created_at DESC, a.id", q.pageSize(), (long) (q.page() - 1) * q.pageSize());
        return new Page<>(items, total, q.page(), q.pageSize());
    }

    /**
     * How many shown alerts of the caller's scope created since {@code since} carry each ATT&CK technique id; a parent
     * technique counts the alerts of its sub-techniques too, each alert once (as the alert queue's technique filter).
     */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public java.util.Map<String, Long> techniqueCounts(Instant since) {
        List<Object> params = new ArrayList<>();
        String where = scoped(new AlertQuery(Set.of(), Set.of(), Set.of(), null, null, null, since, 1, 1).where(params), scope.alerts("a"), params);
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        store.countByTechniques(where, params).forEach((tags, n) -> withParents(tags).forEach(t -> out.merge(t, n, Long::sum)));
        return out;
    }

    /** The technique ids of a comma-separated tag list, upper-cased, with the parent of each sub-technique, each once. */
    public static Set<String> withParents(String tags) {
        Set<String> ids = new java.util.TreeSet<>();
        for (String t : tags.split(",")) {
            String id = t.strip().toUpperCase(java.util.Locale.ROOT);
            if (!id.isEmpty()) {
                ids.add(id);
                if (id.contains(".")) {
                    ids.add(id.substring(0, id.indexOf('.')));
                }
            }
        }
        return ids;
    }

    /** The alerts of the caller's scope among {@code ids} (unknown or hidden ones left out), newest first, at most {@code limit}. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<Alert> alertsWithIds(java.util.Collection<String> ids, int limit) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(ids);
        String where = scoped("WHERE a.hidden = FALSE AND a.id IN (" + IncidentStore.placeholders(ids.size()) + ")", scope.alerts("a"), params);
        return store.alerts(where, params, "ORDER BY a.created_at DESC, a.id", limit, 0);
    }

    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public Alert alert(String id) {
        List<Object> params = new ArrayList<>(List.of(id));
        String where = scoped("WHERE a.id = ?", scope.alerts("a"), params);
        return store.alerts(where, params, "", 1, 0).stream().findFirst().orElseThrow(() -> new NotFoundException("Alert " + id));
    }

    /** The hunting-table rows each alert was raised from (up to {@value NewAlert#MAX_EVENTS} per alert); alerts out of scope are left out. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public java.util.Map<String, List<SourceEvent>> sourceEvents(List<String> alertIds) {
        if (alertIds.isEmpty()) {
            return java.util.Map.of();
        }
        List<Object> params = new ArrayList<>(alertIds);
        String where = scoped("WHERE a.id IN (" + IncidentStore.placeholders(alertIds.size()) + ")", scope.alerts("a"), params);
        List<String> visible = store.alerts(where, params, "", alertIds.size(), 0).stream().map(Alert::id).toList();
        return store.eventsOf(visible);
    }

    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<AlertComment> alertComments(String alertId) {
        alert(alertId);
        return store.alertComments(alertId);
    }

    /** Applies a change; validates all fields before changing anything. */
    @Transactional
    @PreAuthorize(Perms.ALERTS_MANAGE)
    public Incident update(long id, IncidentChange c) {
        Incident i = manageable(id);
        if (i.status() == IncidentStatus.REDIRECTED) {
            throw new InvalidValueException("status", "cannot change: incident " + id + " was merged into incident " + i.redirectIncidentId());
        }
        if (c.status() == IncidentStatus.REDIRECTED) {
            throw new InvalidValueException("status", "'redirected' is set only by merging");
        }
        Classification cls = c.classification() != null ? c.classification() : i.classification();
        Determination det = c.determination() != null ? c.determination() : c.classification() != null ? Determination.UNKNOWN : i.determination();
        if (!Determination.allowedFor(cls).contains(det)) {
            throw new InvalidValueException("determination", "'" + det.graph() + "' does not fit classification '" + cls.graph() + "'");
        }
        checkText("comment", c.comment(), MAX_COMMENT);
        checkText("resolvingComment", c.resolvingComment(), 4000);
        checkText("displayName", c.displayName(), 500);
        if (c.displayName() != null && c.displayName().isBlank()) {
            throw new InvalidValueException("displayName", "must not be empty");
        }
        for (String t : c.addTags()) {
            if (t == null || t.isBlank() || t.strip().length() > 100) {
                throw new InvalidValueException("tags", "each tag needs 1 to 100 characters");
            }
        }
        Instant now = Instant.now();
        String who = currentUser();
        List<String> changes = new ArrayList<>();
        if (c.displayName() != null && !c.displayName().strip().equals(i.displayName())) {
            store.rename(id, c.displayName().strip(), true);
            changes.add("name to '" + c.displayName().strip() + "'");
        }
        if (c.assignedTo() != null) {
            String to = c.assignedTo().isBlank() ? null : c.assignedTo().strip();
            if (!java.util.Objects.equals(to, i.assignedTo())) {
                store.update(id, "assigned_to", to, now);
                store.updateAlerts("assigned_to", to, "WHERE incident_id = ?", List.of(id), now);
                changes.add(to == null ? "unassigned" : "assigned to " + to);
            }
        }
        if (cls != i.classification() || det != i.determination()) {
            store.update(id, "classification", cls.graph(), now);
            store.update(id, "determination", det.graph(), now);
            store.updateAlerts("classification", cls.graph(), "WHERE incident_id = ?", List.of(id), now);
            store.updateAlerts("determination", det.graph(), "WHERE incident_id = ?", List.of(id), now);
            changes.add("classification " + cls.label() + (det == Determination.UNKNOWN ? "" : " / " + det.label()));
        }
        if (Boolean.TRUE.equals(c.severityAutomatic())) {
            store.setSeverity(id, i.severity(), false, now);
            store.refresh(id, now);
            changes.add("severity back to automatic");
        } else if (c.severity() != null && (c.severity() != i.severity() || !i.severitySetByUser())) {
            store.setSeverity(id, c.severity(), true, now);
            changes.add("severity " + c.severity().label());
        }
        Set<String> tagsNow = new LinkedHashSet<>(i.customTags());
        for (String t : c.addTags()) {
            if (tagsNow.add(t.strip())) {
                store.addTag(id, t.strip(), false);
                changes.add("tag +" + t.strip());
            }
        }
        for (String t : c.removeTags()) {
            if (t != null && tagsNow.remove(t.strip())) {
                store.removeTag(id, t.strip());
                changes.add("tag -" + t.strip());
            }
        }
        if (c.status() != null && c.status() != i.status()) {
            store.update(id, "status", c.status().graph(), now);
            if (c.status() == IncidentStatus.RESOLVED) {
                store.resolveAlerts("WHERE incident_id = ?", List.of(id), now);
                if (c.resolvingComment() != null && !c.resolvingComment().isBlank()) {
                    store.update(id, "resolving_comment", c.resolvingComment().strip(), now);
                }
                changes.add("status Resolved (all alerts resolved)" + (c.resolvingComment() == null || c.resolvingComment().isBlank()
                        ? "" : ": " + c.resolvingComment().strip()));
            } else {
                if (c.status() == IncidentStatus.IN_PROGRESS) {
                    store.updateAlerts("status", AlertStatus.IN_PROGRESS.graph(), "WHERE incident_id = ? AND status = 'new'", List.of(id), now);
                }
                changes.add("status " + c.status().label());
            }
        }
        if (!changes.isEmpty()) {
            store.touch(id, now);
            store.activity(id, now, who, "change", "Changed " + String.join("; ", changes));
            audit.record("incident.update", "incident", String.valueOf(id), String.join("; ", changes));
        }
        if (c.comment() != null && !c.comment().isBlank()) {
            store.activity(id, now, who, "comment", c.comment().strip());
            store.touch(id, now);
            audit.record("incident.comment", "incident", String.valueOf(id), IncidentStore.clip(c.comment().strip(), 200));
        }
        return get(id);
    }

    @Transactional
    @PreAuthorize(Perms.ALERTS_MANAGE)
    public Incident comment(long id, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException("comment", "must not be empty");
        }
        get(id);
        return update(id, IncidentChange.none().withComment(text));
    }

    /**
     * Merges 2 to 5 incidents into the one with the most alerts (oldest on ties); the others become redirected.
     *
     * @return the target incident
     */
    @Transactional
    @PreAuthorize(Perms.ALERTS_MANAGE)
    public Incident merge(List<Long> ids, String reason) {
        List<Long> distinct = ids.stream().distinct().toList();
        if (distinct.size() < 2 || distinct.size() > MAX_MANUAL_MERGE) {
            throw new InvalidValueException("incidents", "select 2 to " + MAX_MANUAL_MERGE + " incidents to merge");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidValueException("comment", "a reason for merging is required");
        }
        checkText("comment", reason, MAX_COMMENT);
        List<Incident> incidents = distinct.stream().map(this::manageable).toList();
        merger.manualMergeBlocker(incidents).ifPresent(b -> {
            throw new InvalidValueException("incidents", "cannot be merged: " + b);
        });
        Incident target = incidents.stream().max(java.util.Comparator.comparingInt(Incident::alertCount)
                .thenComparing(Incident::id, java.util.Comparator.reverseOrder())).orElseThrow();
        List<Long> sources = distinct.stream().filter(x -> x != target.id()).toList();
        merger.merge(sources, target.id(), currentUser(), "Reason: " + reason.strip(), null);
        audit.record("incident.merge", "incident", String.valueOf(target.id()), "merged " + sources + ": " + IncidentStore.clip(reason.strip(), 200));
        return get(target.id());
    }

    /**
     * Moves alerts to an existing open incident, or to a new one when {@code targetIncident} is null. Incidents left
     * without alerts are resolved.
     *
     * @return the destination incident
     */
    @Transactional
    @PreAuthorize(Perms.ALERTS_MANAGE)
    public Incident moveAlerts(List<String> alertIds, Long targetIncident, String comment) {
        if (alertIds == null || alertIds.isEmpty()) {
            throw new InvalidValueException("alerts", "select at least one alert");
        }
        if (comment == null || comment.isBlank()) {
            throw new InvalidValueException("comment", "a comment is required to move alerts");
        }
        checkText("comment", comment, MAX_COMMENT);
        List<Alert> alerts = alertIds.stream().distinct().map(this::manageableAlert).toList();
        Instant now = Instant.now();
        String who = currentUser();
        long target;
        if (targetIncident == null) {
            Alert first = alerts.get(0);
            target = store.insertIncident(first.title(), first.severity(), now);
            store.activity(target, now, who, "system", "Incident created by moving alerts.");
            audit.record("incident.create", "incident", String.valueOf(target), "from moved alerts");
        } else {
            Incident t = manageable(targetIncident);
            if (!t.status().open()) {
                throw new InvalidValueException("incidentId", "incident " + targetIncident + " is " + t.status().label().toLowerCase() + "; choose an open incident");
            }
            target = t.id();
        }
        Set<Long> sources = new LinkedHashSet<>();
        for (Alert a : alerts) {
            if (a.incidentId() == target) {
                continue;
            }
            sources.add(a.incidentId());
            store.moveAlert(a.id(), target, "Moved by " + who + " from incident " + a.incidentId() + ": " + IncidentStore.clip(comment.strip(), 800), now);
            store.activity(a.incidentId(), now, who, "move", "Alert " + a.id() + " moved to incident " + target + ". " + comment.strip(), a.id());
            store.activity(target, now, who, "move", "Alert " + a.id() + " moved here from incident " + a.incidentId() + ". " + comment.strip(), a.id());
            audit.record("alert.move", "alert", a.id(), a.incidentId() + " -> " + target + ": " + IncidentStore.clip(comment.strip(), 200));
        }
        for (long s : sources) {
            store.refresh(s, now);
            Incident left = unscoped(s);
            if (left.alertCount() == 0 && left.status().open()) {
                store.update(s, "status", IncidentStatus.RESOLVED.graph(), now);
                store.activity(s, now, who, "system", "Resolved: no alerts left after the move.");
            } else {
                merger.rename(s);
            }
        }
        store.refresh(target, now);
        merger.rename(target);
        return unscoped(target);
    }

    @Transactional
    @PreAuthorize(Perms.ALERTS_MANAGE)
    public Alert updateAlert(String id, AlertChange c) {
        Alert a = manageableAlert(id);
        Classification cls = c.classification() != null ? c.classification() : a.classification();
        Determination det = c.determination() != null ? c.determination() : c.classification() != null ? Determination.UNKNOWN : a.determination();
        if (!Determination.allowedFor(cls).contains(det)) {
            throw new InvalidValueException("determination", "'" + det.graph() + "' does not fit classification '" + cls.graph() + "'");
        }
        checkText("comment", c.comment(), MAX_COMMENT);
        Instant now = Instant.now();
        String who = currentUser();
        List<String> changes = new ArrayList<>();
        List<Object> byId = List.of(id);
        if (c.status() != null && c.status() != a.status()) {
            if (c.status() == AlertStatus.RESOLVED) {
                store.resolveAlerts("WHERE id = ?", byId, now);
            } else {
                store.updateAlerts("status", c.status().graph(), "WHERE id = ?", byId, now);
                store.updateAlerts("resolved_at", null, "WHERE id = ?", byId, now);
            }
            changes.add("status " + c.status().label());
        }
        if (c.assignedTo() != null) {
            String to = c.assignedTo().isBlank() ? null : c.assignedTo().strip();
            if (!java.util.Objects.equals(to, a.assignedTo())) {
                store.updateAlerts("assigned_to", to, "WHERE id = ?", byId, now);
                changes.add(to == null ? "unassigned" : "assigned to " + to);
            }
        }
        if (cls != a.classification() || det != a.determination()) {
            store.updateAlerts("classification", cls.graph(), "WHERE id = ?", byId, now);
            store.updateAlerts("determination", det.graph(), "WHERE id = ?", byId, now);
            changes.add("classification " + cls.label() + (det == Determination.UNKNOWN ? "" : " / " + det.label()));
        }
        if (!changes.isEmpty()) {
            store.activity(a.incidentId(), now, who, "change", "Alert " + id + ": " + String.join("; ", changes), id);
            audit.record("alert.update", "alert", id, String.join("; ", changes));
        }
        if (c.comment() != null && !c.comment().isBlank()) {
            store.addAlertComment(id, who, c.comment().strip(), now);
            store.activity(a.incidentId(), now, who, "comment", "On alert " + id + ": " + c.comment().strip(), id);
            audit.record("alert.comment", "alert", id, IncidentStore.clip(c.comment().strip(), 200));
        }
        if (c.status() == AlertStatus.RESOLVED) {
            Incident i = unscoped(a.incidentId());
            // Every alert counts here, including those outside the caller's scope.
            boolean allResolved = store.alerts("WHERE a.incident_id = ?", List.of(i.id()), "", 10_000, 0).stream()
                    .allMatch(x -> x.status() == AlertStatus.RESOLVED);
            if (allResolved && i.status().open()) {
                store.update(i.id(), "status", IncidentStatus.RESOLVED.graph(), now);
                store.activity(i.id(), now, who, "system", "Resolved: all alerts are resolved.");
            }
        }
        store.refresh(a.incidentId(), now);
        return alert(id);
    }

    private static void checkText(String field, String text, int max) {
        if (text != null && text.length() > max) {
            throw new InvalidValueException(field, "is longer than " + max + " characters");
        }
    }

    static String currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
