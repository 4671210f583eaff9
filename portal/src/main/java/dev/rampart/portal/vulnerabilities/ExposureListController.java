package dev.rampart.portal.vulnerabilities;

import dev.rampart.portal.web.Csv;
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
    private final SecureScore score;
    private final RecommendationExceptions exceptions;
    private final tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();

    ExposureListController(ExposureLists lists, SecureScore score, RecommendationExceptions exceptions) {
        this.lists = lists;
        this.score = score;
        this.exceptions = exceptions;
    }

    @GetMapping("/secure-score")
    @PreAuthorize(Perms.EXPOSURE_MANAGEMENT_READ)
    String secureScore(Model model) {
        SecureScore.Score s = score.current(30);
        model.addAttribute("score", s);
        model.addAttribute("chart", s.history().isEmpty() ? null : json.writeValueAsString(java.util.Map.of(
                "tooltip", java.util.Map.of("trigger", "axis"),
                "grid", java.util.Map.of("left", 40, "right", 16, "top", 16, "bottom", 24),
                "xAxis", java.util.Map.of("type", "category", "data", s.history().stream().map(d -> d.day().toString().substring(5)).toList()),
                "yAxis", java.util.Map.of("type", "value", "min", 0, "max", 100),
                "series", java.util.List.of(java.util.Map.of("type", "line", "name", "Secure score %", "showSymbol", s.history().size() < 2,
                        "data", s.history().stream().map(d -> Math.round(d.percent() * 10) / 10.0).toList())))));
        return "vulnerabilities/secure-score";
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.EXPOSURE, 5, "Secure score", "/secure-score", "score", Permission.EXPOSURE_MANAGEMENT_READ),
                new NavEntry(NavGroup.EXPOSURE, 10, "Recommendations", "/recommendations", "exposure", Permission.VULNERABILITY_MANAGEMENT_READ),
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

    /** Every matching weakness (at most 10,000) as CSV, in the list's order. */
    @GetMapping("/vulnerabilities/export.csv")
    @PreAuthorize(Perms.VULNERABILITY_MANAGEMENT_READ)
    void weaknessesCsv(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String severity,
                       @RequestParam(defaultValue = "false") boolean exploit, @RequestParam(defaultValue = "exposed") String sort,
                       @RequestParam(defaultValue = "true") boolean desc, jakarta.servlet.http.HttpServletResponse res) throws java.io.IOException {
        res.setContentType("text/csv;charset=UTF-8");
        res.setHeader("Content-Disposition", "attachment; filename=\"rampart-weaknesses.csv\"");
        var out = res.getWriter();
        out.write("CVE,Severity,CVSS,Exploit available,Published,Exposed devices,Affected software\r\n");
        String s = sort("weaknesses", sort);
        for (int page = 0; page < ExposureLists.MAX_EXPORT / ExposureLists.PAGE_SIZE; page++) {
            var list = lists.weaknesses(q, severity, exploit, s, desc, page);
            for (var w : list.items()) {
                out.write(String.join(",", Csv.cell(w.cveId()), Csv.cell(w.severity()), Csv.cell(w.cvss()), String.valueOf(w.exploit()),
                        w.published() == null ? "" : w.published().toString().substring(0, 10), String.valueOf(w.exposed()), Csv.cell(w.software())) + "\r\n");
            }
            if (!list.more()) {
                break;
            }
        }
        out.flush();
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
        model.addAttribute("excepted", exceptions.activeByRecommendation());
        model.addAttribute("sort", s);
        model.addAttribute("desc", desc);
        return "vulnerabilities/recommendations";
    }
}
