package dev.rampart.portal.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API clients for machine access (OAuth 2.0 client credentials): a client id and a secret, exchanged for a
 * short-lived opaque bearer token carrying the client's scopes (= permission names). Secrets are stored as
 * password hashes and tokens as SHA-256 hashes, so neither can be read back; rotating a secret or revoking the
 * client ends its tokens at once. Creation, rotation and revocation are audited.
 */
@Service
public class ApiClients {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final Duration tokenLifetime;

    public ApiClients(JdbcClient jdbc, PasswordEncoder encoder, AuditLog audit,
                      @Value("${rampart.api-token-lifetime:PT1H}") Duration tokenLifetime) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.audit = audit;
        this.tokenLifetime = tokenLifetime;
    }

    public record Client(long id, String clientId, String name, Set<Permission> scopes, OffsetDateTime createdAt, String createdBy,
                         OffsetDateTime rotatedAt, OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A client with its secret, which is shown once and never stored in clear. */
    public record Issued(Client client, String secret) {
    }

    public record Token(String accessToken, long expiresInSeconds, Set<Permission> scopes) {
    }

    /** Who a valid bearer token stands for. */
    public record Principal(String clientId, Set<Permission> scopes) {
    }

    public List<Client> all() {
        return jdbc.sql("SELECT id, client_id, name, scopes, created_at, created_by, rotated_at, last_used_at, revoked_at FROM api_client ORDER BY name, id")
                .query((rs, n) -> new Client(rs.getLong(1), rs.getString(2), rs.getString(3), scopes(rs.getString(4)),
                        rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getObject(7, OffsetDateTime.class),
                        rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class)))
                .list();
    }

    public Client require(long id) {
        return all().stream().filter(c -> c.id() == id).findFirst().orElseThrow(() -> new NotFoundException("API client", String.valueOf(id)));
    }

    @Transactional
    public Issued create(String name, Collection<String> scopeNames) {
        String n = name == null ? "" : name.strip();
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        if (n.isEmpty() || n.length() > 200) {
            errors.put("name", "Enter a name of 1 to 200 characters.");
        }
        Set<Permission> scopes = EnumSet.noneOf(Permission.class);
        List<String> unknown = new ArrayList<>();
        for (String s : scopeNames == null ? List.<String>of() : scopeNames) {
            if (s == null || s.isBlank()) {
                continue;
            }
            try {
                scopes.add(Permission.valueOf(s.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                unknown.add(s.strip());
            }
        }
        if (!unknown.isEmpty()) {
            errors.put("scopes", "Unknown scope " + String.join(", ", unknown) + "; scopes are permission names.");
        } else if (scopes.isEmpty()) {
            errors.put("scopes", "Pick at least one scope.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String clientId = "rc_" + random(12);
        String secret = random(32);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO api_client (client_id, name, secret_hash, scopes, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)")
                .params(clientId, n, encoder.encode(secret), join(scopes), now(), AuditLog.currentActor()).update(keys, "id");
        audit.record("api-client.create", "api-client", clientId, "\"" + n + "\" scopes " + new TreeSet<>(scopes.stream().map(Enum::name).toList()));
        return new Issued(require(keys.getKey().longValue()), secret);
    }

    /** Issues a new secret; the old one and every token issued with it stop working now. */
    @Transactional
    public Issued rotate(long id) {
        Client c = require(id);
        if (!c.active()) {
            throw InvalidInputException.of("id", "API client " + c.clientId() + " is revoked; create a new one.");
        }
        String secret = random(32);
        jdbc.sql("UPDATE api_client SET secret_hash = ?, rotated_at = ? WHERE id = ?").params(encoder.encode(secret), now(), id).update();
        jdbc.sql("DELETE FROM api_token WHERE client_pk = ?").param(id).update();
        audit.record("api-client.rotate", "api-client", c.clientId(), "secret rotated; tokens issued before were revoked");
        return new Issued(require(id), secret);
    }

    @Transactional
    public void revoke(long id) {
        Client c = require(id);
        if (!c.active()) {
            return;
        }
        jdbc.sql("UPDATE api_client SET revoked_at = ? WHERE id = ?").params(now(), id).update();
        jdbc.sql("DELETE FROM api_token WHERE client_pk = ?").param(id).update();
        audit.record("api-client.revoke", "api-client", c.clientId(), "client revoked; its tokens stopped working");
    }

    /** The client-credentials grant: a token for a valid, active client, or empty (the caller answers invalid_client). */
    @Transactional
    public Optional<Token> exchange(String clientId, String secret) {
        if (clientId == null || secret == null) {
            return Optional.empty();
        }
        var row = jdbc.sql("SELECT id, secret_hash, scopes FROM api_client WHERE client_id = ? AND revoked_at IS NULL").param(clientId.strip())
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}).optional();
        if (row.isEmpty() || !encoder.matches(secret, (String) row.get()[1])) {
            return Optional.empty();
        }
        String token = random(32);
        jdbc.sql("DELETE FROM api_token WHERE expires_at < ?").param(now()).update();
        jdbc.sql("INSERT INTO api_token (token_hash, client_pk, expires_at) VALUES (?, ?, ?)")
                .params(sha256(token), row.get()[0], now().plus(tokenLifetime)).update();
        touch((Long) row.get()[0]);
        return Optional.of(new Token(token, tokenLifetime.toSeconds(), scopes((String) row.get()[2])));
    }

    /** The client behind a bearer token that is known, unexpired and of an active client; records the use. */
    public Optional<Principal> authenticate(String bearer) {
        Optional<Object[]> row = jdbc.sql("SELECT c.id, c.client_id, c.scopes FROM api_token t JOIN api_client c ON c.id = t.client_pk "
                        + "WHERE t.token_hash = ? AND t.expires_at > ? AND c.revoked_at IS NULL")
                .params(sha256(bearer), now())
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}).optional();
        row.ifPresent(r -> touch((Long) r[0]));
        return row.map(r -> new Principal((String) r[1], scopes((String) r[2])));
    }

    // Last-used time to the minute is what the page shows; skipping fresher writes keeps busy clients cheap.
    private void touch(long id) {
        jdbc.sql("UPDATE api_client SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")
                .params(now(), id, now().minusMinutes(1)).update();
    }

    private static Set<Permission> scopes(String s) {
        Set<Permission> out = EnumSet.noneOf(Permission.class);
        Arrays.stream(s.split(",")).filter(x -> !x.isBlank()).forEach(x -> out.add(Permission.valueOf(x)));
        return out;
    }

    private static String join(Set<Permission> p) {
        return String.join(",", p.stream().map(Enum::name).toList());
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
