package dev.rampart.portal.disruption;

import dev.rampart.portal.access.InvalidInputException;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Settings › Attack disruption: on or off, exclusions, and what it did lately. */
@Controller
class AttackDisruptionController implements NavigationContributor {
    static final String PAGE = "/settings/attack-disruption";

    private final AttackDisruption disruption;

    AttackDisruptionController(AttackDisruption disruption) {
        this.disruption = disruption;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.SYSTEM, 43, "Attack disruption", PAGE, "shield", Permission.CORE_SECURITY_SETTINGS_READ));
    }

    @GetMapping(PAGE)
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_READ)
    String page(@RequestParam(required = false) String notice, @RequestParam(required = false) String error, Model model) {
        model.addAttribute("enabled", disruption.enabled());
        model.addAttribute("exclusions", disruption.exclusions());
        // Accounts are listed only to readers of every device (shown() decides); devices by the reader's scope.
        model.addAttribute("recent", disruption.shown(disruption.recent(50), java.util.Set.of()));
        model.addAttribute("canManage", disruption.canManage());
        model.addAttribute("notice", notice);
        model.addAttribute("error", error);
        return "disruption/settings";
    }

    @PostMapping(PAGE)
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_MANAGE)
    String toggle(@RequestParam boolean enabled) {
        disruption.setEnabled(enabled);
        return "redirect:" + PAGE + "?notice=" + enc("Automatic attack disruption is " + (enabled ? "on." : "off."));
    }

    @PostMapping(PAGE + "/exclusions")
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_MANAGE)
    String exclude(@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String value) {
        try {
            disruption.exclude(kind, value);
            return "redirect:" + PAGE + "?notice=" + enc("Excluded " + value.strip() + ".");
        } catch (InvalidInputException e) {
            return "redirect:" + PAGE + "?error=" + enc(e.getMessage());
        }
    }

    @PostMapping(PAGE + "/exclusions/remove")
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_MANAGE)
    String include(@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String value) {
        try {
            disruption.include(kind, value);
            return "redirect:" + PAGE + "?notice=" + enc(value.strip() + " is no longer excluded.");
        } catch (InvalidInputException e) {
            return "redirect:" + PAGE + "?error=" + enc(e.getMessage());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
