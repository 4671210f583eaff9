package dev.rampart.portal.events;

import dev.rampart.kql.schema.Column;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.kql.schema.Table;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.core.RampartProperties;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Deletes events older than {@code rampart.retention-days} from every table with a datetime {@code Timestamp}
 * column, after writing them to the {@link EventArchive} when it is on. Tables without one (inventories, knowledge bases, exposure graph snapshots) are state, not a
 * stream of events, and are kept. Each table is purged in its own transaction; every table that lost rows
 * gets an audit entry.
 */
@Service
public class RetentionService {
    private static final Logger log = LoggerFactory.getLogger(RetentionService.class);
    private static final String TIME_COLUMN = "Timestamp";

    private final EventStore store;
    private final AuditLog audit;
    private final int retentionDays;
    private final Clock clock;
    private final EventArchive archive;

    @Autowired
    RetentionService(EventStore store, AuditLog audit, RampartProperties props, EventArchive archive) {
        this(store, audit, props.retentionDays(), Clock.systemUTC(), archive);
    }

    RetentionService(EventStore store, AuditLog audit, int retentionDays, Clock clock, EventArchive archive) {
        this.archive = archive;
        this.store = store;
        this.audit = audit;
        this.retentionDays = retentionDays;
        this.clock = clock;
    }

    private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    /** Deletes rows of {@code t} with {@code from <= Timestamp < to} ({@code from} null: no lower bound). */
    private static long delete(EventStore.WriteSession session, Table t, LocalDateTime from, LocalDateTime to) throws java.sql.SQLException {
        try (PreparedStatement ps = session.connection().prepareStatement("DELETE FROM " + DuckDbTypes.quote(t.name()) + " WHERE "
                + (from == null ? "" : DuckDbTypes.quote(TIME_COLUMN) + " >= ? AND ") + DuckDbTypes.quote(TIME_COLUMN) + " < ?")) {
            int i = 1;
            if (from != null) {
                ps.setObject(i++, from);
            }
            ps.setObject(i, to);
            return ps.executeUpdate();
        }
    }

    public int retentionDays() {
        return retentionDays;
    }

    /** Whether {@link #purgeExpired()} ages out rows of this table. */
    public boolean covers(Table table) {
        return table.column(TIME_COLUMN).map(Column::type).orElse(null) == KqlType.DATETIME;
    }

    public List<Table> coveredTables() {
        return store.schema().tables().stream().filter(this::covers).toList();
    }

    /** Deletes events older than the retention period; returns rows deleted per table (tables with none omitted). */
    public Map<String, Long> purgeExpired() {
        return purgeOlderThan(clock.instant().minus(Duration.ofDays(retentionDays)));
    }

    /** Deletes events whose {@code Timestamp} is before {@code cutoff}; returns rows deleted per table (tables with none omitted). */
    public Map<String, Long> purgeOlderThan(Instant cutoff) {
        LocalDateTime utcCutoff = LocalDateTime.ofInstant(cutoff, ZoneOffset.UTC);
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (Table t : coveredTables()) {
            long n = 0;
            long archived = 0;
            if (archive != null && archive.enabled()) {
                // One event day per transaction: the write lock is held for one day's file, not a table's whole backlog.
                List<java.time.LocalDate> days = store.write(session -> archive.days(session.connection(), t, utcCutoff));
                for (java.time.LocalDate day : days) {
                    long[] counts = store.write(session -> {
                        long written = archive.archive(session.connection(), t, day, utcCutoff);
                        return new long[] {written, delete(session, t, day.atStartOfDay(), min(day.plusDays(1).atStartOfDay(), utcCutoff))};
                    });
                    archived += counts[0];
                    n += counts[1];
                }
            } else {
                n = store.write(session -> delete(session, t, null, utcCutoff));
            }
            if (n > 0) {
                deleted.put(t.name(), n);
                log.info("Retention: deleted {} events older than {} from {}", n, cutoff, t.name());
                audit.recordAs("system", "events.retention.delete", "table", t.name(),
                        n + " events older than " + cutoff + " deleted (retention " + retentionDays + " days)"
                                + (archive != null && archive.enabled() ? "; " + archived + " archived in " + archive.directory().resolve(t.name()) : ""));
            }
        }
        if (!deleted.isEmpty()) {
            store.checkpoint();
        }
        return deleted;
    }
}
