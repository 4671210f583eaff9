package dev.rampart.portal.sigma;

/** KQL literal spelling. */
final class KqlText {
    private KqlText() {
    }

    /** A string literal: verbatim {@code @"..."} (backslashes as is) unless the text has control characters. */
    static String lit(String s) {
        boolean control = false;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20) {
                control = true;
                break;
            }
        }
        if (!control) {
            return "@\"" + s.replace("\"", "\"\"") + "\"";
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
