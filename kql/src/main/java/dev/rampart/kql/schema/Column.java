package dev.rampart.kql.schema;

import java.util.Objects;

/** One column of a hunting table. */
public record Column(String name, KqlType type, String description) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }
}
