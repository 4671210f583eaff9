package dev.rampart.portal.response.submissions;

/** Analysis state of a submission, with the reference's words. */
public enum SubmissionStatus {
    PENDING("Being analyzed", "pill pill-progress"), COMPLETED("Completed", "pill"), FAILED("Failed", "pill verdict-malicious");

    private final String label;
    private final String css;

    SubmissionStatus(String label, String css) {
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
