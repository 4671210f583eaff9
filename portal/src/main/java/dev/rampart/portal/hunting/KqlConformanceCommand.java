package dev.rampart.portal.hunting;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.conformance.Conformance;
import dev.rampart.kql.conformance.ConformanceCase;
import dev.rampart.portal.cli.Command;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.hunting.QueryExecutor.OutputColumn;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code kql-conformance FILE.jsonl [--summary]}: runs self-contained reference cases ({id, query, columns, rows,
 * order_insensitive...}) through the compiler and the event store's query path (the one the hunting page uses, so
 * values come back as users see them) and compares with the expected tables. Lists each failure with expected vs
 * actual (unless {@code --summary}), the reasons by count, and last {@code conformance: passed X/N}.
 */
@Component
class KqlConformanceCommand implements Command {
    private static final int MAX_ROWS = 10_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final QueryExecutor executor;
    private final EventStore events;

    KqlConformanceCommand(QueryExecutor executor, EventStore events) {
        this.executor = executor;
        this.events = events;
    }

    @Override
    public String name() {
        return "kql-conformance";
    }

    @Override
    public String usage() {
        return "FILE.jsonl [--summary]  run reference cases with expected output and compare the results";
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        Path file = null;
        boolean summary = false;
        for (String a : args) {
            if (a.equals("--summary")) {
                summary = true;
            } else if (a.startsWith("-") || file != null) {
                out.println("kql-conformance: unexpected argument " + a + "; usage: kql-conformance " + usage());
                return 2;
            } else {
                file = Path.of(a);
            }
        }
        if (file == null || !Files.isRegularFile(file)) {
            out.println("kql-conformance: " + (file == null ? "no FILE given" : "no file " + file) + "; usage: kql-conformance " + usage());
            return 2;
        }
        List<ConformanceCase> cases;
        try {
            cases = ConformanceCase.read(file);
        } catch (IOException e) {
            out.println("kql-conformance: " + e.getMessage());
            return 2;
        }
        // No time window: the cases read datatable/print/range, not the hunting tables.
        CompileOptions options = CompileOptions.defaults(Instant.now()).withSchema(events.schema())
                .withDefaultWindow(null).withRowLimit(MAX_ROWS + 1L).withBagKeys(executor.bagKeys(TIMEOUT, null));
        Conformance.Report report = Conformance.run(cases, options, q -> {
            List<OutputColumn> cols = q.columns().stream().map(c -> new OutputColumn(c.name(), c.type())).toList();
            QueryExecutor.Result r = executor.run(q.sql(), q.parameters(), cols, MAX_ROWS, TIMEOUT, null);
            return r.rows().stream().map(row -> Arrays.asList(row)).toList();
        });
        report.print(out, !summary);
        return 0;
    }
}
