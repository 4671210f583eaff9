package dev.rampart.portal.explorer;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.reports.Reports;
import dev.rampart.portal.response.ActionException;
import dev.rampart.portal.response.ActionRequest;
import dev.rampart.portal.response.ActionType;
import dev.rampart.portal.response.ResponseAction;
import dev.rampart.portal.response.ResponseActions;
import dev.rampart.portal.web.Csv;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * Explorer (Email &amp; collaboration): find delivered, junked or blocked mail and URL clicks by property, see them per
 * day by a pivot, export them, and remediate hand-picked messages (up to 100) or the whole query (up to 200,000) as one
 * approval in the Action center.
 */
@Controller
class ExplorerController implements NavigationContributor {
    static final int MAX_PICKED = 100;
    /** Whole-query remediation requests at most this many actions, like advanced hunting's Take actions. */
    static final int MAX_QUERY_ACTIONS = 500;
    static final List<ActionType> EMAIL_ACTIONS = List.of(ActionType.MOVE_EMAIL_TO_JUNK, ActionType.MOVE_EMAIL_TO_DELETED_ITEMS,
            ActionType.SOFT_DELETE_EMAIL, ActionType.HARD_DELETE_EMAIL, ActionType.MOVE_EMAIL_TO_INBOX);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EmailExplorer explorer;
    private final ResponseActions actions;
    private final AuditLog audit;

    ExplorerController(EmailExplorer explorer, ResponseActions actions, AuditLog audit) {
        this.explorer = explorer;
        this.actions = actions;
        this.audit = audit;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.INVESTIGATION, 25, "Explorer", "/explorer", "mail", Permission.EMAIL_METADATA_READ));
    }

    @GetMapping("/explorer")
    @PreAuthorize(Perms.EMAIL_METADATA_READ)
    String page(@RequestParam Map<String, String> params, Model model) {
        ExplorerForm f = ExplorerForm.parse(params, today());
        EmailExplorer.Result r = explorer.search(f);
        Map<String, Object> chart = Reports.chart(r.dates(), r.chart(), f.view().email() ? "messages" : "clicks", true, "bar");
        model.addAttribute("result", r);
        model.addAttribute("chart", JSON.writeValueAsString(chart));
        model.addAttribute("actionTypes", f.view().email() ? permittedActions() : List.of());
        model.addAttribute("notice", params.get("notice"));
        model.addAttribute("error", params.get("error"));
        return "explorer/explorer";
    }

    @GetMapping("/explorer.csv")
    @PreAuthorize(Perms.EMAIL_METADATA_READ)
    ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> export(@RequestParam Map<String, String> params) {
        ExplorerForm f = ExplorerForm.parse(params, today());
        // Resolved and audited here, in the caller's scope; the rows are written as they are read, never held whole.
        long rows = Math.min(explorer.count(f), EmailExplorer.MAX_ALL);
        EmailExplorer.Export export = explorer.export(f);
        audit.record("explorer.export", "explorer", f.view().key(), rows + " row(s), " + f.from() + " to " + f.to() + (f.query().isEmpty() ? "" : ", " + f.query()));
        String header = export.email()
                ? Csv.line("Timestamp", "NetworkMessageId", "Subject", "SenderFromAddress", "SenderDisplayName", "RecipientEmailAddress", "EmailDirection",
                "DeliveryAction", "LatestDeliveryLocation", "ThreatTypes", "DetectionMethods", "UrlCount", "AttachmentCount")
                : Csv.line("Timestamp", "Url", "AccountUpn", "ActionType", "IsClickedThrough", "ThreatTypes", "Workload", "NetworkMessageId");
        org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody body = out -> {
            java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write(header);
            explorer.each(export, cells -> {
                try {
                    w.write(Csv.line(cells));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            w.flush();
        };
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"explorer-" + f.view().key() + "-" + f.from() + "-" + f.to() + ".csv\"")
                .header("X-Total-Count", String.valueOf(rows)).body(body);
    }

    @PostMapping("/explorer/actions")
    @PreAuthorize(Perms.EMAIL_METADATA_READ)
    String act(@RequestParam MultiValueMap<String, String> form) {
        Map<String, String> params = new LinkedHashMap<>(form.toSingleValueMap());
        ExplorerForm f = ExplorerForm.parse(params, today());
        String back = "redirect:/explorer?" + f.query() + (f.query().isEmpty() ? "" : "&");
        try {
            ActionType type = ActionType.parse(params.getOrDefault("type", ""));
            if (!EMAIL_ACTIONS.contains(type)) {
                throw new ActionException("type", type.label() + " is not an email action");
            }
            var auth = SecurityContextHolder.getContext().getAuthentication();
            for (Permission p : type.needs()) {
                if (!AccessPolicy.can(auth, p)) {
                    throw new ActionException("type", type.label() + " needs the " + p.label() + " (" + p.level().name().toLowerCase(java.util.Locale.ROOT)
                            + ") permission", 403);
                }
            }
            if (!f.errors().isEmpty()) {
                throw new ActionException(f.errors().keySet().iterator().next(), f.errors().values().iterator().next());
            }
            Map<String, String> targets = new LinkedHashMap<>();
            if ("all".equals(params.get("scope"))) {
                if (!f.view().email()) {
                    throw new ActionException("scope", "URL clicks are not messages; switch to an email view");
                }
                long now = explorer.count(f);
                String seen = params.get("expected");
                if (seen != null && !seen.equals(String.valueOf(now))) {
                    throw new ActionException("scope", "the query now matches " + now + " messages, not the " + seen + " shown; look at the list again and resubmit");
                }
                if (now > MAX_QUERY_ACTIONS) {
                    throw new ActionException("scope", "the query matches " + now + " messages; whole-query remediation takes at most " + MAX_QUERY_ACTIONS
                            + " at once: narrow the filters (sender, subject, dates) and submit in parts");
                }
                explorer.all(f).forEach(m -> targets.put(m.networkMessageId() + "|" + (m.recipient() == null ? "" : m.recipient().toLowerCase(java.util.Locale.ROOT)),
                        m.subject() == null ? "" : m.subject()));
            } else {
                List<String> picked = form.getOrDefault("sel", List.of()).stream().distinct().toList();
                if (picked.size() > MAX_PICKED) {
                    throw new ActionException("sel", picked.size() + " messages are picked; pick at most " + MAX_PICKED + " or act on the whole query");
                }
                List<String[]> pairs = new ArrayList<>();
                for (String t : picked) {
                    int bar = t.indexOf('|');
                    if (bar <= 0 || bar == t.length() - 1) {
                        throw new ActionException("sel", "'" + t + "' is not a message and recipient");
                    }
                    pairs.add(new String[] {t.substring(0, bar), t.substring(bar + 1).toLowerCase(java.util.Locale.ROOT)});
                }
                Map<String, String> known = explorer.inScope(pairs);
                for (String[] pr : pairs) {
                    String key = pr[0] + "|" + pr[1];
                    if (!known.containsKey(key)) {
                        throw new ActionException("sel", "no message " + pr[0] + " to " + pr[1] + " in your data scope");
                    }
                    targets.put(key, known.get(key));
                }
            }
            if (targets.isEmpty()) {
                throw new ActionException("sel", "pick at least one message, or choose the whole query");
            }
            // Reading mail is not acting on it: the roles granting Response (manage) must reach these mailboxes too.
            Map<String, String> actable = explorer.inScope(targets.keySet().stream().map(k -> new String[] {k.substring(0, k.indexOf('|')),
                    k.substring(k.indexOf('|') + 1)}).toList(), Permission.RESPONSE_MANAGE);
            for (String k : targets.keySet()) {
                if (!actable.containsKey(k)) {
                    throw new ActionException("sel", "your roles with Response (manage) do not cover the email of " + k.substring(k.indexOf('|') + 1)
                            + " (message " + k.substring(0, k.indexOf('|')) + ")", 403);
                }
            }
            List<ActionRequest> requests = new ArrayList<>();
            for (Map.Entry<String, String> t : targets.entrySet()) {
                int bar = t.getKey().indexOf('|');
                Map<String, String> p = new LinkedHashMap<>();
                p.put("recipient", t.getKey().substring(bar + 1));
                if (!t.getValue().isBlank()) {
                    p.put("subject", t.getValue().length() > 300 ? t.getValue().substring(0, 300) : t.getValue());
                }
                requests.add(new ActionRequest(type, t.getKey().substring(0, bar), null, p, params.get("comment"), null, null));
            }
            ResponseActions.Batch b = actions.requestBatch(requests, params.getOrDefault("name", ""), ResponseAction.EXPLORER);
            boolean approval = b.actions().stream().anyMatch(a -> a.status().name().equals("PENDING_APPROVAL"));
            return "redirect:/action-center/" + (approval ? "pending" : "history") + "?batch=" + b.id() + "&message="
                    + enc(b.actions().size() + " action(s) \"" + b.name() + "\" requested under approval id " + b.id()
                    + (approval ? "; they wait for approval by a second person." : "."));
        } catch (ActionException e) {
            return back + "error=" + enc(e.field() + ": " + e.getMessage());
        }
    }

    private List<ActionType> permittedActions() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return EMAIL_ACTIONS.stream().filter(t -> actions.available(t) && t.needs().stream().allMatch(p -> AccessPolicy.can(auth, p))).toList();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
