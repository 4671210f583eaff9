package dev.rampart.portal.incidents;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.DeviceGroups;
import dev.rampart.portal.access.Permission;
import org.springframework.stereotype.Component;

/**
 * Builds the incident queue page model for the signed-in user: the page of incidents (one query for the rows, one
 * for their tags, one for their categories, one count), the filter choices and the saved filter sets. Kept apart
 * from the controller so the {@code bench-queue} command measures exactly what a request does.
 */
@Component
public class IncidentQueuePage {
    private final IncidentService incidents;
    private final IncidentFilterSets filterSets;
    private final DeviceGroups deviceGroups;
    private final AccessPolicy access;

    public IncidentQueuePage(IncidentService incidents, IncidentFilterSets filterSets, DeviceGroups deviceGroups, AccessPolicy access) {
        this.incidents = incidents;
        this.filterSets = filterSets;
        this.deviceGroups = deviceGroups;
        this.access = access;
    }

    public IncidentQueueView build(IncidentQuery query, String notice, String error) {
        Page<Incident> result = incidents.list(query);
        var categories = incidents.categoriesOf(result.items().stream().map(Incident::id).toList());
        return new IncidentQueueView(result, query, IncidentQueryParams.filters(query), IncidentQueryParams.saved(query), categories,
                access.can(Permission.ALERTS_MANAGE), IncidentService.currentUser(), incidents.filterOptions(), deviceGroups.all(),
                filterSets.visible(), notice, error);
    }
}
