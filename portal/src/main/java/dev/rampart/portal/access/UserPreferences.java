package dev.rampart.portal.access;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each account's display preferences: the time zone its pages show times in (UTC until it chooses one). */
@Service
public class UserPreferences {
    private final JdbcClient jdbc;
    private final AuditLog audit;
    // Read on every page; an account's own change is the only write, so a cache entry is replaced, never stale.
    private final Map<String, Optional<ZoneId>> zones = new ConcurrentHashMap<>();

    UserPreferences(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The zone {@code username} chose, or UTC. */
    public ZoneId zone(String username) {
        if (username == null) {
            return ZoneOffset.UTC;
        }
        return zones.computeIfAbsent(username, u -> jdbc.sql("SELECT time_zone FROM user_preference WHERE username = ?").param(u)
                .query(String.class).optional().map(UserPreferences::parseOrNull)).orElse(ZoneOffset.UTC);
    }

    /**
     * Sets the signed-in account's time zone ({@code UTC} or a region id such as {@code Europe/Berlin}).
     *
     * @throws InvalidInputException naming {@code timeZone} when the id is not a known region
     */
    @Transactional
    public ZoneId setZone(String username, String timeZone) {
        String id = timeZone == null ? "" : timeZone.strip();
        if (!id.equals("UTC") && !ZoneId.getAvailableZoneIds().contains(id)) {
            throw InvalidInputException.of("timeZone", "'" + timeZone + "' is not a time zone; choose one from the list (for example Europe/Berlin or UTC)");
        }
        ZoneId z = parseOrNull(id);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (jdbc.sql("UPDATE user_preference SET time_zone = ?, updated_at = ? WHERE username = ?").params(id, now, username).update() == 0) {
            jdbc.sql("INSERT INTO user_preference (username, time_zone, updated_at) VALUES (?, ?, ?)").params(username, id, now).update();
        }
        zones.put(username, Optional.of(z));
        audit.record("profile.timezone", "user", username, id);
        return z;
    }

    private static ZoneId parseOrNull(String id) {
        try {
            return id.equals("UTC") ? ZoneOffset.UTC : ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
