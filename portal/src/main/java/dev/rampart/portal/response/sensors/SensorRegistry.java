package dev.rampart.portal.response.sensors;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Enrolled sensors and their state. Public read side for entity pages ({@link #byDevice}, {@link #status}); the
 * write side is used by the sensor protocol. Credentials are stored only as SHA-256 hashes.
 */
@Service
public class SensorRegistry {
    private static final String COLUMNS = "id, device_id, device_name, os_platform, os_version, sensor_version, capabilities, "
            + "enrolled_at, last_seen_at, last_ip, inventory, isolated, restricted, revoked";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Health and last-seen of a device's sensor, for device pages; {@code sensor} is null when none is enrolled. */
    public record DeviceSensorStatus(String deviceId, SensorHealth health, OffsetDateTime lastSeen, Sensor sensor) {
    }

    private final JdbcClient jdbc;

    public SensorRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Sensor> byDevice(String deviceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sensor WHERE device_id = ?").param(deviceId).query(SensorRegistry::row).optional();
    }

    public Optional<Sensor> byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sensor WHERE id = ?").param(id).query(SensorRegistry::row).optional();
    }

    /** The device's sensor health now. */
    public DeviceSensorStatus status(String deviceId) {
        Optional<Sensor> s = byDevice(deviceId);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return s.map(x -> new DeviceSensorStatus(deviceId, x.health(now), x.lastSeenAt(), x))
                .orElse(new DeviceSensorStatus(deviceId, SensorHealth.NO_SENSOR, null, null));
    }

    public List<Sensor> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sensor ORDER BY device_name").query(SensorRegistry::row).list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM sensor").query(Long.class).single();
    }

    Optional<Sensor> byCredential(String credential) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sensor WHERE credential_hash = ? AND revoked = FALSE").param(sha256(credential))
                .query(SensorRegistry::row).optional();
    }

    /** Enrols (or re-enrols, replacing the credential) the sensor of a device; returns its id. */
    long enrol(String deviceId, String deviceName, String osPlatform, String osVersion, String sensorVersion,
               List<String> capabilities, String credential, long tokenId, OffsetDateTime now) {
        String caps = String.join(",", capabilities);
        Optional<Sensor> existing = byDevice(deviceId);
        if (existing.isPresent()) {
            jdbc.sql("UPDATE sensor SET device_name = ?, os_platform = ?, os_version = ?, sensor_version = ?, capabilities = ?, "
                            + "credential_hash = ?, enrolled_at = ?, enrolment_token = ?, revoked = FALSE WHERE id = ?")
                    .params(deviceName, osPlatform, osVersion, sensorVersion, caps, sha256(credential), now, tokenId, existing.get().id()).update();
            return existing.get().id();
        }
        jdbc.sql("INSERT INTO sensor (device_id, device_name, os_platform, os_version, sensor_version, capabilities, credential_hash, "
                        + "enrolled_at, enrolment_token, isolated, restricted, revoked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, FALSE, FALSE)")
                .params(deviceId, deviceName, osPlatform, osVersion, sensorVersion, caps, sha256(credential), now, tokenId).update();
        return byDevice(deviceId).orElseThrow().id();
    }

    void heartbeat(long id, String deviceName, String osVersion, String sensorVersion, String ip, String inventoryJson,
                   boolean isolated, boolean restricted, OffsetDateTime now) {
        jdbc.sql("UPDATE sensor SET device_name = COALESCE(?, device_name), os_version = COALESCE(?, os_version), "
                        + "sensor_version = COALESCE(?, sensor_version), last_ip = ?, inventory = ?, isolated = ?, restricted = ?, last_seen_at = ? WHERE id = ?")
                .params(deviceName, osVersion, sensorVersion, ip, inventoryJson, isolated, restricted, now, id).update();
    }

    void revoke(long id) {
        jdbc.sql("UPDATE sensor SET revoked = TRUE WHERE id = ?").param(id).update();
    }

    static String newSecret(String prefix) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Sensor row(ResultSet rs, int n) throws SQLException {
        String caps = rs.getString(7);
        return new Sensor(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                caps == null || caps.isBlank() ? List.of() : Arrays.asList(caps.split(",")), rs.getObject(8, OffsetDateTime.class),
                rs.getObject(9, OffsetDateTime.class), rs.getString(10), rs.getString(11), rs.getBoolean(12), rs.getBoolean(13), rs.getBoolean(14));
    }
}
