package dev.rampart.portal.response.submissions;

import java.util.Locale;

/** What was submitted, with the reference's tab names. */
public enum SubmissionType {
    FILE("File hash"), URL("URL"), EMAIL("Email"), DETECTION("Detection");

    private final String label;

    SubmissionType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Accepts the constant name in any case ({@code file}, {@code EMAIL}...). */
    public static SubmissionType parse(String s) {
        if (s == null || s.isBlank()) {
            throw new SubmissionException("type", "is required: file, url, email or detection", 400);
        }
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SubmissionException("type", "unknown type '" + s + "'; use file, url, email or detection", 400);
        }
    }
}
