package dev.rampart.portal.intel;

import dev.rampart.portal.response.indicators.IndicatorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The part of a STIX pattern the portal's indicators can express: equality comparisons on an IP address, domain,
 * URL, file hash or certificate thumbprint, joined by OR within or across observation brackets. A pattern with AND,
 * FOLLOWEDBY, another operator or a qualifier means more than "this value was seen", so it gives no value at all;
 * inside an OR, a comparison on a path with no indicator type is reported and the others still count.
 */
final class StixPattern {
    private StixPattern() {
    }

    record Value(IndicatorType type, String value) {
    }

    /** The values, and one reason per comparison or construct left out (empty when everything was usable). */
    record Parsed(List<Value> values, List<String> unsupported) {
    }

    static Parsed parse(String pattern) {
        List<Value> values = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        Lexer in = new Lexer(pattern == null ? "" : pattern);
        try {
            do {
                in.expect('[');
                do {
                    String path = in.path();
                    in.skip();
                    int opColumn = in.col();
                    String op = in.operator();
                    if (!op.equals("=")) {
                        return whole("the operator '" + op + "' at column " + opColumn + " (only = is used)");
                    }
                    String literal = in.string();
                    comparison(path, literal, values, unsupported);
                } while (in.keyword("OR"));
                if (in.peekKeyword("AND")) {
                    return whole("AND at column " + in.col() + " (every part must hold, which an indicator cannot say)");
                }
                in.expect(']');
                if (in.peekKeyword("AND") || in.peekKeyword("FOLLOWEDBY") || in.peekKeyword("WITHIN") || in.peekKeyword("REPEATS")
                        || in.peekKeyword("START")) {
                    return whole(in.word() + " at column " + in.col() + " (observations combined in time cannot be one indicator)");
                }
            } while (in.keyword("OR"));
            if (!in.atEnd()) {
                return whole("unexpected text at column " + in.col());
            }
        } catch (IllegalArgumentException e) {
            return whole(e.getMessage());
        }
        return new Parsed(values, unsupported);
    }

    private static Parsed whole(String why) {
        return new Parsed(List.of(), List.of(why));
    }

    private static void comparison(String path, String literal, List<Value> values, List<String> unsupported) {
        String p = path.toLowerCase(Locale.ROOT).replace("'", "").replace("\"", "");
        IndicatorType type = switch (p) {
            case "ipv4-addr:value", "ipv6-addr:value" -> IndicatorType.IP;
            case "domain-name:value" -> IndicatorType.DOMAIN;
            case "url:value" -> IndicatorType.URL;
            case "file:hashes.md5" -> IndicatorType.FILE_MD5;
            case "file:hashes.sha-1", "file:hashes.sha1" -> IndicatorType.FILE_SHA1;
            case "file:hashes.sha-256", "file:hashes.sha256" -> IndicatorType.FILE_SHA256;
            case "x509-certificate:hashes.sha-1", "x509-certificate:hashes.sha1" -> IndicatorType.CERTIFICATE;
            default -> null;
        };
        if (type == null) {
            unsupported.add(path + " has no indicator type");
            return;
        }
        String v = literal;
        if (type == IndicatorType.IP && v.contains("/")) {
            String bits = v.substring(v.indexOf('/') + 1);
            if (!bits.equals(v.contains(":") ? "128" : "32")) {
                unsupported.add("the range " + literal + " (IP indicators take single addresses)");
                return;
            }
            v = v.substring(0, v.indexOf('/'));
        }
        String normalised = type.normalise(v);
        if (normalised == null) {
            unsupported.add("'" + literal + "' is not a valid " + type.label());
            return;
        }
        Value value = new Value(type, normalised);
        if (!values.contains(value)) {
            values.add(value);
        }
    }

    private static final class Lexer {
        private final String s;
        private int i;

        Lexer(String s) {
            this.s = s;
        }

        int col() {
            return i + 1;
        }

        void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        boolean atEnd() {
            skip();
            return i >= s.length();
        }

        void expect(char c) {
            skip();
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at column " + col());
            }
            i++;
        }

        String word() {
            skip();
            int start = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            String w = s.substring(start, i);
            i = start;
            return w;
        }

        boolean peekKeyword(String k) {
            return word().equalsIgnoreCase(k);
        }

        boolean keyword(String k) {
            if (peekKeyword(k)) {
                skip();
                i += k.length();
                return true;
            }
            return false;
        }

        String path() {
            skip();
            int start = i;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\'' || c == '"') {
                    int end = s.indexOf(c, i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("unclosed quote at column " + (i + 1));
                    }
                    i = end + 1;
                } else if (c == '[' && i > start) {
                    int end = s.indexOf(']', i);
                    if (end < 0 || !s.substring(i + 1, end).matches("\\*|\\d+")) {
                        break;
                    }
                    i = end + 1;
                } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == ':' || c == '.') {
                    i++;
                } else {
                    break;
                }
            }
            if (i == start || s.indexOf(':', start) < 0 || s.indexOf(':', start) >= i) {
                throw new IllegalArgumentException("expected an object path like ipv4-addr:value at column " + (start + 1));
            }
            return s.substring(start, i);
        }

        String operator() {
            skip();
            if (i < s.length() && (s.charAt(i) == '=' || s.charAt(i) == '!' || s.charAt(i) == '<' || s.charAt(i) == '>')) {
                int start = i;
                i++;
                if (i < s.length() && s.charAt(i) == '=') {
                    i++;
                }
                return s.substring(start, i);
            }
            String w = word();
            if (w.isEmpty()) {
                throw new IllegalArgumentException("expected an operator at column " + col());
            }
            skip();
            i += w.length();
            return w.equalsIgnoreCase("NOT") ? "NOT " + word() : w;
        }

        String string() {
            skip();
            if (i >= s.length() || s.charAt(i) != '\'') {
                throw new IllegalArgumentException("expected a quoted value at column " + col());
            }
            StringBuilder b = new StringBuilder();
            i++;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '\\' && i < s.length()) {
                    b.append(s.charAt(i++));
                } else if (c == '\'') {
                    return b.toString();
                } else {
                    b.append(c);
                }
            }
            throw new IllegalArgumentException("unclosed quoted value");
        }
    }
}
