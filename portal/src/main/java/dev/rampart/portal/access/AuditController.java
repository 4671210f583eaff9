package dev.rampart.portal.access;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings &gt; Audit log: read-only, newest first, filters in the URL, CSV export of the filtered view.
 * <p>Permission: System settings (read). The catalogue scopes Authorization to roles and device groups, while the
 * audit trail records changes in every feature (detections, incidents, settings as well as users), and the
 * operators and readers who hold System settings read need to see who changed a rule or closed an incident.
 */
@Controller
class AuditController {
    static final Permission PERMISSION = Permission.SYSTEM_SETTINGS_READ;
    static final int PAGE_SIZE = 50;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    /** Filter values as typed plus the parsed filter, or the message for a time that did not parse. */
    record Query(Map<String, String> raw, AuditLog.Filter filter, String error) {
        String queryString() {
            List<String> parts = new ArrayList<>();
            raw.forEach((k, v) -> {
                if (v != null && !v.isBlank()) {
                    parts.add(k + "=" + URLEncoder.encode(v.strip(), StandardCharsets.UTF_8));
                }
            });
            return String.join("&", parts);
        }
    }

    @GetMapping("/settings/audit")
    @PreAuthorize(Perms.SYSTEM_SETTINGS_READ)
    String page(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                @RequestParam(required = false) String targetType, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestParam(defaultValue = "1") int page,
                @RequestParam(required = false) String verify, Model model) {
        Query q = query(actor, action, targetType, from, to);
        AuditLog.Page result = audit.search(q.filter(), page, PAGE_SIZE);
        model.addAttribute("view", new AccessViews.AuditView(result, nz(actor), nz(action), nz(targetType), nz(from), nz(to),
                audit.actions(), audit.targetTypes(), q.queryString(), q.error(), verify == null ? null : audit.verify()));
        return "access/audit";
    }

    @GetMapping("/settings/audit/export")
    @PreAuthorize(Perms.SYSTEM_SETTINGS_READ)
    void export(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                @RequestParam(required = false) String targetType, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, HttpServletResponse response) throws IOException {
        Query q = query(actor, action, targetType, from, to);
        audit.record("audit.export", "audit", null, q.queryString().isEmpty() ? "all entries" : "filter " + q.queryString());
        String stamp = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"rampart-audit-" + stamp + ".csv\"");
        Writer out = response.getWriter();
        out.write(AuditCsv.HEADER + "\r\n");
        audit.forEach(q.filter(), e -> AuditCsv.write(out, e));
        out.flush();
    }

    /** Checks the audit trail's hash chain and reports the first broken link. */
    @GetMapping("/api/v1/audit/verify")
    @PreAuthorize(Perms.SYSTEM_SETTINGS_READ)
    @org.springframework.web.bind.annotation.ResponseBody
    AuditChain.Verification verifyApi() {
        return audit.verify();
    }

    private static Query query(String actor, String action, String targetType, String from, String to) {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("actor", actor);
        raw.put("action", action);
        raw.put("targetType", targetType);
        raw.put("from", from);
        raw.put("to", to);
        List<String> errors = new ArrayList<>();
        OffsetDateTime f = time(from, false, "From", errors);
        OffsetDateTime t = time(to, true, "To", errors);
        return new Query(raw, new AuditLog.Filter(actor, action, targetType, f, t), errors.isEmpty() ? null : String.join(" ", errors));
    }

    /**
     * Parses a UTC time from a datetime-local field ({@code 2025-05-01T13:45}) or a date; a bare date as the end
     * of the range means the end of that day, so "from 1 May to 1 May" shows that whole day.
     */
    static OffsetDateTime time(String value, boolean endOfRange, String name, List<String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return (endOfRange ? d.plusDays(1) : d).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            return LocalDateTime.parse(v).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            errors.add(name + " \"" + v + "\" is not a time like 2025-05-01T13:45 or a date like 2025-05-01; it was ignored.");
            return null;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
