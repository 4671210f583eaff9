package dev.rampart.portal.response.investigation;

import java.util.Locale;

/**
 * Where an investigation stands. {@code RUNNING} covers the playbook itself and remediation actions still on their
 * way to a sensor; the others are reached when the playbook ends or, for remediation, from its actions' states.
 */
public enum InvestigationState {
    RUNNING("Running", "pill pill-progress"),
    PENDING_APPROVAL("Pending approval", "pill warn"),
    REMEDIATED("Remediated", "pill pill-ok"),
    PARTIALLY_REMEDIATED("Partially remediated", "pill warn"),
    NO_THREATS_FOUND("No threats found", "pill pill-ok"),
    FAILED("Failed", "pill pill-bad");

    private final String label;
    private final String css;

    InvestigationState(String label, String css) {
        this.label = label;
        this.css = css;
    }

    public String label() {
        return label;
    }

    public String css() {
        return css;
    }

    /** Filter value from a URL ({@code pendingApproval}, {@code PENDING_APPROVAL}...); null for blank. */
    public static InvestigationState parse(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String n = s.strip().replaceAll("([a-z])([A-Z])", "$1_$2").replace(' ', '_').toUpperCase(Locale.ROOT);
        for (InvestigationState v : values()) {
            if (v.name().equals(n)) {
                return v;
            }
        }
        throw new InvestigationException("state", "unknown state '" + s + "'; use one of running, pendingApproval, remediated, "
                + "partiallyRemediated, noThreatsFound, failed", 400);
    }
}
