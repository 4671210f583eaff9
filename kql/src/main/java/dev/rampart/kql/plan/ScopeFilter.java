package dev.rampart.kql.plan;

import java.util.List;

/**
 * A caller-supplied row filter for one table, e.g. the device groups a user may see. The predicate is SQL
 * over the table's own (double-quoted) column names with {@code ?} placeholders for {@code parameters};
 * it is trusted text from the portal, never from the query.
 */
public record ScopeFilter(String sqlPredicate, List<Object> parameters) {
    public ScopeFilter {
        if (sqlPredicate.indexOf(';') >= 0) {
            throw new IllegalArgumentException("scope predicate must be a single expression");
        }
        parameters = List.copyOf(parameters);
    }
}
