package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.diagnostics.Suggestions;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** join and lookup: key pairs from the on clause and Kusto's output column naming. */
final class Joins {
    private static final Map<String, Rel.JoinKind> KINDS = Map.ofEntries(
            Map.entry("innerunique", Rel.JoinKind.INNER_UNIQUE), Map.entry("inner", Rel.JoinKind.INNER),
            Map.entry("leftouter", Rel.JoinKind.LEFT_OUTER), Map.entry("rightouter", Rel.JoinKind.RIGHT_OUTER),
            Map.entry("fullouter", Rel.JoinKind.FULL_OUTER), Map.entry("outer", Rel.JoinKind.FULL_OUTER),
            Map.entry("leftsemi", Rel.JoinKind.LEFT_SEMI), Map.entry("leftanti", Rel.JoinKind.LEFT_ANTI),
            Map.entry("anti", Rel.JoinKind.LEFT_ANTI), Map.entry("leftantisemi", Rel.JoinKind.LEFT_ANTI),
            Map.entry("rightsemi", Rel.JoinKind.RIGHT_SEMI), Map.entry("rightanti", Rel.JoinKind.RIGHT_ANTI),
            Map.entry("rightantisemi", Rel.JoinKind.RIGHT_ANTI));

    private final Analyzer a;

    Joins(Analyzer a) {
        this.a = a;
    }

    Rel join(Rel left, String kindText, Expr rightExpr, List<Expr> on, Span span, boolean lookup) {
        Rel.JoinKind kind = kindText == null ? Rel.JoinKind.INNER_UNIQUE : KINDS.get(kindText);
        if (kind == null) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, span, "Unknown join kind '" + kindText + "'",
                    Suggestions.didYouMean(kindText, KINDS.keySet()));
        }
        if (lookup && kind != Rel.JoinKind.LEFT_OUTER && kind != Rel.JoinKind.INNER) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, span, "lookup supports kind=leftouter or kind=inner only");
        }
        Rel right = a.tabular(rightExpr);
        Scope ls = Operators.scope(left);
        Scope rs = Operators.scope(right);
        List<Rex> lk = new ArrayList<>();
        List<Rex> rk = new ArrayList<>();
        List<Expr> conds = new ArrayList<>();
        on.forEach(e -> flatten(e, conds));
        List<String> sameNameKeys = new ArrayList<>();
        for (Expr c : conds) {
            if (c instanceof Expr.Name n) {
                Field lf = ls.find(n.name()).orElseThrow(() -> side(n, "left", ls));
                Field rf = rs.find(n.name()).orElseThrow(() -> side(n, "right", rs));
                lk.add(new Rex.ColRef(lf.name(), lf.type()));
                rk.add(Types.coerce(new Rex.ColRef(rf.name(), rf.type()), lf.type()));
                sameNameKeys.add(rf.name());
            } else if (c instanceof Expr.Binary b && b.op().equals("==")) {
                int sl = sideOf(b.left());
                int sr = sideOf(b.right());
                if (sl == sr || sl < 0 || sr < 0) {
                    throw KqlException.at(ErrorCode.SYNTAX_ERROR, c.span(),
                            "Each side of a join condition must use $left or $right columns only");
                }
                Expr le = sl == 0 ? b.left() : b.right();
                Expr re = sl == 0 ? b.right() : b.left();
                Rex l = a.exprs.analyze(le, ls);
                Rex r = a.exprs.analyze(re, rs);
                lk.add(l);
                rk.add(Types.coerce(r, l.type()));
            } else {
                throw KqlException.unsupported(c.span(), "join:condition",
                        "A join condition other than column names or $left.X == $right.Y");
            }
        }
        List<Rel.NamedRex> leftOut = new ArrayList<>();
        List<Rel.NamedRex> rightOut = new ArrayList<>();
        boolean keepLeft = kind != Rel.JoinKind.RIGHT_SEMI && kind != Rel.JoinKind.RIGHT_ANTI;
        boolean keepRight = kind != Rel.JoinKind.LEFT_SEMI && kind != Rel.JoinKind.LEFT_ANTI;
        List<String> taken = new ArrayList<>();
        if (keepLeft) {
            for (Field f : left.fields()) {
                leftOut.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type())));
                taken.add(f.name());
            }
        }
        if (keepRight) {
            for (Field f : right.fields()) {
                if (lookup && sameNameKeys.contains(f.name())) {
                    continue; // lookup keeps a single copy of the key columns
                }
                String n = keepLeft ? Naming.unique(f.name(), taken) : f.name();
                taken.add(n);
                rightOut.add(new Rel.NamedRex(n, new Rex.ColRef(f.name(), f.type())));
            }
        }
        return new Rel.Join(kind, left, right, lk, rk, leftOut, rightOut);
    }

    private static KqlException side(Expr.Name n, String which, Scope s) {
        return KqlException.at(ErrorCode.UNKNOWN_COLUMN, n.span(), "Unknown column '" + n.name() + "' on the " + which + " side of the join",
                Suggestions.didYouMean(n.name(), s.names()));
    }

    private static void flatten(Expr e, List<Expr> out) {
        if (e instanceof Expr.Binary b && b.op().equals("and")) {
            flatten(b.left(), out);
            flatten(b.right(), out);
        } else {
            out.add(e);
        }
    }

    /** 0 when the expression reads $left only, 1 for $right only, -1 otherwise. */
    static int sideOf(Expr e) {
        int[] seen = new int[2];
        visit(e, seen);
        if (seen[0] > 0 && seen[1] == 0) {
            return 0;
        }
        if (seen[1] > 0 && seen[0] == 0) {
            return 1;
        }
        return -1;
    }

    private static void visit(Expr e, int[] seen) {
        if (e instanceof Expr.Member m) {
            if (m.target() instanceof Expr.Name n && n.name().equals("$left")) {
                seen[0]++;
            } else if (m.target() instanceof Expr.Name n && n.name().equals("$right")) {
                seen[1]++;
            } else {
                visit(m.target(), seen);
            }
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(x -> visit(x, seen));
        } else if (e instanceof Expr.Binary b) {
            visit(b.left(), seen);
            visit(b.right(), seen);
        } else if (e instanceof Expr.Index i) {
            visit(i.target(), seen);
        }
    }
}
