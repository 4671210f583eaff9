package dev.rampart.portal.access;

import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.util.List;
import org.springframework.stereotype.Component;

/** Settings pages of the access feature in the System group. */
@Component
class AccessNavigation implements NavigationContributor {
    @Override
    public List<NavEntry> navEntries() {
        return List.of(
                new NavEntry(NavGroup.SYSTEM, 10, "Users", "/settings/users", "users", Permission.AUTHORIZATION_READ),
                new NavEntry(NavGroup.SYSTEM, 11, "Roles", "/settings/roles", "roles", Permission.AUTHORIZATION_READ),
                new NavEntry(NavGroup.SYSTEM, 12, "Device groups", "/settings/device-groups", "assets", Permission.AUTHORIZATION_READ),
                new NavEntry(NavGroup.SYSTEM, 13, "API clients", "/settings/api-clients", "key", Permission.AUTHORIZATION_READ),
                new NavEntry(NavGroup.SYSTEM, 13, "Single sign-on", "/settings/sso", "key", Permission.AUTHORIZATION_READ),
                new NavEntry(NavGroup.SYSTEM, 14, "Audit log", "/settings/audit", "audit", AuditController.PERMISSION));
    }
}
