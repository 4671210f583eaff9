package dev.rampart.kql.schema;

import java.util.Locale;

/** The scalar types of the hunting language, as Kusto names them. */
public enum KqlType {
    STRING("string"),
    LONG("long"),
    INT("int"),
    REAL("real"),
    DECIMAL("decimal"),
    BOOL("bool"),
    DATETIME("datetime"),
    TIMESPAN("timespan"),
    GUID("guid"),
    DYNAMIC("dynamic");

    private final String kustoName;

    KqlType(String kustoName) {
        this.kustoName = kustoName;
    }

    /** The name used in KQL text and in the hunting schema ({@code string}, {@code long}...). */
    public String kustoName() {
        return kustoName;
    }

    /**
     * Resolves a Kusto type name, accepting the documented aliases
     * ({@code boolean}, {@code double}, {@code int64}, {@code date}, {@code time}, {@code uniqueid}).
     *
     * @throws IllegalArgumentException naming the unknown type
     */
    public static KqlType fromKusto(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "string" -> STRING;
            case "long", "int64" -> LONG;
            case "int", "int32" -> INT;
            case "real", "double" -> REAL;
            case "decimal" -> DECIMAL;
            case "bool", "boolean" -> BOOL;
            case "datetime", "date" -> DATETIME;
            case "timespan", "time" -> TIMESPAN;
            case "guid", "uuid", "uniqueid" -> GUID;
            case "dynamic" -> DYNAMIC;
            default -> throw new IllegalArgumentException("unknown Kusto type '" + name + "'");
        };
    }

    public boolean isNumeric() {
        return this == LONG || this == INT || this == REAL || this == DECIMAL;
    }
}
