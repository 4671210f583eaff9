package dev.rampart.portal.home;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.workloads.Workloads;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.ObjectMapper;

/** The home page: the user's cards (each loads its live data on its own) and the controls to tailor them. */
@Controller
class HomeController implements NavigationContributor {
    private final HomeService home;
    private final HomeLayouts layouts;
    private final ObjectMapper json;
    private final Workloads workloads;

    HomeController(HomeService home, HomeLayouts layouts, ObjectMapper json, Workloads workloads) {
        this.workloads = workloads;
        this.home = home;
        this.layouts = layouts;
        this.json = json;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.HOME, 0, "Home", "/", "home", null));
    }

    @GetMapping("/")
    @PreAuthorize(Perms.SIGNED_IN)
    String home(Authentication auth, Model model) {
        grid(auth, model);
        return "home/home";
    }

    private void grid(Authentication auth, Model model) {
        model.addAttribute("cards", layouts.cards(auth));
        model.addAttribute("addable", layouts.addable(auth));
        model.addAttribute("customised", layouts.customised(auth.getName()));
    }

    @GetMapping("/home/cards/{id}")
    @PreAuthorize(Perms.SIGNED_IN)
    String card(@PathVariable String id, Authentication auth, Model model) {
        HomeCard card = allowed(id, auth);
        if (card.workload() != null) {
            workloads.require(card.workload());
        }
        HomeService.CardView view = home.view(card);
        model.addAttribute("card", view);
        model.addAttribute("chartJson", view.chart() == null ? null : json.writeValueAsString(view.chart()));
        return "home/card";
    }

    @PostMapping("/home/cards/{id}/add")
    @PreAuthorize(Perms.SIGNED_IN)
    String add(@PathVariable String id, Authentication auth, Model model) {
        HomeCard card = allowed(id, auth);
        if (card.workload() != null) {
            workloads.require(card.workload());
        }
        layouts.add(auth, card);
        grid(auth, model);
        return "home/grid";
    }

    @PostMapping("/home/cards/{id}/remove")
    @PreAuthorize(Perms.SIGNED_IN)
    String remove(@PathVariable String id, Authentication auth, Model model) {
        layouts.remove(auth, known(id));
        grid(auth, model);
        return "home/grid";
    }

    @PostMapping("/home/cards/{id}/move")
    @PreAuthorize(Perms.SIGNED_IN)
    String move(@PathVariable String id, @RequestParam String dir, Authentication auth, Model model) {
        HomeLayouts.Move move = switch (dir) {
            case "up" -> HomeLayouts.Move.UP;
            case "down" -> HomeLayouts.Move.DOWN;
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "dir must be up or down");
        };
        layouts.move(auth, known(id), move);
        grid(auth, model);
        return "home/grid";
    }

    @PostMapping("/home/cards/reset")
    @PreAuthorize(Perms.SIGNED_IN)
    String reset(Authentication auth, Model model) {
        layouts.reset(auth);
        grid(auth, model);
        return "home/grid";
    }

    static HomeCard known(String id) {
        return HomeCard.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No home card \"" + id + "\"."));
    }

    static HomeCard allowed(String id, Authentication auth) {
        HomeCard card = known(id);
        if (!AccessPolicy.can(auth, card.permission())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Your role cannot open \"" + card.title() + "\".");
        }
        return card;
    }
}
