package dev.rampart.kql.analyzer;

/** Escapes literal text for an RE2 pattern. */
public final class RegexText {
    private RegexText() {
    }

    public static String quote(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // RE2 accepts a backslash only before ASCII punctuation; control characters go as \x{..}.
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x{%x}", (int) c));
            } else if (c < 0x7f && !Character.isLetterOrDigit(c) && c != ' ' && c != '_') {
                b.append('\\').append(c);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
