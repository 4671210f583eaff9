package dev.rampart.portal.web;

import dev.rampart.portal.access.Perms;
import dev.rampart.portal.entities.EntitySearch;
import dev.rampart.portal.workloads.Workloads;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Top-bar search: suggestions as you type (htmx fragment, a few hits per section) and the results page that
 * Enter opens. An exact IP address or URL skips the results page and opens the entity page.
 */
@Controller
class SearchController {
    static final int SUGGEST_PER_SECTION = 5;
    static final int PAGE_PER_SECTION = 25;
    private final EntitySearch search;
    private final Workloads workloads;

    SearchController(EntitySearch search, Workloads workloads) {
        this.search = search;
        this.workloads = workloads;
    }

    @GetMapping("/search/suggest")
    @PreAuthorize(Perms.SIGNED_IN)
    String suggest(@RequestParam(defaultValue = "") String q, Authentication auth, Model model) {
        model.addAttribute("answer", workloads.filter(search.search(auth, q, SUGGEST_PER_SECTION)));
        return "search/suggest";
    }

    @GetMapping("/search")
    @PreAuthorize(Perms.SIGNED_IN)
    String results(@RequestParam(defaultValue = "") String q, Authentication auth, Model model) {
        EntitySearch.Answer answer = workloads.filter(search.search(auth, q, PAGE_PER_SECTION));
        if (answer.direct().isPresent()) {
            return "redirect:" + answer.direct().get();
        }
        model.addAttribute("answer", answer);
        return "search/results";
    }
}
