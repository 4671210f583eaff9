package dev.rampart.portal.reports;

import dev.rampart.portal.access.Permission;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import java.util.List;
import org.springframework.stereotype.Component;

/** Reports in the left navigation. */
@Component
class ReportsNavigation implements NavigationContributor {
    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.REPORTS, 10, "Security report", "/reports", "reports", Permission.SECURITY_DATA_READ),
                new NavEntry(NavGroup.REPORTS, 20, "Endpoints report", "/reports/endpoints", "reports", Permission.SECURITY_DATA_READ),
                new NavEntry(NavGroup.REPORTS, 25, "Email & collaboration report", "/reports/email", "reports", Permission.EMAIL_METADATA_READ),
                new NavEntry(NavGroup.REPORTS, 30, "Identities report", "/reports/identities", "reports", Permission.SECURITY_DATA_READ),
                new NavEntry(NavGroup.REPORTS, 40, "Cloud apps report", "/reports/cloudapps", "reports", Permission.SECURITY_DATA_READ));
    }
}
