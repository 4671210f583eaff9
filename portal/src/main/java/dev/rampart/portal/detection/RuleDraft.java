package dev.rampart.portal.detection;

import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Severity;
import java.util.List;

/** What a user (or the built-in pack) supplies to create or change a rule. */
public record RuleDraft(String name, String query, Frequency frequency, String title, String description, Severity severity,
                        Category category, List<String> mitreTechniques, String recommendedActions, EntityMapping entities,
                        boolean enabled) {
    public RuleDraft {
        mitreTechniques = mitreTechniques == null ? List.of() : List.copyOf(mitreTechniques);
        entities = entities == null ? EntityMapping.automatic() : entities;
    }
}
