package dev.rampart.portal.response.sensors;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Settings &gt; Sensors: enrolled sensors with health, and enrolment tokens (the secret is shown once, at creation). */
@Controller
class SensorsController implements NavigationContributor {
    private final SensorRegistry registry;
    private final EnrolmentTokens tokens;
    private final AccessPolicy access;

    SensorsController(SensorRegistry registry, EnrolmentTokens tokens, AccessPolicy access) {
        this.registry = registry;
        this.tokens = tokens;
        this.access = access;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.SYSTEM, 42, "Sensors", "/settings/sensors", "sensor", Permission.CORE_SECURITY_SETTINGS_READ));
    }

    @GetMapping("/settings/sensors")
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_READ)
    String page(Model model) {
        return render(model, null, null);
    }

    @PostMapping("/settings/sensors/tokens")
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_MANAGE)
    String create(@RequestParam(required = false) String label, @RequestParam(defaultValue = "1") int maxUses,
                  @RequestParam(defaultValue = "24") int validHours, Model model) {
        try {
            return render(model, tokens.create(label, maxUses, Duration.ofHours(validHours)).secret(), null);
        } catch (SensorException e) {
            return render(model, null, e.field() + " " + e.getMessage());
        }
    }

    @PostMapping("/settings/sensors/tokens/{id}/revoke")
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_MANAGE)
    String revoke(@PathVariable long id) {
        tokens.revoke(id);
        return "redirect:/settings/sensors";
    }

    private String render(Model model, String secret, String error) {
        model.addAttribute("view", new SensorsView(registry.all(), tokens.all(), OffsetDateTime.now(ZoneOffset.UTC),
                access.can(Permission.CORE_SECURITY_SETTINGS_MANAGE), secret, error));
        return "response/sensors";
    }
}
