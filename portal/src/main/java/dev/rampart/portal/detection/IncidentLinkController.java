package dev.rampart.portal.detection;

import dev.rampart.portal.access.Perms;
import dev.rampart.portal.hunting.HuntingResult;
import dev.rampart.portal.hunting.ResultCache;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Incident;
import dev.rampart.portal.incidents.IncidentQuery;
import dev.rampart.portal.incidents.IncidentService;
import dev.rampart.portal.incidents.IncidentStatus;
import dev.rampart.portal.incidents.InvalidValueException;
import dev.rampart.portal.incidents.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The "Link to incident" panel of the hunting results grid: the form (a flyout fragment) and its submission. */
@Controller
class IncidentLinkController {
    private final ResultCache results;
    private final IncidentLinks links;
    private final IncidentService incidents;

    IncidentLinkController(ResultCache results, IncidentLinks links, IncidentService incidents) {
        this.results = results;
        this.links = links;
        this.incidents = incidents;
    }

    /** The form for the selected rows; a POST because a selection of thousands of rows does not fit in a URL. */
    @PostMapping("/hunting/results/{id}/link-incident/form")
    @PreAuthorize(Perms.ALERTS_MANAGE)
    String form(@PathVariable String id, @RequestParam(defaultValue = "") String rows, Authentication auth, Model model) {
        HuntingResult r = result(auth, id);
        model.addAttribute("form", new LinkForm(id, rowIds(rows), names(r), IncidentLinks.suggested(r.columns()), "new", "", "",
                Severity.MEDIUM, Category.SUSPICIOUS_ACTIVITY, "", "", null, null, openIncidents()));
        return "detection/link-incident";
    }

    @PostMapping("/hunting/results/{id}/link-incident")
    @PreAuthorize(Perms.ALERTS_MANAGE)
    String link(@PathVariable String id, @RequestParam MultiValueMap<String, String> p, Authentication auth, Model model,
                jakarta.servlet.http.HttpServletResponse res) {
        HuntingResult r = results.get(auth.getName(), id).orElse(null);
        if (r == null) {
            // Shown in the panel (htmx swaps 422 answers): a 404 would leave the analyst clicking a button that does nothing.
            res.setStatus(422);
            model.addAttribute("message", "This result is no longer kept; run the query again and select the rows anew.");
            return "detection/link-incident-gone";
        }
        Map<EntityType, String> mapping = new EnumMap<>(EntityType.class);
        for (EntityType t : EntityType.values()) {
            String c = p.getFirst("col_" + t.key());
            if (c != null && !c.isBlank()) {
                mapping.put(t, c);
            }
        }
        String target = "existing".equals(p.getFirst("target")) ? "existing" : "new";
        String incidentId = value(p, "incidentId");
        Severity severity = parse(p.getFirst("severity"), Severity.class);
        Category category = parse(p.getFirst("category"), Category.class);
        List<Integer> rows;
        try {
            rows = rowIds(value(p, "rows"));
        } catch (ResponseStatusException e) {
            rows = List.of();
        }
        LinkForm form = new LinkForm(id, rows, names(r), mapping, target, incidentId, value(p, "title"), severity, category, value(p, "description"),
                value(p, "recommendedActions"), null, null, List.of());
        try {
            Long incident = null;
            if (target.equals("new") && !incidentId.isBlank()) {
                throw new InvalidValueException("incidentId", "choose “Link to an existing incident” to use incident "
                        + incidentId.strip() + ", or clear the number to create a new incident");
            }
            if (target.equals("existing")) {
                try {
                    incident = Long.parseLong(incidentId.strip());
                } catch (NumberFormatException e) {
                    throw new InvalidValueException("incidentId", "enter the number of an open incident");
                }
            }
            IncidentLinks.Outcome o = links.link(r, rows, new IncidentLinks.Request(incident, form.title(), severity, category,
                    form.description(), form.recommendedActions(), mapping), auth.getName());
            model.addAttribute("outcome", o);
            return "detection/link-incident-done";
        } catch (InvalidValueException | IncidentService.NotFoundException | org.springframework.security.access.AccessDeniedException e) {
            String field = e instanceof InvalidValueException iv ? iv.field() : "incidentId";
            String label = LABELS.getOrDefault(field, field);
            // The form shows "field: problem"; the exception's message already starts with the field.
            String problem = e instanceof InvalidValueException iv ? e.getMessage().substring(iv.field().length()).strip() : e.getMessage();
            res.setStatus(422);
            model.addAttribute("form", new LinkForm(id, rows, form.columns(), mapping, target, incidentId, form.title(), severity, category,
                    form.description(), form.recommendedActions(), field, label + ": " + problem, openIncidents()));
            return "detection/link-incident";
        }
    }

    /** Form labels of the fields errors name. */
    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("rows", "Selected rows"), Map.entry("incidentId", "Incident number"),
            Map.entry("title", "Title"), Map.entry("severity", "Severity"), Map.entry("category", "Category"),
            Map.entry("description", "Description"), Map.entry("recommendedActions", "Recommended actions"),
            Map.entry("device", "Impacted assets"), Map.entry("user", "User column"), Map.entry("mailbox", "Mailbox column"),
            Map.entry("file", "File column"), Map.entry("process", "Process column"), Map.entry("ip", "IP address column"),
            Map.entry("url", "URL column"));

    private List<Incident> openIncidents() {
        Set<IncidentStatus> open = Arrays.stream(IncidentStatus.values()).filter(IncidentStatus::open).collect(Collectors.toSet());
        IncidentQuery q = new IncidentQuery(open, Set.of(Severity.values()), null, Set.of(), null, "lastUpdate", true, 1, 50);
        return incidents.list(q).items().stream().filter(i -> incidents.mayManage(i.id())).toList();
    }

    private HuntingResult result(Authentication auth, String id) {
        return results.get(auth.getName(), id).orElseThrow(() -> new ResponseStatusException(
                org.springframework.http.HttpStatus.NOT_FOUND, "This result is no longer kept; run the query again."));
    }

    private static List<String> names(HuntingResult r) {
        return r.columns().stream().map(dev.rampart.portal.hunting.QueryExecutor.OutputColumn::name).toList();
    }

    private static List<Integer> rowIds(String rows) {
        List<Integer> out = new ArrayList<>();
        for (String s : rows.split(",")) {
            if (!s.isBlank()) {
                try {
                    out.add(Integer.parseInt(s.strip()));
                } catch (NumberFormatException e) {
                    throw new ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST, "rows: '" + s.strip() + "' is not a row number");
                }
            }
        }
        return out.stream().distinct().toList();
    }

    private static String value(MultiValueMap<String, String> p, String name) {
        String v = p.getFirst(name);
        return v == null ? "" : v;
    }

    private static <E extends Enum<E>> E parse(String s, Class<E> type) {
        if (s == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
