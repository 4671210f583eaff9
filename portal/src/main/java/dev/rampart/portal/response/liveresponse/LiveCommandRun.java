package dev.rampart.portal.response.liveresponse;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * One command typed into a session and what came of it: text {@code output}, a table ({@code data}, JSON
 * {@code {"columns":[...],"rows":[[...]]}}), an error, or a file uploaded by {@code getfile}/{@code collect}.
 */
public record LiveCommandRun(long id, long sessionId, String commandLine, String command, String arguments, Status status, String requestedBy,
                             OffsetDateTime createdAt, OffsetDateTime sentAt, OffsetDateTime completedAt, String output, String data, String error,
                             String fileName, Long fileSize, String fileSha256) {

    public enum Status {
        PENDING("Waiting for the sensor"), SENT("Running"), COMPLETED("Completed"), FAILED("Failed"), CANCELLED("Cancelled"), TIMED_OUT("Timed out");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean finished() {
            return this != PENDING && this != SENT;
        }
    }

    public boolean json() {
        return arguments != null && arguments.contains("\"json\":true");
    }

    /** Time from request to result, or null while the command is unfinished. */
    public Duration duration() {
        return completedAt == null ? null : Duration.between(createdAt, completedAt);
    }
}
