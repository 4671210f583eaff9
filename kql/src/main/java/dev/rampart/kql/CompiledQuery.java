package dev.rampart.kql;

import dev.rampart.kql.diagnostics.Diagnostic;

import java.util.List;
import java.util.Optional;

/**
 * One SQL statement with {@code ?} placeholders and their values, in order. Parameter values are
 * String, Long, Double, Boolean, java.time.LocalDateTime (UTC) or null; timespans travel as Long
 * microseconds and dynamic values as JSON text, both already wrapped by the SQL.
 */
public record CompiledQuery(String sql, List<Object> parameters, List<OutputColumn> columns,
                            List<Diagnostic> warnings, Optional<RenderSpec> render) {
    public CompiledQuery {
        parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
        columns = List.copyOf(columns);
        warnings = List.copyOf(warnings);
    }
}
