package dev.rampart.portal.incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Filters and page of the alert queue; empty sets mean "any"; {@code since} bounds the creation time. */
public record AlertQuery(Set<AlertStatus> statuses, Set<Severity> severities, Set<Category> categories, String assignedTo,
                         String detectorId, String search, Instant since, int page, int pageSize) {
    public AlertQuery {
        statuses = Set.copyOf(statuses);
        severities = Set.copyOf(severities);
        categories = Set.copyOf(categories);
        page = Math.max(1, page);
        pageSize = Math.max(1, Math.min(pageSize, 500));
    }

    String where(List<Object> params) {
        List<String> parts = new ArrayList<>();
        parts.add("a.hidden = FALSE");
        if (!statuses.isEmpty()) {
            parts.add("a.status IN (" + IncidentStore.placeholders(statuses.size()) + ")");
            statuses.forEach(s -> params.add(s.graph()));
        }
        if (!severities.isEmpty()) {
            parts.add("a.severity IN (" + IncidentStore.placeholders(severities.size()) + ")");
            severities.forEach(s -> params.add(s.graph()));
        }
        if (!categories.isEmpty()) {
            parts.add("a.category IN (" + IncidentStore.placeholders(categories.size()) + ")");
            categories.forEach(c -> params.add(c.graph()));
        }
        if (assignedTo != null && !assignedTo.isBlank()) {
            if (assignedTo.equals("unassigned")) {
                parts.add("a.assigned_to IS NULL");
            } else {
                parts.add("LOWER(a.assigned_to) = ?");
                params.add(assignedTo.strip().toLowerCase(Locale.ROOT));
            }
        }
        if (detectorId != null && !detectorId.isBlank()) {
            parts.add("a.detector_id = ?");
            params.add(detectorId);
        }
        if (search != null && !search.isBlank()) {
            parts.add("(LOWER(a.title) LIKE ? OR a.id = ?)");
            params.add("%" + search.strip().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%");
            params.add(search.strip());
        }
        if (since != null) {
            parts.add("a.created_at >= ?");
            params.add(IncidentStore.utc(since));
        }
        return "WHERE " + String.join(" AND ", parts);
    }
}
