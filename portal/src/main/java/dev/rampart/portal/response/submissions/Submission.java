package dev.rampart.portal.response.submissions;

import java.time.OffsetDateTime;

/**
 * One submission. {@code subject}: the hash, URL, email subject (or file name) or alert id; {@code verdict} and
 * {@code result} are null until the analysis completes. Email fields are null for other types.
 */
public record Submission(long id, SubmissionType type, Claim claim, String subject, String notes, SubmissionStatus status,
                         SubmissionVerdict verdict, String result, String failure, String submittedBy, OffsetDateTime submittedAt,
                         OffsetDateTime completedAt, String alertId, Email email) {

    /** Header facts of a submitted message. */
    public record Email(String from, String replyTo, String to, String subject, String messageId, String date, String fileName) {
    }

    public String name() {
        return switch (type) {
            case EMAIL -> email != null && email.subject() != null && !email.subject().isBlank() ? email.subject() : subject;
            default -> subject;
        };
    }
}
