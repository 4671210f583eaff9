package dev.rampart.portal.response.sensors;

import dev.rampart.portal.access.AuditLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enrolment tokens (Settings &gt; Sensors): a secret shown once at creation, valid for a number of enrolments
 * (one by default) until it expires; only its SHA-256 hash is stored.
 */
@Service
public class EnrolmentTokens {
    public static final String PREFIX = "ret_";

    public record Token(long id, String label, int maxUses, int uses, String createdBy, OffsetDateTime createdAt,
                        OffsetDateTime expiresAt, boolean revoked) {
        public boolean usable(OffsetDateTime now) {
            return !revoked && uses < maxUses && expiresAt.isAfter(now);
        }
    }

    /** A freshly created token with its secret (never retrievable again). */
    public record Created(Token token, String secret) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public EnrolmentTokens(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional
    public Created create(String label, int maxUses, Duration validFor) {
        if (label == null || label.isBlank() || label.length() > 200) {
            throw new SensorException("label", "is required (at most 200 characters)", 400);
        }
        if (maxUses < 1 || maxUses > 100_000) {
            throw new SensorException("maxUses", "must be between 1 and 100000", 400);
        }
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(Duration.ofDays(30)) > 0) {
            throw new SensorException("validHours", "must be between 1 hour and 30 days", 400);
        }
        String secret = SensorRegistry.newSecret(PREFIX);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String who = dev.rampart.portal.response.ResponseActionsSupport.currentUser();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO sensor_enrolment_token (token_hash, label, max_uses, uses, created_by, created_at, expires_at, revoked) "
                        + "VALUES (?, ?, ?, 0, ?, ?, ?, FALSE)")
                .params(SensorRegistry.sha256(secret), label.strip(), maxUses, who, now, now.plus(validFor)).update(keys, "id");
        long id = keys.getKey().longValue();
        audit.recordAs(who, "sensor.token.create", "sensor_enrolment_token", String.valueOf(id), label.strip() + " (" + maxUses + " use(s), valid "
                + validFor.toHours() + " h)");
        return new Created(get(id).orElseThrow(), secret);
    }

    public List<Token> all() {
        return jdbc.sql("SELECT id, label, max_uses, uses, created_by, created_at, expires_at, revoked FROM sensor_enrolment_token ORDER BY id DESC")
                .query(EnrolmentTokens::row).list();
    }

    public Optional<Token> get(long id) {
        return jdbc.sql("SELECT id, label, max_uses, uses, created_by, created_at, expires_at, revoked FROM sensor_enrolment_token WHERE id = ?")
                .param(id).query(EnrolmentTokens::row).optional();
    }

    @Transactional
    public void revoke(long id) {
        Token t = get(id).orElseThrow(() -> new SensorException("id", "no enrolment token " + id, 404));
        jdbc.sql("UPDATE sensor_enrolment_token SET revoked = TRUE WHERE id = ?").param(id).update();
        audit.record("sensor.token.revoke", "sensor_enrolment_token", String.valueOf(id), t.label());
    }

    /** Uses one enrolment of the token with this secret; returns its id or throws when it is unknown, spent or expired. */
    long consume(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new SensorException("token", "is not an enrolment token", 401);
        }
        Long id = jdbc.sql("SELECT id FROM sensor_enrolment_token WHERE token_hash = ?").param(SensorRegistry.sha256(secret)).query(Long.class).optional().orElse(null);
        if (id == null) {
            throw new SensorException("token", "is not a known enrolment token", 401);
        }
        int updated = jdbc.sql("UPDATE sensor_enrolment_token SET uses = uses + 1 WHERE id = ? AND revoked = FALSE AND uses < max_uses AND expires_at > ?")
                .params(id, OffsetDateTime.now(ZoneOffset.UTC)).update();
        if (updated == 0) {
            throw new SensorException("token", "is revoked, expired or used up; create a new one in Settings › Sensors", 401);
        }
        return id;
    }

    private static Token row(ResultSet rs, int n) throws SQLException {
        return new Token(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class),
                rs.getObject(7, OffsetDateTime.class), rs.getBoolean(8));
    }
}
