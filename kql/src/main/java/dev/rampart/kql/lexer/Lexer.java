package dev.rampart.kql.lexer;

import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns KQL text into tokens; comments and whitespace are dropped. */
public final class Lexer {
    /** Operator names written with a hyphen, which would otherwise lex as a subtraction. */
    private static final Set<String> HYPHENATED = Set.of(
            "project-away", "project-rename", "project-reorder", "project-keep", "project-smart", "project-by-names",
            "mv-expand", "mv-apply", "make-series", "parse-where", "parse-kv", "top-nested", "top-hitters", "sample-distinct",
            "make-graph", "graph-match", "graph-to-table", "graph-shortest-paths", "graph-mark-components",
            "partitioned-by", "sort-by", "order-by");

    private final String src;
    private int pos;
    private int line = 1;
    private int lineStart;
    private final List<Token> out = new ArrayList<>();

    private Lexer(String src) {
        this.src = src;
    }

    public static List<Token> tokenize(String src) {
        Lexer lx = new Lexer(src);
        lx.run();
        return lx.out;
    }

    private Span span(int start, int startLine, int startCol) {
        return new Span(start, startLine, startCol, pos - start);
    }

    private KqlException error(String what, int at) {
        int col = at - lineStart + 1;
        return KqlException.at(ErrorCode.LEX_ERROR, new Span(at, line, Math.max(col, 1), 1), what);
    }

    private char peek(int k) {
        int i = pos + k;
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private void run() {
        boolean space = true;
        while (true) {
            int before = pos;
            skipTrivia();
            space = space || pos != before;
            if (pos >= src.length()) {
                out.add(new Token(TokenKind.EOF, "", new Span(pos, line, pos - lineStart + 1, 0), true));
                return;
            }
            lexOne(space);
            space = false;
        }
    }

    private void skipTrivia() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (isSpace(c)) {
                pos++;
            } else if (c == '/' && peek(1) == '/') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    /**
     * Kusto's own set of blank characters: besides ASCII blanks, the Unicode spaces (no-break, narrow no-break,
     * figure, zero-width) and the byte order mark. Queries copied from web pages carry these between tokens.
     */
    static boolean isSpace(char c) {
        return switch (c) {
            case ' ', '\t', '\r', '\n', '\f', '\u00a0', '\u1680', '\u180e', '\u202f', '\u205f', '\u3000', '\uFEFF' -> true;
            default -> c >= '\u2000' && c <= '\u200b';
        };
    }

    private void add(TokenKind k, String text, int start, int sl, int sc, boolean space) {
        out.add(new Token(k, text, span(start, sl, sc), space));
    }

    private void lexOne(boolean space) {
        int start = pos;
        int sl = line;
        int sc = pos - lineStart + 1;
        char c = src.charAt(pos);
        if (c == '"' || c == '\'') {
            add(TokenKind.STRING, quoted(c), start, sl, sc, space);
            return;
        }
        if ((c == '@') && (peek(1) == '"' || peek(1) == '\'')) {
            pos++;
            add(TokenKind.STRING, verbatim(src.charAt(pos)), start, sl, sc, space);
            return;
        }
        if ((c == 'h' || c == 'H') && (peek(1) == '"' || peek(1) == '\'' || (peek(1) == '@' && (peek(2) == '"' || peek(2) == '\'')))) {
            // Obfuscated string literal: same value, only hidden from logs.
            pos++;
            if (src.charAt(pos) == '@') {
                pos++;
                add(TokenKind.STRING, verbatim(src.charAt(pos)), start, sl, sc, space);
            } else {
                add(TokenKind.STRING, quoted(src.charAt(pos)), start, sl, sc, space);
            }
            return;
        }
        if (c == '`' && peek(1) == '`' && peek(2) == '`') {
            int end = src.indexOf("```", pos + 3);
            if (end < 0) {
                throw error("Unterminated ``` string", start);
            }
            String v = src.substring(pos + 3, end);
            for (int i = pos; i < end + 3; i++) {
                if (src.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            pos = end + 3;
            add(TokenKind.STRING, v, start, sl, sc, space);
            return;
        }
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)) && !prevIsValue())) {
            number(start, sl, sc, space);
            return;
        }
        if (Character.isLetter(c) || c == '_' || c == '$') {
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_'
                    || (src.charAt(pos) == '$' && pos == start))) {
                pos++;
            }
            if (pos - start == 2 && src.startsWith("in", start) && peek(0) == '~') {
                pos++;
            }
            String word = src.substring(start, pos);
            if (peek(0) == '-' && Character.isLetter(peek(1))) {
                int save = pos;
                pos++;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_'
                        || (src.charAt(pos) == '-' && pos + 1 < src.length() && Character.isLetter(src.charAt(pos + 1))
                        && HYPHENATED.stream().anyMatch(h -> h.startsWith(src.substring(start, pos + 1)))))) {
                    pos++;
                }
                String joined = src.substring(start, pos);
                if (HYPHENATED.contains(joined)) {
                    add(TokenKind.IDENT, joined, start, sl, sc, space);
                    return;
                }
                pos = save;
            }
            if ((word.equals("datetime") || word.equals("timespan") || word.equals("time") || word.equals("guid")) && rawParenFollows()) {
                rawLiteral(word, start, sl, sc, space);
                return;
            }
            add(TokenKind.IDENT, word, start, sl, sc, space);
            return;
        }
        pos++;
        TokenKind k = switch (c) {
            case '|' -> TokenKind.PIPE;
            case ',' -> TokenKind.COMMA;
            case ';' -> TokenKind.SEMI;
            case '(' -> TokenKind.LPAREN;
            case ')' -> TokenKind.RPAREN;
            case '[' -> TokenKind.LBRACKET;
            case ']' -> TokenKind.RBRACKET;
            case '{' -> TokenKind.LBRACE;
            case '}' -> TokenKind.RBRACE;
            case ':' -> TokenKind.COLON;
            case '+' -> TokenKind.PLUS;
            case '-' -> TokenKind.MINUS;
            case '*' -> TokenKind.STAR;
            case '/' -> TokenKind.SLASH;
            case '%' -> TokenKind.PERCENT;
            case '.' -> take('.') ? TokenKind.DOTDOT : TokenKind.DOT;
            case '=' -> take('=') ? TokenKind.EQ : take('~') ? TokenKind.EQ_TILDE : take('>') ? TokenKind.ARROW : TokenKind.ASSIGN;
            case '!' -> take('=') ? TokenKind.NEQ : take('~') ? TokenKind.NEQ_TILDE : TokenKind.BANG;
            case '<' -> take('=') ? TokenKind.LE : take('>') ? TokenKind.NEQ : TokenKind.LT;
            case '>' -> take('=') ? TokenKind.GE : TokenKind.GT;
            default -> throw error("Unexpected character '" + printable(c) + "'", start);
        };
        add(k, src.substring(start, pos), start, sl, sc, space);
    }

    private static String printable(char c) {
        return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private boolean prevIsValue() {
        if (out.isEmpty()) {
            return false;
        }
        TokenKind k = out.get(out.size() - 1).kind();
        return k == TokenKind.IDENT || k == TokenKind.RPAREN || k == TokenKind.RBRACKET;
    }

    private boolean take(char c) {
        if (peek(0) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean rawParenFollows() {
        int i = pos;
        while (i < src.length() && (src.charAt(i) == ' ' || src.charAt(i) == '\t')) {
            i++;
        }
        return i < src.length() && src.charAt(i) == '(';
    }

    /** datetime(2024-01-01 10:00) carries unquoted text that is not made of KQL tokens. */
    private void rawLiteral(String word, int start, int sl, int sc, boolean space) {
        int open = src.indexOf('(', pos);
        int close = src.indexOf(')', open);
        if (close < 0) {
            throw error("Unterminated " + word + "( literal", start);
        }
        String inner = src.substring(open + 1, close).trim();
        if (inner.length() >= 2 && (inner.charAt(0) == '"' || inner.charAt(0) == '\'')
                && inner.charAt(inner.length() - 1) == inner.charAt(0)) {
            inner = inner.substring(1, inner.length() - 1);
        }
        if (inner.indexOf('\n') >= 0) {
            throw error("Malformed " + word + "( literal", start);
        }
        pos = close + 1;
        add(TokenKind.DATETIME_LITERAL, word + ":" + inner, start, sl, sc, space);
    }

    private void number(int start, int sl, int sc, boolean space) {
        boolean real = false;
        if (peek(0) == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
            pos += 2;
            while (Character.digit(peek(0), 16) >= 0) {
                pos++;
            }
            try {
                add(TokenKind.LONG, Long.toString(Long.parseUnsignedLong(src.substring(start + 2, pos), 16)), start, sl, sc, space);
            } catch (NumberFormatException e) {
                throw error("Malformed hexadecimal number", start);
            }
            return;
        }
        while (Character.isDigit(peek(0))) {
            pos++;
        }
        if (peek(0) == '.' && Character.isDigit(peek(1))) {
            real = true;
            pos++;
            while (Character.isDigit(peek(0))) {
                pos++;
            }
        } else if (peek(0) == '.' && peek(1) != '.' && !Character.isLetter(peek(1)) && peek(1) != '_') {
            // "0." is a real in KQL (series_periods_detect(num, 0., 14d/2h, 2)).
            real = true;
            pos++;
        }
        if ((peek(0) == 'e' || peek(0) == 'E') && (Character.isDigit(peek(1))
                || ((peek(1) == '+' || peek(1) == '-') && Character.isDigit(peek(2))))) {
            real = true;
            pos += 2;
            while (Character.isDigit(peek(0))) {
                pos++;
            }
        }
        String num = src.substring(start, pos);
        if (!real && (Character.isLetter(peek(0)) || peek(0) == '_')) {
            // Digits then a word: a timespan when the word is a unit (5m, 2days), otherwise a name (let 2022Cves = ...,
            // by 5MinuteBin = ...), which KQL allows as long as it is not also a literal.
            int wordEnd = pos;
            while (wordEnd < src.length() && (Character.isLetterOrDigit(src.charAt(wordEnd)) || src.charAt(wordEnd) == '_')) {
                wordEnd++;
            }
            String word = src.substring(pos, wordEnd);
            if (!word.chars().allMatch(Character::isLetter) || TimespanUnits.micros(word) < 0) {
                pos = wordEnd;
                add(TokenKind.IDENT, src.substring(start, pos), start, sl, sc, space);
                return;
            }
        }
        if (Character.isLetter(peek(0))) {
            int unitStart = pos;
            while (Character.isLetter(peek(0))) {
                pos++;
            }
            String unit = src.substring(unitStart, pos);
            if (TimespanUnits.micros(unit) < 0) {
                throw error("Unknown timespan unit '" + unit + "'", unitStart);
            }
            add(TokenKind.TIMESPAN, num + unit, start, sl, sc, space);
            return;
        }
        add(real ? TokenKind.REAL : TokenKind.LONG, num, start, sl, sc, space);
    }

    private String quoted(char q) {
        int start = pos;
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw error("Unterminated string literal", start);
            }
            char c = src.charAt(pos++);
            if (c == q) {
                return b.toString();
            }
            if (c == '\\') {
                if (pos >= src.length()) {
                    throw error("Unterminated string literal", start);
                }
                char e = src.charAt(pos++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case '0' -> b.append('\0');
                    case 'u' -> {
                        if (pos + 4 > src.length()) {
                            throw error("Malformed \\u escape", pos - 2);
                        }
                        try {
                            b.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("Malformed \\u escape", pos - 2);
                        }
                        pos += 4;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
    }

    private String verbatim(char q) {
        int start = pos;
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw error("Unterminated string literal", start);
            }
            char c = src.charAt(pos++);
            if (c == q) {
                if (peek(0) == q) {
                    b.append(q);
                    pos++;
                    continue;
                }
                return b.toString();
            }
            b.append(c);
        }
    }
}
