package dev.rampart.portal.web;

import dev.rampart.portal.access.Perms;
import dev.rampart.portal.entities.EntitySearch;
import dev.rampart.portal.workloads.Workloads;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/search?q=}: the sections with hits the caller may see, and the direct page for an exact IP/URL. */
@RestController
class SearchApiController {
    private final EntitySearch search;
    private final Workloads workloads;

    SearchApiController(EntitySearch search, Workloads workloads) {
        this.search = search;
        this.workloads = workloads;
    }

    public record ApiAnswer(String query, String direct, List<EntitySearch.Section> sections) {
    }

    @GetMapping("/api/v1/search")
    @PreAuthorize(Perms.SIGNED_IN)
    ApiAnswer search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "10") int limit, Authentication auth) {
        EntitySearch.Answer a = workloads.filter(search.search(auth, q, Math.max(1, Math.min(limit, 100))));
        return new ApiAnswer(a.query(), a.direct().orElse(null), a.sections());
    }
}
