package dev.rampart.portal.incidents;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Filters, sort and page of the incident queue. Empty sets mean "any". {@code assignedTo} is null (anyone),
 * {@code "unassigned"}, {@code "me"} (the signed-in user) or a user name. Source, tag, category, entity and
 * device-group filters match an incident when any of its alerts (or tags) matches any of the values.
 * {@code entities} are device or user names as an analyst types them; {@code deviceGroups} are device group ids,
 * resolved to their devices by {@link IncidentService#list}. {@code search} matches the name, the id or an
 * entity of the incident's alerts.
 */
public record IncidentQuery(Set<IncidentStatus> statuses, Set<Severity> severities, String assignedTo, Set<Category> categories,
                            Set<String> serviceSources, Set<String> detectionSources, Set<String> tags, Set<Classification> classifications,
                            Set<String> entities, Set<Long> deviceGroups, String search, String sort, boolean descending, int page,
                            int pageSize) {
    public static final List<String> SORTS = List.of("lastUpdate", "created", "severity", "id", "name", "alerts");
    public static final String ME = "me";
    public static final String UNASSIGNED = "unassigned";

    public IncidentQuery {
        statuses = Set.copyOf(statuses);
        severities = Set.copyOf(severities);
        categories = Set.copyOf(categories);
        serviceSources = Set.copyOf(serviceSources);
        detectionSources = Set.copyOf(detectionSources);
        tags = Set.copyOf(tags);
        classifications = Set.copyOf(classifications);
        entities = Set.copyOf(entities);
        deviceGroups = Set.copyOf(deviceGroups);
        assignedTo = assignedTo == null || assignedTo.isBlank() ? null : assignedTo.strip();
        search = search == null || search.isBlank() ? null : search.strip();
        sort = SORTS.contains(sort) ? sort : "lastUpdate";
        page = Math.max(1, page);
        pageSize = Math.max(1, Math.min(pageSize, 500));
    }

    /** Status, severity, assignment and category filters only (the API's subset). */
    public IncidentQuery(Set<IncidentStatus> statuses, Set<Severity> severities, String assignedTo, Set<Category> categories, String search,
                         String sort, boolean descending, int page, int pageSize) {
        this(statuses, severities, assignedTo, categories, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), search, sort, descending,
                page, pageSize);
    }

    /** The queue's default: New and In progress, High/Medium/Low, newest update first. */
    public static IncidentQuery defaults() {
        return new IncidentQuery(Set.of(IncidentStatus.ACTIVE, IncidentStatus.IN_PROGRESS), Set.of(Severity.HIGH, Severity.MEDIUM, Severity.LOW),
                null, Set.of(), null, "lastUpdate", true, 1, 50);
    }

    public IncidentQuery withPage(int p) {
        return new IncidentQuery(statuses, severities, assignedTo, categories, serviceSources, detectionSources, tags, classifications, entities,
                deviceGroups, search, sort, descending, p, pageSize);
    }

    /**
     * What the query needs from outside itself: the signed-in user (for "me") and, when it filters on device
     * groups, the correlation keys of the groups' devices (null when it does not).
     */
    record Context(String me, Set<String> deviceKeys) {
    }

    String where(List<Object> params, Context ctx) {
        List<String> parts = new ArrayList<>();
        parts.add("i.hidden = FALSE");
        if (statuses.isEmpty()) {
            parts.add("i.status <> 'redirected'");
        } else {
            in(parts, params, "i.status", statuses.stream().map(IncidentStatus::graph).toList());
        }
        in(parts, params, "i.severity", severities.stream().map(Severity::graph).toList());
        in(parts, params, "i.classification", classifications.stream().map(Classification::graph).toList());
        if (assignedTo != null) {
            if (assignedTo.equals(UNASSIGNED)) {
                parts.add("i.assigned_to IS NULL");
            } else {
                parts.add("LOWER(i.assigned_to) = ?");
                params.add((assignedTo.equals(ME) ? ctx.me() : assignedTo).toLowerCase(Locale.ROOT));
            }
        }
        alertIn(parts, params, "category", categories.stream().map(Category::graph).toList());
        alertIn(parts, params, "service_source", List.copyOf(serviceSources));
        alertIn(parts, params, "detection_source", List.copyOf(detectionSources));
        if (!tags.isEmpty()) {
            parts.add("EXISTS (SELECT 1 FROM incident_tag t WHERE t.incident_id = i.id AND t.tag IN (" + IncidentStore.placeholders(tags.size()) + "))");
            params.addAll(tags);
        }
        if (!entities.isEmpty()) {
            entityCondition(parts, params);
        }
        if (!deviceGroups.isEmpty()) {
            Set<String> keys = ctx.deviceKeys() == null ? Set.of() : ctx.deviceKeys();
            if (keys.isEmpty()) {
                parts.add("1 = 0");
            } else {
                parts.add("i.id IN (SELECT g.incident_id FROM alert g WHERE g.id IN (SELECT ge.alert_id FROM alert_evidence ge WHERE ge.entity_type = 'device' "
                        + "AND ge.entity_key IN (" + IncidentStore.placeholders(keys.size()) + ")))");
                params.addAll(keys);
            }
        }
        if (search != null) {
            String like = "%" + search.toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%";
            parts.add("(LOWER(i.display_name) LIKE ? OR CAST(i.id AS VARCHAR) = ? OR i.id IN (SELECT s.incident_id FROM alert s WHERE s.id IN "
                    + "(SELECT e.alert_id FROM alert_evidence e WHERE e.entity_key LIKE ?)))");
            params.add(like);
            params.add(search);
            params.add(like);
        }
        return "WHERE " + String.join(" AND ", parts);
    }

    /** Devices by their correlation key (short host name); users and mailboxes by UPN, or by account name before the "@". */
    private void entityCondition(List<String> parts, List<Object> params) {
        Set<String> devices = new LinkedHashSet<>();
        Set<String> users = new LinkedHashSet<>();
        for (String raw : entities) {
            Evidence d = Evidence.of(EntityType.DEVICE, raw, null, List.of());
            Evidence u = Evidence.of(EntityType.USER, raw, null, List.of());
            if (d != null) {
                devices.add(d.key());
            }
            if (u != null) {
                users.add(u.key());
            }
        }
        List<String> ors = new ArrayList<>();
        if (!devices.isEmpty()) {
            ors.add("(ee.entity_type = 'device' AND ee.entity_key IN (" + IncidentStore.placeholders(devices.size()) + "))");
            params.addAll(devices);
        }
        for (String u : users) {
            ors.add("(ee.entity_type IN ('user', 'mailbox') AND (ee.entity_key = ? OR ee.entity_key LIKE ?))");
            params.add(u);
            params.add(u.replace("%", "").replace("_", "\\_") + "@%");
        }
        parts.add(ors.isEmpty() ? "1 = 0" : "i.id IN (SELECT ea.incident_id FROM alert ea WHERE ea.id IN (SELECT ee.alert_id FROM alert_evidence ee WHERE "
                + String.join(" OR ", ors) + "))");
    }

    private static void in(List<String> parts, List<Object> params, String column, List<String> values) {
        if (!values.isEmpty()) {
            parts.add(column + " IN (" + IncidentStore.placeholders(values.size()) + ")");
            params.addAll(values);
        }
    }

    private static void alertIn(List<String> parts, List<Object> params, String column, List<String> values) {
        if (!values.isEmpty()) {
            parts.add("EXISTS (SELECT 1 FROM alert c WHERE c.incident_id = i.id AND c." + column + " IN ("
                    + IncidentStore.placeholders(values.size()) + "))");
            params.addAll(values);
        }
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
