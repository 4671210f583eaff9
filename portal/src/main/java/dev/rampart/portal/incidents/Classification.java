package dev.rampart.portal.incidents;

/** Analyst verdict on an alert or incident (Graph values). */
public enum Classification {
    UNKNOWN("unknown", "Not set"),
    TRUE_POSITIVE("truePositive", "True positive"),
    INFORMATIONAL_EXPECTED_ACTIVITY("informationalExpectedActivity", "Informational, expected activity"),
    FALSE_POSITIVE("falsePositive", "False positive");

    private final String graph;
    private final String label;

    Classification(String graph, String label) {
        this.graph = graph;
        this.label = label;
    }

    public String graph() {
        return graph;
    }

    public String label() {
        return label;
    }

    public static Classification parse(String s) {
        return GraphEnums.parse(Classification.class, s, "classification");
    }
}
