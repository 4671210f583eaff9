package dev.rampart.portal.hunting;

import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.reports.Reports;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.ObjectMapper;

/** Reports › Query resources: hunting runs and the CPU they used over the last 30 days. */
@Controller
class QueryResourcesController implements NavigationContributor {
    private final QueryResources resources;
    private final ObjectMapper json;

    QueryResourcesController(QueryResources resources, ObjectMapper json) {
        this.resources = resources;
        this.json = json;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.REPORTS, 20, "Query resources", "/reports/query-resources", "gauge",
                Permission.SECURITY_DATA_READ));
    }

    @GetMapping("/reports/query-resources")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String report(@RequestParam(required = false) String iface, @RequestParam(defaultValue = "1") int page, Model model) {
        QueryResources.Report r = resources.report(iface, page);
        model.addAttribute("report", r);
        Map<String, Object> chart = Reports.chart(r.daily().dates(), List.of(), "CPU (s)", false, "line");
        chart.put("yAxis", Map.of("type", "value", "name", "CPU (s)"));
        chart.put("series", List.of(series("Average per run", r.daily().average()), series("Highest run", r.daily().highest())));
        model.addAttribute("chart", json.writeValueAsString(chart));
        return "hunting/resources";
    }

    // Seconds, not milliseconds: a heavy run reads "41 s" on the axis rather than "41,000".
    private static Map<String, Object> series(String name, List<Long> ms) {
        return Map.of("name", name, "type", "line", "data", ms.stream().map(v -> v / 1000.0).toList());
    }
}
