package dev.rampart.portal.incidents;

import java.util.List;

/** What the classified activity was (Graph values); {@link #allowedFor} lists the choices per classification. */
public enum Determination {
    UNKNOWN("unknown", "Not set"),
    MULTI_STAGED_ATTACK("multiStagedAttack", "Multi-staged attack"),
    MALICIOUS_USER_ACTIVITY("maliciousUserActivity", "Malicious user activity"),
    COMPROMISED_ACCOUNT("compromisedAccount", "Compromised account"),
    MALWARE("malware", "Malware"),
    PHISHING("phishing", "Phishing"),
    UNWANTED_SOFTWARE("unwantedSoftware", "Unwanted software"),
    SECURITY_TESTING("securityTesting", "Security testing"),
    LINE_OF_BUSINESS_APPLICATION("lineOfBusinessApplication", "Line-of-business application"),
    CONFIRMED_ACTIVITY("confirmedActivity", "Confirmed activity"),
    NOT_MALICIOUS("notMalicious", "Not malicious"),
    NOT_ENOUGH_DATA_TO_VALIDATE("notEnoughDataToValidate", "Not enough data to validate"),
    OTHER("other", "Other");

    private final String graph;
    private final String label;

    Determination(String graph, String label) {
        this.graph = graph;
        this.label = label;
    }

    public String graph() {
        return graph;
    }

    public String label() {
        return label;
    }

    public static Determination parse(String s) {
        return GraphEnums.parse(Determination.class, s, "determination");
    }

    public static List<Determination> allowedFor(Classification c) {
        return switch (c) {
            case UNKNOWN -> List.of(UNKNOWN);
            case TRUE_POSITIVE -> List.of(UNKNOWN, MULTI_STAGED_ATTACK, MALICIOUS_USER_ACTIVITY, COMPROMISED_ACCOUNT, MALWARE, PHISHING,
                    UNWANTED_SOFTWARE, OTHER);
            case INFORMATIONAL_EXPECTED_ACTIVITY -> List.of(UNKNOWN, SECURITY_TESTING, LINE_OF_BUSINESS_APPLICATION, CONFIRMED_ACTIVITY, OTHER);
            case FALSE_POSITIVE -> List.of(UNKNOWN, NOT_MALICIOUS, NOT_ENOUGH_DATA_TO_VALIDATE, OTHER);
        };
    }
}
