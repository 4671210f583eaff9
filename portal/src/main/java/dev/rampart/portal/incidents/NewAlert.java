package dev.rampart.portal.incidents;

import java.time.Instant;
import java.util.List;

/**
 * An alert raised by a detector, before it is stored and correlated.
 *
 * @param idPrefix       Graph source prefix of the id ({@code ra} Rampart detection engine, {@code ea} custom detection...)
 * @param detectorId     which rule or engine raised it (the custom detection rule key)
 * @param evidence       entities; null entries are ignored
 * @param events         source rows (only the first {@value #MAX_EVENTS} are kept)
 */
public record NewAlert(String idPrefix, String title, String description, Severity severity, Category category,
                       List<String> mitreTechniques, String detectionSource, String serviceSource, String detectorId,
                       String recommendedActions, Instant firstActivity, Instant lastActivity, List<Evidence> evidence,
                       List<SourceEvent> events) {
    public static final int MAX_EVENTS = 50;

    public NewAlert {
        mitreTechniques = List.copyOf(mitreTechniques);
        evidence = evidence.stream().filter(java.util.Objects::nonNull).distinct().toList();
        events = events == null ? List.of() : events.stream().filter(java.util.Objects::nonNull).limit(MAX_EVENTS).toList();
        if (lastActivity.isBefore(firstActivity)) {
            throw new IllegalArgumentException("lastActivity before firstActivity");
        }
    }

    /** An alert without known source rows. */
    public NewAlert(String idPrefix, String title, String description, Severity severity, Category category, List<String> mitreTechniques,
                    String detectionSource, String serviceSource, String detectorId, String recommendedActions, Instant firstActivity,
                    Instant lastActivity, List<Evidence> evidence) {
        this(idPrefix, title, description, severity, category, mitreTechniques, detectionSource, serviceSource, detectorId,
                recommendedActions, firstActivity, lastActivity, evidence, List.of());
    }
}
