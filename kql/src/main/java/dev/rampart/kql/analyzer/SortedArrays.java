package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * array_sort_asc/desc of several arrays: the first is sorted and the others are reordered the same way
 * (an array whose length differs from the first becomes null). The value is an array of the arrays; as a
 * whole print/extend/project column it becomes one column per array, named after the argument with
 * {@code _sorted}, and {@code (a, b) = array_sort_asc(x, y)} names them.
 */
final class SortedArrays {
    private SortedArrays() {
    }

    /** Whether a call sorts several arrays (its second argument is dynamic, not the nulls_last flag). */
    static boolean several(ExprAnalyzer x, Expr e, Scope scope) {
        if (!(e instanceof Expr.Call c) || !(c.name().equals("array_sort_asc") || c.name().equals("array_sort_desc")) || c.args().size() < 2) {
            return false;
        }
        try {
            return x.analyze(c.args().get(1), scope).type() == KqlType.DYNAMIC;
        } catch (KqlException ex) {
            return false; // the call itself reports it when analyzed
        }
    }

    static Rex call(Functions f, ExprAnalyzer x, String name, Expr.Call c, Scope scope) {
        List<Rex> args = new ArrayList<>();
        boolean nullsLast = true;
        for (int i = 0; i < c.args().size(); i++) {
            Expr e = c.args().get(i);
            Rex r = x.analyze(e, scope);
            if (i == c.args().size() - 1 && r.type() == KqlType.BOOL) {
                if (!(r instanceof Rex.Lit l) || !(l.value() instanceof Boolean b)) {
                    throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), name + "() needs a constant nulls_last");
                }
                nullsLast = b;
            } else {
                args.add(f.typed(e, scope, KqlType.DYNAMIC, c));
            }
        }
        args.add(0, new Rex.Lit(nullsLast, KqlType.BOOL));
        args.add(0, new Rex.Lit(name.endsWith("desc"), KqlType.BOOL));
        return new Rex.Call("array_sort_several", args, KqlType.DYNAMIC);
    }

    /** The arrays a several-array sort call takes (its arguments less a trailing nulls_last). */
    private static int arrays(ExprAnalyzer x, Expr.Call c, Scope scope) {
        Expr last = c.args().get(c.args().size() - 1);
        try {
            return x.analyze(last, scope).type() == KqlType.BOOL ? c.args().size() - 1 : c.args().size();
        } catch (KqlException ex) {
            return c.args().size();
        }
    }

    /**
     * Assignments with several-array sorts spread to one column per array; others are kept. {@code print}
     * passes {@code unnamedAuto}: its unnamed columns that are not such a sort are named print_0, print_1...
     */
    static List<Operator.Assignment> expand(ExprAnalyzer x, List<Operator.Assignment> list, Scope scope) {
        List<Operator.Assignment> out = new ArrayList<>();
        for (Operator.Assignment as : list) {
            Expr value = as.expr() instanceof Expr.Tuple t ? t.value() : as.expr();
            boolean spread = (as.name() == null || as.expr() instanceof Expr.Tuple) && several(x, value, scope);
            if (!spread) {
                out.add(as);
                continue;
            }
            Expr.Call c = (Expr.Call) value;
            int n = arrays(x, c, scope);
            List<String> names = as.expr() instanceof Expr.Tuple t ? t.names() : null;
            if (names != null && names.size() > n) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, as.span(), c.name() + "() returns " + n + " arrays but " + names.size() + " names were given");
            }
            int count = names != null ? names.size() : n;
            for (int i = 0; i < count; i++) {
                String name = names != null ? names.get(i) : sortedName(c.args().get(i), i);
                Expr item = new Expr.Index(c, new Expr.Literal((long) i, Expr.LiteralKind.LONG, c.span()), c.span());
                out.add(new Operator.Assignment(name, item, as.span()));
            }
        }
        return out;
    }

    private static String sortedName(Expr arg, int i) {
        String base = Naming.derive(arg);
        return (base == null ? "array" + (i + 1) : base) + "_sorted";
    }
}
