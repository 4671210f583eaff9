package dev.rampart.portal.criticalassets;

import dev.rampart.portal.access.InvalidInputException;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.entities.EntityLinks;
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

/** Settings › Critical assets: the classifications that set devices' criticality, and a level set on one device. */
@Controller
class CriticalAssetsController implements NavigationContributor {
    static final String PAGE = "/settings/critical-assets";

    private final CriticalAssets assets;

    CriticalAssetsController(CriticalAssets assets) {
        this.assets = assets;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.SYSTEM, 42, "Critical assets", PAGE, "crown", Permission.CORE_SECURITY_SETTINGS_READ));
    }

    @GetMapping(PAGE)
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_READ)
    String page(@RequestParam(required = false) Long edit, @RequestParam(required = false) String notice, Model model) {
        CriticalAssets.Classification editing = edit == null ? null : assets.require(edit);
        CriticalAssets.Input form = editing == null ? null : new CriticalAssets.Input(editing.name(), editing.description(), editing.level().name(),
                editing.values(dev.rampart.portal.access.DeviceGroup.Property.NAME), editing.values(dev.rampart.portal.access.DeviceGroup.Property.DOMAIN),
                editing.values(dev.rampart.portal.access.DeviceGroup.Property.TAG), editing.values(dev.rampart.portal.access.DeviceGroup.Property.OS_PLATFORM));
        return render(editing, form, Map.of(), notice, model);
    }

    private String render(CriticalAssets.Classification editing, CriticalAssets.Input form, Map<String, String> errors, String notice, Model model) {
        model.addAttribute("classifications", assets.classifications());
        // Counts cover the whole estate: only for readers of every device.
        boolean all = assets.readsEveryDevice();
        model.addAttribute("counts", all ? assets.counts() : null);
        model.addAttribute("manual", all ? assets.levels().values().stream().filter(CriticalAssets.Assigned::manual).count() : -1L);
        model.addAttribute("canManage", assets.canManage());
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("notice", notice);
        return "criticalassets/page";
    }

    @PostMapping(PAGE)
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_MANAGE)
    String create(CriticalAssets.Input form, HttpServletResponse response, Model model) {
        try {
            var c = assets.create(form);
            return "redirect:" + PAGE + "?notice=" + enc("Added \"" + c.name() + "\" (" + c.level().label() + ").");
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return render(null, form, e.fieldErrors(), null, model);
        }
    }

    @PostMapping(PAGE + "/{id}")
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_MANAGE)
    String update(@PathVariable long id, CriticalAssets.Input form, HttpServletResponse response, Model model) {
        try {
            var c = assets.update(id, form);
            return "redirect:" + PAGE + "?notice=" + enc("Saved \"" + c.name() + "\" (" + c.level().label() + ").");
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return render(assets.require(id), form, e.fieldErrors(), null, model);
        }
    }

    @PostMapping(PAGE + "/{id}/enabled")
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_MANAGE)
    String enabled(@PathVariable long id, @RequestParam boolean enabled) {
        var c = assets.setEnabled(id, enabled);
        return "redirect:" + PAGE + "?notice=" + enc("\"" + c.name() + "\" turned " + (enabled ? "on" : "off") + ".");
    }

    @PostMapping(PAGE + "/{id}/delete")
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_MANAGE)
    String delete(@PathVariable long id) {
        String name = assets.require(id).name();
        try {
            assets.delete(id);
            return "redirect:" + PAGE + "?notice=" + enc("Deleted \"" + name + "\".");
        } catch (InvalidInputException e) {
            return "redirect:" + PAGE + "?notice=" + enc(e.getMessage());
        }
    }

    /** Sets or clears one device's level; back to its page. */
    @PostMapping("/devices/{id}/criticality")
    @PreAuthorize(Perms.SECURITY_DATA_READ + " and " + Perms.CORE_SECURITY_SETTINGS_MANAGE)
    String device(@PathVariable String id, @RequestParam(defaultValue = "") String level, HttpServletResponse response) {
        try {
            assets.setDeviceLevel(id, level);
            return "redirect:" + EntityLinks.device(id);
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return "redirect:" + EntityLinks.device(id);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
