package dev.rampart.portal.response.investigation;

/** The verdict an investigation gives one entity, worst first, with the reference's words. */
public enum Verdict {
    MALICIOUS("Malicious", "pill verdict-malicious"),
    SUSPICIOUS("Suspicious", "pill verdict-suspicious"),
    NO_THREATS_FOUND("No threats found", "pill verdict-clean");

    private final String label;
    private final String css;

    Verdict(String label, String css) {
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
