package dev.rampart.portal.incidents;

import java.time.Instant;

/** One activity-log entry of an incident; {@code kind}: comment, change, merge, move, alert, system. */
public record IncidentActivity(long id, long incidentId, Instant occurredAt, String actor, String kind, String text) {
}
