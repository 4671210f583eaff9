package dev.rampart.portal.sigma;

import java.util.ArrayList;
import java.util.List;

/** A boolean KQL expression under construction, with constant folding for dropped conditions (EventID, Channel). */
sealed interface Expr permits Expr.Const, Expr.Leaf, Expr.Text, Expr.And, Expr.Or, Expr.Not {
    Expr TRUE = new Const(true);
    Expr FALSE = new Const(false);

    record Const(boolean value) implements Expr {
    }

    record Leaf(String kql) implements Expr {
    }

    /**
     * A test of one subject's text: {@code value} is the literal for EQUALS/CONTAINS/STARTSWITH/ENDSWITH and the
     * anchored RE2 pattern (without flags) for WILDCARD. Kept apart from {@link Leaf} so that an {@code or} of tests of
     * the same computed subject can be written as one regex ({@link TextAlternation}).
     */
    record Text(String subject, TextOp op, boolean cased, String value) implements Expr {
    }

    record And(List<Expr> parts) implements Expr {
    }

    record Or(List<Expr> parts) implements Expr {
    }

    record Not(Expr inner) implements Expr {
    }

    static Expr and(List<Expr> parts) {
        List<Expr> out = new ArrayList<>();
        for (Expr p : parts) {
            if (p instanceof Const c) {
                if (!c.value()) {
                    return FALSE;
                }
                continue;
            }
            if (p instanceof And a) {
                out.addAll(a.parts());
            } else {
                out.add(p);
            }
        }
        return out.isEmpty() ? TRUE : out.size() == 1 ? out.get(0) : new And(out);
    }

    static Expr or(List<Expr> parts) {
        List<Expr> out = new ArrayList<>();
        for (Expr p : parts) {
            if (p instanceof Const c) {
                if (c.value()) {
                    return TRUE;
                }
                continue;
            }
            if (p instanceof Or o) {
                out.addAll(o.parts());
            } else {
                out.add(p);
            }
        }
        return out.isEmpty() ? FALSE : out.size() == 1 ? out.get(0) : new Or(out);
    }

    static Expr not(Expr e) {
        if (e instanceof Const c) {
            return new Const(!c.value());
        }
        if (e instanceof Not n) {
            return n.inner();
        }
        return new Not(e);
    }

    /**
     * Long chains are written as balanced parenthesised halves: the hunting compiler recurses per operand, and a
     * flat chain of hundreds of values (IOC lists) would nest that deep.
     */
    private static String join(List<Expr> parts, String op, boolean isAnd) {
        if (parts.size() > 16) {
            int mid = parts.size() / 2;
            return "(" + join(parts.subList(0, mid), op, isAnd) + ")" + op + "(" + join(parts.subList(mid, parts.size()), op, isAnd) + ")";
        }
        StringBuilder b = new StringBuilder();
        for (Expr p : parts) {
            if (b.length() > 0) {
                b.append(op);
            }
            b.append(isAnd && p instanceof Or ? "(" + render(p) + ")" : render(p));
        }
        return b.toString();
    }

    /** KQL text; {@code and} binds tighter than {@code or}, so only or-inside-and needs parentheses. */
    static String render(Expr e) {
        if (e instanceof Const c) {
            return c.value() ? "true" : "false";
        }
        if (e instanceof Leaf l) {
            return l.kql();
        }
        if (e instanceof Text t) {
            return TextAlternation.single(t);
        }
        if (e instanceof Not n) {
            return "not(" + render(n.inner()) + ")";
        }
        if (e instanceof And a) {
            return join(a.parts(), " and ", true);
        }
        return join(TextAlternation.merge(((Or) e).parts()), " or ", false);
    }
}
