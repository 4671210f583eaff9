package dev.rampart.portal.incidents;

import dev.rampart.portal.access.Perms;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Graph-shaped REST API: {@code /api/v1/incidents} and {@code /api/v1/alerts_v2} with {@code $top}, {@code $skip},
 * {@code $filter} (equality on status, severity, assignedTo, classification joined by "and"), {@code $expand=alerts},
 * PATCH and comments. Errors are problem JSON naming the field.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = "application/json")
class IncidentsApiController {
    private static final Pattern CLAUSE = Pattern.compile("^\\s*(\\w+)\\s+eq\\s+'([^']*)'\\s*$");

    private final IncidentService incidents;

    IncidentsApiController(IncidentService incidents) {
        this.incidents = incidents;
    }

    private static Map<String, String> filter(String filter, Set<String> allowed) {
        Map<String, String> out = new LinkedHashMap<>();
        if (filter == null || filter.isBlank()) {
            return out;
        }
        for (String clause : filter.split("(?i)\\s+and\\s+")) {
            Matcher m = CLAUSE.matcher(clause);
            if (!m.matches()) {
                throw new InvalidValueException("$filter", "clause '" + clause.strip() + "' is not of the form field eq 'value'");
            }
            if (!allowed.contains(m.group(1))) {
                throw new InvalidValueException("$filter", "cannot filter on '" + m.group(1) + "'; use one of " + String.join(", ", allowed));
            }
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    private static int top(Integer top) {
        if (top != null && (top < 1 || top > 500)) {
            throw new InvalidValueException("$top", "must be between 1 and 500");
        }
        return top == null ? 50 : top;
    }

    @GetMapping("/incidents")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> listIncidents(@RequestParam(name = "$top", required = false) Integer top, @RequestParam(name = "$skip", defaultValue = "0") int skip,
                                      @RequestParam(name = "$filter", required = false) String filter,
                                      @RequestParam(name = "$expand", required = false) String expand) {
        int n = top(top);
        Map<String, String> f = filter(filter, Set.of("status", "severity", "assignedTo", "classification"));
        Set<IncidentStatus> st = f.containsKey("status") ? Set.of(IncidentStatus.parse(f.get("status"))) : Set.of();
        Set<Severity> sv = f.containsKey("severity") ? Set.of(Severity.parse(f.get("severity"))) : Set.of();
        Classification cls = f.containsKey("classification") ? Classification.parse(f.get("classification")) : null;
        // Paging by offset: fetch the page that holds `skip`, then cut (pages are fixed-size in the service).
        List<Incident> rows = new ArrayList<>();
        long total = 0;
        int page = skip / n + 1;
        int offsetInPage = skip % n;
        while (rows.size() < n) {
            Page<Incident> p = incidents.list(new IncidentQuery(st, sv, f.get("assignedTo"), Set.of(), null, "lastUpdate", true, page, n));
            total = p.total();
            List<Incident> items = p.items().stream().filter(i -> cls == null || i.classification() == cls).toList();
            rows.addAll(items.subList(Math.min(offsetInPage, items.size()), items.size()));
            offsetInPage = 0;
            if (!p.hasNext()) {
                break;
            }
            page++;
        }
        List<Incident> pageRows = rows.subList(0, Math.min(n, rows.size()));
        boolean expandAlerts = "alerts".equals(expand);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", "/api/v1/$metadata#incidents");
        body.put("@odata.count", total);
        body.put("value", pageRows.stream().map(i -> GraphJson.incident(i, expandAlerts ? incidents.alertsOf(i.id()) : null,
                incidents.activity(i.id()))).toList());
        if (skip + n < total) {
            body.put("@odata.nextLink", "/api/v1/incidents?$top=" + n + "&$skip=" + (skip + n) + (filter == null ? "" : "&$filter=" + IncidentViews.enc(filter)));
        }
        return body;
    }

    @GetMapping("/incidents/{id}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> getIncident(@PathVariable long id, @RequestParam(name = "$expand", required = false) String expand) {
        Incident i = incidents.get(id);
        return GraphJson.incident(i, "alerts".equals(expand) ? incidents.alertsOf(id) : null, incidents.activity(id));
    }

    @PatchMapping(value = "/incidents/{id}", consumes = "application/json")
    @PreAuthorize(Perms.ALERTS_MANAGE)
    Map<String, Object> patchIncident(@PathVariable long id, @RequestBody Map<String, Object> body) {
        Incident current = incidents.get(id);
        IncidentChange c = IncidentChange.none()
                .withStatus(str(body, "status") == null ? null : IncidentStatus.parse(str(body, "status")))
                .withAssignedTo(body.containsKey("assignedTo") ? (body.get("assignedTo") == null ? "" : str(body, "assignedTo")) : null)
                .withClassification(str(body, "classification") == null ? null : Classification.parse(str(body, "classification")),
                        str(body, "determination") == null ? null : Determination.parse(str(body, "determination")))
                .withSeverity(str(body, "severity") == null ? null : Severity.parse(str(body, "severity")), null)
                .withDisplayName(str(body, "displayName"))
                .withResolvingComment(str(body, "resolvingComment"));
        if (body.get("customTags") instanceof List<?> tags) {
            List<String> wanted = tags.stream().map(String::valueOf).toList();
            c = c.withTags(wanted, current.customTags().stream().filter(t -> !wanted.contains(t)).toList());
        } else if (body.containsKey("customTags")) {
            throw new InvalidValueException("customTags", "must be an array of strings");
        }
        incidents.update(id, c);
        return getIncident(id, null);
    }

    @PostMapping(value = "/incidents/{id}/comments", consumes = "application/json")
    @PreAuthorize(Perms.ALERTS_MANAGE)
    ResponseEntity<Object> commentIncident(@PathVariable long id, @RequestBody Map<String, Object> body) {
        incidents.comment(id, str(body, "comment"));
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + id)).body(getIncident(id, null).get("comments"));
    }

    @GetMapping("/alerts_v2")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> listAlerts(@RequestParam(name = "$top", required = false) Integer top, @RequestParam(name = "$skip", defaultValue = "0") int skip,
                                   @RequestParam(name = "$filter", required = false) String filter) {
        int n = top(top);
        if (skip % n != 0) {
            throw new InvalidValueException("$skip", "must be a multiple of $top");
        }
        Map<String, String> f = filter(filter, Set.of("status", "severity", "assignedTo"));
        AlertQuery q = new AlertQuery(f.containsKey("status") ? Set.of(AlertStatus.parse(f.get("status"))) : Set.of(),
                f.containsKey("severity") ? Set.of(Severity.parse(f.get("severity"))) : Set.of(), Set.of(), f.get("assignedTo"), null, null,
                (Instant) null, skip / n + 1, n);
        Page<Alert> p = incidents.alerts(q);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", "/api/v1/$metadata#alerts_v2");
        body.put("@odata.count", p.total());
        body.put("value", p.items().stream().map(a -> GraphJson.alert(a, List.of())).toList());
        if (p.hasNext()) {
            body.put("@odata.nextLink", "/api/v1/alerts_v2?$top=" + n + "&$skip=" + (skip + n) + (filter == null ? "" : "&$filter=" + IncidentViews.enc(filter)));
        }
        return body;
    }

    @GetMapping("/alerts_v2/{id}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> getAlert(@PathVariable String id) {
        return GraphJson.alert(incidents.alert(id), incidents.alertComments(id));
    }

    @PatchMapping(value = "/alerts_v2/{id}", consumes = "application/json")
    @PreAuthorize(Perms.ALERTS_MANAGE)
    Map<String, Object> patchAlert(@PathVariable String id, @RequestBody Map<String, Object> body) {
        incidents.updateAlert(id, new AlertChange(str(body, "status") == null ? null : AlertStatus.parse(str(body, "status")),
                body.containsKey("assignedTo") ? (body.get("assignedTo") == null ? "" : str(body, "assignedTo")) : null,
                str(body, "classification") == null ? null : Classification.parse(str(body, "classification")),
                str(body, "determination") == null ? null : Determination.parse(str(body, "determination")), null));
        return getAlert(id);
    }

    @PostMapping(value = "/alerts_v2/{id}/comments", consumes = "application/json")
    @PreAuthorize(Perms.ALERTS_MANAGE)
    ResponseEntity<Object> commentAlert(@PathVariable String id, @RequestBody Map<String, Object> body) {
        String text = str(body, "comment");
        if (text == null || text.isBlank()) {
            throw new InvalidValueException("comment", "must not be empty");
        }
        incidents.updateAlert(id, new AlertChange(null, null, null, null, text));
        return ResponseEntity.created(URI.create("/api/v1/alerts_v2/" + id)).body(getAlert(id).get("comments"));
    }

    private static String str(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v != null && !(v instanceof String)) {
            throw new InvalidValueException(key, "must be a string");
        }
        return (String) v;
    }

    @ExceptionHandler(InvalidValueException.class)
    ProblemDetail invalid(InvalidValueException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Invalid value");
        p.setProperty("field", e.field());
        return p;
    }

    @ExceptionHandler(IncidentService.NotFoundException.class)
    ProblemDetail notFound(IncidentService.NotFoundException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle("Not found");
        return p;
    }
}
