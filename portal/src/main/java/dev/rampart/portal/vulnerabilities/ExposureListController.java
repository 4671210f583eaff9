package dev.rampart.portal.vulnerabilities;

import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Exposure management lists: security recommendations, weaknesses and the software inventory. */
@Controller
class ExposureListController implements NavigationContributor {
    private final ExposureLists lists;

    ExposureListController(ExposureLists lists) {
        this.lists = lists;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.EXPOSURE, 10, "Recommendations", "/recommendations", "exposure", Permission.VULNERABILITY_MANAGEMENT_READ),
                new NavEntry(NavGroup.EXPOSURE, 20, "Weaknesses", "/vulnerabilities", "weakness", Permission.VULNERABILITY_MANAGEMENT_READ),
                new NavEntry(NavGroup.EXPOSURE, 30, "Software inventory", "/software", "software", Permission.VULNERABILITY_MANAGEMENT_READ));
    }

    private static String sort(String list, String sort) {
        return ExposureLists.SORTS.get(list).contains(sort) ? sort : ExposureLists.SORTS.get(list).get(0);
    }

    @GetMapping("/vulnerabilities")
    @PreAuthorize(Perms.VULNERABILITY_MANAGEMENT_READ)
    String weaknesses(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String severity,
                      @RequestParam(defaultValue = "false") boolean exploit, @RequestParam(defaultValue = "exposed") String sort,
                      @RequestParam(defaultValue = "true") boolean desc, @RequestParam(defaultValue = "0") int page, Model model) {
        String s = sort("weaknesses", sort);
        model.addAttribute("list", lists.weaknesses(q, severity, exploit, s, desc, page));
        model.addAttribute("q", q);
        model.addAttribute("severity", ExposureLists.SEVERITIES.contains(severity) ? severity : "");
        model.addAttribute("exploit", exploit);
        model.addAttribute("sort", s);
        model.addAttribute("desc", desc);
        return "vulnerabilities/weaknesses";
    }

    @GetMapping("/software")
    @PreAuthorize(Perms.VULNERABILITY_MANAGEMENT_READ)
    String software(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "false") boolean vulnerable,
                    @RequestParam(defaultValue = "exposed") String sort, @RequestParam(defaultValue = "true") boolean desc,
                    @RequestParam(defaultValue = "0") int page, Model model) {
        String s = sort("software", sort);
        model.addAttribute("list", lists.software(q, vulnerable, s, desc, page));
        model.addAttribute("q", q);
        model.addAttribute("vulnerable", vulnerable);
        model.addAttribute("sort", s);
        model.addAttribute("desc", desc);
        return "vulnerabilities/inventory";
    }

    @GetMapping("/recommendations")
    @PreAuthorize(Perms.VULNERABILITY_MANAGEMENT_READ)
    String recommendations(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String kind,
                           @RequestParam(defaultValue = "exposed") String sort, @RequestParam(defaultValue = "true") boolean desc,
                           @RequestParam(defaultValue = "0") int page, Model model) {
        String s = sort("recommendations", sort);
        String k = kind.equals("software") || kind.equals("config") ? kind : "";
        model.addAttribute("list", lists.recommendations(q, k, s, desc, page));
        model.addAttribute("q", q);
        model.addAttribute("kind", k);
        model.addAttribute("sort", s);
        model.addAttribute("desc", desc);
        return "vulnerabilities/recommendations";
    }
}
