package dev.rampart.portal.incidents;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.entities.EntitySearch.Result;
import dev.rampart.portal.entities.SearchSectionProvider;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Incidents in global search, by id ("42" or "#42") and by name. Read through {@link IncidentService#list}, so the
 * caller's data scope applies exactly as in the incident queue; incidents are not copied into the entity index.
 */
@Component
class IncidentSearchSection implements SearchSectionProvider {
    private final IncidentService incidents;

    IncidentSearchSection(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public String type() {
        return "incident";
    }

    @Override
    public String title() {
        return "Incidents";
    }

    @Override
    public int position() {
        return 55;
    }

    @Override
    public List<Result> search(Authentication auth, String text, int limit) {
        String q = text.startsWith("#") ? text.substring(1).strip() : text;
        if (q.isEmpty() || !AccessPolicy.can(auth, Permission.SECURITY_DATA_READ)) {
            return List.of();
        }
        IncidentQuery query = new IncidentQuery(Set.of(), Set.of(), null, Set.of(), q, "lastUpdate", true, 1, limit);
        return incidents.list(query).items().stream()
                .map(i -> new Result("#" + i.id() + " " + i.displayName(), i.severity().label() + " · " + i.status().label(), "/incidents/" + i.id()))
                .toList();
    }
}
