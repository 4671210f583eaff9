package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;

import java.util.List;

/**
 * {@code table(Name [, DataScope])}: the rows the name would give written bare, so a tabular let, a function callable
 * without arguments and a schema table resolve the same way (and an unknown name fails the same way).
 */
final class TableFunction {
    static final String NAME = "table";
    private static final List<String> DATA_SCOPES = List.of("hotcache", "all", "default");

    private TableFunction() {
    }

    static Rel source(Analyzer a, Expr.Call c) {
        if (c.args().isEmpty() || c.args().size() > 2) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(),
                    "table() takes the table's name and an optional data scope but was given " + c.args().size() + " arguments");
        }
        Expr arg = c.args().get(0);
        String name = tableName(a, arg);
        if (c.args().size() == 2) {
            dataScope(a, c.args().get(1));
        }
        return a.source(new Expr.Name(name, arg.span()));
    }

    /**
     * A string constant, or a parameter or let holding one; a bare name that is no scalar value names the table
     * itself, as in {@code table(DeviceEvents)}.
     */
    private static String tableName(Analyzer a, Expr arg) {
        if (arg instanceof Expr.Name n && !(a.lets.get(n.name()) instanceof Binding.Scalar)) {
            return n.name();
        }
        Rex v = a.exprs.analyze(arg, Scope.EMPTY);
        if (v instanceof Rex.Lit l && l.value() instanceof String s) {
            return s;
        }
        throw KqlException.at(ErrorCode.TYPE_MISMATCH, arg.span(), "table() needs the table's name as a constant string",
                "Kusto resolves the name before reading any row; to pick between tables by a value, union them and filter each leg");
    }

    /** Every row here is equally at hand, so the scope cannot narrow the read; only a misspelled one is an error. */
    private static void dataScope(Analyzer a, Expr arg) {
        Rex v = a.exprs.analyze(arg, Scope.EMPTY);
        if (!(v instanceof Rex.Lit l && l.value() instanceof String s) || !DATA_SCOPES.contains(s)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, arg.span(), "table()'s data scope must be one of "
                    + String.join(", ", DATA_SCOPES.stream().map(d -> "'" + d + "'").toList()));
        }
        if (s.equals("hotcache")) {
            a.warn(ErrorCode.UNSUPPORTED, arg.span(), "The data scope 'hotcache' is ignored: all of the table's rows are read");
        }
    }
}
