package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Calls of a declared pattern, {@code P(args)} or {@code P(args).path}: the body of the rule the values select. */
final class PatternCalls {
    private final Analyzer a;

    PatternCalls(Analyzer a) {
        this.a = a;
    }

    /** The pattern a call names, or null when the expression is not a pattern call. */
    static Expr.Pattern call(Analyzer a, Expr e) {
        Expr.Call c = e instanceof Expr.Member m && m.target() instanceof Expr.Call mc ? mc : e instanceof Expr.Call ec ? ec : null;
        if (c != null && a.lets.get(c.name()) instanceof Binding.Pattern p) {
            return p.pattern();
        }
        return null;
    }

    Rel tabular(Expr e) {
        Expr.Pattern pat = call(a, e);
        Expr.Call c = e instanceof Expr.Member m ? (Expr.Call) m.target() : (Expr.Call) e;
        String path = e instanceof Expr.Member m ? m.name() : null;
        if (c.args().size() != pat.params().size()) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), "Pattern " + pat.name() + " takes " + pat.params().size()
                    + " argument(s) but was given " + c.args().size());
        }
        if ((path == null) != (pat.pathParam() == null)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), path == null
                    ? "Pattern " + pat.name() + " needs a path: " + pat.name() + "(...).name"
                    : "Pattern " + pat.name() + " has no path parameter");
        }
        List<Object> values = new ArrayList<>();
        for (Expr arg : c.args()) {
            values.add(constant(arg));
        }
        for (Expr.PatternRule rule : pat.rules()) {
            if (matches(rule, values, path)) {
                return body(pat, rule, c, values, path);
            }
        }
        throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), "No rule of pattern " + pat.name() + " matches "
                + e.span().where() + " (values " + values + (path == null ? "" : ", path " + path) + ")");
    }

    private boolean matches(Expr.PatternRule rule, List<Object> values, String path) {
        for (int i = 0; i < values.size(); i++) {
            if (!(rule.args().get(i) instanceof Expr.Star) && !Objects.equals(constant(rule.args().get(i)), values.get(i))) {
                return false;
            }
        }
        return path == null || rule.path() instanceof Expr.Star || Objects.equals(constant(rule.path()), path);
    }

    private Object constant(Expr e) {
        Rex r = a.exprs.analyze(e, Scope.EMPTY);
        if (!(r instanceof Rex.Lit l)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), "Pattern arguments must be constants");
        }
        return l.value();
    }

    /** The rule's body with the pattern's parameters bound to the call's values while it is analyzed. */
    private Rel body(Expr.Pattern pat, Expr.PatternRule rule, Expr.Call c, List<Object> values, String path) {
        Map<String, Binding> saved = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < pat.params().size(); i++) {
            Expr.Param p = pat.params().get(i);
            Rex v = Types.coerce(new Rex.Lit(values.get(i), a.exprs.analyze(c.args().get(i), Scope.EMPTY).type()),
                    Analyzer.type(p.type(), p.span()));
            names.add(p.name());
            saved.put(p.name(), a.lets.put(p.name(), new Binding.Scalar(v)));
        }
        if (pat.pathParam() != null) {
            Expr.Param p = pat.pathParam();
            names.add(p.name());
            saved.put(p.name(), a.lets.put(p.name(), new Binding.Scalar(
                    Types.coerce(new Rex.Lit(path, dev.rampart.kql.schema.KqlType.STRING), Analyzer.type(p.type(), p.span())))));
        }
        try {
            return a.tabular(rule.body());
        } finally {
            for (String n : names) {
                if (saved.get(n) == null) {
                    a.lets.remove(n);
                } else {
                    a.lets.put(n, saved.get(n));
                }
            }
        }
    }
}
