package dev.rampart.portal.detection;

import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Incident;
import dev.rampart.portal.incidents.Severity;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the form shows: the analyst's values so far (or the suggestions) and the error of the last attempt. */
public record LinkForm(String resultId, List<Integer> rows, List<String> columns, Map<EntityType, String> mapping, String target,
                       String incidentId, String title, Severity severity, Category category, String description,
                       String recommendedActions, String errorField, String error, List<Incident> openIncidents) {
    public String column(EntityType t) {
        return mapping.getOrDefault(t, "");
    }

    public String rowList() {
        return rows.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
