package dev.rampart.portal.web;

import dev.rampart.portal.access.Perms;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Top-bar search suggestions. Today it finds the pages the user may open; entity sections (devices, users,
 * files, IPs...) join when the entity index exists.
 */
@Controller
class SearchController {
    private final Navigation navigation;

    SearchController(Navigation navigation) {
        this.navigation = navigation;
    }

    @GetMapping("/search/suggest")
    @PreAuthorize(Perms.SIGNED_IN)
    String suggest(@RequestParam(defaultValue = "") String q, Authentication auth, Model model) {
        List<NavEntry> pages = q.length() > 200 ? List.of() : navigation.search(auth, q);
        model.addAttribute("query", q);
        model.addAttribute("pages", pages);
        return "search/suggest";
    }
}
