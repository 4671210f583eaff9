package dev.rampart.portal.incidents;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/** Incident queue and incident page: filters in the URL, saved filter sets, server paging and sort, bulk manage, merge, tabs, manage pane. */
@Controller
class IncidentsController implements NavigationContributor {
    private final IncidentService incidents;
    private final IncidentQueuePage queuePage;
    private final IncidentFilterSets filterSets;
    private final IncidentDetails details;
    private final AccessPolicy access;
    private final dev.rampart.portal.criticalassets.CriticalAssets criticalAssets;
    // Optional and lazy: the disruption feature depends on this one's services.
    private final org.springframework.beans.factory.ObjectProvider<dev.rampart.portal.disruption.AttackDisruption> disruption;

    IncidentsController(IncidentService incidents, IncidentQueuePage queuePage, IncidentFilterSets filterSets, IncidentDetails details,
                        AccessPolicy access, dev.rampart.portal.criticalassets.CriticalAssets criticalAssets,
                        org.springframework.beans.factory.ObjectProvider<dev.rampart.portal.disruption.AttackDisruption> disruption) {
        this.criticalAssets = criticalAssets;
        this.disruption = disruption;
        this.incidents = incidents;
        this.queuePage = queuePage;
        this.filterSets = filterSets;
        this.details = details;
        this.access = access;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.INVESTIGATION, 10, "Incidents", "/incidents", "incidents", Permission.SECURITY_DATA_READ),
                new NavEntry(NavGroup.INVESTIGATION, 11, "Alerts", "/alerts", "alerts", Permission.SECURITY_DATA_READ));
    }

    @GetMapping("/incidents")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String queue(@RequestParam MultiValueMap<String, String> params, Model model) {
        model.addAttribute("view", queuePage.build(IncidentQueryParams.parse(params), params.getFirst("notice"), params.getFirst("error")));
        return "incidents/queue";
    }

    @PostMapping("/incidents/bulk")
    @PreAuthorize(Perms.ALERTS_MANAGE)
    String bulk(@RequestParam(required = false) List<Long> ids, @RequestParam String action, @RequestParam(required = false) String comment,
                @RequestParam(required = false) String assignTo, @RequestParam(required = false) String bulkStatus,
                @RequestParam(required = false) String bulkClassification, @RequestParam(required = false) String bulkDetermination,
                @RequestParam(required = false) String bulkTag, @RequestParam(defaultValue = "") String back, Authentication auth) {
        String target = "/incidents" + (back.startsWith("?") ? back : "");
        if (ids == null || ids.isEmpty()) {
            return "redirect:" + withMessage(target, "error", "Select at least one incident.");
        }
        String done;
        try {
            IncidentChange change = switch (action) {
                case "assignToMe" -> IncidentChange.none().withAssignedTo(auth.getName());
                case "assign" -> IncidentChange.none().withAssignedTo(assignTo == null ? "" : assignTo);
                case "inProgress" -> IncidentChange.none().withStatus(IncidentStatus.IN_PROGRESS);
                case "resolve" -> IncidentChange.none().withStatus(IncidentStatus.RESOLVED);
                case "status" -> IncidentChange.none().withStatus(IncidentStatus.parse(required("status", bulkStatus)));
                case "classify" -> IncidentChange.none().withClassification(Classification.parse(required("classification", bulkClassification)),
                        blank(bulkDetermination) ? Determination.UNKNOWN : Determination.parse(bulkDetermination));
                case "addTag" -> IncidentChange.none().withTags(List.of(required("tag", bulkTag)), List.of());
                case "removeTag" -> IncidentChange.none().withTags(List.of(), List.of(required("tag", bulkTag)));
                case "merge" -> null;
                default -> throw new InvalidValueException("action", "is unknown");
            };
            if (change == null) {
                Incident merged = incidents.merge(ids, comment);
                return "redirect:/incidents/" + merged.id() + "?notice=" + IncidentViews.enc("Merged " + ids.size() + " incidents into this one.");
            }
            incidents.updateAll(ids, change);
            done = "Updated " + ids.stream().distinct().count() + " incident(s).";
        } catch (InvalidValueException | IncidentService.NotFoundException e) {
            return "redirect:" + withMessage(target, "error", "Nothing was changed: " + e.getMessage());
        }
        return "redirect:" + withMessage(target, "notice", done);
    }

    private static String required(String field, String value) {
        if (blank(value)) {
            throw new InvalidValueException(field, "is required for this bulk action");
        }
        return value.strip();
    }

    /** Saves the current filters (the queue's query string) under a name; back on the queue with those filters. */
    @PostMapping("/incidents/filter-sets")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String saveFilterSet(@RequestParam(required = false) String name, @RequestParam(defaultValue = "") String query,
                         @RequestParam(defaultValue = "false") boolean shared) {
        String target = "/incidents?" + IncidentQueryParams.saved(IncidentQueryParams.parse(query));
        try {
            FilterSet s = filterSets.save(name, query, shared);
            return "redirect:" + withMessage("/incidents?" + s.queryString(), "notice",
                    "Saved filter set \"" + s.name() + "\"" + (s.shared() ? " (shared with the team)." : "."));
        } catch (InvalidValueException e) {
            return "redirect:" + withMessage(target, "error", "The filter set was not saved: " + e.getMessage() + ".");
        }
    }

    @PostMapping("/incidents/filter-sets/{id}/delete")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String deleteFilterSet(@PathVariable long id, @RequestParam(defaultValue = "") String back) {
        String target = "/incidents" + (back.startsWith("?") ? back : "");
        try {
            filterSets.delete(id);
            return "redirect:" + withMessage(target, "notice", "Deleted the saved filter set.");
        } catch (InvalidValueException | IncidentService.NotFoundException e) {
            return "redirect:" + withMessage(target, "error", e.getMessage());
        }
    }

    private static String withMessage(String target, String key, String message) {
        return target + (target.contains("?") ? "&" : "?") + key + "=" + IncidentViews.enc(message);
    }

    @GetMapping("/incidents/{id}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String incident(@PathVariable long id, @RequestParam(defaultValue = "story") String tab, @RequestParam(required = false) String notice,
                    @RequestParam(required = false) String error, @RequestParam(required = false) String type,
                    @RequestParam(required = false) String verdict, Model model) {
        Incident i = find(id);
        if (i.status() == IncidentStatus.REDIRECTED && i.redirectIncidentId() != null) {
            return "redirect:/incidents/" + i.redirectIncidentId() + "?notice=" + IncidentViews.enc("Incident " + id + " was merged into this incident.");
        }
        List<Alert> alerts = incidents.alertsOf(id);
        String t = List.of("story", "alerts", "assets", "evidence", "summary", "activity").contains(tab) ? tab : "story";
        EntityType typeFilter = null;
        EvidenceVerdict verdictFilter = null;
        try {
            typeFilter = blank(type) ? null : EntityType.parse(type);
            verdictFilter = EvidenceVerdict.parseFilter(verdict);
        } catch (InvalidValueException e) {
            error = "Filter ignored: " + e.getMessage();
        }
        IncidentDetails.Snapshot snapshot = details.snapshot(i, alerts);
        model.addAttribute("tabs", new IncidentTabsView(snapshot, typeFilter, verdictFilter, access.can(Permission.RESPONSE_MANAGE),
                t.equals("summary") ? snapshot.summary() : null));
        Map<EntityType, List<Evidence>> assets = IncidentViews.assets(alerts);
        model.addAttribute("view", new IncidentViews.IncidentPage(i, alerts, assets, incidents.activity(id), t,
                incidents.mayManage(id), incidents.knownTags(), notice, error));
        // Impacted devices that are critical assets, by the host name evidence records: a system tag and a mark on the Assets tab.
        Map<String, dev.rampart.portal.criticalassets.CriticalAssets.Assigned> byHost = criticalAssets.levelsByHost();
        Map<String, String> critical = new java.util.LinkedHashMap<>();
        for (Evidence e : assets.getOrDefault(EntityType.DEVICE, List.of())) {
            var a = byHost.get(e.key());
            if (a != null) {
                critical.put(e.key(), a.level().label());
            }
        }
        model.addAttribute("critical", critical);
        dev.rampart.portal.disruption.AttackDisruption d = disruption.getIfAvailable();
        model.addAttribute("disruption", d == null ? List.of() : d.shown(d.taken(id), dev.rampart.portal.disruption.AttackDisruption.usersNamed(alerts)));
        return "incidents/incident";
    }

    private Incident find(long id) {
        try {
            return incidents.get(id);
        } catch (IncidentService.NotFoundException e) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, e.getMessage());
        }
    }

    @PostMapping("/incidents/{id}")
    @PreAuthorize(Perms.ALERTS_MANAGE)
    String manage(@PathVariable long id, @RequestParam(required = false) String status, @RequestParam(required = false) String assignedTo,
                  @RequestParam(required = false) String classification, @RequestParam(required = false) String determination,
                  @RequestParam(required = false) String severity, @RequestParam(required = false) String addTag,
                  @RequestParam(required = false) String removeTag, @RequestParam(required = false) String comment,
                  @RequestParam(required = false) String resolvingComment, @RequestParam(required = false) String displayName,
                  @RequestParam(defaultValue = "story") String tab) {
        try {
            IncidentChange c = IncidentChange.none()
                    .withStatus(blank(status) ? null : IncidentStatus.parse(status))
                    .withAssignedTo(assignedTo)
                    .withClassification(blank(classification) ? null : Classification.parse(classification),
                            blank(determination) ? null : Determination.parse(determination))
                    .withSeverity(blank(severity) || severity.equals("auto") ? null : Severity.parse(severity), "auto".equals(severity) ? Boolean.TRUE : null)
                    .withTags(blank(addTag) ? List.of() : Arrays.stream(addTag.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
                            blank(removeTag) ? List.of() : List.of(removeTag))
                    .withComment(comment).withResolvingComment(resolvingComment).withDisplayName(blank(displayName) ? null : displayName);
            incidents.update(id, c);
        } catch (InvalidValueException e) {
            return "redirect:/incidents/" + id + "?tab=" + tab + "&error=" + IncidentViews.enc(e.getMessage());
        }
        return "redirect:/incidents/" + id + "?tab=" + tab + "&notice=" + IncidentViews.enc("Saved.");
    }

    @PostMapping("/incidents/{id}/move-alerts")
    @PreAuthorize(Perms.ALERTS_MANAGE)
    String moveAlerts(@PathVariable long id, @RequestParam(required = false) List<String> alertIds, @RequestParam(required = false) String target,
                      @RequestParam(required = false) String comment) {
        try {
            Long to = blank(target) || target.equals("new") ? null : Long.parseLong(target.strip());
            Incident dest = incidents.moveAlerts(alertIds, to, comment);
            return "redirect:/incidents/" + dest.id() + "?tab=alerts&notice=" + IncidentViews.enc("Moved " + alertIds.size() + " alert(s) here.");
        } catch (InvalidValueException | IncidentService.NotFoundException | NumberFormatException e) {
            return "redirect:/incidents/" + id + "?tab=alerts&error=" + IncidentViews.enc(e instanceof NumberFormatException
                    ? "Target incident must be an incident number or 'new'." : e.getMessage());
        }
    }

    /** Nodes (alerts and entities) and links of the attack-story graph, in ECharts form. */
    @GetMapping(value = "/incidents/{id}/graph.json", produces = "application/json")
    @ResponseBody
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> graph(@PathVariable long id) {
        find(id);
        List<Alert> alerts = incidents.alertsOf(id);
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> links = new ArrayList<>();
        Map<String, String> entityIds = new LinkedHashMap<>();
        for (Alert a : alerts) {
            nodes.add(Map.of("id", a.id(), "name", a.title(), "category", 0, "severity", a.severity().graph(), "time", a.firstActivity().toString(),
                    "detail", a.category().label() + " · " + a.severity().label() + " · " + IncidentViews.exact(a.firstActivity())));
            for (Evidence e : a.evidence()) {
                if (e.type() == EntityType.PROCESS) {
                    continue;
                }
                String key = e.type().key() + ":" + e.key();
                String nodeId = entityIds.computeIfAbsent(key, k -> {
                    String nid = "e" + entityIds.size();
                    nodes.add(Map.of("id", nid, "name", e.display(), "category", e.type().ordinal() + 1, "detail", e.type().label()
                            + (e.strong() ? "" : " (not used to correlate)")));
                    return nid;
                });
                links.add(Map.of("source", a.id(), "target", nodeId, "label", e.type().label()));
            }
        }
        List<Map<String, Object>> categories = new ArrayList<>();
        categories.add(Map.of("name", "Alert (colour = severity)"));
        for (EntityType t : EntityType.values()) {
            categories.add(Map.of("name", t.label()));
        }
        return Map.of("nodes", nodes, "links", links, "categories", categories,
                "times", alerts.stream().map(a -> a.firstActivity().toString()).collect(Collectors.toList()));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
