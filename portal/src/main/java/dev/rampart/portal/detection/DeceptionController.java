package dev.rampart.portal.detection;

import dev.rampart.portal.access.InvalidInputException;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Settings › Deception rules: decoy accounts and hosts, and the detections that watch them. */
@Controller
class DeceptionController implements NavigationContributor {
    static final String PAGE = "/settings/deception";
    private final DeceptionRules deception;

    DeceptionController(DeceptionRules deception) {
        this.deception = deception;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.SYSTEM, 43, "Deception rules", PAGE, "shield", Permission.CORE_SECURITY_SETTINGS_READ));
    }

    @GetMapping(PAGE)
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_READ)
    String page(@RequestParam(required = false) Long edit, @RequestParam(required = false) String notice, Model model) {
        DeceptionRules.Rule editing = edit == null ? null : deception.get(edit);
        DeceptionRules.Input form = editing == null ? null
                : new DeceptionRules.Input(editing.name(), editing.description(), editing.accountsText(), editing.hostsText(), editing.enabled());
        return render(editing, form, Map.of(), notice, model);
    }

    private String render(DeceptionRules.Rule editing, DeceptionRules.Input form, Map<String, String> errors, String notice, Model model) {
        model.addAttribute("rules", deception.list());
        model.addAttribute("counts", deception.decoyCounts());
        model.addAttribute("detections", deception.detections());
        model.addAttribute("canManage", deception.canManage());
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("notice", notice);
        return "detection/deception";
    }

    @PostMapping(PAGE)
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String description,
                  @RequestParam(defaultValue = "") String accounts, @RequestParam(defaultValue = "") String hosts,
                  @RequestParam(defaultValue = "false") boolean enabled, HttpServletResponse response, Model model) {
        DeceptionRules.Input form = new DeceptionRules.Input(name, description, accounts, hosts, enabled);
        try {
            DeceptionRules.Rule r = deception.create(form);
            return "redirect:" + PAGE + "?notice=" + enc("Added \"" + r.name() + "\": " + summary(r) + ".");
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return render(null, form, e.fieldErrors(), null, model);
        }
    }

    @PostMapping(PAGE + "/{id}")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    String update(@PathVariable long id, @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String description,
                  @RequestParam(defaultValue = "") String accounts, @RequestParam(defaultValue = "") String hosts,
                  @RequestParam(defaultValue = "false") boolean enabled, HttpServletResponse response, Model model) {
        DeceptionRules.Input form = new DeceptionRules.Input(name, description, accounts, hosts, enabled);
        try {
            DeceptionRules.Rule r = deception.update(id, form);
            return "redirect:" + PAGE + "?notice=" + enc("Saved \"" + r.name() + "\": " + summary(r) + ".");
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return render(deception.get(id), form, e.fieldErrors(), null, model);
        }
    }

    @PostMapping(PAGE + "/{id}/enabled")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    String enabled(@PathVariable long id, @RequestParam boolean enabled) {
        DeceptionRules.Rule r = deception.setEnabled(id, enabled);
        return "redirect:" + PAGE + "?notice=" + enc("\"" + r.name() + "\" turned " + (enabled ? "on" : "off") + ".");
    }

    @PostMapping(PAGE + "/{id}/delete")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    String delete(@PathVariable long id) {
        String name = deception.get(id).name();
        deception.delete(id);
        return "redirect:" + PAGE + "?notice=" + enc("Deleted \"" + name + "\"; the alerts it raised stay.");
    }

    private static String summary(DeceptionRules.Rule r) {
        return r.accounts().size() + " decoy account" + (r.accounts().size() == 1 ? "" : "s") + ", " + r.hosts().size() + " decoy host"
                + (r.hosts().size() == 1 ? "" : "s") + (r.enabled() ? ", watched" : ", off");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
