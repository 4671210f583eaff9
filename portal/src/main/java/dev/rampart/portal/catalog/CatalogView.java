package dev.rampart.portal.catalog;

import dev.rampart.portal.catalog.Integrations.Group;
import dev.rampart.portal.catalog.Integrations.Integration;
import java.util.List;
import java.util.Map;

/**
 * What the partner catalog page shows. {@code error} names a refused URL parameter; {@code test} is the result of
 * the Test button just pressed; {@code testableByCaller} lists the integrations whose test this user may run.
 */
public record CatalogView(Tab tab, String category, String q, String error, String notice, List<Integration> integrations,
                          IntegrationTests.Result test, String sample, List<PartnerCatalog.Entry> partners, PartnerCatalog partnerCatalog,
                          List<ProfessionalServices.Service> services, List<ProfessionalServices.Service> allServices, boolean canManage,
                          ProfessionalServices.Input form, Long editing, Map<String, String> errors, List<String> testableByCaller) {
    public enum Tab { INTEGRATIONS, TECHNOLOGY, SERVICES }

    public List<Group> groups() {
        return List.of(Group.values());
    }

    public List<Integration> in(Group g) {
        return integrations.stream().filter(i -> i.group() == g).toList();
    }

    public long enabledCount() {
        return integrations.stream().filter(Integration::enabled).count();
    }

    public boolean canTest(Integration i) {
        return i.testable() && testableByCaller.contains(i.id());
    }

    public String sampleFor(Integration i) {
        return test != null && test.integrationId().equals(i.id()) && sample != null && !sample.isBlank() ? sample : IntegrationTests.sampleFor(i.id());
    }

    public boolean resultFor(Integration i) {
        return test != null && test.integrationId().equals(i.id());
    }

    public String tabName() {
        return tab.name().toLowerCase(java.util.Locale.ROOT);
    }

    public List<String[]> categories() {
        return tab == Tab.TECHNOLOGY
                ? partnerCatalog.categories().stream().map(c -> new String[] {c.id(), c.name(), Long.toString(partnerCatalog.count(c.id()))}).toList()
                : ProfessionalServices.CATEGORIES.stream().map(c -> new String[] {c.id(), c.name(),
                        Long.toString(allServices.stream().filter(s -> s.category().equals(c.id())).count())}).toList();
    }

    public String categoryName(String id) {
        return tab == Tab.TECHNOLOGY ? partnerCatalog.category(id).map(PartnerCatalog.Category::name).orElse(id)
                : ProfessionalServices.category(id).map(ProfessionalServices.Category::name).orElse(id);
    }

    public int rowCount() {
        return tab == Tab.TECHNOLOGY ? partners.size() : services.size();
    }

    /** This list filtered to {@code categoryId} (null = all), keeping the search text. */
    public String href(String categoryId) {
        return "/partners?tab=" + tabName() + (categoryId == null ? "" : "&category=" + PartnerCatalogController.enc(categoryId))
                + (q.isEmpty() ? "" : "&q=" + PartnerCatalogController.enc(q));
    }

    public String err(String field) {
        return errors.get(field);
    }
}
