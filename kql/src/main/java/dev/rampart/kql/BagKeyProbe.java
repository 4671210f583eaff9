package dev.rampart.kql;

import java.util.List;

/**
 * Reads from the data, while a query compiles, which keys a property bag holds, so that
 * {@code evaluate bag_unpack(bag)} without an output schema gets one column per distinct key, typed from the
 * values, as KQL defines it.
 *
 * <p>The compiler writes the statement, in the options' SQL dialect, from the plan it has analysed up to the
 * plugin: the same tables, time window and row scope as the query, so the keys come from the rows the query
 * itself reads. The embedding only decides how it runs (which connection, read-only, how long it may take).
 *
 * <p>The statement returns one row per key: the key and the KQL type of its non-null values ({@code string},
 * {@code long}, {@code real}, {@code bool}; {@code dynamic} for arrays, bags and keys whose values differ in type;
 * null when every value is null). It is limited to a little more than {@link #MAX_KEYS} rows; the compiler
 * refuses a bag with more keys than that.
 *
 * <p>{@code evaluate pivot(Column)} without an output schema uses the same probe with a statement of the same shape:
 * one row per distinct value of the column (as text, in the order of its first row) and a null type; the compiler
 * refuses more than {@link #MAX_KEYS} values.
 */
@FunctionalInterface
public interface BagKeyProbe {
    /** More columns than this make a result nobody reads; such bags need an output schema. */
    int MAX_KEYS = 1_000;

    /** One row of the statement. */
    record Key(String name, String type) {
    }

    /**
     * Runs {@code sql} with {@code parameters} bound to its {@code ?} placeholders in order and returns its rows.
     * Whatever this throws reaches the caller of {@link KqlCompiler#compile} unchanged, so a timeout or a
     * cancellation is reported as the embedding reports them for queries.
     */
    List<Key> keys(String sql, List<Object> parameters);
}
