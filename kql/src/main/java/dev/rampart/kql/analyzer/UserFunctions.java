package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Calls of let-defined functions are expanded in place: parameters become scalar bindings for the
 * body, so the result is the same plan as if the caller had written the body out.
 */
final class UserFunctions {
    /** A stored function being expanded, and where the query itself made the outermost such call. */
    record StoredCall(String name, dev.rampart.kql.diagnostics.Span at) {
    }

    /** Expansion depth; also stops a function that calls itself. */
    private static final int MAX_DEPTH = 16;

    private final Analyzer a;

    private dev.rampart.kql.plan.CteDef cte(Rel rel) {
        if (rel instanceof Rel.CteRef ref) {
            return a.ctes.get(ref.id());
        }
        dev.rampart.kql.plan.CteDef def = new dev.rampart.kql.plan.CteDef(a.ctes.size(), "arg", rel, false);
        a.ctes.add(def);
        return def;
    }

    UserFunctions(Analyzer a) {
        this.a = a;
    }

    /** Whether a bare name can call the function: every parameter is scalar and has a default. */
    static boolean callableByName(Expr.Lambda fn) {
        return fn.params().stream().allMatch(p -> p.defaultValue() != null && !p.type().equals("table"));
    }

    Rex scalar(Expr.Lambda fn, Expr.Call c, Scope scope) {
        // A stored function's body sees its parameters, never the caller's row: its arguments are bound in the caller's scope.
        Scope bodyScope = isStored(fn, c) ? Scope.EMPTY : scope;
        return expand(fn, c, scope, () -> a.exprs.analyze(fn.body(), bodyScope));
    }

    private boolean isStored(Expr.Lambda fn, Expr.Call c) {
        return a.storedFunctions.get(c.name()) == fn;
    }

    Rel tabular(Expr.Lambda fn, Expr.Call c) {
        return expand(fn, c, Scope.EMPTY, () -> a.tabular(fn.body()), null);
    }

    /** {@code T | invoke f(x)}: T is the function's first (tabular) argument. */
    Rel invoke(Expr.Lambda fn, Expr.Call c, Rel input) {
        if (fn.params().isEmpty() || !fn.params().get(0).type().equals("table")) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), c.name() + "() has no table parameter to invoke it with");
        }
        return expand(fn, c, Scope.EMPTY, () -> a.tabular(fn.body()), input);
    }

    /**
     * The argument for parameter {@code p} at position {@code index}: named arguments go by name, the
     * positional ones that precede them by position, and a missing one takes the parameter's default.
     */
    private static Expr argument(Expr.Call c, int index, Expr.Param p) {
        for (Expr e : c.args()) {
            if (e instanceof Expr.NamedArg na && na.name().equals(p.name())) {
                return na.value();
            }
        }
        if (index < c.args().size() && !(c.args().get(index) instanceof Expr.NamedArg)) {
            return c.args().get(index);
        }
        return p.defaultValue();
    }

    private <T> T expand(Expr.Lambda fn, Expr.Call c, Scope scope, Supplier<T> body) {
        return expand(fn, c, scope, body, null);
    }

    private <T> T expand(Expr.Lambda fn, Expr.Call c, Scope scope, Supplier<T> body, Rel piped) {
        int offset = piped == null ? 0 : 1;
        if (c.args().size() + offset > fn.params().size()) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), c.name() + "() takes " + fn.params().size()
                    + " arguments but was given " + c.args().size());
        }
        Map<String, Binding> saved = new HashMap<>(a.lets);
        Map<String, Binding> bound = new HashMap<>();
        for (int i = 0; i < fn.params().size(); i++) {
            Expr.Param p = fn.params().get(i);
            if (i == 0 && piped != null) {
                bound.put(p.name(), new Binding.Tabular(cte(piped)));
                continue;
            }
            Expr arg = argument(c, i - offset, p);
            if (arg == null) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), c.name() + "() is missing its argument '" + p.name() + "'");
            }
            if (p.type().equals("table")) {
                bound.put(p.name(), new Binding.Tabular(cte(a.tabular(arg))));
                continue;
            }
            Rex v = a.exprs.analyze(arg, scope);
            bound.put(p.name(), new Binding.Scalar(Types.coerce(v, Analyzer.type(p.type(), p.span()) == KqlType.DYNAMIC
                    ? v.type() : Analyzer.type(p.type(), p.span()))));
        }
        for (Expr e : c.args()) {
            if (e instanceof Expr.NamedArg na && fn.params().stream().noneMatch(p -> p.name().equals(na.name()))) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, na.span(), c.name() + "() has no parameter '" + na.name() + "'");
            }
        }
        if (++a.functionDepth > MAX_DEPTH) {
            a.functionDepth--;
            throw KqlException.at(ErrorCode.LIMIT_EXCEEDED, c.span(), "Functions call each other too deeply");
        }
        boolean stored = isStored(fn, c);
        Map<String, Integer> savedOffsets = new HashMap<>(a.letOffsets);
        int warningsBefore = a.warnings.size();
        if (stored) {
            a.storedCalls.push(new StoredCall(c.name(), a.storedCalls.isEmpty() ? c.span() : a.storedCalls.peekLast().at()));
        }
        try {
            if (stored) {
                a.lets.clear();
                a.lets.putAll(a.storedBindings());
            }
            a.lets.putAll(bound);
            a.bindLets(fn.lets());
            return body.get();
        } catch (KqlException e) {
            throw stored ? a.storedFailure(e) : e;
        } finally {
            if (stored) {
                a.anchorStoredWarnings(warningsBefore);
                a.storedCalls.pop();
            }
            a.functionDepth--;
            a.lets.clear();
            a.lets.putAll(saved);
            a.letOffsets.clear();
            a.letOffsets.putAll(savedOffsets);
        }
    }
}
