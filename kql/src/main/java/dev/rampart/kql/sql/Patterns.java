package dev.rampart.kql.sql;

import java.util.List;

/** Regular expressions (RE2 syntax) for KQL's term operators, built at compile time from literal terms. */
final class Patterns {
    /** A term boundary: KQL terms are runs of ASCII letters and digits. */
    private static final String BEFORE = "(^|[^[:alnum:]])";
    private static final String AFTER = "($|[^[:alnum:]])";

    private Patterns() {
    }

    static String quote(String s) {
        return dev.rampart.kql.analyzer.RegexText.quote(s);
    }

    static String term(String op, String term, boolean caseSensitive) {
        String flags = caseSensitive ? "" : "(?i)";
        String t = quote(term);
        return switch (op) {
            case "hasprefix" -> flags + BEFORE + t;
            case "hassuffix" -> flags + t + AFTER;
            default -> flags + BEFORE + t + AFTER;
        };
    }

    static String anyTerm(List<String> terms) {
        StringBuilder alt = new StringBuilder();
        for (String t : terms) {
            if (alt.length() > 0) {
                alt.append('|');
            }
            alt.append(quote(t));
        }
        return "(?i)" + BEFORE + "(" + alt + ")" + AFTER;
    }

    static String[] termAround(String op, boolean caseSensitive) {
        String flags = caseSensitive ? "" : "(?i)";
        return switch (op) {
            case "hasprefix" -> new String[]{flags + BEFORE, ""};
            case "hassuffix" -> new String[]{flags, AFTER};
            default -> new String[]{flags + BEFORE, AFTER};
        };
    }

    static final String PRIVATE_IPV4 =
            "^(10\\.[0-9]{1,3}|172\\.(1[6-9]|2[0-9]|3[01])|192\\.168)\\.[0-9]{1,3}\\.[0-9]{1,3}(/[0-9]{1,2})?$";
}
