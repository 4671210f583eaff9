package dev.rampart.portal.incidents;

/**
 * Incident status as in Graph ({@code active} is shown as "New"); {@code redirected} marks an incident merged into
 * another one, which is then hidden from the queue and points at its target.
 */
public enum IncidentStatus {
    ACTIVE("active", "New"),
    IN_PROGRESS("inProgress", "In progress"),
    RESOLVED("resolved", "Resolved"),
    REDIRECTED("redirected", "Redirected");

    private final String graph;
    private final String label;

    IncidentStatus(String graph, String label) {
        this.graph = graph;
        this.label = label;
    }

    public String graph() {
        return graph;
    }

    public String label() {
        return label;
    }

    public boolean open() {
        return this == ACTIVE || this == IN_PROGRESS;
    }

    public static IncidentStatus parse(String s) {
        if (s != null && s.strip().equalsIgnoreCase("new")) {
            return ACTIVE;
        }
        return GraphEnums.parse(IncidentStatus.class, s, "status");
    }
}
