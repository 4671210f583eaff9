package dev.rampart.portal.access;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings &gt; Device groups: ranked groups with their rules, automation level and current device count; create,
 * edit, delete and re-rank (Authorization manage). Rule values are typed comma-separated per property.
 */
@Controller
class DeviceGroupsController {
    private static final String PAGE = "/settings/device-groups";

    private final DeviceGroups groups;
    private final DeviceGroupMembership membership;
    private final AccessPolicy access;

    DeviceGroupsController(DeviceGroups groups, DeviceGroupMembership membership, AccessPolicy access) {
        this.groups = groups;
        this.membership = membership;
        this.access = access;
    }

    @GetMapping(PAGE)
    @PreAuthorize(Perms.AUTHORIZATION_READ)
    String page(@RequestParam(required = false) Long edit, @RequestParam(required = false) String done, Model model) {
        DeviceGroup editing = edit == null ? null : groups.require(edit);
        model.addAttribute("view", view(editing, editing == null ? Map.of() : values(editing), Map.of(), done == null ? null : notice(done)));
        return "access/deviceGroups";
    }

    @PostMapping(PAGE)
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String create(@RequestParam Map<String, String> form, HttpServletResponse response, Model model) {
        try {
            groups.create(input(form));
            return "redirect:" + PAGE + "?done=created";
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("view", view(null, form, e.fieldErrors(), null));
            return "access/deviceGroups";
        }
    }

    @PostMapping(PAGE + "/{id}")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String update(@PathVariable long id, @RequestParam Map<String, String> form, HttpServletResponse response, Model model) {
        DeviceGroup g = groups.require(id);
        try {
            groups.update(id, input(form));
            return "redirect:" + PAGE + "?done=saved";
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("view", view(g, form, e.fieldErrors(), null));
            return "access/deviceGroups";
        }
    }

    @PostMapping(PAGE + "/{id}/delete")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String delete(@PathVariable long id, HttpServletResponse response, Model model) {
        try {
            groups.delete(id);
            return "redirect:" + PAGE + "?done=deleted";
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("view", view(null, Map.of(), e.fieldErrors(), null));
            return "access/deviceGroups";
        }
    }

    @PostMapping(PAGE + "/refresh")
    @PreAuthorize(Perms.AUTHORIZATION_READ)
    String refresh() {
        membership.refresh();
        return "redirect:" + PAGE + "?done=refreshed";
    }

    private AccessViews.DeviceGroupsView view(DeviceGroup editing, Map<String, String> values, Map<String, String> errors, String notice) {
        DeviceGroupMembership.Snapshot s = membership.current();
        Map<Long, Integer> counts = new HashMap<>();
        List<DeviceGroup> all = groups.all();
        all.forEach(g -> counts.put(g.id(), s.count(g.id())));
        return new AccessViews.DeviceGroupsView(all, counts, AccessViews.second(s.takenAt().atOffset(ZoneOffset.UTC)),
                access.can(Permission.AUTHORIZATION_MANAGE), editing, values, errors, notice);
    }

    private static Map<String, String> values(DeviceGroup g) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", g.name());
        v.put("description", g.description());
        v.put("automationLevel", g.automationLevel().name());
        v.put("rank", g.isDefault() ? "" : String.valueOf(g.rank()));
        for (DeviceGroup.Property p : DeviceGroup.Property.values()) {
            v.put("rule:" + p.name(), String.join(", ", g.values(p)));
        }
        return v;
    }

    private static DeviceGroups.Input input(Map<String, String> form) {
        Map<String, List<String>> rules = new LinkedHashMap<>();
        for (DeviceGroup.Property p : DeviceGroup.Property.values()) {
            String raw = form.getOrDefault("rule:" + p.name(), "");
            rules.put(p.name(), Arrays.stream(raw.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList());
        }
        Integer rank = null;
        String r = form.getOrDefault("rank", "").strip();
        if (!r.isEmpty()) {
            try {
                rank = Integer.parseInt(r);
            } catch (NumberFormatException e) {
                throw InvalidInputException.of("rank", "Rank must be a whole number (1 = highest).");
            }
        }
        return new DeviceGroups.Input(form.get("name"), form.get("description"), form.get("automationLevel"), rank, rules);
    }

    private static String notice(String done) {
        return switch (done) {
            case "created" -> "Device group created; membership was recomputed.";
            case "saved" -> "Device group saved; membership was recomputed.";
            case "deleted" -> "Device group deleted; its devices fall to the next matching group.";
            case "refreshed" -> "Membership recomputed from the latest DeviceInfo rows.";
            default -> null;
        };
    }
}
