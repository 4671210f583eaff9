package dev.rampart.portal.events;

import dev.rampart.kql.schema.Column;
import dev.rampart.kql.schema.HuntingSchema;
import dev.rampart.kql.schema.Schema;
import dev.rampart.kql.schema.Table;
import dev.rampart.kql.udf.JavaFunctions;
import dev.rampart.portal.core.RampartProperties;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The embedded DuckDB event store holding every hunting table under its own name.
 *
 * <p>One database file per process (DuckDB allows a single writer process). Reads use duplicated
 * connections and run concurrently; writes are serialised and each {@link #write} call is one
 * transaction: when it returns the rows are committed to the write-ahead log on disk.
 */
@Component
public class EventStore {
    private static final Logger log = LoggerFactory.getLogger(EventStore.class);

    private final Schema schema;
    private final DuckDBConnection root;
    private final ReentrantLock writeLock = new ReentrantLock();

    private final java.util.concurrent.atomic.AtomicInteger bulkLoads = new java.util.concurrent.atomic.AtomicInteger();

    public EventStore(RampartProperties props) {
        this.schema = HuntingSchema.get();
        try {
            Files.createDirectories(props.dataDir());
            Class.forName("org.duckdb.DuckDBDriver");
            this.root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + props.eventStoreFile().toAbsolutePath());
            try (Statement st = root.createStatement()) {
                st.execute("SET memory_limit='" + props.duckdbMemory().replace("'", "") + "'");
                if (props.duckdbThreads() > 0) {
                    st.execute("SET threads=" + props.duckdbThreads());
                }
                st.execute("SET temp_directory='" + props.dataDir().resolve("duckdb.tmp").toAbsolutePath().toString().replace("'", "''") + "'");
            }
            createTables();
            JavaFunctions.register(root);
            lockDown();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot open event store " + props.eventStoreFile() + ": " + e.getMessage(), e);
        }
        log.info("Event store {} ready with {} tables", props.eventStoreFile(), schema.size());
    }

    private void createTables() throws SQLException {
        try (Statement st = root.createStatement()) {
            for (Table t : schema.tables()) {
                StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(DuckDbTypes.quote(t.name())).append(" (");
                for (int i = 0; i < t.columns().size(); i++) {
                    Column c = t.columns().get(i);
                    ddl.append(i == 0 ? "" : ", ").append(DuckDbTypes.quote(c.name())).append(' ').append(DuckDbTypes.sqlType(c.type()));
                }
                st.execute(ddl.append(')').toString());
            }
        }
    }

    /**
     * Hunting SQL runs on connections of this database, so the database itself refuses file and network access
     * (read_csv, COPY, ATTACH, extensions) and any later change of settings. Both are one-way for the process.
     */
    private void lockDown() throws SQLException {
        try (Statement st = root.createStatement()) {
            st.execute("SET enable_external_access=false");
            st.execute("SET lock_configuration=true");
        }
    }

    /**
     * Runs a load of many events at once (the demo organisation). Scheduled detections wait while one runs: a rule's
     * first run looks back 30 days once, and run in the middle of a load it would look at half the data and then
     * never again at the rest.
     */
    public <T> T bulkLoad(java.util.function.Supplier<T> load) {
        bulkLoads.incrementAndGet();
        try {
            return load.get();
        } finally {
            bulkLoads.decrementAndGet();
        }
    }

    /** Whether a {@link #bulkLoad} is under way. */
    public boolean bulkLoading() {
        return bulkLoads.get() > 0;
    }

    public Schema schema() {
        return schema;
    }

    /** @throws NoSuchElementException if no hunting table has this exact name */
    public Table table(String name) {
        return schema.table(name).orElseThrow(() -> new NoSuchElementException("unknown table " + name));
    }

    /** A new connection sharing the database, for reading; the caller closes it. */
    public Connection openReadConnection() {
        try {
            return root.duplicate();
        } catch (SQLException e) {
            throw new IllegalStateException("event store unavailable: " + e.getMessage(), e);
        }
    }

    /** Work done inside one write transaction. */
    @FunctionalInterface
    public interface WriteWork<T> {
        T run(WriteSession session) throws Exception;
    }

    /** What a write transaction can do: append rows through per-table appenders, or run SQL. */
    public interface WriteSession {
        TableAppender appender(String table) throws SQLException;

        Connection connection();
    }

    /**
     * Runs {@code work} in one transaction and commits it, or rolls everything back if it throws.
     * Writers are serialised; the appender runs inside an explicit transaction because in auto-commit
     * DuckDB commits (and checkpoints) every 2048-row chunk, which is several times slower.
     */
    public <T> T write(WriteWork<T> work) {
        writeLock.lock();
        try (DuckDBConnection conn = (DuckDBConnection) root.duplicate()) {
            Map<String, TableAppender> appenders = new LinkedHashMap<>();
            try (Statement st = conn.createStatement()) {
                st.execute("BEGIN TRANSACTION");
            }
            try {
                T result = work.run(new WriteSession() {
                    @Override
                    public TableAppender appender(String name) throws SQLException {
                        TableAppender a = appenders.get(name);
                        if (a == null) {
                            Table t = table(name);
                            a = new TableAppender(t, conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, t.name()));
                            appenders.put(name, a);
                        }
                        return a;
                    }

                    @Override
                    public Connection connection() {
                        return conn;
                    }
                });
                for (TableAppender a : appenders.values()) {
                    a.flushAndClose();
                }
                try (Statement st = conn.createStatement()) {
                    st.execute("COMMIT");
                }
                return result;
            } catch (Exception e) {
                // An open appender still holds up to one chunk of rows and flushes it when the connection closes,
                // which after ROLLBACK would be in auto-commit: close appenders first so those rows are rolled back too.
                for (TableAppender a : appenders.values()) {
                    try {
                        a.flushAndClose();
                    } catch (SQLException | RuntimeException closeFailure) {
                        e.addSuppressed(closeFailure);
                    }
                }
                try (Statement st = conn.createStatement()) {
                    st.execute("ROLLBACK");
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                if (e instanceof RuntimeException re) {
                    throw re;
                }
                throw new EventStoreException("write failed: " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new EventStoreException("write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Row count of every hunting table, in schema order. */
    public Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = openReadConnection(); Statement st = c.createStatement()) {
            for (Table t : schema.tables()) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + DuckDbTypes.quote(t.name()))) {
                    rs.next();
                    counts.put(t.name(), rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new EventStoreException("cannot count rows: " + e.getMessage(), e);
        }
        return counts;
    }

    /** Writes the WAL into the database file; called after bulk loads and at shutdown. */
    public void checkpoint() {
        writeLock.lock();
        try (Statement st = root.createStatement()) {
            st.execute("CHECKPOINT");
        } catch (SQLException e) {
            log.warn("checkpoint failed: {}", e.getMessage());
        } finally {
            writeLock.unlock();
        }
    }

    /** Checkpoints and closes the database; the store is unusable afterwards (Spring calls this at shutdown). */
    @PreDestroy
    public void close() {
        checkpoint();
        try {
            root.close();
        } catch (SQLException e) {
            log.warn("closing event store: {}", e.getMessage());
        }
    }
}
