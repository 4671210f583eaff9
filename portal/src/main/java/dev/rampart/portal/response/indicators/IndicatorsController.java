package dev.rampart.portal.response.indicators;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.DeviceGroups;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings &gt; Indicators: list with search and paging, create/edit, expire, CSV import. Changes need Detection tuning (manage). */
@Controller
class IndicatorsController implements NavigationContributor {
    static final int PAGE_SIZE = 50;

    private final Indicators indicators;
    private final AccessPolicy access;
    private final DeviceGroups groups;

    IndicatorsController(Indicators indicators, AccessPolicy access, DeviceGroups groups) {
        this.indicators = indicators;
        this.access = access;
        this.groups = groups;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.SYSTEM, 41, "Indicators", "/settings/indicators", "target", Permission.SECURITY_DATA_READ));
    }

    @GetMapping("/settings/indicators")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String page(@RequestParam(defaultValue = "") String search, @RequestParam(defaultValue = "") String type,
                @RequestParam(defaultValue = "false") boolean active, @RequestParam(defaultValue = "1") int page,
                @RequestParam(required = false) Long edit, @RequestParam(required = false) String message,
                @RequestParam(required = false) String error, Model model) {
        IndicatorType t = null;
        try {
            t = type.isBlank() ? null : IndicatorType.parse(type);
        } catch (IndicatorException ignored) {
            // a hand-edited unknown type filters nothing out
        }
        long total = indicators.count(search, t, active);
        int p = Math.max(1, Math.min(page, (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE)));
        model.addAttribute("view", new IndicatorsView(indicators.list(search, t, active, PAGE_SIZE, (p - 1) * PAGE_SIZE), total, p, PAGE_SIZE,
                search, t == null ? "" : t.name(), active, OffsetDateTime.now(ZoneOffset.UTC), access.can(Permission.DETECTION_TUNING_MANAGE),
                edit == null ? null : indicators.find(edit).orElse(null), message, error, groups.all()));
        return "response/indicators";
    }

    @PostMapping("/settings/indicators")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    String save(@RequestParam(required = false) Long id, @ModelAttribute IndicatorDraft draft, RedirectAttributes redirect) {
        try {
            Indicator i = id == null ? indicators.save(draft, "Settings") : indicators.update(id, draft);
            redirect.addAttribute("message", "Indicator " + i.id() + " saved: " + i.type().label() + " " + i.value() + " → " + i.action().label() + ".");
        } catch (IndicatorException e) {
            redirect.addAttribute("error", "Not saved: " + e.field() + " " + e.getMessage() + ".");
            if (id != null) {
                redirect.addAttribute("edit", id);
            }
        }
        return "redirect:/settings/indicators";
    }

    @PostMapping("/settings/indicators/{id}/expire")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    String expire(@PathVariable long id, RedirectAttributes redirect) {
        indicators.expire(id);
        redirect.addAttribute("message", "Indicator " + id + " expired.");
        return "redirect:/settings/indicators";
    }

    @PostMapping("/settings/indicators/import")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    String importCsv(@RequestParam("file") MultipartFile file, RedirectAttributes redirect) throws IOException {
        try {
            int n = indicators.importCsv(new String(file.getBytes(), StandardCharsets.UTF_8));
            redirect.addAttribute("message", n + " indicator(s) imported from " + file.getOriginalFilename() + ".");
        } catch (IndicatorException e) {
            redirect.addAttribute("error", "Nothing imported: " + e.getMessage() + ".");
        }
        return "redirect:/settings/indicators";
    }
}
