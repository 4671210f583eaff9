package dev.rampart.portal.reports;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.NotFoundException;
import dev.rampart.portal.access.Perms;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.ObjectMapper;

/**
 * Reports › Endpoints, Email & collaboration, Identities and Cloud apps: the page with charts, CSV export and PDF
 * export (both exports audited). The mail report also needs mail metadata (read).
 */
@Controller
@PreAuthorize(Perms.SECURITY_DATA_READ)
class WorkloadReportsController {
    private final EndpointReport endpoints;
    private final IdentityReport identities;
    private final EmailReport email;
    private final CloudAppsReport cloudApps;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final ObjectMapper json;

    WorkloadReportsController(EndpointReport endpoints, IdentityReport identities, EmailReport email, CloudAppsReport cloudApps,
                              AccessPolicy access, AuditLog audit, ObjectMapper json) {
        this.endpoints = endpoints;
        this.identities = identities;
        this.email = email;
        this.cloudApps = cloudApps;
        this.access = access;
        this.audit = audit;
        this.json = json;
    }

    private WorkloadReport build(String kind, int days) {
        return switch (kind) {
            case "endpoints" -> endpoints.build(days);
            case "identities" -> identities.build(days);
            case "email" -> {
                access.require(Permission.EMAIL_METADATA_READ);
                yield email.build(days);
            }
            case "cloudapps" -> cloudApps.build(days);
            default -> throw new NotFoundException("report", kind);
        };
    }

    @GetMapping("/reports/{kind:endpoints|identities|email|cloudapps}")
    @SuppressWarnings("unchecked")
    String page(@PathVariable String kind, @RequestParam(defaultValue = "14") int days, Model model) {
        WorkloadReport r = build(kind, days);
        model.addAttribute("report", r);
        model.addAttribute("ranges", Reports.RANGES);
        // Mail by delivery action and activity by app are parts of one daily total, so they stack.
        boolean parts = kind.equals("email") || kind.equals("cloudapps");
        Map<String, Object> daily = Reports.chart(r.dates(), r.daily(), r.dailyUnit(), parts, "bar");
        ((List<?>) daily.get("series")).forEach(s -> ((Map<String, Object>) s).put("barMaxWidth", 36));
        model.addAttribute("dailyChart", json.writeValueAsString(daily));
        model.addAttribute("charts", r.breakdowns().stream().map(b -> json.writeValueAsString(bars(b))).toList());
        return "reports/workload";
    }

    @GetMapping("/reports/{kind:endpoints|identities|email|cloudapps}.csv")
    ResponseEntity<byte[]> csv(@PathVariable String kind, @RequestParam(defaultValue = "14") int days) {
        WorkloadReport r = build(kind, days);
        audit.record("report.csv", "report", kind, "CSV, last " + r.days() + " days");
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rampart-" + kind + "-report-" + r.days() + "d.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(r.csv().getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/reports/{kind:endpoints|identities|email|cloudapps}.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String kind, @RequestParam(defaultValue = "14") int days, Authentication auth) {
        WorkloadReport r = build(kind, days);
        byte[] pdf = ReportPdf.render(r, auth.getName(), Instant.now());
        audit.record("report.export", "report", kind, "PDF, last " + r.days() + " days");
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rampart-" + kind + "-report-" + r.days() + "d.pdf\"")
                .contentType(MediaType.APPLICATION_PDF)
                .body(pdf);
    }

    /** Horizontal bars, largest on top, with the value printed on each bar. */
    private static Map<String, Object> bars(WorkloadReport.Breakdown b) {
        List<WorkloadReport.Item> items = new java.util.ArrayList<>(b.items());
        java.util.Collections.reverse(items);
        return Map.of(
                "tooltip", Map.of("trigger", "axis"),
                "grid", Map.of("left", 8, "right", 40, "top", 8, "bottom", 24, "containLabel", true),
                "xAxis", Map.of("type", "value", "name", b.valueHeader().toLowerCase(), "nameLocation", "middle", "nameGap", 22, "minInterval", 1),
                "yAxis", Map.of("type", "category", "data", items.stream().map(i -> i.label().length() > 28 ? i.label().substring(0, 27) + "…" : i.label()).toList()),
                "series", List.of(Map.of("name", b.valueHeader(), "type", "bar", "barMaxWidth", 22, "data", items.stream().map(WorkloadReport.Item::value).toList(),
                        "label", Map.of("show", true, "position", "right"))));
    }
}
