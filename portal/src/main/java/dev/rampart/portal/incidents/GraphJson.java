package dev.rampart.portal.incidents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Graph security API shapes (incident, alert, alertEvidence, alertComment) as JSON-ready maps. */
final class GraphJson {
    private GraphJson() {
    }

    static Map<String, Object> incident(Incident i, List<Alert> alerts, List<IncidentActivity> comments) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", String.valueOf(i.id()));
        m.put("displayName", i.displayName());
        m.put("incidentWebUrl", "/incidents/" + i.id());
        m.put("redirectIncidentId", i.redirectIncidentId() == null ? null : String.valueOf(i.redirectIncidentId()));
        m.put("createdDateTime", i.createdAt());
        m.put("lastUpdateDateTime", i.lastUpdateAt());
        m.put("assignedTo", i.assignedTo());
        m.put("classification", i.classification().graph());
        m.put("determination", i.determination().graph());
        m.put("status", i.status().graph());
        m.put("severity", i.severity().graph());
        m.put("resolvingComment", i.resolvingComment());
        m.put("customTags", i.customTags());
        m.put("systemTags", i.systemTags());
        m.put("comments", comments.stream().filter(a -> a.kind().equals("comment"))
                .map(a -> comment(a.text(), a.actor(), a.occurredAt())).toList());
        if (alerts != null) {
            m.put("alerts", alerts.stream().map(a -> alert(a, List.of())).toList());
        }
        return m;
    }

    static Map<String, Object> alert(Alert a, List<AlertComment> comments) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("providerAlertId", a.id().substring(2));
        m.put("incidentId", String.valueOf(a.incidentId()));
        m.put("status", a.status().graph());
        m.put("severity", a.severity().graph());
        m.put("classification", a.classification().graph());
        m.put("determination", a.determination().graph());
        m.put("serviceSource", a.serviceSource());
        m.put("detectionSource", a.detectionSource());
        m.put("detectorId", a.detectorId());
        m.put("title", a.title());
        m.put("description", a.description());
        m.put("recommendedActions", a.recommendedActions());
        m.put("category", a.category().graph());
        m.put("assignedTo", a.assignedTo());
        m.put("alertWebUrl", "/alerts/" + a.id());
        m.put("incidentWebUrl", "/incidents/" + a.incidentId());
        m.put("mitreTechniques", a.mitreTechniques());
        m.put("createdDateTime", a.createdAt());
        m.put("lastUpdateDateTime", a.lastUpdateAt());
        m.put("resolvedDateTime", a.resolvedAt());
        m.put("firstActivityDateTime", a.firstActivity());
        m.put("lastActivityDateTime", a.lastActivity());
        m.put("comments", comments.stream().map(c -> comment(c.comment(), c.createdBy(), c.createdAt())).toList());
        m.put("evidence", a.evidence().stream().map(GraphJson::evidence).toList());
        m.put("reasonLinked", a.reasonLinked());
        return m;
    }

    private static Map<String, Object> evidence(Evidence e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("@odata.type", "#microsoft.graph.security." + e.type().graph());
        m.put("verdict", e.verdict());
        m.put("remediationStatus", "none");
        m.put("roles", e.roles());
        switch (e.type()) {
            case DEVICE -> m.put("deviceDnsName", e.display());
            case USER -> m.put("userAccount", Map.of("userPrincipalName", e.display(), "accountName", e.key()));
            case MAILBOX -> m.put("primaryAddress", e.display());
            case FILE -> m.put("fileDetails", e.strong() ? Map.of("sha256", e.key()) : Map.of("fileName", e.display()));
            case PROCESS -> m.put("processCommandLine", e.display());
            case IP -> m.put("ipAddress", e.display());
            case URL -> m.put("url", e.display());
        }
        return m;
    }

    private static Map<String, Object> comment(String text, String by, java.time.Instant at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("@odata.type", "microsoft.graph.security.alertComment");
        m.put("comment", text);
        m.put("createdByDisplayName", by);
        m.put("createdDateTime", at);
        return m;
    }
}
