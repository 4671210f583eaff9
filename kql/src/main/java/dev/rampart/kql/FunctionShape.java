package dev.rampart.kql;

import dev.rampart.kql.schema.KqlType;

import java.util.List;

/**
 * What a stored function returns: rows with {@code columns} ({@code tabular}), or one value of {@code type}.
 *
 * @param parameters the declared scalar parameters as name and type, in order
 */
public record FunctionShape(boolean tabular, List<OutputColumn> columns, KqlType type, List<OutputColumn> parameters) {
}
