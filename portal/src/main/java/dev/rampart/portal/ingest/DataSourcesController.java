package dev.rampart.portal.ingest;

import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.util.List;
import java.util.Locale;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Settings page listing the hunting tables, their workloads, row counts and retention ("System settings" read). */
@Controller
class DataSourcesController implements NavigationContributor {
    private final DataSourcesService sources;

    DataSourcesController(DataSourcesService sources) {
        this.sources = sources;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.SYSTEM, 40, "Data sources", "/settings/data", "data", Permission.SYSTEM_SETTINGS_READ));
    }

    @GetMapping("/settings/data")
    @PreAuthorize(Perms.SYSTEM_SETTINGS_READ)
    String page(@RequestParam(defaultValue = "workload") String sort, Model model) {
        DataSourcesService.Sort order;
        try {
            order = DataSourcesService.Sort.valueOf(sort.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknownSort) {
            order = DataSourcesService.Sort.WORKLOAD;
        }
        model.addAttribute("overview", sources.overview(order));
        return "ingest/data-sources";
    }
}
