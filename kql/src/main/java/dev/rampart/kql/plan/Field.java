package dev.rampart.kql.plan;

import dev.rampart.kql.schema.KqlType;

/** A named, typed column of a row set. */
public record Field(String name, KqlType type) {
}
