package dev.rampart.portal.incidents;

import dev.rampart.kql.plan.ScopeFilter;
import dev.rampart.kql.schema.Table;
import dev.rampart.portal.access.DeviceFilter;
import dev.rampart.portal.hunting.HuntingRowScope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * In hunting, AlertInfo and AlertEvidence show a user the alerts the alert pages show them: for a principal whose
 * data scope is restricted, only the ids {@link AlertScope} admits among the alerts of the last 31 days.
 */
@Component
class AlertTableScope implements HuntingRowScope {
    private static final Set<String> TABLES = Set.of("AlertInfo", "AlertEvidence");
    private static final java.time.Duration LOOK_BACK = java.time.Duration.ofDays(31);

    private final AlertScope scope;
    private final IncidentStore store;

    AlertTableScope(AlertScope scope, IncidentStore store) {
        this.scope = scope;
        this.store = store;
    }

    @Override
    public Optional<ScopeFilter> filter(Table table) {
        if (!TABLES.contains(table.name())) {
            return Optional.empty();
        }
        DeviceFilter.Sql visible = scope.alerts("a");
        if (visible.alwaysTrue()) {
            return Optional.empty();
        }
        // Hunting reads at most 30 days back, so older alerts need not be listed (the list is bound as parameters).
        List<String> ids = store.alertIds(java.time.Instant.now().minus(LOOK_BACK), visible.sql(), visible.params());
        if (ids.isEmpty()) {
            return Optional.of(new ScopeFilter("FALSE", List.of()));
        }
        return Optional.of(new ScopeFilter("\"AlertId\" IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")",
                new ArrayList<>(ids)));
    }
}
