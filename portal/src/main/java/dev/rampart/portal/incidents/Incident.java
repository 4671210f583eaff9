package dev.rampart.portal.incidents;

import java.time.Instant;
import java.util.List;

/** A stored incident with its tags (system tags such as "Redirected" are flagged). */
public record Incident(long id, String displayName, IncidentStatus status, Severity severity, boolean severitySetByUser,
                       String assignedTo, Classification classification, Determination determination, Long redirectIncidentId,
                       String resolvingComment, Instant createdAt, Instant lastUpdateAt, Instant firstActivity, Instant lastActivity,
                       int alertCount, List<Tag> tags) {

    public record Tag(String name, boolean system) {
    }

    public List<String> customTags() {
        return tags.stream().filter(t -> !t.system()).map(Tag::name).toList();
    }

    public List<String> systemTags() {
        return tags.stream().filter(Tag::system).map(Tag::name).toList();
    }
}
