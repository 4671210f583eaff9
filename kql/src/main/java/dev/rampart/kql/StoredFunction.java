package dev.rampart.kql;

import java.util.Objects;

/**
 * A function saved outside the query, callable by name from any query compiled with a {@link FunctionCatalog} that
 * holds it, as if the query began with {@code let name = (parameters) { body };}. Its body sees the tables, its
 * parameters and the other stored functions, never the calling query's own lets.
 *
 * @param name       the name queries call it by
 * @param parameters the declarations between the parentheses, e.g. {@code "device:string, lookback:timespan = 7d"}
 *                   ({@code ""}: none)
 * @param body       the body: lets, then one tabular or scalar expression
 */
public record StoredFunction(String name, String parameters, String body) {
    public StoredFunction {
        Objects.requireNonNull(name, "name");
        parameters = parameters == null ? "" : parameters;
        Objects.requireNonNull(body, "body");
    }
}
