package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.List;

/**
 * {@code declare query_parameters(...)} (query-parameters-statement.md). A request can carry values for the declared
 * names, but {@link dev.rampart.kql.CompileOptions} carries none, so each name takes its default: a literal of the
 * declared type, bound like a scalar let.
 */
final class QueryParameters {
    private QueryParameters() {
    }

    static void bind(Analyzer a, List<Expr.Param> params) {
        for (Expr.Param p : params) {
            KqlType type = Analyzer.type(p.type(), p.span());
            if (p.defaultValue() == null) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, p.span(), "The query parameter '" + p.name() + "' has no value",
                        "Values cannot be passed along with the query here; give it a default: " + p.name() + ":" + p.type() + " = ...");
            }
            if (type == KqlType.DYNAMIC) {
                // The page forbids it, as for function parameters; without a default the name could never have a value.
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, p.defaultValue().span(),
                        "The query parameter '" + p.name() + "' is dynamic, and a dynamic query parameter cannot have a default value");
            }
            a.lets.put(p.name(), new Binding.Scalar(literal(a, p, type)));
        }
    }

    /** The default, which must be a literal of the declared type (an integer is also taken for a real). */
    private static Rex.Lit literal(Analyzer a, Expr.Param p, KqlType type) {
        Rex v = a.exprs.analyze(p.defaultValue(), Scope.EMPTY);
        if (!(v instanceof Rex.Lit l)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, p.defaultValue().span(),
                    "The default of query parameter '" + p.name() + "' must be a literal");
        }
        if (l.value() == null || l.type() == type) {
            return new Rex.Lit(l.value(), type);
        }
        if (l.value() instanceof Number n && Types.isIntegral(l.type())) {
            switch (type) {
                case LONG:
                    return new Rex.Lit(n.longValue(), type);
                case INT:
                    if (n.longValue() == n.intValue()) {
                        return new Rex.Lit(n.intValue(), type);
                    }
                    break;
                case REAL:
                    return new Rex.Lit(n.doubleValue(), type);
                default:
                    break;
            }
        }
        throw KqlException.at(ErrorCode.TYPE_MISMATCH, p.defaultValue().span(), "The default of query parameter '" + p.name()
                + "' is a " + l.type().kustoName() + " but the parameter is declared " + type.kustoName());
    }
}
