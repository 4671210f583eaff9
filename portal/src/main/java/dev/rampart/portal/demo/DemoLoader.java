package dev.rampart.portal.demo;

import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.events.TableAppender;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Loads the simulated organisation into the event store and its attack ground truth into the state database.
 * Rows go through the DuckDB appender in transactions of about a million rows (the appender is only fast inside
 * one transaction); progress is logged per phase.
 */
@Service
public class DemoLoader implements dev.rampart.portal.web.StatusBanner {
    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
    private static final long ROWS_PER_TRANSACTION = 1_000_000;

    private final EventStore store;
    private final DemoGroundTruth groundTruth;
    private final AuditLog audit;

    private final java.util.concurrent.atomic.AtomicInteger loading = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public Optional<String> banner() {
        return loading.get() > 0 ? Optional.of("The demo organisation is loading (about a minute on first start): lists, reports and cards fill in as "
                + "its events arrive.") : Optional.empty();
    }

    private final org.springframework.beans.factory.ObjectProvider<dev.rampart.portal.exposure.ExposureGraphService> exposure;

    public DemoLoader(EventStore store, DemoGroundTruth groundTruth, AuditLog audit,
                      org.springframework.beans.factory.ObjectProvider<dev.rampart.portal.exposure.ExposureGraphService> exposure) {
        this.store = store;
        this.groundTruth = groundTruth;
        this.audit = audit;
        this.exposure = exposure;
    }

    /** True when no hunting table holds a row. */
    public boolean storeIsEmpty() {
        return store.rowCounts().values().stream().allMatch(n -> n == 0);
    }

    /** Loads the demo only into an empty event store; otherwise logs that it skips and returns empty. */
    public Optional<DemoSummary> loadIfEmpty(DemoOptions options) {
        if (!storeIsEmpty()) {
            log.info("demo: the event store already holds events; skipping the demo organisation");
            return Optional.empty();
        }
        return Optional.of(load(options));
    }

    /** Appends the demo organisation's events to the store whatever it already holds, and records the ground truth. */
    public DemoSummary load(DemoOptions options) {
        loading.incrementAndGet();
        try {
            DemoSummary summary = store.bulkLoad(() -> loadNow(options));
            // The scheduled rebuild skips bulk loads; without this the new organisation would have no graph for minutes.
            exposure.ifAvailable(g -> {
                try {
                    var s = g.rebuildAfterLoad();
                    log.info("demo: exposure graph {} nodes, {} edges, {} attack paths", s.graph().nodes().size(), s.graph().edges().size(), s.paths().size());
                } catch (RuntimeException e) {
                    log.warn("demo: building the exposure graph failed: {}", e.getMessage());
                }
            });
            return summary;
        } finally {
            loading.decrementAndGet();
        }
    }

    private DemoSummary loadNow(DemoOptions options) {
        long t0 = System.nanoTime();
        DemoGenerator gen = new DemoGenerator(store.schema(), options);
        DemoOrganisation org = gen.organisation();
        log.info("demo: generating {} ({} devices, {} accounts, {} days from {} to {}, seed {})", org.scale().name().toLowerCase(),
                org.devices().size(), org.users().size(), gen.days(), options.start(), options.end(), options.seed());
        long[] counts = new long[gen.shapes().all().size()];
        store.write(session -> {
            gen.software(new StoreSink(session, counts));
            return null;
        });
        log.info("demo: software inventory 100% ({} rows)", total(counts));
        int[] day = {0};
        while (day[0] < gen.days()) {
            store.write(session -> {
                StoreSink sink = new StoreSink(session, counts);
                while (day[0] < gen.days() && sink.rows < ROWS_PER_TRANSACTION) {
                    gen.day(day[0]++, sink);
                    long total = total(counts);
                    double secs = Math.max(0.001, (System.nanoTime() - t0) / 1e9);
                    log.info("demo: telemetry {}% (day {}/{}, {} events, {} events/s)", day[0] * 100 / gen.days(), day[0], gen.days(),
                            total, (long) (total / secs));
                }
                return null;
            });
        }
        List<DemoAttack> attacks = store.write(session -> gen.attacks(new StoreSink(session, counts)));
        log.info("demo: attacks 100% ({} scenarios, {} steps)", attacks.size(), attacks.stream().mapToInt(a -> a.steps().size()).sum());
        store.checkpoint();
        Map<String, Long> perTable = new LinkedHashMap<>();
        for (Shape s : gen.shapes().all()) {
            perTable.put(s.name, counts[s.index]);
        }
        DemoSummary summary = new DemoSummary(options, perTable, org.devices().size(), org.users().size(), attacks.size(),
                Duration.ofNanos(System.nanoTime() - t0));
        long runId = groundTruth.record(options, summary.events(), summary.devices(), summary.users(), attacks);
        audit.recordAs("system", "demo.load", "demo_run", String.valueOf(runId), summary.line());
        log.info(summary.line());
        return summary;
    }

    private static long total(long[] counts) {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** Appends rows through one transaction's appenders, one per table, looked up by the table's dense index. */
    private static final class StoreSink implements RowSink {
        private final EventStore.WriteSession session;
        private final long[] counts;
        private final TableAppender[] appenders;
        long rows;

        StoreSink(EventStore.WriteSession session, long[] counts) {
            this.session = session;
            this.counts = counts;
            this.appenders = new TableAppender[counts.length];
        }

        @Override
        public void accept(Shape table, Object[] row) {
            try {
                TableAppender a = appenders[table.index];
                if (a == null) {
                    a = session.appender(table.name);
                    appenders[table.index] = a;
                }
                a.append(row);
            } catch (SQLException e) {
                throw new IllegalStateException("demo: cannot append to " + table.name + ": " + e.getMessage(), e);
            }
            counts[table.index]++;
            rows++;
        }
    }
}
