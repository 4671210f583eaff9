package dev.rampart.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit trail is a hash chain: an edit or a removal made behind the portal's back is found and located. */
class AuditChainIT extends AbstractPortalIT {
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;

    private long newestId() {
        return jdbc.sql("SELECT max(id) FROM audit_event").query(Long.class).single();
    }

    @Test
    void verify_untouchedTrail_isIntact() throws Exception {
        audit.recordAs("chain-it", "chain.test", "test", "1", "first");
        AuditChain.Verification v = audit.verify();
        assertThat(v.intact()).as(v.reason()).isTrue();
        assertThat(v.checked()).isEqualTo(audit.count());
        HttpResponse<String> r = get("/api/v1/audit/verify", "admin", ADMIN_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"intact\":true");
    }

    @Test
    void verify_editedEntry_reportsThatEntry() {
        audit.recordAs("chain-it", "chain.test", "test", "2", "original details");
        long id = newestId();
        audit.recordAs("chain-it", "chain.test", "test", "3", "after it");
        jdbc.sql("UPDATE audit_event SET details = 'forged details' WHERE id = ?").param(id).update();
        try {
            AuditChain.Verification v = audit.verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBrokenId()).isEqualTo(id);
            assertThat(v.reason()).contains("#" + id, "changed");
        } finally {
            jdbc.sql("UPDATE audit_event SET details = 'original details' WHERE id = ?").param(id).update();
        }
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void verify_removedEntries_areDetected() {
        audit.recordAs("chain-it", "chain.test", "test", "4", "middle");
        long middle = newestId();
        audit.recordAs("chain-it", "chain.test", "test", "5", "newest");
        long newest = newestId();
        var saved = jdbc.sql("SELECT occurred_at, prev_hash, entry_hash FROM audit_event WHERE id = ?").param(middle)
                .query((rs, n) -> new Object[] {rs.getObject(1), rs.getString(2), rs.getString(3)}).single();
        jdbc.sql("DELETE FROM audit_event WHERE id = ?").param(middle).update();
        try {
            AuditChain.Verification v = audit.verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBrokenId()).isEqualTo(newest);
            assertThat(v.reason()).contains("removed or inserted");
        } finally {
            jdbc.sql("INSERT INTO audit_event (id, occurred_at, actor, action, target_type, target_id, details, prev_hash, entry_hash) "
                    + "VALUES (?, ?, 'chain-it', 'chain.test', 'test', '4', 'middle', ?, ?)").params(middle, saved[0], saved[1], saved[2]).update();
        }
        assertThat(audit.verify().intact()).isTrue();
        var newestRow = jdbc.sql("SELECT occurred_at, prev_hash, entry_hash FROM audit_event WHERE id = ?").param(newest)
                .query((rs, n) -> new Object[] {rs.getObject(1), rs.getString(2), rs.getString(3)}).single();
        jdbc.sql("DELETE FROM audit_event WHERE id = ?").param(newest).update();
        try {
            AuditChain.Verification v = audit.verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.reason()).contains("newest entries were removed");
        } finally {
            jdbc.sql("INSERT INTO audit_event (id, occurred_at, actor, action, target_type, target_id, details, prev_hash, entry_hash) "
                    + "VALUES (?, ?, 'chain-it', 'chain.test', 'test', '5', 'newest', ?, ?)").params(newest, newestRow[0], newestRow[1], newestRow[2]).update();
        }
    }
}
