package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * The argument list shared by indexof() and indexof_regex(): text, lookup, start, length, occurrence
 * (indexof-function.md, indexof-regex-function.md), the optional ones filled with their defaults 0, -1 and 1.
 */
final class IndexOf {
    private IndexOf() {
    }

    static List<Rex> arguments(Functions f, Expr.Call c, Scope scope) {
        Functions.arity(c, 2, 5);
        List<Expr> a = c.args();
        List<Rex> r = new ArrayList<>();
        // Both pages say a text or lookup of another type is turned into a string (indexof(1234567, 5) works).
        r.add(f.typed(a.get(0), scope, KqlType.STRING, c));
        r.add(f.typed(a.get(1), scope, KqlType.STRING, c));
        r.add(a.size() > 2 ? f.typed(a.get(2), scope, KqlType.LONG, c) : new Rex.Lit(0L, KqlType.LONG));
        r.add(a.size() > 3 ? f.typed(a.get(3), scope, KqlType.LONG, c) : new Rex.Lit(-1L, KqlType.LONG));
        r.add(a.size() > 4 ? f.typed(a.get(4), scope, KqlType.LONG, c) : new Rex.Lit(1L, KqlType.LONG));
        return r;
    }
}
