package dev.rampart.kql.ast;

import dev.rampart.kql.diagnostics.Span;

import java.util.List;

/**
 * A whole query: let statements followed by the tabular expression whose rows are the result
 * ({@code otherResults}: later result statements, whose result sets follow the first).
 *
 * @param settings   the query's set statements, in the order written
 * @param parameters the names declared by declare query_parameters(...), each with its type and default (may be null)
 * @param restriction the query's restrict access statement, or null
 */
public record Query(List<Let> lets, Expr body, List<Expr> otherResults, List<Setting> settings,
                    List<Expr.Param> parameters, Restriction restriction, Span span) {

    public Query(List<Let> lets, Expr body, List<Expr> otherResults, List<Setting> settings, List<Expr.Param> parameters, Span span) {
        this(lets, body, otherResults, settings, parameters, null, span);
    }

    public Query(List<Let> lets, Expr body, List<Expr> otherResults, Span span) {
        this(lets, body, otherResults, List.of(), List.of(), span);
    }

    public Query(List<Let> lets, Expr body, Span span) {
        this(lets, body, List.of(), span);
    }

    /** {@code view}: declared with view(), so a search or find without a table list reads it too. */
    public record Let(String name, Expr value, boolean view, Span span) {
        public Let(String name, Expr value, Span span) {
            this(name, value, false, span);
        }
    }

    /**
     * {@code set name [= value]}: a request property. {@code value} is null when the statement only names it (a flag set
     * to true); {@code beforeResult} says whether it precedes the first result statement, the only one it can affect.
     */
    public record Setting(String name, Expr value, Span nameSpan, Span span, boolean beforeResult) {
    }
}
