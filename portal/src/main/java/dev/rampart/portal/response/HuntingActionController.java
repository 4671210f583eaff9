package dev.rampart.portal.response;

import dev.rampart.portal.hunting.HuntingResult;
import dev.rampart.portal.hunting.QueryExecutor.OutputColumn;
import dev.rampart.portal.hunting.ResultCache;
import dev.rampart.portal.response.HuntingActions.Choice;
import dev.rampart.portal.response.HuntingActions.PlanException;
import dev.rampart.portal.response.HuntingActions.Planned;
import dev.rampart.portal.response.HuntingActions.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The "Take actions" panel of the hunting results grid, in three steps answered as flyout fragments: choose actions
 * and columns, review the actions the selection yields (untick any), submit. POSTs because a selection of thousands
 * of rows does not fit in a URL; answers 422 with the panel when something is wrong, so htmx shows it.
 */
@Controller
class HuntingActionController {
    private static final String BASE = "/hunting/results/{id}/take-action";

    private final ResultCache results;
    private final HuntingActions actions;

    HuntingActionController(ResultCache results, HuntingActions actions) {
        this.results = results;
        this.actions = actions;
    }

    @PostMapping(BASE + "/form")
    @PreAuthorize(ActionsApiController.ANY_RESPONSE)
    String form(@PathVariable String id, @RequestParam MultiValueMap<String, String> p, Authentication auth, Model model, HttpServletResponse res) {
        HuntingResult r = results.get(auth.getName(), id).orElse(null);
        if (r == null) {
            return gone(model, res);
        }
        // A first opening has no columns chosen yet: offer the well-known ones; "Back" from the review keeps the choice.
        Choice c = p.containsKey("back") ? choice(p) : new Choice(Set.of(), HuntingActions.suggested(r.columns()), "quick", "BlockAndRemediate", "", "");
        model.addAttribute("form", form(id, rows(p), r, c, null, null, null, null));
        return "response/take-action";
    }

    @PostMapping(BASE + "/review")
    @PreAuthorize(ActionsApiController.ANY_RESPONSE)
    String review(@PathVariable String id, @RequestParam MultiValueMap<String, String> p, Authentication auth, Model model, HttpServletResponse res) {
        HuntingResult r = results.get(auth.getName(), id).orElse(null);
        if (r == null) {
            return gone(model, res);
        }
        Choice c = choice(p);
        List<Integer> rows = rows(p);
        try {
            refuseUnallowed(c);
            required(c);
            List<Planned> plan = actions.plan(r, rows, c);
            model.addAttribute("form", form(id, rows, r, c, plan, null, null, null));
        } catch (PlanException e) {
            res.setStatus(422);
            model.addAttribute("form", form(id, rows, r, c, null, null, e.field(), e.getMessage()));
        }
        return "response/take-action";
    }

    @PostMapping(BASE)
    @PreAuthorize(ActionsApiController.ANY_RESPONSE)
    String submit(@PathVariable String id, @RequestParam MultiValueMap<String, String> p, Authentication auth, Model model, HttpServletResponse res) {
        HuntingResult r = results.get(auth.getName(), id).orElse(null);
        if (r == null) {
            return gone(model, res);
        }
        Choice c = choice(p);
        List<Integer> rows = rows(p);
        // After the review, the ticked actions; a request that skipped the review means all of them.
        Set<String> keep = p.containsKey("reviewed") ? new LinkedHashSet<>(p.getOrDefault("keep", List.of())) : null;
        try {
            refuseUnallowed(c);
            ResponseActions.Batch b = actions.submit(r, rows, c, keep);
            model.addAttribute("batch", b);
            return "response/take-action-done";
        } catch (PlanException | ActionException e) {
            res.setStatus(422);
            String field = e instanceof PlanException pe ? pe.field() : "keep";
            List<Planned> plan;
            try {
                plan = actions.plan(r, rows, c);
            } catch (PlanException again) {
                // The choice itself is wrong: back to choosing.
                model.addAttribute("form", form(id, rows, r, c, null, null, again.field(), again.getMessage()));
                return "response/take-action";
            }
            model.addAttribute("form", form(id, rows, r, c, plan, keep, field, e.getMessage()));
            return "response/take-action";
        }
    }

    private TakeActionForm form(String id, List<Integer> rows, HuntingResult r, Choice c, List<Planned> plan, Set<String> kept, String field, String error) {
        Set<ActionType> allowed = EnumSet.noneOf(ActionType.class);
        HuntingActions.OFFERED.values().forEach(ts -> ts.stream().filter(actions::mayRequest).forEach(allowed::add));
        return new TakeActionForm(id, rows, r.columns().stream().map(OutputColumn::name).toList(), c, allowed, plan, kept, field, error);
    }

    private void refuseUnallowed(Choice c) {
        for (ActionType t : c.types()) {
            if (!actions.mayRequest(t)) {
                throw new PlanException("types", "your roles do not allow " + t.label() + " (it needs "
                        + t.needs().stream().map(x -> x.label() + " (" + x.level().name().toLowerCase() + ")").sorted().toList() + ")");
            }
        }
    }

    private static void required(Choice c) {
        if (c.name().isBlank()) {
            throw new PlanException("name", "a remediation name is required");
        }
        if (c.description().isBlank()) {
            throw new PlanException("description", "a description is required; it is the comment every action carries");
        }
    }

    private static Choice choice(MultiValueMap<String, String> p) {
        Set<ActionType> types = EnumSet.noneOf(ActionType.class);
        for (String t : p.getOrDefault("types", List.of())) {
            // Only the offered actions are read; anything else (a hand-made value) is left out, keeping the rest of the form.
            HuntingActions.OFFERED.values().stream().flatMap(List::stream).filter(a -> a.name().equals(t)).findFirst().ifPresent(types::add);
        }
        Map<Role, String> cols = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            String v = p.getFirst("col_" + r.key());
            if (v != null && !v.isBlank()) {
                cols.put(r, v);
            }
        }
        return new Choice(types, cols, value(p, "scanType"), value(p, "indicatorAction"), value(p, "name"), value(p, "description"));
    }

    private static List<Integer> rows(MultiValueMap<String, String> p) {
        List<Integer> out = new ArrayList<>();
        for (String s : value(p, "rows").split(",")) {
            if (!s.isBlank()) {
                try {
                    out.add(Integer.parseInt(s.strip()));
                } catch (NumberFormatException e) {
                    throw new PlanException("rows", "'" + s.strip() + "' is not a row number");
                }
            }
        }
        return out.stream().distinct().toList();
    }

    private static String value(MultiValueMap<String, String> p, String name) {
        String v = p.getFirst(name);
        return v == null ? "" : v;
    }

    private static String gone(Model model, HttpServletResponse res) {
        return problem(model, res, "This result is no longer kept; run the query again and select the rows anew.");
    }

    /** A malformed row list (hand-made requests): said in the panel rather than a bare 400. */
    @org.springframework.web.bind.annotation.ExceptionHandler(PlanException.class)
    String malformed(PlanException e, Model model, HttpServletResponse res) {
        return problem(model, res, e.field() + ": " + e.getMessage());
    }

    private static String problem(Model model, HttpServletResponse res, String message) {
        res.setStatus(422);
        model.addAttribute("message", message);
        model.addAttribute("title", "Take actions");
        return "detection/link-incident-gone";
    }
}
