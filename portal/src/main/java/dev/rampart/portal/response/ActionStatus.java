package dev.rampart.portal.response;

/**
 * Life cycle of a response action. {@code PENDING_APPROVAL} waits for an analyst (7 days, then {@code TIMED_OUT},
 * which counts as rejected); {@code PENDING} waits for its executor (a sensor, or the portal itself);
 * {@code IN_PROGRESS} has been handed to a sensor. The last five are final.
 */
public enum ActionStatus {
    PENDING_APPROVAL("Pending approval"),
    PENDING("Pending"),
    IN_PROGRESS("In progress"),
    COMPLETED("Completed"),
    FAILED("Failed"),
    REJECTED("Rejected"),
    CANCELLED("Cancelled"),
    TIMED_OUT("Timed out");

    private final String label;

    ActionStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isFinal() {
        return ordinal() >= COMPLETED.ordinal();
    }

    /** Lenient parse of {@code pendingApproval}, {@code PENDING_APPROVAL} or {@code Pending approval}. */
    public static ActionStatus parse(String s) {
        String n = s.strip().replaceAll("([a-z])([A-Z])", "$1_$2").replace(' ', '_').toUpperCase(java.util.Locale.ROOT);
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new ActionException("status", "unknown status '" + s + "'; use one of " + java.util.Arrays.toString(values()));
        }
    }
}
