package dev.rampart.portal.ingest.format;

import java.util.List;
import java.util.Map;

/** The outcome of mapping one source event. */
public sealed interface Mapping {
    /** One row for a hunting table: values by column name (String, Number, Boolean, LocalDateTime, or Map/List for dynamic). */
    record Row(String table, Map<String, Object> values) {
    }

    /** The event maps to these rows (usually one). */
    record Rows(List<Row> rows) implements Mapping {
    }

    /**
     * A well-formed event that this format deliberately does not store (no hunting table holds it); the line is
     * reported with this reason and counted, never stored.
     */
    record Skipped(String reason) implements Mapping {
    }

    /** A malformed event; like a bad native line it rejects the batch. {@code field} may be null. */
    record Invalid(String field, String message) implements Mapping {
    }

    static Mapping of(Row row) {
        return new Rows(List.of(row));
    }

    static Mapping skip(String reason) {
        return new Skipped(reason);
    }
}
