package dev.rampart.portal.incidents;

import dev.rampart.portal.access.DeviceGroup;
import java.util.List;
import java.util.Map;

/**
 * The incident queue page: one page of incidents under {@code query}, the values each filter offers, the saved
 * filter sets the user sees, and the query string forms the links need ({@code filterQuery} without sort and
 * page, {@code savedQuery} with sort, as a saved set keeps it).
 */
public record IncidentQueueView(Page<Incident> page, IncidentQuery query, String filterQuery, String savedQuery,
                                Map<Long, List<Category>> categories, boolean canManage, String me, IncidentService.FilterOptions options,
                                List<DeviceGroup> deviceGroups, List<FilterSet> savedSets, String notice, String error) {

    public List<IncidentStatus> statuses() {
        return List.of(IncidentStatus.ACTIVE, IncidentStatus.IN_PROGRESS, IncidentStatus.RESOLVED);
    }

    public List<Severity> severities() {
        return List.of(Severity.values());
    }

    public List<Category> allCategories() {
        return List.of(Category.values());
    }

    public List<Classification> classifications() {
        return List.of(Classification.values());
    }

    public List<Determination> determinations() {
        return List.of(Determination.values());
    }

    /** Filters set under "More filters", so the closed panel still says how many apply. */
    public int moreCount() {
        return query.categories().size() + query.classifications().size() + query.serviceSources().size() + query.detectionSources().size()
                + query.tags().size() + query.deviceGroups().size();
    }

    /** The link that sorts by {@code column}, flipping the direction when it is the current sort. */
    public String sortHref(String column) {
        boolean desc = !column.equals(query.sort()) || !query.descending();
        return "/incidents?" + filterQuery + "&sort=" + column + "&dir=" + (desc ? "desc" : "asc");
    }

    public String pageHref(int p) {
        return "/incidents?" + filterQuery + "&sort=" + query.sort() + "&dir=" + (query.descending() ? "desc" : "asc") + "&page=" + p;
    }

    /** The saved set whose filters are the ones shown, if any. */
    public boolean isActive(FilterSet s) {
        return s.queryString().equals(savedQuery);
    }

    public String categoryLabels(long incidentId) {
        return String.join(", ", categories.getOrDefault(incidentId, List.of()).stream().map(Category::label).toList());
    }
}
