package dev.rampart.kql;

import dev.rampart.kql.plan.ScopeFilter;
import dev.rampart.kql.schema.HuntingSchema;
import dev.rampart.kql.schema.Schema;
import dev.rampart.kql.schema.Table;
import dev.rampart.kql.sql.DuckDbDialect;
import dev.rampart.kql.sql.SqlDialect;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a compilation depends on besides the text.
 *
 * @param now           the one query time used by now(), ago() and the default window, so a run is repeatable
 * @param defaultWindow lower bound added on Timestamp of every table read ({@code null}: none)
 * @param rowLimit      cap on result rows (0: none)
 * @param scope         per-table row filter, e.g. the device groups the caller may see (RBAC)
 * @param externalData  serves the files externaldata names, read at compile time ({@link ExternalDataSource#NONE}: refuse)
 * @param principal     who runs the query, as current_principal() reports it
 * @param bagKeys       reads bag keys from the data for bag_unpack without an output schema ({@code null}: the
 *                      bag stays one column and its properties are resolved by name when used)
 * @param functions     the stored functions the query may call by name
 */
public record CompileOptions(Schema schema, Instant now, Duration defaultWindow, long rowLimit,
                             Function<Table, Optional<ScopeFilter>> scope, SqlDialect dialect,
                             ExternalDataSource externalData, Principal principal, BagKeyProbe bagKeys,
                             FunctionCatalog functions) {
    public CompileOptions {
        Objects.requireNonNull(functions, "functions");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(externalData, "externalData");
    }

    public CompileOptions(Schema schema, Instant now, Duration defaultWindow, long rowLimit,
                          Function<Table, Optional<ScopeFilter>> scope, SqlDialect dialect, ExternalDataSource externalData) {
        this(schema, now, defaultWindow, rowLimit, scope, dialect, externalData, Principal.ANONYMOUS, null, FunctionCatalog.NONE);
    }

    public CompileOptions(Schema schema, Instant now, Duration defaultWindow, long rowLimit,
                          Function<Table, Optional<ScopeFilter>> scope, SqlDialect dialect, ExternalDataSource externalData,
                          Principal principal) {
        this(schema, now, defaultWindow, rowLimit, scope, dialect, externalData, principal, null, FunctionCatalog.NONE);
    }

    /** Hunting schema, 30-day window, 10,000 rows, no row scope, DuckDB, no external data. */
    public static CompileOptions defaults(Instant now) {
        return new CompileOptions(HuntingSchema.get(), now, Duration.ofDays(30), 10_000, t -> Optional.empty(),
                new DuckDbDialect(), ExternalDataSource.NONE);
    }

    public CompileOptions withSchema(Schema s) {
        return new CompileOptions(s, now, defaultWindow, rowLimit, scope, dialect, externalData, principal, bagKeys, functions);
    }

    public CompileOptions withDefaultWindow(Duration w) {
        return new CompileOptions(schema, now, w, rowLimit, scope, dialect, externalData, principal, bagKeys, functions);
    }

    public CompileOptions withRowLimit(long limit) {
        return new CompileOptions(schema, now, defaultWindow, limit, scope, dialect, externalData, principal, bagKeys, functions);
    }

    public CompileOptions withScope(Function<Table, Optional<ScopeFilter>> s) {
        return new CompileOptions(schema, now, defaultWindow, rowLimit, s, dialect, externalData, principal, bagKeys, functions);
    }

    public CompileOptions withDialect(SqlDialect d) {
        return new CompileOptions(schema, now, defaultWindow, rowLimit, scope, d, externalData, principal, bagKeys, functions);
    }

    public CompileOptions withPrincipal(Principal p) {
        return new CompileOptions(schema, now, defaultWindow, rowLimit, scope, dialect, externalData, p, bagKeys, functions);
    }

    public CompileOptions withExternalData(ExternalDataSource source) {
        return new CompileOptions(schema, now, defaultWindow, rowLimit, scope, dialect, source, principal, bagKeys, functions);
    }

    public CompileOptions withBagKeys(BagKeyProbe probe) {
        return new CompileOptions(schema, now, defaultWindow, rowLimit, scope, dialect, externalData, principal, probe, functions);
    }

    public CompileOptions withFunctions(FunctionCatalog catalog) {
        return new CompileOptions(schema, now, defaultWindow, rowLimit, scope, dialect, externalData, principal, bagKeys, catalog);
    }
}
