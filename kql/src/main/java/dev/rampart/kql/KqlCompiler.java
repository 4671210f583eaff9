package dev.rampart.kql;

import dev.rampart.kql.analyzer.Analyzer;
import dev.rampart.kql.ast.Query;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.parser.Parser;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.sql.SqlRenderer;

import dev.rampart.kql.diagnostics.Diagnostic;
import dev.rampart.kql.plan.Plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compiles a hunting query to one SQL statement per result table. Thread-safe and stateless: each call builds its own
 * parser, analyzer and renderer.
 */
public final class KqlCompiler {
    /** Longer queries are not hunting queries; the cap keeps compile time and memory bounded. */
    public static final int MAX_QUERY_LENGTH = 100_000;

    private KqlCompiler() {
    }

    /**
     * @throws KqlException with a positioned diagnostic for any syntax, name, type or unsupported-feature error
     */
    public static CompiledQuery compile(String query, CompileOptions options) {
        if (query == null) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, Span.NONE, "The query is empty");
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw KqlException.at(ErrorCode.LIMIT_EXCEEDED, Span.NONE,
                    "The query is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        try {
            Query ast = Parser.parse(query);
            Analyzer.Result analyzed = new Analyzer(passingProbeFailures(options)).analyze(ast, query);
            List<CompiledQuery> more = new ArrayList<>();
            for (Analyzer.Output o : analyzed.additional()) {
                more.add(result(options, o.plan(), List.of(), o.render(), o.name(), List.of()));
            }
            return result(options, analyzed.plan(), analyzed.warnings(), analyzed.render(), analyzed.name(), more);
        } catch (ProbeFailed e) {
            throw e.getCause();
        } catch (StackOverflowError e) {
            throw KqlException.at(ErrorCode.LIMIT_EXCEEDED, Span.NONE, "The query is nested too deeply");
        } catch (KqlException e) {
            throw e;
        } catch (RuntimeException e) {
            // Callers get a diagnostic, never a stack trace; the cause is kept for the logs.
            throw new KqlException(KqlException.at(ErrorCode.INTERNAL, Span.NONE,
                    "The query could not be compiled because of an internal error (" + e.getClass().getSimpleName() + ")").diagnostic(), e);
        }
    }

    /**
     * Checks a function before it is saved and says what it returns. The function may call the stored functions of
     * {@code options}; it replaces one of its own name there.
     *
     * @throws KqlException with a position in the function's body or in its parameters' text
     */
    public static FunctionShape describe(StoredFunction function, CompileOptions options) {
        if (function.body().length() > MAX_QUERY_LENGTH) {
            throw KqlException.at(ErrorCode.LIMIT_EXCEEDED, Span.NONE, "The function is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        try {
            Analyzer.Described d = new Analyzer(passingProbeFailures(options)).describe(function);
            if (d.plan() != null) {
                new SqlRenderer(options.dialect(), options.schema().storedNames()).render(d.plan());
            }
            return d.shape();
        } catch (ProbeFailed e) {
            throw e.getCause();
        } catch (StackOverflowError e) {
            throw KqlException.at(ErrorCode.LIMIT_EXCEEDED, Span.NONE, "The function is nested too deeply");
        } catch (KqlException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KqlException(KqlException.at(ErrorCode.INTERNAL, Span.NONE,
                    "The function could not be checked because of an internal error (" + e.getClass().getSimpleName() + ")").diagnostic(), e);
        }
    }

    /**
     * Whether a stored function may not take {@code name}: it is not an identifier, or the language already gives it
     * a meaning as a function (scalar, aggregate, Defender's), a table or a keyword that a call cannot follow.
     */
    public static boolean isReservedName(String name) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*") || RESERVED_WORDS.contains(name)
                || Analyzer.isDefenderFunction(name)) {
            return true;
        }
        try {
            compile("print " + name + "()", CompileOptions.defaults(java.time.Instant.EPOCH));
            return true;
        } catch (KqlException e) {
            return e.code() != ErrorCode.UNKNOWN_FUNCTION;
        }
    }

    /** Statement and operator words a name would be confused with even where a call parses. */
    private static final java.util.Set<String> RESERVED_WORDS = java.util.Set.of("let", "set", "declare", "restrict", "alias",
            "pattern", "view", "and", "or", "not", "true", "false", "null", "by", "on", "with", "kind", "of", "to", "typeof",
            "in", "has", "contains", "between", "print", "range", "datatable", "union", "find", "search", "externaldata",
            "evaluate", "invoke", "materialize", "toscalar", "table", "dynamic", "graph", "where", "filter", "project", "extend",
            "summarize", "take", "limit", "top", "sort", "order", "distinct", "join", "lookup", "parse", "render", "sample",
            "serialize", "as", "fork", "facet", "scan", "consume", "getschema", "partition", "reduce", "count");

    /** Each result renders on its own renderer: parameters and aliases are numbered per SQL statement. */
    private static CompiledQuery result(CompileOptions options, Plan plan, List<Diagnostic> warnings, Optional<RenderSpec> render,
                                        String name, List<CompiledQuery> more) {
        SqlRenderer.Rendered sql = new SqlRenderer(options.dialect(), options.schema().storedNames()).render(plan);
        List<OutputColumn> cols = plan.root().fields().stream().map((Field f) -> new OutputColumn(f.name(), f.type())).toList();
        return new CompiledQuery(sql.sql(), sql.parameters(), cols, warnings, render, name, more);
    }

    /** A key probe's own exception (a timeout, a cancellation) is the caller's to report, not an internal error. */
    private static CompileOptions passingProbeFailures(CompileOptions options) {
        BagKeyProbe probe = options.bagKeys();
        if (probe == null) {
            return options;
        }
        return options.withBagKeys((sql, parameters) -> {
            try {
                return probe.keys(sql, parameters);
            } catch (RuntimeException e) {
                throw new ProbeFailed(e);
            }
        });
    }

    private static final class ProbeFailed extends RuntimeException {
        ProbeFailed(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }
}
