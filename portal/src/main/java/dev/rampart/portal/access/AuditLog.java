package dev.rampart.portal.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Append-only record of every change: who, what, on which target, when. There is deliberately no update or
 * delete. Callers must never put secrets (passwords, tokens) into {@code details}.
 * <p>Tamper-evident: entries form a SHA-256 hash chain (see {@link AuditChain}); {@link #verify()} reports the
 * first entry whose link or content no longer matches.
 */
@Service
public class AuditLog {
    private static final String COLUMNS = "id, occurred_at, actor, action, target_type, target_id, details";

    private final JdbcClient jdbc;

    private final AuditChain chain;

    private final JdbcTemplate batch;

    public AuditLog(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.chain = new AuditChain(jdbc);
    }

    /** Seals entries written before the chain existed (called once at start-up). */
    @Transactional
    public void sealUnchained() {
        chain.sealUnchained();
    }

    public record Entry(long id, OffsetDateTime occurredAt, String actor, String action, String targetType,
                        String targetId, String details) {
    }

    /**
     * Which entries to show; every part is optional (null or blank = any). {@code actor} matches case-insensitively
     * anywhere in the actor name, {@code action} and {@code targetType} match exactly, {@code from} is inclusive
     * and {@code to} exclusive.
     */
    public record Filter(String actor, String action, String targetType, OffsetDateTime from, OffsetDateTime to) {
        public static final Filter ALL = new Filter(null, null, null, null, null);

        private String where(List<Object> params) {
            List<String> parts = new ArrayList<>();
            if (actor != null && !actor.isBlank()) {
                parts.add("LOWER(actor) LIKE ? ESCAPE '\\'");
                params.add("%" + actor.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
            if (action != null && !action.isBlank()) {
                parts.add("action = ?");
                params.add(action.strip());
            }
            if (targetType != null && !targetType.isBlank()) {
                parts.add("target_type = ?");
                params.add(targetType.strip());
            }
            if (from != null) {
                parts.add("occurred_at >= ?");
                params.add(from);
            }
            if (to != null) {
                parts.add("occurred_at < ?");
                params.add(to);
            }
            return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
        }
    }

    /** One page of entries, newest first, with the total matching the filter. {@code page} counts from 1. */
    public record Page(List<Entry> entries, long total, int page, int pageSize) {
        public int pageCount() {
            return (int) Math.max(1, (total + pageSize - 1) / pageSize);
        }

        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return page < pageCount();
        }

        public long firstRow() {
            return entries.isEmpty() ? 0 : (long) (page - 1) * pageSize + 1;
        }

        public long lastRow() {
            return entries.isEmpty() ? 0 : firstRow() + entries.size() - 1;
        }
    }

    /** Records a change made by the current principal (or {@code system} outside a request). */
    @Transactional
    public void record(String action, String targetType, String targetId, String details) {
        recordAs(currentActor(), action, targetType, targetId, details);
    }

    @Transactional
    public void recordAs(String actor, String action, String targetType, String targetId, String details) {
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        String d = details == null ? null : details.length() > 4000 ? details.substring(0, 4000) : details;
        // The head row lock serialises writers (across portal nodes too), so ids follow chain order.
        String prev = chain.lockHead();
        String hash = AuditChain.hash(prev, at, actor, action, targetType, targetId, d);
        jdbc.sql("INSERT INTO audit_event (occurred_at, actor, action, target_type, target_id, details, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(at, actor, action, targetType, targetId, d, prev, hash)
                .update();
        chain.setHead(hash);
    }

    /** One entry of {@link #recordAllAs}. */
    public record Change(String actor, String action, String targetType, String targetId, String details) {
    }

    /**
     * Records several changes as consecutive entries of the chain, taking the head lock once: for services that
     * change many objects in one transaction (alert correlation), where a lock round trip per entry would dominate.
     */
    @Transactional
    public void recordAllAs(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        String prev = chain.lockHead();
        List<Object[]> rows = new ArrayList<>(changes.size());
        for (Change c : changes) {
            String d = c.details() == null ? null : c.details().length() > 4000 ? c.details().substring(0, 4000) : c.details();
            String hash = AuditChain.hash(prev, at, c.actor(), c.action(), c.targetType(), c.targetId(), d);
            rows.add(new Object[] {at, c.actor(), c.action(), c.targetType(), c.targetId(), d, prev, hash});
            prev = hash;
        }
        batch.batchUpdate("INSERT INTO audit_event (occurred_at, actor, action, target_type, target_id, details, prev_hash, entry_hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
        chain.setHead(prev);
    }

    /** Checks the whole chain, oldest first; see {@link AuditChain.Verification}. */
    public AuditChain.Verification verify() {
        return chain.verify();
    }

    public List<Entry> recent(int limit, int offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_event ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(limit, offset)
                .query((rs, n) -> entry(rs))
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM audit_event").query(Long.class).single();
    }

    /** The page of entries matching {@code filter}, newest first; a page past the end is clamped to the last one. */
    public Page search(Filter filter, int page, int pageSize) {
        List<Object> params = new ArrayList<>();
        String where = filter.where(params);
        long total = jdbc.sql("SELECT count(*) FROM audit_event" + where).params(params).query(Long.class).single();
        int pages = (int) Math.max(1, (total + pageSize - 1) / pageSize);
        int p = Math.min(Math.max(1, page), pages);
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(pageSize);
        pageParams.add((long) (p - 1) * pageSize);
        List<Entry> rows = jdbc.sql("SELECT " + COLUMNS + " FROM audit_event" + where + " ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(pageParams).query((rs, n) -> entry(rs)).list();
        return new Page(rows, total, p, pageSize);
    }

    /** Streams every entry matching {@code filter}, newest first, without holding them all in memory. */
    public void forEach(Filter filter, Consumer<Entry> sink) {
        List<Object> params = new ArrayList<>();
        String where = filter.where(params);
        jdbc.sql("SELECT " + COLUMNS + " FROM audit_event" + where + " ORDER BY id DESC")
                .params(params).query(rs -> {
                    sink.accept(entry(rs));
                });
    }

    /** Distinct action names present, sorted, for filter pick lists. */
    public List<String> actions() {
        return jdbc.sql("SELECT DISTINCT action FROM audit_event ORDER BY action").query(String.class).list();
    }

    /** Distinct target types present, sorted. */
    public List<String> targetTypes() {
        return jdbc.sql("SELECT DISTINCT target_type FROM audit_event ORDER BY target_type").query(String.class).list();
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7));
    }

    /** The name changes are recorded under: the signed-in principal, or {@code system} outside a request. */
    public static String currentActor() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a == null || !a.isAuthenticated() ? "system" : a.getName();
    }
}
