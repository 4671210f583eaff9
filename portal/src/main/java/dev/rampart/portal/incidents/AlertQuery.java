package dev.rampart.portal.incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Filters and page of the alert queue; empty sets mean "any"; {@code since} bounds the creation time. {@code entity}
 * keeps alerts naming a device (by host name) or an account (by UPN or account name); {@code until} (may be null)
 * bounds the creation time from above, so an export's pages do not shift as alerts arrive. {@code technique} keeps
 * alerts tagged with that ATT&CK technique or one of its sub-techniques.
 */
public record AlertQuery(Set<AlertStatus> statuses, Set<Severity> severities, Set<Category> categories, String assignedTo,
                         String detectorId, String search, Instant since, Set<String> serviceSources, Set<String> detectionSources, String entity,
                         Instant until, String technique, int page, int pageSize) {
    public AlertQuery {
        statuses = Set.copyOf(statuses);
        severities = Set.copyOf(severities);
        categories = Set.copyOf(categories);
        serviceSources = Set.copyOf(serviceSources);
        detectionSources = Set.copyOf(detectionSources);
        page = Math.max(1, page);
        pageSize = Math.max(1, Math.min(pageSize, 500));
    }

    public AlertQuery(Set<AlertStatus> statuses, Set<Severity> severities, Set<Category> categories, String assignedTo, String detectorId, String search,
                      Instant since, int page, int pageSize) {
        this(statuses, severities, categories, assignedTo, detectorId, search, since, Set.of(), Set.of(), null, null, null, page, pageSize);
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
        if (until != null) {
            parts.add("a.created_at < ?");
            params.add(IncidentStore.utc(until));
        }
        if (!serviceSources.isEmpty()) {
            parts.add("a.service_source IN (" + IncidentStore.placeholders(serviceSources.size()) + ")");
            params.addAll(serviceSources.stream().sorted().toList());
        }
        if (!detectionSources.isEmpty()) {
            parts.add("a.detection_source IN (" + IncidentStore.placeholders(detectionSources.size()) + ")");
            params.addAll(detectionSources.stream().sorted().toList());
        }
        if (technique != null && !technique.isBlank()) {
            String t = technique.strip().toUpperCase(Locale.ROOT).replace("%", "").replace("_", "");
            parts.add("(',' || a.mitre_techniques || ',' LIKE ? OR ',' || a.mitre_techniques || ',' LIKE ?)");
            params.add("%," + t + ",%");
            params.add("%," + t + ".%");
        }
        if (entity != null && !entity.isBlank()) {
            Evidence d = Evidence.of(EntityType.DEVICE, entity, null, List.of());
            Evidence u = Evidence.of(EntityType.USER, entity, null, List.of());
            parts.add("a.id IN (SELECT ee.alert_id FROM alert_evidence ee WHERE (ee.entity_type = 'device' AND ee.entity_key = ?) "
                    + "OR (ee.entity_type IN ('user', 'mailbox') AND (ee.entity_key = ? OR ee.entity_key LIKE ?)) "
                    + "OR (ee.entity_type IN ('ip', 'file', 'url') AND ee.entity_key = ?))");
            params.add(d.key());
            params.add(u.key());
            params.add(u.key().replace("%", "").replace("_", "\\_") + "@%");
            params.add(entity.strip().toLowerCase(Locale.ROOT));
        }
        return "WHERE " + String.join(" AND ", parts);
    }
}
