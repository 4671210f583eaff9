package dev.rampart.portal.incidents;

import java.util.Locale;

/** Verdict of one evidence entity, worst first; stored verdict strings are mapped leniently (detectors write lower-case words). */
public enum EvidenceVerdict {
    MALICIOUS("malicious", "Malicious"),
    SUSPICIOUS("suspicious", "Suspicious"),
    CLEAN("clean", "Clean"),
    UNKNOWN("unknown", "Unknown");

    private final String key;
    private final String label;

    EvidenceVerdict(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** CSS class of the verdict pill (the word is always shown next to the colour). */
    public String css() {
        return "pill verdict-" + key;
    }

    /** Maps a stored verdict; "noThreatsFound", "benign" and "clean" are Clean, anything unrecognised is Unknown. */
    public static EvidenceVerdict of(String stored) {
        if (stored == null) {
            return UNKNOWN;
        }
        String v = stored.strip().toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "");
        return switch (v) {
            case "malicious" -> MALICIOUS;
            case "suspicious" -> SUSPICIOUS;
            case "clean", "benign", "nothreatsfound" -> CLEAN;
            default -> UNKNOWN;
        };
    }

    /** Filter value from a URL ({@code malicious}...); null for blank; unknown words are an error naming the field. */
    public static EvidenceVerdict parseFilter(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        for (EvidenceVerdict v : values()) {
            if (v.key.equalsIgnoreCase(s.strip()) || v.label.equalsIgnoreCase(s.strip())) {
                return v;
            }
        }
        throw new InvalidValueException("verdict", "'" + s + "' is not one of malicious, suspicious, clean, unknown");
    }
}
