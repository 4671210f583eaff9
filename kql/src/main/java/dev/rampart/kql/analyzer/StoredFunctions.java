package dev.rampart.kql.analyzer;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.FunctionCatalog;
import dev.rampart.kql.StoredFunction;
import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.Diagnostic;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.lexer.Lexer;
import dev.rampart.kql.lexer.Token;
import dev.rampart.kql.lexer.TokenKind;
import dev.rampart.kql.parser.Parser;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stored functions a query names, and those their bodies name in turn, each parsed once per compilation. Only
 * names that occur in the text are looked up, so a catalog of any size costs a query nothing it does not use.
 */
final class StoredFunctions {
    /** A function body is a query of its own; a longer one is refused like a longer query. */
    private static final int MAX_FUNCTIONS = 64;

    private StoredFunctions() {
    }

    static Map<String, Expr.Lambda> resolve(String text, CompileOptions options) {
        Map<String, Expr.Lambda> out = new LinkedHashMap<>();
        if (options.functions() == FunctionCatalog.NONE) {
            return out;
        }
        Deque<Token> pending = new ArrayDeque<>(Lexer.tokenize(text));
        Map<String, Span> seen = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            Token t = pending.poll();
            if (t.kind() != TokenKind.IDENT || seen.containsKey(t.text())) {
                continue;
            }
            seen.put(t.text(), t.span());
            if (options.schema().table(t.text()).isPresent()) {
                continue;
            }
            Optional<StoredFunction> f = options.functions().find(t.text());
            if (f.isEmpty()) {
                continue;
            }
            if (out.size() >= MAX_FUNCTIONS) {
                throw KqlException.at(dev.rampart.kql.diagnostics.ErrorCode.LIMIT_EXCEEDED, t.span(),
                        "The query calls more than " + MAX_FUNCTIONS + " stored functions");
            }
            out.put(t.text(), parse(f.get(), t.span()));
            // Spans in a body are the body's own, so a failure there is reported where the query first names the function.
            for (Token inner : Lexer.tokenize(f.get().body())) {
                pending.add(new Token(inner.kind(), inner.text(), t.span(), inner.spaceBefore()));
            }
        }
        return out;
    }

    private static Expr.Lambda parse(StoredFunction f, Span at) {
        try {
            Parser.parseFunction(f.parameters(), "print 0");
        } catch (KqlException e) {
            throw wrap(f.name(), "its parameters", e, at);
        }
        try {
            return Parser.parseFunction(f.parameters(), f.body());
        } catch (KqlException e) {
            throw wrap(f.name(), "its body", e, at);
        }
    }

    /** An error inside a function, reported at the query's call of it so that the editor marks a place the user wrote. */
    static KqlException wrap(String name, String where, KqlException e, Span at) {
        Diagnostic d = e.diagnostic();
        String message = "Stored function '" + name + "' (called at " + at.where() + ") fails in " + where + ": " + d.message();
        return new KqlException(new Diagnostic(d.code(), d.severity(), message, at, d.feature()));
    }
}
