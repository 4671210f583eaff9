package dev.rampart.portal.incidents;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Settings › Alert tuning: rules with their conditions, action and the alerts each caught; create, turn on/off, delete. */
@Controller
class AlertTuningController implements NavigationContributor {
    private final AlertTuning tuning;
    private final IncidentService incidents;
    private final AccessPolicy access;

    AlertTuningController(AlertTuning tuning, IncidentService incidents, AccessPolicy access) {
        this.tuning = tuning;
        this.incidents = incidents;
        this.access = access;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.SYSTEM, 31, "Alert tuning", "/settings/alert-tuning", "sliders", Permission.SECURITY_DATA_READ));
    }

    @GetMapping("/settings/alert-tuning")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String list(@RequestParam(required = false) Long show, @RequestParam(required = false) String notice,
                @RequestParam(required = false) String error, Model model) {
        List<TuningRule> rules = tuning.list();
        List<Alert> caught = show == null ? List.of() : tuning.caught(show, 200).stream().map(incidents::alert).toList();
        model.addAttribute("page", new TuningPage(rules, show, caught, notice, error, access.can(Permission.DETECTION_TUNING_MANAGE)));
        return "incidents/tuning";
    }

    @PostMapping("/settings/alert-tuning")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    String create(@RequestParam String name, @RequestParam String action, @RequestParam(defaultValue = "") String comment,
                  @RequestParam Map<String, String> form) {
        List<TuningRule.Condition> conditions = new ArrayList<>();
        for (int i = 0; i < AlertTuning.MAX_CONDITIONS; i++) {
            String value = form.get("value" + i);
            if (value != null && !value.isBlank()) {
                conditions.add(new TuningRule.Condition(form.get("field" + i), form.get("operator" + i), value));
            }
        }
        try {
            TuningRule r = tuning.create(name, TuningRule.Action.parse(action), conditions, comment);
            return "redirect:/settings/alert-tuning?notice=" + enc("Tuning rule '" + r.name() + "' created; it applies to new alerts.");
        } catch (InvalidValueException e) {
            return "redirect:/settings/alert-tuning?error=" + enc(e.getMessage());
        }
    }

    @PostMapping("/settings/alert-tuning/{id}/enabled")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    String enable(@PathVariable long id, @RequestParam boolean enabled) {
        tuning.setEnabled(id, enabled);
        return "redirect:/settings/alert-tuning?notice=" + enc("Tuning rule " + (enabled ? "turned on." : "turned off."));
    }

    @PostMapping("/settings/alert-tuning/{id}/delete")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    String delete(@PathVariable long id) {
        tuning.delete(id);
        return "redirect:/settings/alert-tuning?notice=" + enc("Tuning rule deleted.");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
