package dev.rampart.portal.events;

import dev.rampart.kql.schema.KqlType;

/** How each Kusto type is stored in the DuckDB event store. */
public final class DuckDbTypes {
    private DuckDbTypes() {
    }

    public static String sqlType(KqlType type) {
        return switch (type) {
            case STRING, GUID -> "VARCHAR";
            case LONG -> "BIGINT";
            case INT -> "INTEGER";
            case REAL -> "DOUBLE";
            case DECIMAL -> "DECIMAL(38,10)";
            case BOOL -> "BOOLEAN";
            // Stored as UTC wall time: DuckDB TIMESTAMP has no zone, so every writer converts to UTC first.
            case DATETIME -> "TIMESTAMP";
            case TIMESPAN -> "INTERVAL";
            case DYNAMIC -> "JSON";
        };
    }

    /** Double-quoted identifier; hunting names are plain ASCII but quoting keeps case and reserved words safe. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
