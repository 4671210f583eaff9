package dev.rampart.portal.hunting;

import dev.rampart.kql.plan.ScopeFilter;
import dev.rampart.kql.schema.Table;
import java.util.Optional;

/**
 * The row filter on some hunting tables for the signed-in user, contributed by the feature that fills them: AlertInfo
 * and AlertEvidence hold alerts, which the alerts' own scope rules admit, not the device columns of the rows. Where a
 * scope returns a filter it replaces the device-group filter of that table, so it must itself keep the user inside
 * their data scope.
 */
public interface HuntingRowScope {
    /** The filter on {@code table} for the current user; empty when this scope has nothing to say about it. */
    Optional<ScopeFilter> filter(Table table);
}
