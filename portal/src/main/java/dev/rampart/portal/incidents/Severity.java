package dev.rampart.portal.incidents;

/** Alert and incident severity, lowest first; {@link #graph()} is the Graph API value. */
public enum Severity {
    INFORMATIONAL("informational", "Informational"),
    LOW("low", "Low"),
    MEDIUM("medium", "Medium"),
    HIGH("high", "High");

    private final String graph;
    private final String label;

    Severity(String graph, String label) {
        this.graph = graph;
        this.label = label;
    }

    public String graph() {
        return graph;
    }

    public String label() {
        return label;
    }

    /** CSS class of the severity pill. */
    public String css() {
        return "sev-" + graph;
    }

    /** Accepts the Graph value or the label, any case. */
    public static Severity parse(String s) {
        return GraphEnums.parse(Severity.class, s, "severity");
    }

    public static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
