package dev.rampart.portal.response.submissions;

/** The analysis verdict, worst first. */
public enum SubmissionVerdict {
    MALICIOUS("Malicious", "pill verdict-malicious"),
    SUSPICIOUS("Suspicious", "pill verdict-suspicious"),
    CLEAN("Clean", "pill verdict-clean"),
    UNKNOWN("Unknown", "pill verdict-unknown");

    private final String label;
    private final String css;

    SubmissionVerdict(String label, String css) {
        this.label = label;
        this.css = css;
    }

    public String label() {
        return label;
    }

    public String css() {
        return css;
    }
}
