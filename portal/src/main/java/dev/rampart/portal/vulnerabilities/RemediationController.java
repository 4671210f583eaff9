package dev.rampart.portal.vulnerabilities;

import dev.rampart.portal.access.InvalidInputException;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.entities.EntityLinks;
import dev.rampart.portal.web.Csv;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Remediation: the activities requested on security recommendations, and the exceptions to them. */
@Controller
class RemediationController implements NavigationContributor {
    static final String ACTIVITIES = "/remediation/activities";
    static final String EXCEPTIONS = "/remediation/exceptions";

    private final RecommendationExceptions exceptions;
    private final RemediationActivities activities;

    RemediationController(RecommendationExceptions exceptions, RemediationActivities activities) {
        this.exceptions = exceptions;
        this.activities = activities;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.EXPOSURE, 15, "Remediation", ACTIVITIES, "remediation", Permission.VULNERABILITY_MANAGEMENT_READ));
    }

    @GetMapping({"/remediation", ACTIVITIES})
    @PreAuthorize(Perms.VULNERABILITY_MANAGEMENT_READ)
    String activities(@RequestParam(defaultValue = "") String recommendation, @RequestParam(defaultValue = "") String state,
                      @RequestParam(required = false) String notice, @RequestParam(required = false) String error, Model model) {
        List<RemediationActivities.Activity> items = activities.list(recommendation, state);
        model.addAttribute("items", items);
        model.addAttribute("completable", items.stream().filter(activities::canComplete).map(RemediationActivities.Activity::id).collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("recommendation", recommendation);
        model.addAttribute("state", state);
        model.addAttribute("today", LocalDate.now(ZoneOffset.UTC));
        model.addAttribute("canManage", activities.canManage());
        model.addAttribute("notice", notice);
        model.addAttribute("error", error);
        return "vulnerabilities/activities";
    }

    /** The activities of the list's filters as CSV. */
    @GetMapping(ACTIVITIES + "/export.csv")
    @PreAuthorize(Perms.VULNERABILITY_MANAGEMENT_READ)
    void activitiesCsv(@RequestParam(defaultValue = "") String recommendation, @RequestParam(defaultValue = "") String state,
                       HttpServletResponse res) throws IOException {
        res.setContentType("text/csv;charset=UTF-8");
        res.setHeader("Content-Disposition", "attachment; filename=\"rampart-remediation-activities.csv\"");
        var out = res.getWriter();
        out.write(Csv.line("Id", "Recommendation", "Priority", "Scope", "Due date", "Devices exposed when requested", "Devices still exposed",
                "Progress %", "State", "Requested by", "Requested at", "Completed by", "Notes"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (RemediationActivities.Activity a : activities.list(recommendation, state)) {
            out.write(Csv.line(String.valueOf(a.id()), a.recommendationTitle(), a.priority().label(), a.scope(), a.due() == null ? "" : a.due().toString(),
                    String.valueOf(a.initialExposed()), a.exposed() < 0 ? "" : String.valueOf(a.exposed()),
                    a.progress() == null ? "" : String.valueOf(a.progress()), a.state(today).name().toLowerCase(), a.createdBy(),
                    EntityLinks.iso(a.createdAt()), a.completedByLabel(), a.notes()));
        }
        out.flush();
    }

    @PostMapping(ACTIVITIES + "/{id}/complete")
    @PreAuthorize(Perms.VULNERABILITY_MANAGEMENT_READ + " and " + Perms.REMEDIATION_HANDLING_MANAGE)
    String complete(@PathVariable long id) {
        try {
            var a = activities.complete(id);
            return "redirect:" + ACTIVITIES + "?notice=" + enc("Remediation of \"" + a.recommendationTitle() + "\" marked complete.");
        } catch (InvalidInputException e) {
            return "redirect:" + ACTIVITIES + "?error=" + enc(e.getMessage());
        }
    }

    @GetMapping(EXCEPTIONS)
    @PreAuthorize(Perms.VULNERABILITY_MANAGEMENT_READ)
    String exceptions(@RequestParam(defaultValue = "") String recommendation, @RequestParam(defaultValue = "") String justification,
                      @RequestParam(defaultValue = "") String status, @RequestParam(required = false) String notice,
                      @RequestParam(required = false) String error, Model model) {
        List<RecommendationExceptions.Entry> items = exceptions.list(recommendation, justification, status);
        model.addAttribute("items", items);
        model.addAttribute("cancellable", items.stream().filter(exceptions::canCancel).map(RecommendationExceptions.Entry::id).collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("recommendation", recommendation);
        model.addAttribute("justification", justification);
        model.addAttribute("status", status);
        model.addAttribute("now", Instant.now());
        model.addAttribute("canManage", exceptions.canManage());
        model.addAttribute("notice", notice);
        model.addAttribute("error", error);
        return "vulnerabilities/exceptions";
    }

    @PostMapping(EXCEPTIONS + "/{id}/cancel")
    @PreAuthorize(Perms.VULNERABILITY_MANAGEMENT_READ + " and " + Perms.EXCEPTION_HANDLING_MANAGE)
    String cancel(@PathVariable long id) {
        try {
            var e = exceptions.cancel(id);
            return "redirect:" + EXCEPTIONS + "?notice=" + enc("Exception " + id + " to \"" + e.recommendationTitle() + "\" cancelled.");
        } catch (InvalidInputException e) {
            return "redirect:" + EXCEPTIONS + "?error=" + enc(e.getMessage());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
