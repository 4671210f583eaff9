package dev.rampart.portal.incidents;

import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.notifications.Notifications;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Folds incidents into a target: alerts, tags and the activity log move, the source becomes {@code redirected}
 * (tagged "Redirected", pointing at the target) and the target is renamed and re-scored.
 */
@Component
class IncidentMerger {
    static final String REDIRECTED_TAG = "Redirected";

    private final IncidentStore store;
    private final AuditLog audit;
    private final Notifications notifications;

    IncidentMerger(IncidentStore store, AuditLog audit, Notifications notifications) {
        this.store = store;
        this.audit = audit;
        this.notifications = notifications;
    }

    /** Why two open incidents must not be merged automatically, or empty when they may. */
    Optional<String> autoMergeBlocker(long targetId, long otherId, int maxEntities) {
        Incident t = store.incident(targetId).orElseThrow();
        Incident o = store.incident(otherId).orElseThrow();
        if (!t.status().open() || !o.status().open()) {
            return Optional.of("one of them is resolved");
        }
        if (t.assignedTo() != null && o.assignedTo() != null && !t.assignedTo().equalsIgnoreCase(o.assignedTo())) {
            return Optional.of("they are assigned to different people");
        }
        if (t.classification() != o.classification() || t.determination() != o.determination()) {
            return Optional.of("they have different classifications or determinations");
        }
        if (store.strongEntityCount(List.of(targetId, otherId), maxEntities) > maxEntities) {
            return Optional.of("together they would have more than the limit of " + maxEntities + " entities");
        }
        return Optional.empty();
    }

    /** Why a manual merge is not allowed: assigned to, classification and determination must be equal or unset. */
    Optional<String> manualMergeBlocker(List<Incident> incidents) {
        for (Incident i : incidents) {
            if (i.status() == IncidentStatus.REDIRECTED) {
                return Optional.of("incident " + i.id() + " was already merged into incident " + i.redirectIncidentId());
            }
        }
        if (distinctSet(incidents.stream().map(Incident::assignedTo).toList()) > 1) {
            return Optional.of("the incidents are assigned to different people");
        }
        if (distinctSet(incidents.stream().map(i -> i.classification() == Classification.UNKNOWN ? null : i.classification()).toList()) > 1
                || distinctSet(incidents.stream().map(i -> i.determination() == Determination.UNKNOWN ? null : i.determination()).toList()) > 1) {
            return Optional.of("the incidents have different classifications or determinations");
        }
        return Optional.empty();
    }

    private static long distinctSet(List<?> values) {
        return values.stream().filter(Objects::nonNull).map(v -> v.toString().toLowerCase(java.util.Locale.ROOT)).distinct().count();
    }

    /** Merges; {@code alertId} is the alert the reason names (correlation), null for a user's merge. */
    void merge(List<Long> sources, long target, String actor, String reason, String alertId) {
        Instant now = Instant.now();
        List<String> names = new ArrayList<>();
        for (long source : sources) {
            Incident s = store.incident(source).orElseThrow();
            names.add(source + " (" + s.displayName() + ")");
            store.activity(source, now, actor, "merge", "Merged into incident " + target + ". " + reason, alertId);
            store.moveAlerts(source, target, now);
            store.copyActivities(source, target);
            for (Incident.Tag tag : s.tags()) {
                if (!tag.system() || !tag.name().equals(REDIRECTED_TAG)) {
                    store.addTag(target, tag.name(), tag.system());
                }
            }
            store.update(source, "status", IncidentStatus.REDIRECTED.graph(), now);
            store.update(source, "redirect_incident_id", target, now);
            store.addTag(source, REDIRECTED_TAG, true);
            store.refresh(source, now);
            audit.recordAs(actor, "incident.merge", "incident", String.valueOf(source), "into " + target + ": " + reason);
        }
        store.activity(target, now, actor, "merge", "Merged incident(s) " + String.join(", ", names) + " into this incident. " + reason, alertId);
        store.refresh(target, now);
        // The reference renames a merge target even when a user named it.
        store.clearUserName(target);
        rename(target);
        notifications.toHoldersOf(Permission.SECURITY_DATA_READ, Notifications.Kind.INFORMATION, "Incidents merged into incident " + target,
                sources.size() + " incident(s) merged: " + String.join(", ", names), "/incidents/" + target);
    }

    void rename(long incidentId) {
        // Aggregates, and entity keys only until a second device: an incident can hold thousands of alerts.
        store.rename(incidentId, IncidentNamer.name(store.nameFacts(incidentId)), false);
    }
}
