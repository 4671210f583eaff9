package dev.rampart.portal.hunting;

import dev.rampart.kql.BagKeyProbe;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.portal.events.EventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs one compiled hunting statement on the event store in a read-only transaction, with a row cap and a
 * wall-clock timeout that really interrupts DuckDB. The store itself has external (file/network) access
 * disabled, so generated SQL cannot reach outside the hunting tables.
 */
@Component
public class QueryExecutor {
    private final EventStore events;
    private final ObjectMapper json;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hunting-watchdog");
        t.setDaemon(true);
        return t;
    });

    public QueryExecutor(EventStore events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    public record OutputColumn(String name, KqlType type) {
    }

    /** Rows as values in column order; dynamic values are parsed JSON (maps, lists, scalars). */
    public record Result(List<OutputColumn> columns, List<Object[]> rows, boolean truncated, Duration elapsed) {
    }

    /** A run that hit its time limit or was cancelled. */
    public static class QueryTimeoutException extends RuntimeException {
        public QueryTimeoutException(String message) {
            super(message);
        }
    }

    /**
     * @param columns expected output columns (names and KQL types, from the compiler) in SELECT order
     * @param maxRows rows beyond this are not read; {@link Result#truncated()} tells
     */
    public Result run(String sql, List<Object> parameters, List<OutputColumn> columns, int maxRows, Duration timeout,
                      CancelHandle cancel) {
        long t0 = System.nanoTime();
        AtomicBoolean timedOut = new AtomicBoolean();
        try (Connection c = events.openReadConnection()) {
            try (Statement st = c.createStatement()) {
                st.execute("BEGIN TRANSACTION READ ONLY");
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    ps.setObject(i + 1, bindable(parameters.get(i)));
                }
                ScheduledFuture<?> timer = watchdog.schedule(() -> {
                    timedOut.set(true);
                    cancelQuietly(ps);
                }, timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (cancel != null) {
                    cancel.attach(() -> cancelQuietly(ps));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<Object[]> rows = new ArrayList<>();
                    int width = columns.size();
                    boolean truncated = false;
                    while (rs.next()) {
                        if (rows.size() == maxRows) {
                            truncated = true;
                            break;
                        }
                        Object[] row = new Object[width];
                        for (int i = 0; i < width; i++) {
                            row[i] = value(rs, i + 1, columns.get(i).type());
                        }
                        rows.add(row);
                    }
                    return new Result(columns, rows, truncated, Duration.ofNanos(System.nanoTime() - t0));
                } finally {
                    timer.cancel(false);
                    if (cancel != null) {
                        cancel.attach(null);
                    }
                }
            } finally {
                try (Statement st = c.createStatement()) {
                    st.execute("ROLLBACK");
                } catch (SQLException ignored) {
                    // the connection is discarded anyway
                }
            }
        } catch (SQLException e) {
            if (timedOut.get()) {
                throw new QueryTimeoutException("Query exceeded the timeout period (" + timeout.toSeconds() + " s).");
            }
            if (cancel != null && cancel.isCancelled()) {
                throw new QueryTimeoutException("Query was cancelled.");
            }
            throw new IllegalStateException("The event store could not run the query: " + firstLine(e.getMessage()), e);
        }
    }

    private static final List<OutputColumn> KEY_COLUMNS = List.of(new OutputColumn("key", KqlType.STRING), new OutputColumn("type", KqlType.STRING));

    /**
     * The compiler's bag-key probe (bag_unpack without an output schema) on the event store, run as queries run:
     * read-only, cancellable, within {@code timeout}. Its statement comes from the query's own plan, row scope
     * included, so it reads only rows the query may read.
     */
    public BagKeyProbe bagKeys(Duration timeout, CancelHandle cancel) {
        return (sql, parameters) -> {
            Result r;
            try {
                // The statement limits its own rows; reading them all keeps the compiler's key limit check exact.
                r = run(sql, parameters, KEY_COLUMNS, Integer.MAX_VALUE, timeout, cancel);
            } catch (QueryTimeoutException e) {
                if (cancel != null && cancel.isCancelled()) {
                    throw e;
                }
                throw new QueryTimeoutException("The columns bag_unpack or pivot take from the data could not be read within " + timeout.toSeconds()
                        + " s; declare the output columns instead: evaluate bag_unpack(column) : (Name:type, ...).");
            }
            return r.rows().stream().map(row -> new BagKeyProbe.Key((String) row[0], (String) row[1])).toList();
        };
    }

    private static Object bindable(Object p) {
        if (p instanceof Instant i) {
            return Timestamp.valueOf(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
        }
        if (p instanceof OffsetDateTime o) {
            return Timestamp.valueOf(o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
        }
        return p;
    }

    private Object value(ResultSet rs, int idx, KqlType type) throws SQLException {
        switch (type) {
            case DATETIME -> {
                Object o = rs.getObject(idx);
                if (o == null) {
                    return null;
                }
                if (o instanceof Timestamp ts) {
                    return ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
                }
                if (o instanceof LocalDateTime l) {
                    return l.toInstant(ZoneOffset.UTC);
                }
                if (o instanceof OffsetDateTime odt) {
                    return odt.toInstant();
                }
                return o.toString();
            }
            case DYNAMIC -> {
                String s = rs.getString(idx);
                if (s == null) {
                    return null;
                }
                try {
                    return json.readValue(s, Object.class);
                } catch (RuntimeException notJson) {
                    return s;
                }
            }
            case LONG -> {
                long v = rs.getLong(idx);
                return rs.wasNull() ? null : v;
            }
            case INT -> {
                int v = rs.getInt(idx);
                return rs.wasNull() ? null : v;
            }
            case REAL -> {
                double v = rs.getDouble(idx);
                return rs.wasNull() ? null : v;
            }
            case BOOL -> {
                boolean v = rs.getBoolean(idx);
                return rs.wasNull() ? null : v;
            }
            case TIMESPAN, GUID, STRING, DECIMAL -> {
                Object o = rs.getObject(idx);
                return o == null ? null : o instanceof Number n && type == KqlType.DECIMAL ? n : o.toString();
            }
        }
        return rs.getObject(idx);
    }

    private static void cancelQuietly(Statement st) {
        try {
            st.cancel();
        } catch (SQLException ignored) {
            // already finished
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
