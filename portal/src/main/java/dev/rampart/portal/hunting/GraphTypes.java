package dev.rampart.portal.hunting;

import dev.rampart.kql.schema.KqlType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Type names and value formatting of the Graph {@code runHuntingQuery} answer. */
final class GraphTypes {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private GraphTypes() {
    }

    static String typeName(KqlType t) {
        return switch (t) {
            case STRING -> "String";
            case LONG -> "Int64";
            case INT -> "Int32";
            case REAL -> "Double";
            case DECIMAL -> "Decimal";
            case BOOL -> "Boolean";
            case DATETIME -> "DateTime";
            case TIMESPAN -> "TimeSpan";
            case GUID -> "Guid";
            case DYNAMIC -> "Object";
        };
    }

    /** JSON-ready value: datetimes as ISO 8601 UTC strings, everything else as produced by the executor. */
    static Object jsonValue(Object v) {
        return v instanceof Instant i ? ISO.format(i) : v;
    }
}
