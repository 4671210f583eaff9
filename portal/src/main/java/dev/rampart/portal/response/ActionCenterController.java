package dev.rampart.portal.response;

import dev.rampart.portal.web.Csv;
import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Investigation &amp; response &gt; Action center: Pending (approve/reject, single or bulk, with a comment; 7-day timeout)
 * and History (filters in the URL, server paging, CSV export), with a detail panel that cancels or undoes.
 */
@Controller
class ActionCenterController implements NavigationContributor {
    static final int PAGE_SIZE = 50;

    private final ResponseActions actions;
    private final Artifacts artifacts;
    private final AccessPolicy access;
    private final AuditLog audit;

    ActionCenterController(ResponseActions actions, Artifacts artifacts, AccessPolicy access, AuditLog audit) {
        this.actions = actions;
        this.artifacts = artifacts;
        this.access = access;
        this.audit = audit;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.INVESTIGATION, 30, "Action center", "/action-center", "actions", Permission.SECURITY_DATA_READ));
    }

    @GetMapping("/action-center")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String root() {
        return "redirect:/action-center/" + (actions.count(ActionStatus.PENDING_APPROVAL) > 0 ? "pending" : "history");
    }

    @GetMapping({"/action-center/pending", "/action-center/history"})
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String page(@RequestParam Map<String, String> params, jakarta.servlet.http.HttpServletRequest req, Model model) {
        String tab = req.getRequestURI().endsWith("pending") ? "pending" : "history";
        Map<String, String> f = filters(params, tab);
        ActionQuery q = query(f, tab);
        int page = parseInt(params.get("page"), 1);
        ActionPage p = actions.list(q, page, PAGE_SIZE);
        ResponseAction selected = null;
        List<Artifacts.Artifact> files = List.of();
        if (params.get("action") != null) {
            long id = parseInt(params.get("action"), -1);
            selected = actions.find(id).orElse(null);
            files = selected == null ? List.of() : artifacts.of(id);
        }
        model.addAttribute("view", new ActionCenterView(tab, p, f, actions.count(ActionStatus.PENDING_APPROVAL), selected, files,
                access.can(Permission.RESPONSE_MANAGE), canAct(), params.get("message")));
        return "response/actionCenter";
    }

    @GetMapping("/action-center/actions/{id}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String detail(@PathVariable long id, org.springframework.security.web.csrf.CsrfToken csrf, Model model) {
        ResponseAction a = actions.get(id);
        model.addAttribute("csrf", csrf.getToken());
        model.addAttribute("view", new ActionCenterView("history", null, Map.of(), 0, a, artifacts.of(id), access.can(Permission.RESPONSE_MANAGE),
                canAct(), null));
        return "response/actionPanel";
    }

    @PostMapping("/action-center/decide")
    @PreAuthorize(Perms.RESPONSE_MANAGE)
    String decide(@RequestParam(name = "ids", required = false) List<Long> ids, @RequestParam String decision,
                  @RequestParam(required = false) String comment, RedirectAttributes redirect) {
        try {
            List<Long> done = "reject".equals(decision) ? actions.reject(ids == null ? List.of() : ids, comment)
                    : actions.approve(ids == null ? List.of() : ids, comment);
            redirect.addAttribute("message", done.size() + " action(s) " + ("reject".equals(decision) ? "rejected" : "approved") + ".");
        } catch (ActionException e) {
            redirect.addAttribute("message", "Nothing changed: " + e.field() + " " + e.getMessage() + ".");
        }
        return "redirect:/action-center/pending";
    }

    @PostMapping("/action-center/actions/{id}/cancel")
    @PreAuthorize(ActionsApiController.ANY_RESPONSE)
    String cancel(@PathVariable long id, @RequestParam(required = false) String comment, RedirectAttributes redirect) {
        try {
            actions.cancel(id, comment);
            redirect.addAttribute("message", "Action " + id + " cancelled.");
        } catch (ActionException e) {
            redirect.addAttribute("message", "Not cancelled: " + e.field() + " " + e.getMessage() + ".");
        }
        redirect.addAttribute("action", id);
        return "redirect:/action-center/history";
    }

    @PostMapping("/action-center/actions/{id}/undo")
    @PreAuthorize(ActionsApiController.ANY_RESPONSE)
    String undo(@PathVariable long id, @RequestParam(required = false) String comment, RedirectAttributes redirect) {
        try {
            ResponseAction u = actions.undo(id, comment);
            redirect.addAttribute("message", u.type().label() + " requested (action " + u.id() + ").");
            redirect.addAttribute("action", u.id());
        } catch (ActionException e) {
            redirect.addAttribute("message", "Not undone: " + e.field() + " " + e.getMessage() + ".");
            redirect.addAttribute("action", id);
        }
        return "redirect:/action-center/history";
    }

    @GetMapping("/action-center/actions/{id}/artifacts/{name}")
    @PreAuthorize(Perms.ALERTS_MANAGE)
    ResponseEntity<FileSystemResource> artifact(@PathVariable long id, @PathVariable String name) {
        Artifacts.Artifact a = artifacts.find(id, name).orElseThrow(() -> new ActionException("name", "no artifact " + name, 404));
        if (!Files.exists(artifacts.path(a))) {
            return ResponseEntity.notFound().build();
        }
        audit.record("response.artifact.download", "response_action", String.valueOf(id), name);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + a.name() + "\"")
                .header(HttpHeaders.CONTENT_TYPE, a.contentType()).body(new FileSystemResource(artifacts.path(a)));
    }

    @GetMapping("/action-center/export")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    void export(@RequestParam Map<String, String> params, HttpServletResponse response) throws IOException {
        Map<String, String> f = filters(params, "history");
        audit.record("response.action.export", "response_action", null, f.toString());
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"rampart-actions.csv\"");
        Writer out = response.getWriter();
        out.write("Id,Requested (UTC),Action,Target type,Target,Device id,Status,Source,Requested by,Comment,Decided by,Completed (UTC),Result,Incident,Approval ID\r\n");
        actions.forEach(query(f, "history"), a -> {
            try {
                out.write(String.join(",", List.of(String.valueOf(a.id()), ActionCenterView.iso(a.requestedAt()), Csv.cell(a.type().label()),
                        a.targetType().label(), Csv.cell(a.targetLabel()), Csv.cell(a.deviceId()), a.status().label(), Csv.cell(a.source()), Csv.cell(a.requestedBy()),
                        Csv.cell(a.requestComment()), Csv.cell(a.decidedBy()), ActionCenterView.iso(a.completedAt()), Csv.cell(a.resultSummary()),
                        a.incidentId() == null ? "" : a.incidentId().toString(), Csv.cell(a.batchId()))) + "\r\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        out.flush();
    }

    private boolean canAct() {
        return access.can(Permission.RESPONSE_MANAGE) || access.can(Permission.ALERTS_MANAGE);
    }

    private static Map<String, String> filters(Map<String, String> p, String tab) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String k : List.of("status", "type", "targetType", "target", "requestedBy", "incident", "batch", "days")) {
            String v = p.get(k);
            if (v != null && !v.isBlank()) {
                f.put(k, v.strip());
            }
        }
        if (tab.equals("history")) {
            f.putIfAbsent("days", "30");
        }
        return f;
    }

    private static ActionQuery query(Map<String, String> f, String tab) {
        Set<ActionStatus> statuses = tab.equals("pending") ? Set.of(ActionStatus.PENDING_APPROVAL) : status(f.get("status"));
        Set<ActionType> types = Set.of();
        if (f.get("type") != null) {
            try {
                types = Set.of(ActionType.parse(f.get("type")));
            } catch (ActionException ignored) {
                // an unknown type in a hand-edited URL simply filters nothing out
            }
        }
        TargetType tt = null;
        if (f.get("targetType") != null) {
            try {
                tt = TargetType.valueOf(f.get("targetType"));
            } catch (IllegalArgumentException ignored) {
                // as above
            }
        }
        int days = parseInt(f.get("days"), 0);
        OffsetDateTime from = days > 0 ? OffsetDateTime.now(ZoneOffset.UTC).minusDays(days) : null;
        Long incident = f.get("incident") == null ? null : (long) parseInt(f.get("incident"), -1);
        return new ActionQuery(statuses, types, tt, f.get("target"), null, f.get("requestedBy"), null, incident, null, from, null,
                f.get("batch") == null ? null : f.get("batch").toUpperCase(java.util.Locale.ROOT));
    }

    private static Set<ActionStatus> status(String s) {
        if (s == null) {
            return Set.of();
        }
        try {
            return Set.of(ActionStatus.parse(s));
        } catch (ActionException e) {
            return Set.of();
        }
    }

    private static int parseInt(String s, int dflt) {
        try {
            return s == null ? dflt : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
