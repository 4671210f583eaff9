package dev.rampart.portal.reports;

import dev.rampart.portal.access.Perms;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.ObjectMapper;

/** Reports › General security report: charts over a chosen range, CSV export of the daily figures. */
@Controller
@PreAuthorize(Perms.SECURITY_DATA_READ)
class ReportsController {
    private final Reports reports;
    private final ObjectProvider<ReportIncidentsProvider> incidents;
    private final WorkloadReportLinks links;
    private final ObjectMapper json;

    ReportsController(Reports reports, ObjectProvider<ReportIncidentsProvider> incidents, WorkloadReportLinks links, ObjectMapper json) {
        this.reports = reports;
        this.incidents = incidents;
        this.links = links;
        this.json = json;
    }

    @GetMapping("/reports")
    String general(@RequestParam(defaultValue = "14") int days, Model model, org.springframework.security.core.Authentication auth) {
        Reports.General g = reports.general(days);
        model.addAttribute("report", g);
        model.addAttribute("workloadReports", links.links(auth, g));
        model.addAttribute("ranges", Reports.RANGES);
        model.addAttribute("eventsChart", json.writeValueAsString(Reports.chart(g.dates(), g.eventsByWorkload(), "events", true, "bar")));
        model.addAttribute("activityChart", json.writeValueAsString(Reports.chart(g.dates(),
                List.of(g.activeDevices(), g.activeAccounts()), "count", false, "line")));
        model.addAttribute("failedChart", json.writeValueAsString(Reports.chart(g.dates(), List.of(g.failedSignIns()), "failures", false, "bar")));
        ReportIncidentsProvider p = incidents.getIfAvailable();
        var from = reports.from(g.days());
        var to = java.time.Instant.now();
        model.addAttribute("incidentDays", p == null ? null : p.daily(from, to));
        model.addAttribute("topDetections", p == null ? null : p.topDetections(from, to, 10));
        return "reports/general";
    }

    @GetMapping("/reports/general.csv")
    ResponseEntity<byte[]> csv(@RequestParam(defaultValue = "14") int days) {
        Reports.General g = reports.general(days);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rampart-general-report-" + g.days() + "d.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(reports.csv(g).getBytes(StandardCharsets.UTF_8));
    }
}
