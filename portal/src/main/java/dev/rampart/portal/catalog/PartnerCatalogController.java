package dev.rampart.portal.catalog;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.InvalidInputException;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Partner catalog: Rampart's own integrations with status and tests, the technology partners, and the professional
 * services an administrator keeps. Tab, category and search text live in the URL.
 */
@Controller
public class PartnerCatalogController implements NavigationContributor {
    static final int MAX_QUERY = 100;
    static final String PAGE = "/partners";

    private final PartnerCatalog partners;
    private final ProfessionalServices services;
    private final Integrations integrations;
    private final IntegrationTests tests;
    private final AccessPolicy access;

    PartnerCatalogController(PartnerCatalog partners, ProfessionalServices services, Integrations integrations, IntegrationTests tests,
                             AccessPolicy access) {
        this.partners = partners;
        this.services = services;
        this.integrations = integrations;
        this.tests = tests;
        this.access = access;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.SYSTEM, 60, "Partner catalog", PAGE, "puzzle", null));
    }

    @GetMapping(PAGE)
    @PreAuthorize(Perms.SIGNED_IN)
    String page(@RequestParam(defaultValue = "integrations") String tab, @RequestParam(defaultValue = "") String category,
                @RequestParam(defaultValue = "") String q, @RequestParam(required = false) Long edit,
                @RequestParam(required = false) String notice, HttpServletResponse response, Model model) {
        String error = null;
        CatalogView.Tab t = switch (tab) {
            case "integrations" -> CatalogView.Tab.INTEGRATIONS;
            case "technology" -> CatalogView.Tab.TECHNOLOGY;
            case "services" -> CatalogView.Tab.SERVICES;
            default -> {
                error = "tab: \"" + tab + "\" is not a tab; choose integrations, technology or services.";
                yield CatalogView.Tab.INTEGRATIONS;
            }
        };
        String cat = category.isBlank() ? null : category;
        if (cat != null && t != CatalogView.Tab.INTEGRATIONS && !knownCategory(t, cat)) {
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
        ProfessionalServices.Input form = ProfessionalServices.Input.EMPTY;
        Long editing = null;
        if (edit != null && t == CatalogView.Tab.SERVICES && canManage()) {
            var s = services.require(edit);
            form = new ProfessionalServices.Input(s.name(), s.vendor(), s.category(), s.description(), s.link());
            editing = edit;
        }
        model.addAttribute("view", view(t, cat, text, error, null, "", form, editing, Map.of(), notice));
        return "catalog/partners";
    }

    @PostMapping(PAGE + "/integrations/{id}/test")
    @PreAuthorize(Perms.SIGNED_IN)
    String test(@PathVariable String id, @RequestParam(defaultValue = "") String sample, Model model) {
        IntegrationTests.Result r = tests.run(id, sample);
        model.addAttribute("view", view(CatalogView.Tab.INTEGRATIONS, null, "", null, r, sample, ProfessionalServices.Input.EMPTY, null, Map.of(), null));
        return "catalog/partners";
    }

    @PostMapping(PAGE + "/services")
    @PreAuthorize(Perms.SYSTEM_SETTINGS_MANAGE)
    String create(ProfessionalServices.Input form, HttpServletResponse response, Model model) {
        try {
            var s = services.create(form);
            return "redirect:" + PAGE + "?tab=services&notice=" + enc("Added " + s.name() + ".");
        } catch (InvalidInputException e) {
            return invalid(form, null, e, response, model);
        }
    }

    @PostMapping(PAGE + "/services/{id}")
    @PreAuthorize(Perms.SYSTEM_SETTINGS_MANAGE)
    String update(@PathVariable long id, ProfessionalServices.Input form, HttpServletResponse response, Model model) {
        try {
            var s = services.update(id, form);
            return "redirect:" + PAGE + "?tab=services&notice=" + enc("Saved " + s.name() + ".");
        } catch (InvalidInputException e) {
            return invalid(form, id, e, response, model);
        }
    }

    @PostMapping(PAGE + "/services/{id}/delete")
    @PreAuthorize(Perms.SYSTEM_SETTINGS_MANAGE)
    String delete(@PathVariable long id) {
        String name = services.require(id).name();
        services.delete(id);
        return "redirect:" + PAGE + "?tab=services&notice=" + enc("Removed " + name + ".");
    }

    private String invalid(ProfessionalServices.Input form, Long id, InvalidInputException e, HttpServletResponse response, Model model) {
        response.setStatus(422);
        model.addAttribute("view", view(CatalogView.Tab.SERVICES, null, "", null, null, "", form, id, e.fieldErrors(), null));
        return "catalog/partners";
    }

    private boolean knownCategory(CatalogView.Tab t, String cat) {
        return t == CatalogView.Tab.TECHNOLOGY ? partners.category(cat).isPresent() : ProfessionalServices.category(cat).isPresent();
    }

    private boolean canManage() {
        return access.can(Permission.SYSTEM_SETTINGS_MANAGE);
    }

    private CatalogView view(CatalogView.Tab tab, String cat, String q, String error, IntegrationTests.Result test, String sample,
                             ProfessionalServices.Input form, Long editing, Map<String, String> errors, String notice) {
        List<Integrations.Integration> all = integrations.all();
        List<ProfessionalServices.Service> allServices = services.all();
        return new CatalogView(tab, cat, q, error, notice, all, test, sample,
                tab == CatalogView.Tab.TECHNOLOGY ? partners.find(cat, q) : List.of(), partners,
                tab == CatalogView.Tab.SERVICES ? services.find(cat, q) : List.of(), allServices, canManage(), form, editing, errors,
                all.stream().filter(i -> i.testPermission() == null || access.can(i.testPermission())).map(Integrations.Integration::id).toList());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
