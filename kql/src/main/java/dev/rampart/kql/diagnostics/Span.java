package dev.rampart.kql.diagnostics;

/** A region of the query text: 0-based offset, 1-based line and column, length in chars. */
public record Span(int offset, int line, int column, int length) {
    public static final Span NONE = new Span(0, 1, 1, 0);

    /** The smallest span covering both. */
    public Span to(Span end) {
        int endOffset = Math.max(offset + length, end.offset + end.length);
        return new Span(offset, line, column, endOffset - offset);
    }

    public String where() {
        return "line " + line + ", column " + column;
    }
}
