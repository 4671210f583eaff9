package dev.rampart.portal.response;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One stored response action. {@code deviceId} is the device whose sensor executes it (null for identity, mail
 * and portal actions); {@code parameters} are action-specific (scan type, recipient, indicator action...).
 * {@code batchId} and {@code batchName} are set for actions requested together (the approval id and remediation name
 * of advanced hunting's "Take actions"), null otherwise.
 */
public record ResponseAction(long id, ActionType type, TargetType targetType, String targetId, String targetName,
                             String deviceId, Map<String, String> parameters, ActionStatus status, String source,
                             String requestedBy, String requestComment, OffsetDateTime requestedAt,
                             String decidedBy, OffsetDateTime decidedAt, String decisionComment,
                             OffsetDateTime startedAt, OffsetDateTime completedAt, Long sensorId, String resultSummary,
                             String output, Long incidentId, String alertId, Long investigationId, Long undoOf,
                             Long undoneBy, OffsetDateTime updatedAt, String batchId, String batchName) {

    /** The reference's "action source" values used here. */
    public static final String MANUAL_DEVICE = "Manual device action";
    public static final String MANUAL_EMAIL = "Manual email action";
    public static final String MANUAL = "Manual action";
    public static final String AUTOMATED_DEVICE = "Automated device action";
    public static final String AUTOMATED_EMAIL = "Automated email action";
    public static final String API = "API action";
    public static final String ADVANCED_HUNTING = "Advanced hunting action";
    public static final String ATTACK_DISRUPTION = "Attack disruption";
    public static final String EXPLORER = "Explorer action";

    /** True when an undo may be requested now: completed, not yet undone, and the catalogue offers one. */
    public boolean undoable() {
        return status == ActionStatus.COMPLETED && undoneBy == null && type.undo() != null;
    }

    public String parameter(String name) {
        return parameters.get(name);
    }

    public String targetLabel() {
        return targetName == null || targetName.isBlank() ? targetId : targetName;
    }
}
