package dev.rampart.portal.incidents;

import dev.rampart.portal.access.Perms;
import dev.rampart.portal.response.ActionException;
import dev.rampart.portal.response.ResponseAction;
import dev.rampart.portal.response.ResponseActions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * What the Evidence and response and Summary tabs (and the PDF report) show about one incident: its de-duplicated
 * evidence, the response actions linked to it, and approve/reject of the pending ones through {@link ResponseActions}.
 */
@Service
public class IncidentDetails {
    /** The page lists at most this many linked actions, newest first. */
    public static final int MAX_ACTIONS = 500;

    private final IncidentService incidents;
    private final ResponseActions actions;
    private final JdbcClient jdbc;

    public IncidentDetails(IncidentService incidents, ResponseActions actions, JdbcClient jdbc) {
        this.incidents = incidents;
        this.actions = actions;
        this.jdbc = jdbc;
    }

    /** An incident with its alerts, linked actions and evidence, read once for a page or a report. */
    public record Snapshot(Incident incident, List<Alert> alerts, List<ResponseAction> actions, List<IncidentEvidence.Item> evidence) {
        public IncidentSummary summary() {
            return IncidentSummary.of(incident, alerts, evidence);
        }
    }

    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public Snapshot snapshot(long incidentId) {
        Incident i = incidents.get(incidentId);
        return snapshot(i, incidents.alertsOf(incidentId));
    }

    /** Same, reusing alerts the caller already read. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public Snapshot snapshot(Incident incident, List<Alert> alerts) {
        List<ResponseAction> linked = linkedActions(incident.id(), alerts);
        return new Snapshot(incident, alerts, linked, IncidentEvidence.collect(alerts, linked));
    }

    /**
     * Response actions requested for this incident, for an incident merged into it, or for one of its alerts
     * (newest first, at most {@value #MAX_ACTIONS}).
     */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<ResponseAction> linkedActions(long incidentId, List<Alert> alerts) {
        return actions.linkedTo(withMerged(incidentId), alerts.stream().map(Alert::id).toList(), MAX_ACTIONS);
    }

    /** The incident and every incident redirected into it, directly or through a chain of merges. */
    private Set<Long> withMerged(long incidentId) {
        Set<Long> ids = new LinkedHashSet<>();
        Deque<Long> todo = new ArrayDeque<>(List.of(incidentId));
        while (!todo.isEmpty() && ids.size() < 1000) {
            long id = todo.pop();
            if (ids.add(id)) {
                todo.addAll(jdbc.sql("SELECT id FROM incident WHERE redirect_incident_id = ?").param(id).query(Long.class).list());
            }
        }
        return ids;
    }

    /**
     * Approves or rejects pending actions linked to the incident through {@link ResponseActions} (which checks the
     * state, records the decision and audits it). Actions not linked to the incident are refused.
     *
     * @return the ids decided
     * @throws ActionException for a missing comment, an action not linked here, or one no longer pending approval
     */
    @PreAuthorize(Perms.RESPONSE_MANAGE)
    public List<Long> decide(long incidentId, List<Long> actionIds, boolean approve, String comment) {
        if (actionIds == null || actionIds.isEmpty()) {
            throw new ActionException("ids", "select at least one action");
        }
        Set<Long> linked = new LinkedHashSet<>();
        linkedActions(incidentId, incidents.alertsOf(incidentId)).forEach(a -> linked.add(a.id()));
        List<Long> ids = new ArrayList<>();
        for (Long id : actionIds) {
            if (!linked.contains(id)) {
                throw new ActionException("ids", "action " + id + " is not linked to incident " + incidentId, 409);
            }
            ids.add(id);
        }
        return approve ? actions.approve(ids, comment) : actions.reject(ids, comment);
    }
}
