package dev.rampart.kql.ast;

import dev.rampart.kql.diagnostics.Span;

import java.util.List;

/**
 * {@code restrict access to (...)}: after this statement only the listed entities can be read.
 *
 * @param lets   names or wildcard patterns of let-defined tabular entities (a bare name may also be a table)
 * @param tables names or wildcard patterns given as {@code database().Name}: tables of the current database
 * @param span   the statement; references written after it are checked
 */
public record Restriction(List<String> lets, List<String> tables, Span span) {
    public Restriction {
        lets = List.copyOf(lets);
        tables = List.copyOf(tables);
    }
}
