package dev.rampart.portal.response;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Filter for the action list; every part is optional (null or empty = any). {@code target} matches the target
 * id or name case-insensitively anywhere; {@code from} is inclusive and {@code to} exclusive on the request time;
 * {@code batchId} is an approval id of actions requested together.
 */
public record ActionQuery(Set<ActionStatus> statuses, Set<ActionType> types, TargetType targetType, String target,
                          String deviceId, String requestedBy, String source, Long incidentId, Long investigationId,
                          OffsetDateTime from, OffsetDateTime to, String batchId) {
    public static final ActionQuery ALL = new ActionQuery(Set.of(), Set.of(), null, null, null, null, null, null, null, null, null);

    /** Any batch. */
    public ActionQuery(Set<ActionStatus> statuses, Set<ActionType> types, TargetType targetType, String target, String deviceId,
                       String requestedBy, String source, Long incidentId, Long investigationId, OffsetDateTime from, OffsetDateTime to) {
        this(statuses, types, targetType, target, deviceId, requestedBy, source, incidentId, investigationId, from, to, null);
    }

    public ActionQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    public ActionQuery withStatuses(Set<ActionStatus> s) {
        return new ActionQuery(s, types, targetType, target, deviceId, requestedBy, source, incidentId, investigationId, from, to, batchId);
    }

    String where(List<Object> params) {
        List<String> parts = new ArrayList<>();
        if (!statuses.isEmpty()) {
            parts.add("status IN (" + placeholders(statuses.size()) + ")");
            statuses.forEach(s -> params.add(s.name()));
        }
        if (!types.isEmpty()) {
            parts.add("action_type IN (" + placeholders(types.size()) + ")");
            types.forEach(t -> params.add(t.name()));
        }
        if (targetType != null) {
            parts.add("target_type = ?");
            params.add(targetType.name());
        }
        if (target != null && !target.isBlank()) {
            parts.add("(LOWER(target_id) LIKE ? ESCAPE '\\' OR LOWER(target_name) LIKE ? ESCAPE '\\')");
            String like = "%" + target.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
        }
        eq(parts, params, "device_id", deviceId);
        eq(parts, params, "requested_by", requestedBy);
        eq(parts, params, "action_source", source);
        eq(parts, params, "batch_id", batchId);
        if (incidentId != null) {
            parts.add("incident_id = ?");
            params.add(incidentId);
        }
        if (investigationId != null) {
            parts.add("investigation_id = ?");
            params.add(investigationId);
        }
        if (from != null) {
            parts.add("requested_at >= ?");
            params.add(from);
        }
        if (to != null) {
            parts.add("requested_at < ?");
            params.add(to);
        }
        return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
    }

    private static void eq(List<String> parts, List<Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            parts.add(column + " = ?");
            params.add(value.strip());
        }
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
