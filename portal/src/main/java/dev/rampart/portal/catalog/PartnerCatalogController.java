package dev.rampart.portal.catalog;

import dev.rampart.portal.access.Perms;
import dev.rampart.portal.catalog.PartnerCatalog.Kind;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Partner catalog: technological partners and professional services, filtered by category and text in the URL. */
@Controller
public class PartnerCatalogController implements NavigationContributor {
    static final int MAX_QUERY = 100;

    private final PartnerCatalog catalog;

    PartnerCatalogController(PartnerCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.SYSTEM, 60, "Partner catalog", "/partners", "data", null));
    }

    /** The page: {@code error} names the parameter that was refused (the page then shows the whole list). */
    public record View(Kind kind, String category, String q, List<PartnerCatalog.Category> categories, List<PartnerCatalog.Entry> entries,
                       int partnerCount, int serviceCount, String error, PartnerCatalog catalog) {
        public String categoryName(String id) {
            return catalog.category(kind, id).map(PartnerCatalog.Category::name).orElse(id);
        }

        public long count(String id) {
            return catalog.count(kind, id);
        }

        public String list() {
            return kind == Kind.PARTNERS ? "partners" : "services";
        }

        /** This list filtered to {@code categoryId} (null = all), keeping the search text. */
        public String href(String categoryId) {
            return "/partners?list=" + list() + (categoryId == null ? "" : "&category=" + enc(categoryId)) + (q.isEmpty() ? "" : "&q=" + enc(q));
        }

        private static String enc(String s) {
            return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @GetMapping("/partners")
    @PreAuthorize(Perms.SIGNED_IN)
    String page(@RequestParam(defaultValue = "partners") String list, @RequestParam(defaultValue = "") String category,
                @RequestParam(defaultValue = "") String q, HttpServletResponse response, Model model) {
        String error = null;
        Kind kind = switch (list) {
            case "partners" -> Kind.PARTNERS;
            case "services" -> Kind.SERVICES;
            default -> {
                error = "list: \"" + list + "\" is not a list; choose partners or services.";
                yield Kind.PARTNERS;
            }
        };
        String cat = category.isBlank() ? null : category;
        if (cat != null && catalog.category(kind, cat).isEmpty()) {
            error = "category: \"" + category + "\" is not a category of this list.";
            cat = null;
        }
        String text = q.strip();
        if (text.length() > MAX_QUERY) {
            error = "q: the search text is " + text.length() + " characters; the limit is " + MAX_QUERY + ".";
            text = "";
        }
        if (error != null) {
            response.setStatus(400);
        }
        model.addAttribute("view", new View(kind, cat, text, catalog.categories(kind), catalog.find(kind, cat, text),
                catalog.all(Kind.PARTNERS).size(), catalog.all(Kind.SERVICES).size(), error, catalog));
        return "catalog/partners";
    }
}
