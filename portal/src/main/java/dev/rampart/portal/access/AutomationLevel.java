package dev.rampart.portal.access;

/** Remediation (automation) level of a device group, with the reference portal's wording. */
public enum AutomationLevel {
    FULL("Full – remediate threats automatically"),
    SEMI_ALL_FOLDERS("Semi – require approval for all folders"),
    SEMI_NON_TEMP_FOLDERS("Semi – require approval for non-temporary folders"),
    SEMI_CORE_FOLDERS("Semi – require approval for core (system) folders"),
    NONE("No automated response");

    private final String label;

    AutomationLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
