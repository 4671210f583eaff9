package dev.rampart.portal.detection;

import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Severity;
import java.time.Instant;
import java.util.List;

/**
 * A stored custom detection rule: query, schedule, alert template, entity mapping, and its last run. Rules made from
 * an imported Sigma rule carry its id, author and level ({@code sigmaId} null otherwise). {@code response}: automated
 * actions and device-group scope.
 */
public record DetectionRule(long id, String key, boolean builtIn, String name, String query, Frequency frequency, boolean enabled,
                            String title, String description, Severity severity, Category category, List<String> mitreTechniques,
                            String recommendedActions, EntityMapping entities, String createdBy, Instant createdAt, String updatedBy,
                            Instant updatedAt, Instant lastRunAt, String lastRunStatus, Instant nextRunAt, String sigmaId,
                            String sigmaAuthor, String sigmaLevel, RuleResponse response) {
    public boolean fromSigma() {
        return sigmaId != null;
    }

}
