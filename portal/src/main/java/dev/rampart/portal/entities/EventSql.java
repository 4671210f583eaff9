package dev.rampart.portal.entities;

import dev.rampart.portal.events.EventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Read-only SQL over the event store for entity pages: statements are fixed text with bind parameters only,
 * run on a fresh read connection that is closed afterwards.
 */
@Component
public class EventSql {
    private final EventStore store;

    EventSql(EventStore store) {
        this.store = store;
    }

    /** One result row; values as JDBC returns them, timestamps as {@link Instant}. */
    public record Row(Object[] values) {
        public String str(int i) {
            Object v = values[i];
            return v == null ? null : v.toString();
        }

        public long num(int i) {
            Object v = values[i];
            return v instanceof Number n ? n.longValue() : 0L;
        }

        public Instant time(int i) {
            return values[i] instanceof Instant t ? t : null;
        }
    }

    public List<Row> rows(String sql, Object... params) {
        List<Row> out = new ArrayList<>();
        each(sql, out::add, params);
        return out;
    }

    /** Hands each row to {@code sink} as it is read, for results too large to hold (exports). */
    public void each(String sql, java.util.function.Consumer<Row> sink, Object... params) {
        try (Connection c = store.openReadConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                ps.setObject(i + 1, p instanceof Instant t ? java.time.LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC) : p);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] v = new Object[n];
                    for (int i = 0; i < n; i++) {
                        // Event times are stored as UTC wall-clock TIMESTAMPs: read them as such, whatever the JVM zone.
                        if (rs.getMetaData().getColumnType(i + 1) == java.sql.Types.TIMESTAMP) {
                            java.time.LocalDateTime l = rs.getObject(i + 1, java.time.LocalDateTime.class);
                            v[i] = l == null ? null : l.toInstant(java.time.ZoneOffset.UTC);
                        } else {
                            v[i] = rs.getObject(i + 1);
                        }
                    }
                    sink.accept(new Row(v));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("event store query failed: " + e.getMessage(), e);
        }
    }

    public java.util.Optional<Row> first(String sql, Object... params) {
        List<Row> r = rows(sql, params);
        return r.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(r.get(0));
    }

    public long count(String sql, Object... params) {
        return first(sql, params).map(r -> r.num(0)).orElse(0L);
    }
}
