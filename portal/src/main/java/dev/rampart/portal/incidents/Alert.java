package dev.rampart.portal.incidents;

import java.time.Instant;
import java.util.List;

/** A stored alert (Graph {@code alerts_v2}) with its evidence. */
public record Alert(String id, long incidentId, String title, String description, Severity severity, AlertStatus status,
                    Classification classification, Determination determination, Category category, List<String> mitreTechniques,
                    String detectionSource, String serviceSource, String detectorId, String assignedTo, String recommendedActions,
                    Instant firstActivity, Instant lastActivity, Instant createdAt, Instant lastUpdateAt, Instant resolvedAt,
                    String reasonLinked, List<Evidence> evidence) {

    public List<Evidence> evidenceOf(EntityType type) {
        return evidence.stream().filter(e -> e.type() == type).toList();
    }
}
