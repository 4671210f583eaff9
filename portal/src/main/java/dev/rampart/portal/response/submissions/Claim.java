package dev.rampart.portal.response.submissions;

import java.util.Locale;

/** Why the analyst submits: the item was wrongly blocked or detected (false positive) or wrongly let through (false negative). */
public enum Claim {
    FALSE_POSITIVE("False positive", "Should not have been blocked or detected"),
    FALSE_NEGATIVE("False negative", "Should have been blocked or detected");

    private final String label;
    private final String meaning;

    Claim(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }

    /** Accepts {@code FALSE_POSITIVE}, {@code falsePositive}, {@code fp} and the negative forms. */
    public static Claim parse(String s) {
        String n = s == null ? "" : s.strip().toUpperCase(Locale.ROOT).replace("_", "").replace(" ", "");
        return switch (n) {
            case "FALSEPOSITIVE", "FP" -> FALSE_POSITIVE;
            case "FALSENEGATIVE", "FN" -> FALSE_NEGATIVE;
            case "" -> throw new SubmissionException("claim", "is required: falsePositive or falseNegative", 400);
            default -> throw new SubmissionException("claim", "unknown claim '" + s + "'; use falsePositive or falseNegative", 400);
        };
    }
}
