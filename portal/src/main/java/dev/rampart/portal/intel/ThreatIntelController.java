package dev.rampart.portal.intel;

import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.incidents.IncidentService;
import dev.rampart.portal.reports.Reports;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/** Threat intelligence pages: threat analytics (reports), intel profiles, the ATT&CK matrix. */
@Controller
class ThreatIntelController implements NavigationContributor {
    static final List<String> REPORT_TABS = List.of("overview", "report", "incidents", "assets", "exposure", "actions", "indicators");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ThreatIntel intel;
    private final IntelImporter importer;
    private final IncidentService incidents;
    private final JdbcClient jdbc;

    ThreatIntelController(ThreatIntel intel, IntelImporter importer, IncidentService incidents, JdbcClient jdbc) {
        this.intel = intel;
        this.importer = importer;
        this.incidents = incidents;
        this.jdbc = jdbc;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.THREAT_INTELLIGENCE, 10, "Threat analytics", "/threat-analytics", "intel", Permission.SECURITY_DATA_READ),
                new NavEntry(NavGroup.THREAT_INTELLIGENCE, 20, "Intel profiles", "/threat-intelligence/profiles", "roles", Permission.SECURITY_DATA_READ),
                new NavEntry(NavGroup.THREAT_INTELLIGENCE, 30, "ATT&CK matrix", "/threat-intelligence/attack", "grid", Permission.SECURITY_DATA_READ));
    }

    @GetMapping("/threat-analytics")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String analytics(@RequestParam(required = false) String q, @RequestParam(required = false) String tag, Model model) {
        List<ThreatIntel.ReportRow> all = intel.reports(null, null);
        // Filtered here, so the figures are computed once.
        String text = q == null ? "" : q.strip().toLowerCase(java.util.Locale.ROOT);
        List<ThreatIntel.ReportRow> shown = all.stream()
                .filter(r -> text.isEmpty() || r.report().name().toLowerCase(java.util.Locale.ROOT).contains(text)
                        || (r.report().description() != null && r.report().description().toLowerCase(java.util.Locale.ROOT).contains(text)))
                .filter(r -> tag == null || tag.isBlank() || r.report().labels().stream().anyMatch(l -> l.equalsIgnoreCase(tag.strip()))).toList();
        Map<String, Long> tags = new java.util.TreeMap<>();
        all.forEach(r -> r.report().labels().forEach(l -> tags.merge(l, 1L, Long::sum)));
        List<ThreatIntel.ReportRow> impact = all.stream().filter(r -> r.activeAlerts() + r.resolvedAlerts() > 0)
                .sorted((a, b) -> Long.compare(b.activeAlerts() + b.resolvedAlerts(), a.activeAlerts() + a.resolvedAlerts())).limit(5).toList();
        model.addAttribute("latest", all.stream().limit(5).toList());
        model.addAttribute("impact", impact);
        model.addAttribute("rows", shown);
        model.addAttribute("tags", tags);
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute("tag", tag == null ? "" : tag.strip());
        model.addAttribute("imported", intel.imported());
        model.addAttribute("canImport", importer.canImport());
        return "intel/analytics";
    }

    @GetMapping("/threat-analytics/{id}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String report(@PathVariable String id, @RequestParam(defaultValue = "overview") String tab, Model model) {
        ThreatIntel.Report r = intel.report(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No report " + id));
        String t = REPORT_TABS.contains(tab) ? tab : "overview";
        model.addAttribute("r", r);
        model.addAttribute("tab", t);
        model.addAttribute("text", IntelText.paragraphs(r.report().description(), knownIds()));
        model.addAttribute("incidentList", r.incidents().isEmpty() ? List.of() : incidentsOf(r.incidents()));
        List<String> days = new ArrayList<>(r.alertsByDay().keySet());
        model.addAttribute("chart", days.isEmpty() ? null : JSON.writeValueAsString(Reports.chart(days, List.of(
                new Reports.Series("Active", days.stream().map(d -> r.alertsByDay().get(d)[0]).toList()),
                new Reports.Series("Resolved", days.stream().map(d -> r.alertsByDay().get(d)[1]).toList())), "alerts", true, "bar")));
        return "intel/report";
    }

    @GetMapping("/threat-intelligence")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String home() {
        return "redirect:/threat-intelligence/profiles";
    }

    @GetMapping("/threat-intelligence/profiles")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String profiles(@RequestParam(defaultValue = "actors") String kind, @RequestParam(required = false) String q, Model model) {
        String k = ThreatIntel.KINDS.containsKey(kind) ? kind : "actors";
        model.addAttribute("kind", k);
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute("rows", intel.profiles(k, q));
        model.addAttribute("counts", intel.counts());
        model.addAttribute("tactics", intel.tacticNames());
        model.addAttribute("imported", intel.imported());
        model.addAttribute("canImport", importer.canImport());
        return "intel/profiles";
    }

    @GetMapping("/threat-intelligence/profiles/{key}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String profile(@PathVariable String key, Model model) {
        ThreatIntel.Profile p = intel.profile(key).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No profile " + key));
        if (p.item().type().equals("report")) {
            return "redirect:/threat-analytics/" + p.item().id();
        }
        model.addAttribute("p", p);
        model.addAttribute("text", IntelText.paragraphs(p.item().description(), knownIds()));
        model.addAttribute("days", ThreatIntel.DAYS);
        model.addAttribute("exposureVisible", intel.exposureVisible());
        return "intel/profile";
    }

    @GetMapping("/threat-intelligence/attack")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String matrix(@RequestParam(required = false) String profile, @RequestParam(required = false) String domain, Model model) {
        var marking = profile == null || profile.isBlank() ? null : intel.find(profile).orElse(null);
        List<String> domains = intel.domains();
        String d = domain != null && domains.contains(domain) ? domain : domains.isEmpty() ? null : domains.get(0);
        model.addAttribute("columns", intel.matrix(marking == null ? null : marking.id(), d));
        model.addAttribute("domains", domains);
        model.addAttribute("domain", d);
        model.addAttribute("marking", marking);
        // Anything that uses techniques can be marked: activity groups, tools and malware, campaigns.
        Map<String, List<ThreatIntel.Item>> markable = new java.util.LinkedHashMap<>();
        for (String kind : List.of("actors", "tools", "campaigns")) {
            markable.put(kind.equals("actors") ? "Activity groups" : kind.equals("tools") ? "Tools & malware" : "Campaigns",
                    intel.profiles(kind, null).stream().filter(r -> r.techniques() > 0).map(ThreatIntel.ProfileRow::item).toList());
        }
        model.addAttribute("markable", markable);
        model.addAttribute("days", ThreatIntel.DAYS);
        return "intel/matrix";
    }

    /** A card for entity pages: the imported indicators naming the page's IP, domain or file hashes; nothing when none do. */
    @GetMapping("/threat-intelligence/named")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String named(@RequestParam(name = "value", required = false) List<String> values, Model model) {
        model.addAttribute("named", values == null ? List.of() : intel.named(values));
        return "intel/named";
    }

    private java.util.function.Predicate<String> knownIds() {
        Set<String> ids = new HashSet<>(jdbc.sql("SELECT external_id FROM intel_object WHERE external_id IS NOT NULL").query(String.class).list());
        return ids::contains;
    }

    private List<dev.rampart.portal.incidents.Incident> incidentsOf(List<Long> ids) {
        List<dev.rampart.portal.incidents.Incident> out = new ArrayList<>();
        for (Long id : ids.stream().limit(100).toList()) {
            try {
                out.add(incidents.get(id));
            } catch (IncidentService.NotFoundException e) {
                // Outside the reader's scope; its alerts were already left out.
            }
        }
        return out;
    }
}
