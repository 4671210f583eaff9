package dev.rampart.portal.incidents;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Filters, sort and page of the incident queue. Empty sets mean "any"; {@code assignedTo} is a user name,
 * {@code "unassigned"} or null; {@code search} matches the name, the id or an entity of the incident's alerts.
 */
public record IncidentQuery(Set<IncidentStatus> statuses, Set<Severity> severities, String assignedTo, Set<Category> categories,
                            String search, String sort, boolean descending, int page, int pageSize) {
    public static final List<String> SORTS = List.of("lastUpdate", "created", "severity", "id", "name", "alerts");

    public IncidentQuery {
        statuses = Set.copyOf(statuses);
        severities = Set.copyOf(severities);
        categories = Set.copyOf(categories);
        sort = SORTS.contains(sort) ? sort : "lastUpdate";
        page = Math.max(1, page);
        pageSize = Math.max(1, Math.min(pageSize, 500));
    }

    /** The queue's default: New and In progress, High/Medium/Low, newest update first. */
    public static IncidentQuery defaults() {
        return new IncidentQuery(Set.of(IncidentStatus.ACTIVE, IncidentStatus.IN_PROGRESS), Set.of(Severity.HIGH, Severity.MEDIUM, Severity.LOW),
                null, Set.of(), null, "lastUpdate", true, 1, 50);
    }

    String where(List<Object> params) {
        List<String> parts = new ArrayList<>();
        parts.add("i.hidden = FALSE");
        if (statuses.isEmpty()) {
            parts.add("i.status <> 'redirected'");
        } else {
            parts.add("i.status IN (" + IncidentStore.placeholders(statuses.size()) + ")");
            statuses.forEach(s -> params.add(s.graph()));
        }
        if (!severities.isEmpty()) {
            parts.add("i.severity IN (" + IncidentStore.placeholders(severities.size()) + ")");
            severities.forEach(s -> params.add(s.graph()));
        }
        if (assignedTo != null && !assignedTo.isBlank()) {
            if (assignedTo.equals("unassigned")) {
                parts.add("i.assigned_to IS NULL");
            } else {
                parts.add("LOWER(i.assigned_to) = ?");
                params.add(assignedTo.strip().toLowerCase(Locale.ROOT));
            }
        }
        if (!categories.isEmpty()) {
            parts.add("EXISTS (SELECT 1 FROM alert c WHERE c.incident_id = i.id AND c.category IN (" + IncidentStore.placeholders(categories.size()) + "))");
            categories.forEach(c -> params.add(c.graph()));
        }
        if (search != null && !search.isBlank()) {
            String like = "%" + search.strip().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%";
            parts.add("(LOWER(i.display_name) LIKE ? OR CAST(i.id AS VARCHAR) = ? OR EXISTS (SELECT 1 FROM alert s JOIN alert_evidence e "
                    + "ON e.alert_id = s.id WHERE s.incident_id = i.id AND e.entity_key LIKE ?))");
            params.add(like);
            params.add(search.strip());
            params.add(like);
        }
        return "WHERE " + String.join(" AND ", parts);
    }

    String orderBy() {
        String dir = descending ? " DESC" : " ASC";
        String col = switch (sort) {
            case "created" -> "i.created_at";
            case "severity" -> "CASE i.severity WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 ELSE 1 END";
            case "id" -> "i.id";
            case "name" -> "i.display_name";
            case "alerts" -> "i.alert_count";
            default -> "i.last_update_at";
        };
        return "ORDER BY " + col + dir + ", i.id" + dir;
    }
}
