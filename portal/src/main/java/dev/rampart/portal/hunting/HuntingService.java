package dev.rampart.portal.hunting;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.CompiledQuery;
import dev.rampart.kql.KqlCompiler;
import dev.rampart.kql.diagnostics.Diagnostic;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.ScopeFilter;
import dev.rampart.kql.schema.Schema;
import dev.rampart.kql.schema.Table;
import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.DataScope;
import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.hunting.HuntingException.Kind;
import dev.rampart.portal.hunting.QueryExecutor.OutputColumn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Runs KQL hunting queries for the current user: compiles against the tables the user may read (email tables
 * need the email metadata permission), pins one query time, applies the time window, row cap and timeout.
 */
@Service
public class HuntingService {
    private static final int MAX_QUERY_CHARS = 100_000;
    /** bag_unpack without an output schema reads the bag's keys before the query runs; that look-up is kept short. */
    private static final Duration BAG_KEYS_TIMEOUT = Duration.ofSeconds(30);

    private final QueryExecutor executor;
    private final HuntingQueries queries;
    private final HuntingFunctions functions;
    private final HuntingQuota quota;
    private final HuntingRuns runs;
    private final CpuMeter meter;
    private final ExternalDataFiles externalData;
    private final EventStore events;
    private final AccessPolicy access;
    private final DataScopes scopes;
    private final int maxRows;
    private final Duration timeout;
    private final List<HuntingRowScope> rowScopes;

    public HuntingService(QueryExecutor executor, HuntingQueries queries, HuntingFunctions functions, HuntingQuota quota, HuntingRuns runs, CpuMeter meter, ExternalDataFiles externalData, EventStore events, AccessPolicy access,
                          DataScopes scopes, List<HuntingRowScope> rowScopes, @Value("${rampart.hunting.max-rows:30000}") int maxRows,
                          @Value("${rampart.hunting.timeout:10m}") Duration timeout) {
        this.rowScopes = List.copyOf(rowScopes);
        this.executor = executor;
        this.queries = queries;
        this.functions = functions;
        this.quota = quota;
        this.runs = runs;
        this.meter = meter;
        this.externalData = externalData;
        this.events = events;
        this.access = access;
        this.scopes = scopes;
        this.maxRows = maxRows;
        this.timeout = timeout;
    }

    public int maxRows() {
        return maxRows;
    }

    /** The tables the current user may query: email tables need email metadata (read); other workloads their data source. */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public Schema visibleSchema() {
        return visibleSchema(scopes.current());
    }

    private boolean emailMetadataVisible() {
        return access.can(Permission.EMAIL_METADATA_READ) && scopes.current(Permission.EMAIL_METADATA_READ).workloadVisible("email");
    }

    // RBAC row scope (access feature): tables of workloads outside the user's assignments are absent, and every scan
    // of a device table carries the device-group filter in the plan, so no query text can reach other rows.
    private Schema visibleSchema(DataScope scope) {
        // Email tables need E&C metadata (read) from an assignment that itself covers the email data source.
        boolean email = emailMetadataVisible();
        return new Schema(events.schema().tables().stream()
                .filter(t -> (email || !t.workload().equals("email")) && scope.workloadVisible(t.workload())).toList());
    }

    /**
     * Runs a query and records it in the caller's history and in the run log (outcome, CPU used) whether it succeeds
     * or fails. Refused with kind QUOTA when the caller's CPU quota is used up; the result carries a quota warning
     * once usage passes 10 % of a cycle.
     *
     * @param timespan ISO 8601 window as in the Graph API ({@code P7D}, {@code start/end}...); null = 30 days
     * @param iface    where the run came from ({@code portal}, {@code api}) for the history
     * @throws HuntingException for query errors (with line:column), timeouts and cancellations
     */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public HuntingResult run(String query, String timespan, CancelHandle cancel, String iface) {
        String user = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication().getName();
        boolean recordable = query != null && !query.isBlank() && query.length() <= MAX_QUERY_CHARS;
        try {
            quota.check(user);
        } catch (HuntingException throttled) {
            if (recordable) {
                queries.recordRun(user, query, timespan, iface, "quota", null, null, throttled.getMessage());
                runs.record(iface, user, user, query, timespan, "throttled", Duration.ZERO, Duration.ZERO);
            }
            throw throttled;
        }
        long t0 = System.nanoTime();
        CpuMeter.Span cpu = meter.start();
        try {
            HuntingResult r = runUnrecorded(user, query, timespan, cancel);
            Duration used = cpu.stop();
            queries.recordRun(user, query, timespan, iface, r.truncated() ? "truncated" : "completed", r.rows().size(),
                    r.elapsed().toMillis(), null);
            runs.record(iface, user, user, query, timespan, "completed", used, Duration.ofNanos(System.nanoTime() - t0));
            return r.measured(used, quota.status(user).warning().orElse(null));
        } catch (HuntingException e) {
            Duration used = cpu.stop();
            if (recordable) {
                queries.recordRun(user, query, timespan, iface, e.kind().name().toLowerCase(), null, null, e.getMessage());
                runs.record(iface, user, user, query, timespan, e.kind() == Kind.CANCELLED ? "cancelled" : "failed", used,
                        Duration.ofNanos(System.nanoTime() - t0));
            }
            throw e;
        } finally {
            cpu.stop();
        }
    }

    private HuntingResult runUnrecorded(String user, String query, String timespan, CancelHandle cancel) {
        if (query == null || query.isBlank()) {
            throw new HuntingException(Kind.BAD_REQUEST, "The query is empty.");
        }
        if (query.length() > MAX_QUERY_CHARS) {
            throw new HuntingException(Kind.BAD_REQUEST, "The query is longer than " + MAX_QUERY_CHARS + " characters.");
        }
        Instant ranAt = Instant.now();
        QueryWindow window;
        try {
            window = QueryWindow.parse(timespan, ranAt);
        } catch (IllegalArgumentException e) {
            throw new HuntingException(Kind.BAD_REQUEST, e.getMessage());
        }
        DataScope scope = scopes.current();
        Schema schema = visibleSchema(scope);
        CompileOptions options = CompileOptions.defaults(window.end())
                .withSchema(schema)
                .withScope(table -> endingAt(rowFilter(scope, table), table, window, ranAt))
                .withDefaultWindow(window.length())
                .withRowLimit(maxRows + 1L)
                .withExternalData(externalData)
                .withPrincipal(HuntingPrincipal.current())
                .withFunctions(functions.catalogFor(user))
                .withBagKeys(executor.bagKeys(timeout.compareTo(BAG_KEYS_TIMEOUT) < 0 ? timeout : BAG_KEYS_TIMEOUT, cancel));
        CompiledQuery compiled;
        try {
            compiled = KqlCompiler.compile(query, options);
        } catch (KqlException e) {
            throw toHuntingException(e, query, schema);
        } catch (QueryExecutor.QueryTimeoutException e) {
            throw new HuntingException(cancel != null && cancel.isCancelled() ? Kind.CANCELLED : Kind.TIMEOUT, e.getMessage());
        } catch (IllegalStateException e) {
            throw new HuntingException(Kind.EXECUTION, e.getMessage());
        }
        List<String> warnings = compiled.warnings().stream().map(Diagnostic::formatted).toList();
        HuntingResult first = execute(compiled, query, ranAt, window, warnings, cancel);
        List<HuntingResult> more = new java.util.ArrayList<>();
        for (CompiledQuery next : compiled.additionalResults()) {
            more.add(execute(next, query, ranAt, window, List.of(), cancel));
        }
        return first.withAdditional(more);
    }

    /** A feature's own row scope for its tables where it has one, else the device-group filter. */
    private Optional<ScopeFilter> rowFilter(DataScope scope, Table table) {
        for (HuntingRowScope r : rowScopes) {
            Optional<ScopeFilter> f = r.filter(table);
            if (f.isPresent()) {
                return f;
            }
        }
        return scopes.rowFilter(scope, table);
    }

    /**
     * A window that ends before the run (a custom range, or a Timespan {@code start/end}) also bounds Timestamp from
     * above; one ending now does not, so events a device clock dated slightly ahead still show.
     */
    static Optional<ScopeFilter> endingAt(Optional<ScopeFilter> scope, Table table, QueryWindow window,
                                          Instant ranAt) {
        boolean timed = table.column("Timestamp").filter(c -> c.type() == dev.rampart.kql.schema.KqlType.DATETIME).isPresent();
        if (!timed || !window.end().isBefore(ranAt.minusSeconds(60))) {
            return scope;
        }
        java.time.LocalDateTime end = java.time.LocalDateTime.ofInstant(window.end(), java.time.ZoneOffset.UTC);
        if (scope.isEmpty()) {
            return Optional.of(new ScopeFilter("\"Timestamp\" <= ?", List.of(end)));
        }
        List<Object> params = new java.util.ArrayList<>(scope.get().parameters());
        params.add(end);
        return Optional.of(new ScopeFilter("(" + scope.get().sqlPredicate() + ") AND \"Timestamp\" <= ?", params));
    }

    private HuntingResult execute(CompiledQuery compiled, String query, Instant ranAt, QueryWindow window, List<String> warnings,
                                  CancelHandle cancel) {
        List<OutputColumn> columns = compiled.columns().stream().map(c -> new OutputColumn(c.name(), c.type())).toList();
        QueryExecutor.Result r;
        try {
            r = executor.run(compiled.sql(), compiled.parameters(), columns, maxRows, timeout, cancel);
        } catch (QueryExecutor.QueryTimeoutException e) {
            throw new HuntingException(cancel != null && cancel.isCancelled() ? Kind.CANCELLED : Kind.TIMEOUT, e.getMessage());
        } catch (IllegalStateException e) {
            throw new HuntingException(Kind.EXECUTION, e.getMessage());
        }
        return new HuntingResult(UUID.randomUUID().toString(), query, ranAt, window, r.columns(), r.rows(), r.truncated(),
                maxRows, r.elapsed(), compiled.render(), warnings, Duration.ZERO, null, compiled.name(), List.of(), List.of());
    }

    /**
     * Up to 50 most frequent values of a string column over the default window, or nothing when the column is
     * unknown, not a string, not visible to the user, or has more than 200 distinct values (not worth suggesting).
     */
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    public List<String> lowCardinalityValues(String tableName, String columnName) {
        DataScope scope = scopes.current();
        var table = visibleSchema(scope).table(tableName);
        var column = table.flatMap(t -> t.column(columnName));
        if (column.isEmpty() || column.get().type() != dev.rampart.kql.schema.KqlType.STRING) {
            return List.of();
        }
        String t = dev.rampart.portal.events.DuckDbTypes.quote(table.get().name());
        String c = dev.rampart.portal.events.DuckDbTypes.quote(column.get().name());
        var rowScope = rowFilter(scope, table.get());
        String sql = "WITH v AS (SELECT " + c + " AS v, count(*) AS n FROM " + t + " WHERE " + c + " IS NOT NULL AND " + c
                + " <> ''" + rowScope.map(f -> " AND (" + f.sqlPredicate() + ")").orElse("")
                + " GROUP BY 1) SELECT v FROM v WHERE (SELECT count(*) FROM v) <= 200 ORDER BY n DESC LIMIT 50";
        var r = executor.run(sql, rowScope.map(f -> f.parameters()).orElse(List.of()), List.of(new OutputColumn("v", dev.rampart.kql.schema.KqlType.STRING)), 50,
                Duration.ofSeconds(5), null);
        return r.rows().stream().map(row -> (String) row[0]).toList();
    }

    private HuntingException toHuntingException(KqlException e, String query, Schema visible) {
        var d = e.diagnostic();
        Kind kind = switch (e.code()) {
            case LEX_ERROR, SYNTAX_ERROR -> Kind.SYNTAX;
            case UNSUPPORTED -> Kind.UNSUPPORTED;
            default -> Kind.SEMANTIC;
        };
        String message = d.message();
        if (e.code() == dev.rampart.kql.diagnostics.ErrorCode.UNKNOWN_TABLE) {
            for (Table t : events.schema().tables()) {
                if (visible.table(t.name()).isEmpty() && Pattern.compile("\\b" + t.name() + "\\b").matcher(query).find()) {
                    message = t.workload().equals("email") && !emailMetadataVisible()
                            ? "Table '" + t.name() + "' needs the 'Email & collaboration metadata' read permission (" + d.span().where() + ")."
                            : "Table '" + t.name() + "' belongs to the '" + t.workload() + "' data source, which your role assignments do not cover ("
                            + d.span().where() + ").";
                    break;
                }
            }
        }
        return new HuntingException(kind, message, d.span().line(), d.span().column(), d.span().length());
    }
}
