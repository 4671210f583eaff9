package dev.rampart.portal.incidents;

/** Alert status as in Graph {@code alerts_v2}. */
public enum AlertStatus {
    NEW("new", "New"),
    IN_PROGRESS("inProgress", "In progress"),
    RESOLVED("resolved", "Resolved");

    private final String graph;
    private final String label;

    AlertStatus(String graph, String label) {
        this.graph = graph;
        this.label = label;
    }

    public String graph() {
        return graph;
    }

    public String label() {
        return label;
    }

    public static AlertStatus parse(String s) {
        return GraphEnums.parse(AlertStatus.class, s, "status");
    }
}
