package dev.rampart.portal.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit trail's SHA-256 hash chain. Each entry's hash covers the previous entry's hash and every field of the
 * entry (length-prefixed, so no two different entries serialise alike); the newest hash is kept as the head in
 * {@code app_setting}. Editing, deleting or inserting an entry in the database breaks the chain at that entry;
 * dropping the newest entries breaks the head.
 */
public final class AuditChain {
    static final String GENESIS = "0".repeat(64);
    private static final String HEAD = "audit.chain.head";

    private final JdbcClient jdbc;

    AuditChain(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Outcome of a verification: how many entries were checked and, when broken, the first bad entry id (null
     * when only the head is wrong) and why.
     */
    public record Verification(boolean intact, long checked, Long firstBrokenId, String reason) {
    }

    static String hash(String prev, OffsetDateTime at, String actor, String action, String targetType, String targetId, String details) {
        StringBuilder b = new StringBuilder();
        for (String f : new String[] {prev, at.toInstant().truncatedTo(ChronoUnit.MILLIS).toString(), actor, action, targetType, targetId, details}) {
            b.append(f == null ? -1 : f.length()).append(':').append(f == null ? "" : f).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Locks the head row for the caller's transaction and returns the current head hash. The head row is created
     * only when the lock finds none: every audited change passes here, and the insert-if-missing was a statement each.
     * The lock is taken by an update rather than {@code SELECT ... FOR UPDATE}, which H2 parses again on every call.
     */
    String lockHead() {
        int locked = jdbc.sql("UPDATE app_setting SET updated_at = ? WHERE name = ?").params(OffsetDateTime.now(ZoneOffset.UTC), HEAD).update();
        if (locked == 0) {
            jdbc.sql("MERGE INTO app_setting t USING (VALUES (?, ?)) s(name, v) ON t.name = s.name "
                    + "WHEN NOT MATCHED THEN INSERT (name, setting_value, updated_at) VALUES (s.name, s.v, CURRENT_TIMESTAMP)").params(HEAD, GENESIS).update();
            jdbc.sql("UPDATE app_setting SET updated_at = ? WHERE name = ?").params(OffsetDateTime.now(ZoneOffset.UTC), HEAD).update();
        }
        return jdbc.sql("SELECT setting_value FROM app_setting WHERE name = ?").param(HEAD).query(String.class).single();
    }

    void setHead(String hash) {
        jdbc.sql("UPDATE app_setting SET setting_value = ?, updated_at = ? WHERE name = ?").params(hash, OffsetDateTime.now(ZoneOffset.UTC), HEAD).update();
    }

    /** Chains entries that have no hash yet, in id order, only while no chain head exists (the pre-chain history). */
    void sealUnchained() {
        boolean headExists = jdbc.sql("SELECT count(*) FROM app_setting WHERE name = ?").param(HEAD).query(Long.class).single() > 0;
        if (headExists) {
            return;
        }
        String prev = lockHead();
        for (Object[] r : jdbc.sql("SELECT id, occurred_at, actor, action, target_type, target_id, details FROM audit_event ORDER BY id")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)}).list()) {
            String h = hash(prev, (OffsetDateTime) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6]);
            jdbc.sql("UPDATE audit_event SET prev_hash = ?, entry_hash = ? WHERE id = ?").params(prev, h, r[0]).update();
            prev = h;
        }
        setHead(prev);
    }

    Verification verify() {
        String[] prev = {GENESIS};
        long[] checked = {0};
        Verification[] broken = {null};
        jdbc.sql("SELECT id, occurred_at, actor, action, target_type, target_id, details, prev_hash, entry_hash FROM audit_event ORDER BY id")
                .query(rs -> {
                    if (broken[0] != null) {
                        return;
                    }
                    long id = rs.getLong(1);
                    checked[0]++;
                    if (!prev[0].equals(rs.getString(8))) {
                        broken[0] = new Verification(false, checked[0], id,
                                "Entry #" + id + " does not link to the entry before it: an entry was removed or inserted before it.");
                        return;
                    }
                    String h = hash(rs.getString(8), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7));
                    if (!h.equals(rs.getString(9))) {
                        broken[0] = new Verification(false, checked[0], id, "Entry #" + id + " was changed after it was written.");
                        return;
                    }
                    prev[0] = h;
                });
        if (broken[0] != null) {
            return broken[0];
        }
        String head = jdbc.sql("SELECT setting_value FROM app_setting WHERE name = ?").param(HEAD).query(String.class).optional().orElse(GENESIS);
        if (!Objects.equals(head, prev[0])) {
            return new Verification(false, checked[0], null, "The newest entries were removed: the chain ends before its recorded head.");
        }
        return new Verification(true, checked[0], null, "All " + checked[0] + " entries are intact.");
    }
}
