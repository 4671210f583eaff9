package dev.rampart.portal.detection;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.FunctionCatalog;
import dev.rampart.kql.CompiledQuery;
import dev.rampart.kql.KqlCompiler;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.portal.hunting.QueryExecutor;
import dev.rampart.portal.hunting.QueryExecutor.OutputColumn;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.SourceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Runs a rule's query as the system (all tables, no user scope) over its look-back and turns the result rows into
 * alert candidates: rows with the same set of entities form one candidate, spanning their timestamps. Each row
 * carries an event key (Timestamp + DeviceId + ReportId where the result has them) for de-duplication across runs.
 */
@Component
public class RuleEvaluator {
    public static final int MAX_ROWS = 10_000;

    private final QueryExecutor executor;
    private final Duration timeout;
    /** Rules call the team's shared functions, read at each run so an edit takes effect on the next one. */
    private final java.util.function.Supplier<FunctionCatalog> functions;

    @org.springframework.beans.factory.annotation.Autowired
    public RuleEvaluator(QueryExecutor executor, dev.rampart.portal.hunting.HuntingFunctions functions) {
        this(executor, Duration.ofMinutes(2), functions::sharedCatalog);
    }

    RuleEvaluator(QueryExecutor executor, Duration timeout) {
        this(executor, timeout, () -> FunctionCatalog.NONE);
    }

    RuleEvaluator(QueryExecutor executor, Duration timeout, java.util.function.Supplier<FunctionCatalog> functions) {
        this.executor = executor;
        this.timeout = timeout;
        this.functions = functions;
    }

    /** A failed evaluation, with the Graph {@code lastRunDetails.errorCode}. */
    public static class RuleRunException extends RuntimeException {
        private final String errorCode;

        public RuleRunException(String errorCode, String message) {
            super(message);
            this.errorCode = errorCode;
        }

        public String errorCode() {
            return errorCode;
        }
    }

    /** Rows with one entity set: evidence, activity span, event keys, and the first row's values for the title. */
    public record Candidate(String entitySet, List<Evidence> evidence, Instant first, Instant last, List<String> eventKeys,
                            List<Instant> eventTimes, List<SourceEvent> sourceEvents, Map<String, Object> firstRow, List<Object[]> rows) {
    }

    public record Evaluation(List<String> columns, int rowCount, boolean truncated, List<Candidate> candidates) {
    }

    /** Compiles without running: the output columns, or a {@link RuleRunException} naming line and column. */
    public static List<OutputColumn> check(String query, EntityMapping mapping) {
        return check(query, mapping, FunctionCatalog.NONE);
    }

    /** As {@link #check(String, EntityMapping)}, the query calling the stored functions of {@code functions}. */
    public static List<OutputColumn> check(String query, EntityMapping mapping, FunctionCatalog functions) {
        // No data here: a bag_unpack without output schema keeps its bag as one column.
        CompiledQuery q = compile(query, Instant.now(), Duration.ofHours(1), null, functions, t -> java.util.Optional.empty());
        List<String> names = q.columns().stream().map(c -> c.name()).toList();
        requireColumns(q, names, mapping);
        return q.columns().stream().map(c -> new OutputColumn(c.name(), c.type())).toList();
    }

    public Evaluation evaluate(String query, EntityMapping mapping, Instant now, Duration lookBack) {
        return evaluate(query, mapping, now, lookBack, t -> java.util.Optional.empty());
    }

    /** As {@link #evaluate(String, EntityMapping, Instant, Duration)}, reading only the rows {@code scope} lets through. */
    public Evaluation evaluate(String query, EntityMapping mapping, Instant now, Duration lookBack,
                               java.util.function.Function<dev.rampart.kql.schema.Table, java.util.Optional<dev.rampart.kql.plan.ScopeFilter>> scope) {
        CompiledQuery q;
        try {
            q = compile(query, now, lookBack, executor.bagKeys(timeout, null), functions.get(), scope);
        } catch (QueryExecutor.QueryTimeoutException e) {
            throw new RuleRunException("queryTimeout", e.getMessage());
        } catch (IllegalStateException e) {
            throw new RuleRunException("queryExecutionFailed", e.getMessage());
        }
        List<String> names = q.columns().stream().map(c -> c.name()).toList();
        requireColumns(q, names, mapping);
        List<OutputColumn> cols = q.columns().stream().map(c -> new OutputColumn(c.name(), c.type())).toList();
        QueryExecutor.Result r;
        try {
            r = executor.run(q.sql(), q.parameters(), cols, MAX_ROWS, timeout, null);
        } catch (QueryExecutor.QueryTimeoutException e) {
            throw new RuleRunException("queryTimeout", e.getMessage());
        } catch (IllegalStateException e) {
            throw new RuleRunException("queryExecutionFailed", e.getMessage());
        }
        Map<EntityType, List<String>> resolved = mapping.resolve(names);
        int ts = names.indexOf("Timestamp");
        Map<String, List<Object[]>> bySet = new LinkedHashMap<>();
        Map<String, List<Evidence>> evidence = new HashMap<>();
        for (Object[] row : r.rows()) {
            Map<String, Object> values = asMap(names, row);
            List<Evidence> ev = EntityMapping.evidence(resolved, values);
            // Processes describe what happened, not who: rows differing only in command line stay one alert.
            String set = ev.stream().filter(e -> e.type() != EntityType.PROCESS).map(e -> e.type().key() + ":" + e.key()).sorted()
                    .collect(Collectors.joining("|"));
            bySet.computeIfAbsent(set, k -> new ArrayList<>()).add(row);
            List<Evidence> merged = evidence.computeIfAbsent(set, k -> new ArrayList<>());
            for (Evidence e : ev) {
                boolean known = merged.stream().anyMatch(x -> x.type() == e.type() && x.key().equals(e.key()));
                if (!known && (e.type() != EntityType.PROCESS || merged.stream().filter(x -> x.type() == EntityType.PROCESS).count() < 20)) {
                    merged.add(e);
                }
            }
        }
        List<Candidate> out = new ArrayList<>();
        bySet.forEach((set, rows) -> {
            rows.sort(Comparator.comparing(row -> (Instant) row[ts], Comparator.nullsLast(Comparator.naturalOrder())));
            Instant first = (Instant) rows.get(0)[ts];
            Instant last = rows.stream().map(row -> (Instant) row[ts]).filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(first);
            List<String> keys = rows.stream().map(row -> eventKey(names, row)).toList();
            List<Instant> times = rows.stream().map(row -> row[ts] == null ? now : (Instant) row[ts]).toList();
            List<SourceEvent> sources = rows.stream().map(row -> sourceEvent(names, row, now)).toList();
            out.add(new Candidate(set, evidence.get(set), first == null ? now : first, last == null ? now : last, keys, times, sources,
                    asMap(names, rows.get(0)), List.copyOf(rows)));
        });
        out.sort(Comparator.comparing(Candidate::first));
        return new Evaluation(names, r.rows().size(), r.truncated(), out);
    }

    private static CompiledQuery compile(String query, Instant now, Duration lookBack, dev.rampart.kql.BagKeyProbe bagKeys,
                                         FunctionCatalog functions,
                                         java.util.function.Function<dev.rampart.kql.schema.Table, java.util.Optional<dev.rampart.kql.plan.ScopeFilter>> scope) {
        if (query == null || query.isBlank()) {
            throw new RuleRunException("queryExecutionFailed", "The query is empty.");
        }
        try {
            return KqlCompiler.compile(query, CompileOptions.defaults(now).withDefaultWindow(lookBack).withRowLimit(MAX_ROWS + 1L)
                    .withBagKeys(bagKeys).withFunctions(functions).withScope(scope));
        } catch (KqlException e) {
            var d = e.diagnostic();
            throw new RuleRunException("queryExecutionFailed", "Line " + d.span().line() + ", column " + d.span().column() + ": " + d.message());
        }
    }

    private static void requireColumns(CompiledQuery q, List<String> names, EntityMapping mapping) {
        if (!q.additionalResults().isEmpty()) {
            throw new RuleRunException("queryExecutionFailed", "The query must return one table; this one returns "
                    + q.results().size() + " (" + String.join(", ", q.results().stream().map(CompiledQuery::name).toList())
                    + "). Keep the statement, fork branch or facet table the rule is about.");
        }
        boolean timestamp = q.columns().stream().anyMatch(c -> c.name().equals("Timestamp") && c.type() == KqlType.DATETIME);
        if (!timestamp) {
            throw new RuleRunException("queryExecutionFailed", "The query must return a Timestamp column (datetime).");
        }
        List<String> missing = mapping.missing(names);
        if (!missing.isEmpty()) {
            throw new RuleRunException("queryExecutionFailed", "Entity mapping names columns the query does not return: " + String.join(", ", missing));
        }
        Map<EntityType, List<String>> resolved = mapping.resolve(names);
        boolean asset = resolved.containsKey(EntityType.DEVICE) || resolved.containsKey(EntityType.USER) || resolved.containsKey(EntityType.MAILBOX);
        if (!asset) {
            throw new RuleRunException("queryExecutionFailed",
                    "The query must return a column identifying a device, user or mailbox (e.g. DeviceName, AccountUpn, RecipientEmailAddress).");
        }
    }

    private static Map<String, Object> asMap(List<String> names, Object[] row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), row[i]);
        }
        return m;
    }

    /** The row as a source event: its DeviceId and ReportId (or NetworkMessageId for e-mail) where the result has them. */
    static SourceEvent sourceEvent(List<String> names, Object[] row, Instant now) {
        int ts = names.indexOf("Timestamp");
        int dev = names.indexOf("DeviceId");
        int rep = names.indexOf("ReportId");
        if (rep < 0) {
            rep = names.indexOf("NetworkMessageId");
        }
        return new SourceEvent(null, dev >= 0 && row[dev] != null ? row[dev].toString() : null,
                rep >= 0 && row[rep] != null ? row[rep].toString() : null, ts >= 0 && row[ts] instanceof Instant t ? t : now);
    }

    /** Timestamp + DeviceId + ReportId when present (the reference's event-unique key), else the whole row. */
    static String eventKey(List<String> names, Object[] row) {
        List<String> parts = new ArrayList<>();
        for (String k : List.of("Timestamp", "DeviceId", "ReportId", "NetworkMessageId", "RecipientEmailAddress")) {
            int i = names.indexOf(k);
            if (i >= 0) {
                parts.add(k + "=" + row[i]);
            }
        }
        if (parts.size() <= 1) {
            parts.clear();
            for (int i = 0; i < names.size(); i++) {
                parts.add(names.get(i) + "=" + row[i]);
            }
        }
        return String.join("|", parts);
    }
}
