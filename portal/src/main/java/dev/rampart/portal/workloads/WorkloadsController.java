package dev.rampart.portal.workloads;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.NotFoundException;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings › Workloads: which services the portal shows, with their trials. Reading needs System settings (read),
 * changes System settings (manage). {@code GET /api/v1/workloads} tells any signed-in client what is on.
 */
@Controller
public class WorkloadsController implements NavigationContributor {
    static final String PAGE = "/settings/workloads";

    private final Workloads workloads;
    private final AccessPolicy access;

    WorkloadsController(Workloads workloads, AccessPolicy access) {
        this.workloads = workloads;
        this.access = access;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.SYSTEM, 5, "Workloads", PAGE, "grid", Permission.SYSTEM_SETTINGS_READ));
    }

    /** What the page shows; {@code message} confirms the last change, {@code error} says why it was refused. */
    public record View(List<Workloads.Status> statuses, Instant now, boolean canManage, String message, String error) {
        public long enabledCount() {
            return statuses.stream().filter(Workloads.Status::enabled).count();
        }
    }

    @GetMapping(PAGE)
    @PreAuthorize(Perms.SYSTEM_SETTINGS_READ)
    String page(Model model) {
        return render(model, (String) model.getAttribute("message"), null);
    }

    @PostMapping(PAGE + "/{id}/{action:enable|disable|trial|end-trial}")
    @PreAuthorize(Perms.SYSTEM_SETTINGS_MANAGE)
    String change(@PathVariable String id, @PathVariable String action, HttpServletResponse response, Model model,
                  RedirectAttributes redirect) {
        Workload w = Workload.byId(id).orElseThrow(() -> new NotFoundException("workload", id));
        try {
            Workloads.Status s = switch (action) {
                case "enable" -> workloads.enable(w);
                case "disable" -> workloads.disable(w);
                case "trial" -> workloads.startTrial(w);
                default -> workloads.endTrial(w);
            };
            String message = switch (action) {
                case "enable" -> w.label() + " is enabled.";
                case "disable" -> w.label() + " is disabled: its pages, cards, report links and search sections are hidden.";
                case "trial" -> w.label() + " trial started; it ends on " + Workloads.day(s.trialEndsAt()) + ".";
                default -> w.label() + " trial ended; the workload is off.";
            };
            // Redirect so the next page's navigation is built after the change (and a reload does not repeat it).
            redirect.addFlashAttribute("message", message);
            return "redirect:" + PAGE;
        } catch (IllegalStateException e) {
            response.setStatus(409);
            return render(model, null, e.getMessage());
        }
    }

    private String render(Model model, String message, String error) {
        model.addAttribute("view", new View(workloads.statuses(), workloads.now(), access.can(Permission.SYSTEM_SETTINGS_MANAGE), message, error));
        return "workloads/settings";
    }

    /** One workload as the API reports it; trial times are ISO-8601 UTC or null. */
    public record WorkloadJson(String id, String name, String state, boolean enabled, String trialStartedAt, String trialEndsAt,
                               long trialDaysLeft) {
    }

    @GetMapping("/api/v1/workloads")
    @PreAuthorize(Perms.SIGNED_IN)
    @ResponseBody
    List<WorkloadJson> api() {
        Instant now = workloads.now();
        return workloads.statuses().stream().map(s -> new WorkloadJson(s.workload().id(), s.workload().label(),
                s.expiredTrial() ? "trialExpired" : s.state().name().toLowerCase(), s.enabled(),
                s.trialStartedAt() == null ? null : s.trialStartedAt().toString(), s.trialEndsAt() == null ? null : s.trialEndsAt().toString(),
                s.daysLeft(now))).toList();
    }
}
