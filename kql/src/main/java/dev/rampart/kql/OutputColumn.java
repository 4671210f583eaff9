package dev.rampart.kql;

import dev.rampart.kql.schema.KqlType;

/** A result column: its KQL name and type, in result order. */
public record OutputColumn(String name, KqlType type) {
}
