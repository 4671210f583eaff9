package dev.rampart.portal.incidents;

import java.time.Instant;

/**
 * A hunting-table row an alert was raised from. In device tables {@code reportId} is unique per {@code deviceId};
 * elsewhere it is unique on its own and {@code deviceId} may be null.
 */
public record SourceEvent(String tableName, String deviceId, String reportId, Instant occurredAt) {
}
