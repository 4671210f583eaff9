package dev.rampart.kql.ast;

import dev.rampart.kql.diagnostics.Span;

import java.util.List;

/** A whole query: let statements followed by the one tabular expression whose rows are the result. */
public record Query(List<Let> lets, Expr body, Span span) {

    public record Let(String name, Expr value, Span span) {
    }
}
