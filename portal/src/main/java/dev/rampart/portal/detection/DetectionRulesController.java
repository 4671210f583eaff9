package dev.rampart.portal.detection;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.InvalidValueException;
import dev.rampart.portal.incidents.Severity;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Custom detection rules: list, create, edit, turn on/off, run now, and run history. */
@Controller
class DetectionRulesController implements NavigationContributor {
    private final DetectionRules rules;
    private final DetectionEngine engine;
    private final AccessPolicy access;
    private final dev.rampart.portal.access.DeviceGroups groups;
    private final dev.rampart.portal.response.ResponseActions responses;
    private final dev.rampart.portal.response.HuntingActions huntingActions;
    private final dev.rampart.portal.access.DataScopes scopes;
    private final dev.rampart.portal.incidents.IncidentService incidents;

    DetectionRulesController(DetectionRules rules, DetectionEngine engine, AccessPolicy access, dev.rampart.portal.access.DeviceGroups groups,
                             dev.rampart.portal.response.ResponseActions responses, dev.rampart.portal.response.HuntingActions huntingActions, dev.rampart.portal.access.DataScopes scopes,
                             dev.rampart.portal.incidents.IncidentService incidents) {
        this.incidents = incidents;
        this.scopes = scopes;
        this.rules = rules;
        this.engine = engine;
        this.access = access;
        this.groups = groups;
        this.responses = responses;
        this.huntingActions = huntingActions;
    }

    /** The device groups a rule's scope offers: those the user's roles cover (every group when unrestricted). */
    private List<dev.rampart.portal.access.DeviceGroup> visibleGroups() {
        var mine = scopes.current().deviceGroups(dev.rampart.portal.access.DataScopes.ENDPOINT);
        return groups.all().stream().filter(g -> mine.isEmpty() || mine.get().contains(g.id())).toList();
    }

    private java.util.Set<dev.rampart.portal.response.ActionType> allowed() {
        java.util.Set<dev.rampart.portal.response.ActionType> out = java.util.EnumSet.noneOf(dev.rampart.portal.response.ActionType.class);
        dev.rampart.portal.response.HuntingActions.OFFERED.values().forEach(ts -> ts.stream().filter(huntingActions::mayRequest).forEach(out::add));
        return out;
    }

    private List<dev.rampart.portal.response.ResponseAction> triggered(DetectionRule r) {
        return r == null ? List.of() : responses.linkedTo(List.of(), rules.alertIds(r.id(), 2000), 50);
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.INVESTIGATION, 21, "Custom detection rules", "/detection/rules", "rules", Permission.SECURITY_DATA_READ));
    }

    @GetMapping("/detection/rules")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String list(@RequestParam(required = false) String notice, Model model) {
        model.addAttribute("rules", rules.list());
        model.addAttribute("canManage", access.can(Permission.DETECTION_TUNING_MANAGE));
        model.addAttribute("notice", notice);
        return "detection/rules";
    }

    @GetMapping("/detection/rules/new")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    String create(Model model) {
        model.addAttribute("form", new RuleForm(null, "", "DeviceProcessEvents\n| where FileName =~ \"example.exe\"\n| project Timestamp, DeviceId, DeviceName, ReportId, AccountUpn",
                "1H", "", "", "medium", "Execution", "", "", "", List.of(), true, null, null, null, RuleResponse.NONE, visibleGroups(), allowed(), List.of()));
        return "detection/rule";
    }

    /**
     * The create form with a hunting query already in it (the hunting page's "Create detection rule"); a POST so that a
     * long query is not cut by URL limits. Nothing is saved until the form is.
     */
    @PostMapping("/detection/rules/draft")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    String draft(@RequestParam(required = false) String query, Model model) {
        String q = query == null || query.isBlank() ? "" : query.strip();
        model.addAttribute("form", new RuleForm(null, "", q, "1H", "", "", "medium", "Execution", "", "", "", List.of(), true,
                "From advanced hunting. A rule's query returns Timestamp and a column naming a device, user or mailbox "
                        + "(DeviceName, AccountUpn, RecipientEmailAddress...). Name the rule and its alerts, then save.",
                null, null, RuleResponse.NONE, visibleGroups(), allowed(), List.of()));
        return "detection/rule";
    }

    @GetMapping("/detection/rules/{id}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String rule(@PathVariable long id, @RequestParam(required = false) String notice, Model model) {
        DetectionRule r = rules.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Rule " + id + " was not found."));
        model.addAttribute("form", new RuleForm(r, r.name(), DeceptionRules.shownQuery(r), r.frequency().period(), r.title(), r.description(), r.severity().graph(),
                r.category().graph(), String.join(", ", r.mitreTechniques()), r.recommendedActions(), r.entities().format(), rules.runs(id, 50),
                access.can(Permission.DETECTION_TUNING_MANAGE), notice, null, null, r.response(), visibleGroups(), allowed(), triggered(r)));
        model.addAttribute("ruleAlerts", incidents.alerts(new dev.rampart.portal.incidents.AlertQuery(java.util.Set.of(), java.util.Set.of(),
                java.util.Set.of(), null, r.key(), null, null, 1, 10)).items());
        return "detection/rule";
    }

    @PostMapping({"/detection/rules/new", "/detection/rules/{id}"})
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    String save(@PathVariable(required = false) Long id, @RequestParam String name, @RequestParam String query, @RequestParam String frequency,
                @RequestParam String title, @RequestParam(defaultValue = "") String description, @RequestParam String severity,
                @RequestParam String category, @RequestParam(defaultValue = "") String mitre, @RequestParam(defaultValue = "") String actions,
                @RequestParam(defaultValue = "") String entities, @RequestParam(defaultValue = "false") boolean enabled,
                @RequestParam(name = "ra", required = false) List<String> responseActions, @RequestParam(defaultValue = "quick") String scanType,
                @RequestParam(defaultValue = "BlockAndRemediate") String indicatorAction, @RequestParam(defaultValue = "all") String scope,
                @RequestParam(name = "deviceGroup", required = false) List<String> deviceGroups, Model model) {
        DetectionRule existing = id == null ? null : rules.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        RuleResponse response = RuleResponse.NONE;
        try {
            response = RuleResponse.parse(String.join(",", (responseActions == null ? List.<String>of() : responseActions).stream()
                            .map(t -> t + (t.equals("RUN_ANTIVIRUS_SCAN") ? ":" + scanType : t.equals("ADD_FILE_INDICATOR") ? ":" + indicatorAction : ""))
                            .toList()),
                    "groups".equals(scope) ? String.join(",", deviceGroups == null ? List.of() : deviceGroups) : "");
            if ("groups".equals(scope) && response.deviceGroups().isEmpty()) {
                throw new DetectionRules.InvalidRuleException("deviceGroups", "Choose at least one device group, or All devices.");
            }
            RuleDraft d = new RuleDraft(name, query, parse("frequency", () -> Frequency.parse(frequency)), title, description,
                    parse("severity", () -> Severity.parse(severity)), parse("category", () -> Category.parse(category)),
                    Arrays.stream(mitre.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(), actions,
                    parse("entities", () -> EntityMapping.parse(entities)), id == null || enabled);
            DetectionRule saved = id == null ? rules.create(d, response) : rules.update(id, d, response);
            return "redirect:/detection/rules/" + saved.id() + "?notice=" + enc("Saved.");
        } catch (DetectionRules.InvalidRuleException e) {
            model.addAttribute("form", new RuleForm(existing, name, query, frequency, title, description, severity, category, mitre, actions, entities,
                    existing == null ? List.of() : rules.runs(existing.id(), 50), true, null, e.getMessage(), e.field(), response, visibleGroups(),
                    allowed(), triggered(existing)));
            return "detection/rule";
        }
    }

    private static <T> T parse(String field, java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (InvalidValueException | IllegalArgumentException e) {
            throw new DetectionRules.InvalidRuleException(field, e.getMessage());
        }
    }

    @PostMapping("/detection/rules/{id}/enabled")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    String enable(@PathVariable long id, @RequestParam boolean enabled) {
        try {
            rules.setEnabled(id, enabled);
        } catch (DetectionRules.InvalidRuleException e) {
            return "redirect:/detection/rules?notice=" + enc("Not changed: " + e.getMessage());
        }
        return "redirect:/detection/rules?notice=" + enc("Rule " + (enabled ? "turned on." : "turned off."));
    }

    @PostMapping("/detection/rules/{id}/delete")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    String delete(@PathVariable long id) {
        DetectionRule r = rules.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            rules.delete(id);
        } catch (DetectionRules.InvalidRuleException e) {
            return "redirect:/detection/rules/" + id + "?notice=" + enc(e.getMessage());
        }
        return "redirect:/detection/rules?notice=" + enc("Deleted the rule “" + r.name() + "”. Its alerts stay.");
    }

    @PostMapping("/detection/rules/{id}/run")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    String runNow(@PathVariable long id) {
        DetectionRule r = rules.get(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        DetectionEngine.Outcome o = engine.run(r, "manual");
        String msg = switch (o.status()) {
            case "failed" -> "Run failed: " + o.message();
            case "skipped" -> "The rule is already running.";
            default -> "Run " + o.status() + ": " + o.rows() + " rows, " + o.alerts() + " new alerts" + (o.message() == null ? "." : ". " + o.message());
        };
        return "redirect:/detection/rules/" + id + "?notice=" + enc(msg);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
