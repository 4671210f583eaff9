package dev.rampart.portal.detection;

import dev.rampart.kql.schema.KqlType;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.DeviceFilter;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.hunting.HuntingResult;
import dev.rampart.portal.hunting.QueryExecutor.OutputColumn;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Correlator;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.Incident;
import dev.rampart.portal.incidents.IncidentService;
import dev.rampart.portal.incidents.InvalidValueException;
import dev.rampart.portal.incidents.NewAlert;
import dev.rampart.portal.incidents.Severity;
import dev.rampart.portal.incidents.SourceEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Advanced hunting's "link to incident": selected result rows become alerts with detection source {@code manual},
 * one per distinct combination of impacted assets (device, user, mailbox), placed in a new incident or an existing
 * one the analyst may manage. Evidence comes from the columns the analyst mapped; the rows are kept as the alerts'
 * source events.
 */
@Service
public class IncidentLinks {
    public static final String DETECTION_SOURCE = "manual";
    public static final int MAX_ALERTS = 100;
    public static final int MAX_ROWS = 10_000;
    static final Set<EntityType> ASSETS = Set.of(EntityType.DEVICE, EntityType.USER, EntityType.MAILBOX);

    private final Correlator correlator;
    private final IncidentService incidents;
    private final AuditLog audit;
    private final DataScopes scopes;
    private final Clock clock = Clock.systemUTC();

    IncidentLinks(Correlator correlator, IncidentService incidents, AuditLog audit, DataScopes scopes) {
        this.correlator = correlator;
        this.incidents = incidents;
        this.audit = audit;
        this.scopes = scopes;
    }

    /**
     * What the analyst fills in. {@code columns} maps an entity type to the result column that identifies it; at
     * least one impacted asset (device, user or mailbox) is required. {@code incidentId} null: a new incident.
     */
    public record Request(Long incidentId, String title, Severity severity, Category category, String description,
                          String recommendedActions, Map<EntityType, String> columns) {
        public Request {
            Map<EntityType, String> ordered = new EnumMap<>(EntityType.class);
            if (columns != null) {
                ordered.putAll(columns);
            }
            columns = java.util.Collections.unmodifiableMap(ordered);
        }
    }

    /** The alerts created and the incident holding them. */
    public record Outcome(long incidentId, List<Alert> alerts, int rows) {
    }

    /** Suggested column per entity type for a result: the well-known hunting columns it has. */
    public static Map<EntityType, String> suggested(List<OutputColumn> columns) {
        List<String> names = columns.stream().map(OutputColumn::name).toList();
        Map<EntityType, String> out = new EnumMap<>(EntityType.class);
        EntityMapping.automatic().resolve(names).forEach((type, cols) -> out.put(type, cols.get(0)));
        return out;
    }

    @PreAuthorize(Perms.ALERTS_MANAGE)
    @Transactional
    public Outcome link(HuntingResult result, List<Integer> rowIds, Request req, String actor) {
        List<String> names = result.columns().stream().map(OutputColumn::name).toList();
        validate(result, names, rowIds, req);
        Long target = req.incidentId();
        if (target != null) {
            Incident incident = incidents.get(target);
            if (!incidents.mayManage(target)) {
                throw new org.springframework.security.access.AccessDeniedException("Incident " + target
                        + " lies outside the data sources and device groups where your roles grant Alerts (manage).");
            }
            if (!incident.status().open()) {
                throw new InvalidValueException("incidentId", "incident " + target + " is "
                        + incident.status().label().toLowerCase(java.util.Locale.ROOT) + "; choose an open incident or a new one");
            }
        }
        Map<EntityType, List<String>> mapped = new EnumMap<>(EntityType.class);
        req.columns().forEach((type, col) -> mapped.put(type, List.of(col)));
        Map<EntityType, List<String>> assets = new EnumMap<>(EntityType.class);
        mapped.forEach((type, cols) -> {
            if (ASSETS.contains(type)) {
                assets.put(type, cols);
            }
        });
        int ts = timestampColumn(result);
        Instant now = clock.instant();
        // Rows may say anything (datatable, print): an analyst links only devices where they may manage alerts.
        DeviceFilter manageable = scopes.devicesFor(Permission.ALERTS_MANAGE);
        // One alert per distinct combination of impacted assets (normalised as evidence, so "HOST-A" and "host-a" are
        // one device), in the order the rows were selected.
        Map<List<String>, List<Object[]>> groups = new LinkedHashMap<>();
        for (int id : rowIds) {
            Object[] row = result.rows().get(id);
            Map<String, Object> byName = byName(names, row);
            List<Evidence> impacted = EntityMapping.evidence(assets, byName);
            if (impacted.isEmpty()) {
                throw new InvalidValueException("rows", "row " + (id + 1) + " has no value in " + String.join(", ",
                        assets.values().stream().flatMap(List::stream).toList()) + "; every linked row needs an impacted asset");
            }
            for (Evidence e : EntityMapping.evidence(mapped, byName)) {
                if (e.type() == EntityType.DEVICE && !manageable.coversName(e.display())) {
                    throw new InvalidValueException("rows", "row " + (id + 1) + " names device " + e.display()
                            + ", outside the device groups where your roles grant Alerts (manage)");
                }
            }
            SourceEvent source = RuleEvaluator.sourceEvent(names, row, now);
            if (source.deviceId() != null && !manageable.coversId(source.deviceId())) {
                throw new InvalidValueException("rows", "row " + (id + 1) + " names device id " + source.deviceId()
                        + ", outside the device groups where your roles grant Alerts (manage)");
            }
            List<String> key = impacted.stream().map(e -> e.type().key() + ":" + e.key()).toList();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        if (groups.size() > MAX_ALERTS) {
            throw new InvalidValueException("rows", "the selected rows name " + groups.size() + " different impacted-asset combinations;"
                    + " one link makes at most " + MAX_ALERTS + " alerts. Select fewer rows.");
        }
        List<NewAlert> alerts = new ArrayList<>();
        for (List<Object[]> rows : groups.values()) {
            List<Evidence> evidence = new ArrayList<>();
            List<SourceEvent> events = new ArrayList<>();
            Instant first = null;
            Instant last = null;
            for (Object[] row : rows) {
                for (Evidence e : EntityMapping.evidence(mapped, byName(names, row))) {
                    if (evidence.stream().noneMatch(x -> x.type() == e.type() && x.key().equals(e.key()))) {
                        evidence.add(e);
                    }
                }
                events.add(RuleEvaluator.sourceEvent(names, row, now));
                Instant t = ts >= 0 && row[ts] instanceof Instant i ? i : now;
                first = first == null || t.isBefore(first) ? t : first;
                last = last == null || t.isAfter(last) ? t : last;
            }
            alerts.add(new NewAlert("ma", req.title().strip(), blankToNull(req.description()), req.severity(), req.category(), List.of(),
                    DETECTION_SOURCE, DetectionEngine.serviceSource(result.query()), "advanced-hunting-link", blankToNull(req.recommendedActions()), first, last,
                    evidence, events));
        }
        List<Alert> stored = correlator.raiseInto(alerts, target, actor);
        long incident = stored.get(0).incidentId();
        audit.record("alert.link", "incident", String.valueOf(incident), stored.size() + " alert(s) from " + rowIds.size()
                + " advanced hunting row(s): " + String.join(", ", stored.stream().map(Alert::id).toList()));
        return new Outcome(incident, stored, rowIds.size());
    }

    private static void validate(HuntingResult result, List<String> names, List<Integer> rowIds, Request req) {
        if (rowIds == null || rowIds.isEmpty()) {
            throw new InvalidValueException("rows", "select at least one row");
        }
        if (rowIds.size() > MAX_ROWS) {
            throw new InvalidValueException("rows", rowIds.size() + " rows selected; one link takes at most " + MAX_ROWS);
        }
        for (int id : rowIds) {
            if (id < 0 || id >= result.rows().size()) {
                throw new InvalidValueException("rows", "row " + (id + 1) + " is not in this result");
            }
        }
        if (req.title() == null || req.title().isBlank()) {
            throw new InvalidValueException("title", "an alert title is required");
        }
        if (req.title().length() > 256) {
            throw new InvalidValueException("title", "at most 256 characters");
        }
        if (req.severity() == null) {
            throw new InvalidValueException("severity", "choose a severity");
        }
        if (req.category() == null) {
            throw new InvalidValueException("category", "choose a category");
        }
        check("description", req.description(), 4000);
        check("recommendedActions", req.recommendedActions(), 4000);
        req.columns().forEach((type, col) -> {
            if (!names.contains(col)) {
                throw new InvalidValueException(type.key(), "column '" + col + "' is not in this result");
            }
        });
        if (req.columns().keySet().stream().noneMatch(ASSETS::contains)) {
            throw new InvalidValueException("device", "map at least one impacted asset: a device, user or mailbox column");
        }
    }

    private static void check(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidValueException(field, "at most " + max + " characters");
        }
    }

    private static Map<String, Object> byName(List<String> names, Object[] row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), row[i]);
        }
        return m;
    }

    private static int timestampColumn(HuntingResult r) {
        int ts = r.columnIndex("Timestamp");
        return ts >= 0 && r.columns().get(ts).type() == KqlType.DATETIME ? ts : -1;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
