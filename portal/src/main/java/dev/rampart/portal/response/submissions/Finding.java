package dev.rampart.portal.response.submissions;

/**
 * One reason behind a verdict. {@code source}: indicator, detection, prevalence, email or url (static checks);
 * {@code signal}: what it says about the item.
 */
public record Finding(String source, Signal signal, String text) {
    /** ALLOWED is an allow indicator on the item itself: an organisational override that decides the verdict. */
    public enum Signal {
        MALICIOUS("Malicious", "pill verdict-malicious"), SUSPICIOUS("Suspicious", "pill verdict-suspicious"),
        ALLOWED("Allowed", "pill verdict-clean"), CLEAN("Clean", "pill verdict-clean"), INFO("Info", "pill verdict-unknown");

        private final String label;
        private final String css;

        Signal(String label, String css) {
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

    public static Finding of(String source, Signal signal, String text) {
        return new Finding(source, signal, text.length() > 2000 ? text.substring(0, 1997) + "..." : text);
    }
}
