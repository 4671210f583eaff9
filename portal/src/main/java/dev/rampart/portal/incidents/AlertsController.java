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
    private final dev.rampart.portal.access.AuditLog audit;
    private final TechniqueCatalog techniques;
    private final dev.rampart.portal.workloads.Workloads workloads;

    AlertsController(IncidentService incidents, AccessPolicy access, dev.rampart.portal.access.AuditLog audit, TechniqueCatalog techniques,
                     dev.rampart.portal.workloads.Workloads workloads) {
        this.incidents = incidents;
        this.workloads = workloads;
        this.techniques = techniques;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping("/alerts")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String queue(AlertQueueForm form, java.security.Principal principal, Model model) {
        AlertQuery query = form.query(principal.getName(), form.page(), AlertQueueForm.PAGE_SIZE);
        model.addAttribute("form", form);
        model.addAttribute("options", incidents.filterOptions());
        model.addAttribute("view", new IncidentViews.AlertQueue(incidents.alerts(query), query, form.queryString(), null));
        return "incidents/alerts";
    }

    /** The queue's alerts created before the export began (at most 10,000), newest first, as CSV; audited before it is sent. */
    @GetMapping("/alerts/export.csv")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    void export(AlertQueueForm form, java.security.Principal principal, jakarta.servlet.http.HttpServletResponse res) throws java.io.IOException {
        Instant until = Instant.now();
        Page<Alert> first = incidents.alerts(form.query(principal.getName(), until, 1, 500));
        audit.record("alerts.export", "alert-queue", form.queryString(), Math.min(first.total(), MAX_EXPORT) + " of " + first.total() + " alerts");
        res.setContentType("text/csv;charset=UTF-8");
        res.setHeader("Content-Disposition", "attachment; filename=\"rampart-alerts.csv\"");
        res.setHeader("X-Total-Count", String.valueOf(first.total()));
        var out = res.getWriter();
        out.write(dev.rampart.portal.web.Csv.line("Alert ID", "Title", "Severity", "Status", "Category", "Service source", "Detection source", "Incident",
                "Assigned to", "Classification", "Determination", "First activity", "Last activity", "Created"));
        int written = 0;
        for (Page<Alert> p = first; ; p = incidents.alerts(form.query(principal.getName(), until, p.page() + 1, 500))) {
            for (Alert a : p.items()) {
                if (written == MAX_EXPORT) {
                    break;
                }
                written++;
                out.write(dev.rampart.portal.web.Csv.line(a.id(), a.title(), a.severity().label(), a.status().label(), a.category().label(),
                        AlertSources.service(a.serviceSource()), AlertSources.detection(a.detectionSource()), String.valueOf(a.incidentId()),
                        a.assignedTo(), a.classification().label(), a.determination().label(), iso(a.firstActivity()), iso(a.lastActivity()),
                        iso(a.createdAt())));
            }
            if (written == MAX_EXPORT || !p.hasNext()) {
                break;
            }
        }
        out.flush();
    }

    static final int MAX_EXPORT = 10_000;

    private static String iso(Instant t) {
        return t == null ? "" : t.toString();
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
        // Profile links only while the Threat intelligence pages are on.
        model.addAttribute("techniqueNames", workloads.isEnabled(dev.rampart.portal.workloads.Workload.THREAT_INTELLIGENCE)
                ? techniques.names(a.mitreTechniques()) : java.util.Map.of());
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
