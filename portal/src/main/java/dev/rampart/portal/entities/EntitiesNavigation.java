package dev.rampart.portal.entities;

import dev.rampart.portal.access.Permission;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.util.List;
import org.springframework.stereotype.Component;

/** Assets › Devices and Assets › Identities in the left navigation. */
@Component
class EntitiesNavigation implements NavigationContributor {
    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.ASSETS, 10, "Devices", "/devices", "assets", Permission.SECURITY_DATA_READ),
                new NavEntry(NavGroup.ASSETS, 20, "Identities", "/identities", "users", Permission.SECURITY_DATA_READ));
    }
}
