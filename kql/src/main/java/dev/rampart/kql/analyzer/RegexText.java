package dev.rampart.kql.analyzer;

/** Escapes literal text for an RE2 pattern, and spells a KQL pattern's code point escapes the way RE2 reads them. */
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

    /**
     * KQL patterns may name a code point with a backslash and 'u' plus four hex digits, 'U' plus eight, or either
     * with the digits in braces; RE2 spells all of them {@code \x{...}} and rejects the others, so they are rewritten.
     * Every other escape is kept as written, an escaped backslash included, so a doubled backslash before 'u' stays
     * a literal backslash followed by the letter. Named groups written (?<name>...) become (?P<name>...).
     */
    public static String toRe2(String pattern) {
        if (pattern.indexOf('\\') < 0 && !pattern.contains("(?<")) {
            return pattern;
        }
        StringBuilder b = new StringBuilder(pattern.length());
        int i = 0;
        boolean inClass = false;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c != '\\' || i + 1 >= pattern.length()) {
                if (!inClass && c == '(' && pattern.startsWith("?<", i + 1) && i + 3 < pattern.length()
                        && Character.isLetterOrDigit(pattern.charAt(i + 3))) {
                    // (?<name>...) is a named group in KQL's regex dialect; the RE2 here only knows the (?P<name>...) spelling.
                    b.append("(?P<");
                    i += 3;
                    continue;
                }
                if (!inClass && c == '[') {
                    inClass = true;
                    b.append(c);
                    i++;
                    // A ']' right after '[' or '[^' is a literal member, not the end of the class.
                    if (i < pattern.length() && pattern.charAt(i) == '^') {
                        b.append('^');
                        i++;
                    }
                    if (i < pattern.length() && pattern.charAt(i) == ']') {
                        b.append(']');
                        i++;
                    }
                    continue;
                }
                if (inClass && c == '[' && pattern.startsWith(":", i + 1) && pattern.indexOf(":]", i + 2) > 0) {
                    int end = pattern.indexOf(":]", i + 2) + 2; // [:digit:] inside a class
                    b.append(pattern, i, end);
                    i = end;
                    continue;
                }
                if (inClass && c == ']') {
                    inClass = false;
                }
                b.append(c);
                i++;
                continue;
            }
            char e = pattern.charAt(i + 1);
            int digits = e == 'u' ? 4 : e == 'U' ? 8 : 0;
            if (digits > 0) {
                int braced = pattern.indexOf('}', i + 2);
                if (i + 2 < pattern.length() && pattern.charAt(i + 2) == '{' && braced > i + 3 && hex(pattern, i + 3, braced)) {
                    b.append("\\x{").append(pattern, i + 3, braced).append('}');
                    i = braced + 1;
                    continue;
                }
                if (i + 2 + digits <= pattern.length() && hex(pattern, i + 2, i + 2 + digits)) {
                    b.append("\\x{").append(pattern, i + 2, i + 2 + digits).append('}');
                    i += 2 + digits;
                    continue;
                }
            }
            b.append(c).append(e);
            i += 2;
        }
        return b.toString();
    }

    private static boolean hex(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (Character.digit(s.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
