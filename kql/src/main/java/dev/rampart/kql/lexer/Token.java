package dev.rampart.kql.lexer;

import dev.rampart.kql.diagnostics.Span;

/**
 * A lexical token. {@code text} is the decoded value for strings and the raw text otherwise;
 * {@code spaceBefore} lets the parser tell {@code !has} from {@code ! has}.
 */
public record Token(TokenKind kind, String text, Span span, boolean spaceBefore) {
    public boolean is(TokenKind k) {
        return kind == k;
    }

    public boolean isWord(String word) {
        return kind == TokenKind.IDENT && text.equals(word);
    }
}
