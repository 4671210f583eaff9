package dev.rampart.portal.hunting;

import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.reports.Reports;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.util.List;
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
        return List.of(new NavEntry(NavGroup.REPORTS, 20, "Query resources", "/reports/query-resources", "reports",
                Permission.SECURITY_DATA_READ));
    }

    @GetMapping("/reports/query-resources")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String report(@RequestParam(required = false) String iface, @RequestParam(defaultValue = "1") int page, Model model) {
        QueryResources.Report r = resources.report(iface, page);
        model.addAttribute("report", r);
        model.addAttribute("chart", json.writeValueAsString(Reports.chart(r.daily().dates(), List.of(
                new Reports.Series("Average per run", r.daily().average()), new Reports.Series("Highest run", r.daily().highest())),
                "CPU (ms)", false, "line")));
        return "hunting/resources";
    }
}
