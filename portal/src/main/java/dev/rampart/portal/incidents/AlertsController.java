package dev.rampart.portal.incidents;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Alert queue (default: New and In progress of the last 7 days) and the alert page with its manage pane. */
@Controller
class AlertsController {
    private final IncidentService incidents;
    private final AccessPolicy access;

    AlertsController(IncidentService incidents, AccessPolicy access) {
        this.incidents = incidents;
        this.access = access;
    }

    @GetMapping("/alerts")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String queue(@RequestParam(required = false) String status, @RequestParam(required = false) String severity,
                 @RequestParam(required = false) String q, @RequestParam(defaultValue = "7") int days,
                 @RequestParam(required = false) String detector, @RequestParam(defaultValue = "1") int page, Model model) {
        Set<AlertStatus> st = status == null ? Set.of(AlertStatus.NEW, AlertStatus.IN_PROGRESS)
                : status.isBlank() ? Set.of() : Set.of(AlertStatus.parse(status));
        Set<Severity> sv = severity == null || severity.isBlank() ? Set.of() : Set.of(Severity.parse(severity));
        String det = detector == null || detector.isBlank() ? null : detector.strip();
        AlertQuery query = new AlertQuery(st, sv, Set.of(), null, det, q, days > 0 ? Instant.now().minus(Duration.ofDays(days)) : null, page, 50);
        List<String> parts = new ArrayList<>();
        parts.add("status=" + (status == null ? "" : IncidentViews.enc(status)));
        parts.add("severity=" + (severity == null ? "" : IncidentViews.enc(severity)));
        parts.add("days=" + days);
        if (q != null) {
            parts.add("q=" + IncidentViews.enc(q));
        }
        if (det != null) {
            parts.add("detector=" + IncidentViews.enc(det));
        }
        model.addAttribute("detector", det);
        model.addAttribute("view", new IncidentViews.AlertQueue(incidents.alerts(query), query, String.join("&", parts), null));
        model.addAttribute("statusParam", status == null ? "open" : status);
        model.addAttribute("severityParam", severity == null ? "" : severity);
        model.addAttribute("days", days);
        return "incidents/alerts";
    }

    @GetMapping("/alerts/{id}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String alert(@PathVariable String id, @RequestParam(required = false) String notice, @RequestParam(required = false) String error, Model model) {
        Alert a;
        try {
            a = incidents.alert(id);
        } catch (IncidentService.NotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
        model.addAttribute("view", new IncidentViews.AlertPage(a, incidents.get(a.incidentId()), incidents.alertComments(id),
                incidents.mayManageAlert(id),
                AccessPolicy.can(org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication(), Permission.RESPONSE_MANAGE),
                IncidentViews.huntQuery(a), notice, error));
        return "incidents/alert";
    }

    @PostMapping("/alerts/{id}")
    @PreAuthorize(Perms.ALERTS_MANAGE)
    String manage(@PathVariable String id, @RequestParam(required = false) String status, @RequestParam(required = false) String assignedTo,
                  @RequestParam(required = false) String classification, @RequestParam(required = false) String determination,
                  @RequestParam(required = false) String comment) {
        try {
            incidents.alert(id);
        } catch (IncidentService.NotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
        try {
            incidents.updateAlert(id, new AlertChange(blank(status) ? null : AlertStatus.parse(status), assignedTo,
                    blank(classification) ? null : Classification.parse(classification), blank(determination) ? null : Determination.parse(determination),
                    comment));
        } catch (InvalidValueException e) {
            return "redirect:/alerts/" + id + "?error=" + IncidentViews.enc(e.getMessage());
        }
        return "redirect:/alerts/" + id + "?notice=" + IncidentViews.enc("Saved.");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
