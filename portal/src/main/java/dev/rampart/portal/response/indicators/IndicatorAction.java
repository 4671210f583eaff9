package dev.rampart.portal.response.indicators;

import java.util.Locale;

/**
 * What matching an indicator does. Allow suppresses; Audit only alerts; Warn and Block are enforced by sensors
 * (they receive the active list); Block and remediate also quarantines the file where it is found.
 */
public enum IndicatorAction {
    ALLOW("Allow"), AUDIT("Audit (alert only)"), WARN("Warn"), BLOCK("Block"), BLOCK_AND_REMEDIATE("Block and remediate");

    private final String label;

    IndicatorAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean blocks() {
        return this == BLOCK || this == BLOCK_AND_REMEDIATE || this == WARN;
    }

    /** Accepts {@code BLOCK_AND_REMEDIATE}, {@code BlockAndRemediate}, {@code Alert} (= audit), {@code block execution}. */
    public static IndicatorAction parse(String s) {
        if (s == null || s.isBlank()) {
            throw new IndicatorException("action", "is required");
        }
        String n = s.strip().toUpperCase(Locale.ROOT).replace("_", "").replace(" ", "");
        return switch (n) {
            case "ALLOW", "ALLOWED" -> ALLOW;
            case "AUDIT", "ALERT", "ALERTONLY" -> AUDIT;
            case "WARN" -> WARN;
            case "BLOCK", "BLOCKEXECUTION", "BLOCKED" -> BLOCK;
            case "BLOCKANDREMEDIATE" -> BLOCK_AND_REMEDIATE;
            default -> throw new IndicatorException("action", "unknown action '" + s + "'; use Allow, Audit, Warn, Block or BlockAndRemediate");
        };
    }
}
