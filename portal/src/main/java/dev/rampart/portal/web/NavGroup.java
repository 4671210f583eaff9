package dev.rampart.portal.web;

/** Left-navigation groups in the reference portal's order. */
public enum NavGroup {
    HOME(""),
    INVESTIGATION("Investigation & response"),
    THREAT_INTELLIGENCE("Threat intelligence"),
    EXPOSURE("Exposure management"),
    ASSETS("Assets"),
    REPORTS("Reports"),
    SYSTEM("System");

    private final String label;

    NavGroup(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
