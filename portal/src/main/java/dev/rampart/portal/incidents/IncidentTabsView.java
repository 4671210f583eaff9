package dev.rampart.portal.incidents;

import dev.rampart.portal.response.ActionStatus;
import dev.rampart.portal.response.ResponseAction;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Page model of the Evidence and response and Summary tabs. {@code summary} is only built when that tab is open;
 * the filters narrow the evidence list (null = any).
 */
public record IncidentTabsView(IncidentDetails.Snapshot snapshot, EntityType typeFilter, EvidenceVerdict verdictFilter, boolean canApprove,
                               IncidentSummary summary) {

    public List<IncidentEvidence.Item> evidence() {
        return snapshot.evidence().stream().filter(e -> typeFilter == null || e.type() == typeFilter)
                .filter(e -> verdictFilter == null || e.verdict() == verdictFilter).toList();
    }

    public int evidenceTotal() {
        return snapshot.evidence().size();
    }

    /** Entity counts per type (within the verdict filter), for the type filter's labels. */
    public Map<EntityType, Long> typeCounts() {
        Map<EntityType, Long> out = new EnumMap<>(EntityType.class);
        for (EntityType t : EntityType.values()) {
            long n = snapshot.evidence().stream().filter(e -> e.type() == t && (verdictFilter == null || e.verdict() == verdictFilter)).count();
            if (n > 0 || t == typeFilter) {
                out.put(t, n);
            }
        }
        return out;
    }

    /** Entity counts per verdict (within the type filter). */
    public Map<EvidenceVerdict, Long> verdictCounts() {
        Map<EvidenceVerdict, Long> out = new EnumMap<>(EvidenceVerdict.class);
        for (EvidenceVerdict v : EvidenceVerdict.values()) {
            out.put(v, snapshot.evidence().stream().filter(e -> e.verdict() == v && (typeFilter == null || e.type() == typeFilter)).count());
        }
        return out;
    }

    /** Linked actions, those waiting for approval first, then newest first. */
    public List<ResponseAction> actions() {
        return snapshot.actions().stream().sorted(java.util.Comparator.comparing((ResponseAction a) -> a.status() != ActionStatus.PENDING_APPROVAL)
                .thenComparing(ResponseAction::id, java.util.Comparator.reverseOrder())).toList();
    }

    /** The current filters as extra query parameters ({@code &type=..&verdict=..}), to come back to the same view. */
    public String filterQuery() {
        return (typeFilter == null ? "" : "&type=" + typeFilter.key()) + (verdictFilter == null ? "" : "&verdict=" + verdictFilter.key());
    }

    public long pendingApproval() {
        return snapshot.actions().stream().filter(a -> a.status() == ActionStatus.PENDING_APPROVAL).count();
    }

    /** Link to the evidence tab with the given filters (null = any). */
    public static String link(long incidentId, EntityType type, EvidenceVerdict verdict) {
        return "/incidents/" + incidentId + "?tab=evidence" + (type == null ? "" : "&type=" + type.key()) + (verdict == null ? "" : "&verdict=" + verdict.key());
    }
}
