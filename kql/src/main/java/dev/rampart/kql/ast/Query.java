package dev.rampart.kql.ast;

import dev.rampart.kql.diagnostics.Span;

import java.util.List;

/** A whole query: let statements followed by the tabular expression whose rows are the result
 * ({@code otherResults}: later result statements, whose result sets follow the first). */
public record Query(List<Let> lets, Expr body, List<Expr> otherResults, Span span) {

    public Query(List<Let> lets, Expr body, Span span) {
        this(lets, body, List.of(), span);
    }

    /** {@code view}: declared with view(), so a search or find without a table list reads it too. */
    public record Let(String name, Expr value, boolean view, Span span) {
        public Let(String name, Expr value, Span span) {
            this(name, value, false, span);
        }
    }
}
