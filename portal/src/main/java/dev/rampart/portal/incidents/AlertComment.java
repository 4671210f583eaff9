package dev.rampart.portal.incidents;

import java.time.Instant;

/** A comment on an alert (Graph alertComment). */
public record AlertComment(String comment, String createdBy, Instant createdAt) {
}
