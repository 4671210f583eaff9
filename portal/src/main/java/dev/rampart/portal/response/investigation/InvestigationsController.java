package dev.rampart.portal.response.investigation;

import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/** Investigation &amp; response &gt; Investigations: the list with a state filter, one investigation, and starting one from an alert. */
@Controller
class InvestigationsController implements NavigationContributor {
    private final Investigations investigations;

    InvestigationsController(Investigations investigations) {
        this.investigations = investigations;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.INVESTIGATION, 31, "Investigations", "/investigations", "investigation", Permission.SECURITY_DATA_READ));
    }

    @GetMapping("/investigations")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String list(@RequestParam(required = false) String state, Model model) {
        InvestigationState s;
        try {
            s = InvestigationState.parse(state);
        } catch (InvestigationException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        model.addAttribute("view", new InvestigationViews.ListPage(investigations.list(s, 200), s));
        return "investigations/list";
    }

    @GetMapping("/investigations/{id}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String one(@PathVariable long id, Model model) {
        Investigation i = investigations.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No investigation " + id));
        model.addAttribute("view", new InvestigationViews.DetailPage(i, investigations.entities(id), investigations.actionsOf(id), investigations.log(id)));
        return "investigations/detail";
    }

    @GetMapping(value = "/investigations/{id}/graph.json", produces = "application/json")
    @ResponseBody
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> graph(@PathVariable long id) {
        investigations.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No investigation " + id));
        return investigations.graph(id);
    }

    @PostMapping("/investigations")
    @PreAuthorize(Perms.ALERTS_MANAGE)
    String start(@RequestParam String alertId) {
        try {
            return "redirect:/investigations/" + investigations.start(alertId).id();
        } catch (InvestigationException e) {
            if (e.status() == 404) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
            }
            return "redirect:/alerts/" + URLEncoder.encode(alertId, StandardCharsets.UTF_8) + "?error="
                    + URLEncoder.encode(e.getMessage(), StandardCharsets.UTF_8);
        }
    }
}
