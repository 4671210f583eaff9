package dev.rampart.portal.response.sensors;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** An enrolled sensor: the agent on one device. {@code isolated}/{@code restricted} are what the sensor last reported. */
public record Sensor(long id, String deviceId, String deviceName, String osPlatform, String osVersion, String sensorVersion,
                     List<String> capabilities, OffsetDateTime enrolledAt, OffsetDateTime lastSeenAt, String lastIp,
                     String inventory, boolean isolated, boolean restricted, boolean revoked) {

    static final Duration ACTIVE_WITHIN = Duration.ofMinutes(15);
    static final Duration INACTIVE_AFTER = Duration.ofDays(7);

    public SensorHealth health(OffsetDateTime now) {
        if (revoked) {
            return SensorHealth.INACTIVE;
        }
        OffsetDateTime seen = lastSeenAt == null ? enrolledAt : lastSeenAt;
        Duration age = Duration.between(seen, now);
        if (age.compareTo(ACTIVE_WITHIN) <= 0) {
            return SensorHealth.ACTIVE;
        }
        return age.compareTo(INACTIVE_AFTER) <= 0 ? SensorHealth.IMPAIRED_COMMUNICATIONS : SensorHealth.INACTIVE;
    }
}
