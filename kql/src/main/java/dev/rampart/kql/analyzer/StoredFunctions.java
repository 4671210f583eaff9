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

    /** The stored functions found, and those whose text does not parse (with that failure, kept until one is used). */
    record Resolution(Map<String, Expr.Lambda> functions, Map<String, KqlException> broken) {
    }

    /**
     * Looks up the identifiers of {@code text} in the catalog, then those of the bodies found, skipping {@code skip} (the
     * query's own lets, which shadow stored functions) and names of tables.
     */
    static Resolution resolve(String text, CompileOptions options, java.util.Set<String> skip) {
        Map<String, Expr.Lambda> out = new LinkedHashMap<>();
        Map<String, KqlException> broken = new LinkedHashMap<>();
        if (options.functions() == FunctionCatalog.NONE) {
            return new Resolution(out, broken);
        }
        Deque<Token> pending = new ArrayDeque<>(Lexer.tokenize(text));
        java.util.Set<String> seen = new java.util.HashSet<>(skip);
        while (!pending.isEmpty()) {
            Token t = pending.poll();
            if (t.kind() != TokenKind.IDENT || !seen.add(t.text()) || options.schema().table(t.text()).isPresent()) {
                continue;
            }
            Optional<StoredFunction> f = options.functions().find(t.text());
            if (f.isEmpty()) {
                continue;
            }
            if (out.size() + broken.size() >= MAX_FUNCTIONS) {
                throw KqlException.at(dev.rampart.kql.diagnostics.ErrorCode.LIMIT_EXCEEDED, t.span(),
                        "The query calls more than " + MAX_FUNCTIONS + " stored functions");
            }
            try {
                out.put(t.text(), parse(f.get()));
            } catch (KqlException e) {
                broken.put(t.text(), e);
                continue;
            }
            try {
                pending.addAll(Lexer.tokenize(f.get().parameters() + "\n" + f.get().body()));
            } catch (KqlException e) {
                // cannot happen: the text parsed
            }
        }
        return new Resolution(out, broken);
    }

    /** Parses a function; a failure's message says whether the parameters or the body are wrong. */
    private static Expr.Lambda parse(StoredFunction f) {
        try {
            Parser.parseFunction(f.parameters(), "print 0");
        } catch (KqlException e) {
            throw relabel("its parameters", e);
        }
        try {
            return Parser.parseFunction(f.parameters(), f.body());
        } catch (KqlException e) {
            throw relabel("its body", e);
        }
    }

    private static KqlException relabel(String where, KqlException e) {
        Diagnostic d = e.diagnostic();
        return new KqlException(new Diagnostic(d.code(), d.severity(), where + ": " + d.message(), d.span(), d.feature()));
    }

    /** A stored function whose text does not parse, reported where the query uses its name. */
    static KqlException broken(String name, KqlException e, Span at) {
        Diagnostic d = e.diagnostic();
        String message = "Stored function '" + name + "' (called at " + at.where() + ") fails in " + d.message();
        return new KqlException(new Diagnostic(d.code(), d.severity(), message, at, d.feature()));
    }

    /** An error inside a function, reported at the query's call of it so that the editor marks a place the user wrote. */
    static KqlException wrap(String name, String where, KqlException e, Span at) {
        Diagnostic d = e.diagnostic();
        String message = "Stored function '" + name + "' (called at " + at.where() + ") fails in " + where + ": " + d.message();
        return new KqlException(new Diagnostic(d.code(), d.severity(), message, at, d.feature()));
    }
}
