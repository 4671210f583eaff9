package dev.rampart.portal.sigma;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.CompiledQuery;
import dev.rampart.kql.KqlCompiler;
import dev.rampart.portal.core.RampartProperties;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.hunting.QueryExecutor;
import dev.rampart.portal.ingest.format.EventFormat;
import dev.rampart.portal.ingest.format.FormatIngestor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * A throw-away event store in a temporary directory on which harnesses ingest events and run compiled rules the
 * way the detection engine will: {@link KqlCompiler} then {@link QueryExecutor}, with no time window.
 */
final class RuleRunner implements AutoCloseable {
    static final List<String> TABLES = List.of("DeviceProcessEvents", "DeviceNetworkEvents", "DeviceFileEvents", "DeviceRegistryEvents",
            "DeviceImageLoadEvents", "DeviceEvents", "DeviceLogonEvents", "IdentityLogonEvents", "IdentityDirectoryEvents");

    private final Path dir;
    private final EventStore store;
    private final QueryExecutor executor;

    RuleRunner(RampartProperties template) throws Exception {
        dir = Files.createTempDirectory("rampart-sigma-harness");
        store = new EventStore(new RampartProperties(dir, template.retentionDays(), template.duckdbMemory(), template.duckdbThreads(),
                template.ingestMaxBytes()));
        executor = new QueryExecutor(store, JsonMapper.builder().build());
    }

    void clear() {
        store.write(session -> {
            try (Statement st = session.connection().createStatement()) {
                for (String t : TABLES) {
                    st.execute("DELETE FROM " + t);
                }
            }
            return null;
        });
    }

    FormatIngestor.Result ingest(EventFormat format, InputStream in) {
        return new FormatIngestor(store).ingest(format, in, null, FormatIngestor.Progress.NONE);
    }

    /** Rows the rule's query returns (up to {@code max}). */
    int matches(String kql, int max) {
        CompiledQuery q = KqlCompiler.compile(kql, CompileOptions.defaults(Instant.now()).withDefaultWindow(null).withRowLimit(max));
        List<QueryExecutor.OutputColumn> cols = q.columns().stream().map(c -> new QueryExecutor.OutputColumn(c.name(), c.type())).toList();
        return executor.run(q.sql(), q.parameters(), cols, max, Duration.ofSeconds(30), null).rows().size();
    }

    @Override
    public void close() throws Exception {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
