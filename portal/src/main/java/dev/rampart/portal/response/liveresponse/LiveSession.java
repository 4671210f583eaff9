package dev.rampart.portal.response.liveresponse;

import java.time.Duration;
import java.time.OffsetDateTime;

/** A live response session on one device, owned by the analyst who started it; open until ended or idle for 30 minutes. */
public record LiveSession(long id, String deviceId, String deviceName, long sensorId, String startedBy, OffsetDateTime startedAt,
                          OffsetDateTime lastActivityAt, OffsetDateTime endedAt, String endReason, String cwd, long clearedBefore) {
    public static final Duration IDLE_LIMIT = Duration.ofMinutes(30);

    public boolean open() {
        return endedAt == null;
    }
}
