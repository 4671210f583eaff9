package dev.rampart.portal.incidents;

/** Alert category: the MITRE ATT&CK tactic in kill-chain order, then the non-tactic categories. */
public enum Category {
    INITIAL_ACCESS("InitialAccess", "Initial access"),
    EXECUTION("Execution", "Execution"),
    PERSISTENCE("Persistence", "Persistence"),
    PRIVILEGE_ESCALATION("PrivilegeEscalation", "Privilege escalation"),
    DEFENSE_EVASION("DefenseEvasion", "Defense evasion"),
    CREDENTIAL_ACCESS("CredentialAccess", "Credential access"),
    DISCOVERY("Discovery", "Discovery"),
    LATERAL_MOVEMENT("LateralMovement", "Lateral movement"),
    COLLECTION("Collection", "Collection"),
    COMMAND_AND_CONTROL("CommandAndControl", "Command and control"),
    EXFILTRATION("Exfiltration", "Exfiltration"),
    IMPACT("Impact", "Impact"),
    MALWARE("Malware", "Malware"),
    RANSOMWARE("Ransomware", "Ransomware"),
    SUSPICIOUS_ACTIVITY("SuspiciousActivity", "Suspicious activity"),
    UNWANTED_SOFTWARE("UnwantedSoftware", "Unwanted software");

    private final String graph;
    private final String label;

    Category(String graph, String label) {
        this.graph = graph;
        this.label = label;
    }

    public String graph() {
        return graph;
    }

    public String label() {
        return label;
    }

    /** True for ATT&CK tactics (the kill-chain columns), false for malware/ransomware/... categories. */
    public boolean tactic() {
        return ordinal() <= IMPACT.ordinal();
    }

    public static Category parse(String s) {
        return GraphEnums.parse(Category.class, s, "category");
    }
}
