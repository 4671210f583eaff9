package dev.rampart.kql;

import dev.rampart.kql.diagnostics.Diagnostic;

import java.util.List;
import java.util.Optional;

/**
 * One SQL statement with {@code ?} placeholders and their values, in order. Parameter values are
 * String, Long, Double, Boolean, java.time.LocalDateTime (UTC) or null; timespans travel as Long
 * microseconds and dynamic values as JSON text, both already wrapped by the SQL.
 *
 * <p>A KQL query can return several tables (several tabular statements, fork, facet). This record is the first
 * one; {@code additionalResults} are the others in the order the query returns them, each a statement of its own
 * run the same way (their own {@code additionalResults} are empty). A caller that shows one table can ignore them.
 *
 * @param name the result's table name: given by {@code as}, fork's {@code name=} or facet's column, else a default
 *             (Table_0, Table_1, ... by position; GenericResult for an unnamed fork branch)
 * @param warnings the whole query's warnings, on the first result only
 */
public record CompiledQuery(String sql, List<Object> parameters, List<OutputColumn> columns,
                            List<Diagnostic> warnings, Optional<RenderSpec> render, String name,
                            List<CompiledQuery> additionalResults) {
    /** The first result's default name. */
    public static final String DEFAULT_NAME = "Table_0";

    public CompiledQuery {
        parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
        columns = List.copyOf(columns);
        warnings = List.copyOf(warnings);
        name = name == null ? DEFAULT_NAME : name;
        additionalResults = List.copyOf(additionalResults);
    }

    /** A query with one result. */
    public CompiledQuery(String sql, List<Object> parameters, List<OutputColumn> columns,
                         List<Diagnostic> warnings, Optional<RenderSpec> render) {
        this(sql, parameters, columns, warnings, render, DEFAULT_NAME, List.of());
    }

    /** Every result, this one first. */
    public List<CompiledQuery> results() {
        List<CompiledQuery> all = new java.util.ArrayList<>(1 + additionalResults.size());
        all.add(this);
        all.addAll(additionalResults);
        return List.copyOf(all);
    }
}
