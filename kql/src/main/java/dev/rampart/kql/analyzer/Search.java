package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;
import dev.rampart.kql.schema.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * search and find: each named table (when none is named, every schema table and every view the query declares) is
 * filtered on its own, then the survivors are unioned with a column naming each row's table. A bare string in the
 * predicate is a search term matched against every string column: {@code "x"} as has, {@code "x*"} hasprefix,
 * {@code "*x"} hassuffix, {@code "*x*"} contains, {@code "x*y"} a regex; {@code Col:"x"} does the same for one column.
 * <p>
 * Filtering per table is what lets a predicate name columns only some tables have: a table with none of the
 * named columns is left out, and in the others a missing column reads as null, so its comparisons never hold.
 */
final class Search {
    private final Analyzer a;
    private final Operators ops;

    Search(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    Rel source(Expr.Search s) {
        List<Operators.Leg> legs = new ArrayList<>();
        if (s.tables().isEmpty()) {
            // Only the schema's tables and the query's views: a search of everything never reaches outside them.
            for (Table t : a.options.schema().tables()) {
                if (a.visible(t.name(), false, s.span())) {
                    legs.add(new Operators.Leg(t.name(), a.scan(t)));
                }
            }
            // "All tables and views in scope": the query's own views, not its other lets.
            for (String v : a.views) {
                Expr.Name n = new Expr.Name(v, s.span());
                if (a.isTabular(n) && a.visible(v, true, s.span())) {
                    legs.add(new Operators.Leg(v, a.tabular(n)));
                }
            }
        } else {
            legs.addAll(ops.legs(s.tables(), false, 0));
        }
        if (legs.isEmpty()) {
            throw KqlException.at(ErrorCode.UNKNOWN_TABLE, s.span(), "No table matches the tables of this " + (s.find() ? "find" : "search"),
                    "Check the names in 'in (...)'.");
        }
        Expr predicate = terms(s.predicate(), s.caseSensitive());
        Map<String, KqlType> typeOf = new LinkedHashMap<>();
        legs.forEach(l -> l.rel().fields().forEach(f -> typeOf.putIfAbsent(f.name(), f.type())));
        Set<String> used = new LinkedHashSet<>();
        names(predicate, typeOf.keySet(), used);
        boolean mixedTypes = used.stream().anyMatch(n -> legs.stream().anyMatch(l -> {
            Field f = FindColumns.field(l.rel(), n);
            return f != null && f.type() != typeOf.get(n) && !(Types.isString(f.type()) && Types.isString(typeOf.get(n)));
        }));
        List<Operators.Leg> kept = new ArrayList<>();
        KqlException firstMismatch = null;
        int mismatches = 0;
        for (Operators.Leg leg : legs) {
            Set<String> own = new LinkedHashSet<>();
            leg.rel().fields().forEach(f -> own.add(f.name()));
            if (!used.isEmpty() && used.stream().noneMatch(own::contains)) {
                continue;
            }
            Expr local = missingAsNull(predicate, own, used, typeOf);
            Rex condition;
            try {
                condition = a.exprs.predicate(local, Operators.scope(leg.rel()));
            } catch (KqlException e) {
                // ProcessId a string here and a long there: the predicate holds only where its types make sense
                // (find runs as a union then); the other tables still shape the columns.
                if (e.code() != ErrorCode.TYPE_MISMATCH || !mixedTypes) {
                    throw e;
                }
                firstMismatch = firstMismatch == null ? e : firstMismatch;
                mismatches++;
                condition = new Rex.Lit(false, KqlType.BOOL);
            }
            kept.add(new Operators.Leg(leg.label(), new Rel.Filter(leg.rel(), condition)));
        }
        if (firstMismatch != null && mismatches == kept.size()) {
            throw firstMismatch;
        }
        if (!s.find()) {
            return ops.combine(kept, false, s.sourceColumn());
        }
        FindColumns columns = new FindColumns(ops);
        return s.project() == null ? columns.smart(kept, used, s.sourceColumn()) : columns.listed(kept, s.project(), s.sourceColumn(), s.span());
    }

    Rel filter(Rel in, Expr predicate, boolean caseSensitive, Span span) {
        return new Rel.Filter(in, a.exprs.predicate(terms(predicate, caseSensitive), Operators.scope(in)));
    }

    /** The string columns a {@code *} term reads: not the source column of an earlier search or find. */
    static List<String> searchable(List<Field> fields) {
        List<String> out = new ArrayList<>();
        for (Field f : fields) {
            if (Types.isString(f.type()) && !f.name().startsWith("$") && !f.name().equals("source_")) {
                out.add(f.name());
            }
        }
        return out;
    }

    /** {@code * op x}: {@code col op x} for each column, or-ed; false when there is no column to read. */
    static Expr everyColumn(Expr.Binary b, List<String> columns) {
        List<Expr> each = new ArrayList<>();
        for (String c : columns) {
            each.add(new Expr.Binary(b.op(), new Expr.Name(c, b.left().span()), b.right(), b.span()));
        }
        return each.isEmpty() ? new Expr.Literal(false, Expr.LiteralKind.BOOL, b.span()) : balancedOr(each, 0, each.size(), b.span());
    }

    /** Bare strings become {@code * op core}, {@code Col:"x"} becomes {@code Col op core}, through and/or/not. */
    private static Expr terms(Expr e, boolean cs) {
        if (e instanceof Expr.Literal l && l.value() instanceof String term) {
            return term(new Expr.Star(l.span()), term, cs, l.span());
        }
        if (e instanceof Expr.Binary b && b.op().equals(":")) {
            return term(b.left(), (String) ((Expr.Literal) b.right()).value(), cs, b.span());
        }
        if (e instanceof Expr.Binary b && (b.op().equals("and") || b.op().equals("or"))) {
            return new Expr.Binary(b.op(), terms(b.left(), cs), terms(b.right(), cs), b.span());
        }
        if (e instanceof Expr.Call c && c.name().equals("not") && c.args().size() == 1) {
            return new Expr.Call("not", List.of(terms(c.args().get(0), cs)), c.span());
        }
        return e;
    }

    /** The search-operator table: where the asterisks are says which string operator a term means. */
    private static Expr term(Expr column, String term, boolean cs, Span span) {
        boolean lead = term.startsWith("*");
        boolean trail = term.endsWith("*") && term.length() > 1;
        String core = term.substring(lead ? 1 : 0, term.length() - (trail ? 1 : 0));
        if (core.contains("*")) {
            // bi*lg: whole terms that start with bi and end with lg, anything between.
            StringBuilder re = new StringBuilder(cs ? "" : "(?i)");
            re.append(lead ? "" : "\\b");
            String[] parts = core.split("\\*", -1);
            for (int i = 0; i < parts.length; i++) {
                re.append(i > 0 ? ".*" : "").append(quote(parts[i]));
            }
            re.append(trail ? "" : "\\b");
            return new Expr.Binary("matches regex", column, new Expr.Literal(re.toString(), Expr.LiteralKind.STRING, span), span);
        }
        String op = lead && trail ? "contains" : trail ? "hasprefix" : lead ? "hassuffix" : "has";
        return new Expr.Binary(cs ? op + "_cs" : op, column, new Expr.Literal(core, Expr.LiteralKind.STRING, span), span);
    }

    private static String quote(String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("\\.^$|?*+()[]{}".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Hundreds of columns across all tables: a balanced tree keeps the expression shallow. */
    private static Expr balancedOr(List<Expr> e, int from, int to, Span span) {
        if (to - from == 1) {
            return e.get(from);
        }
        int mid = (from + to) / 2;
        return new Expr.Binary("or", balancedOr(e, from, mid, span), balancedOr(e, mid, to, span), span);
    }

    /** The predicate for one table: a column other tables have but this one lacks is a null of its type. */
    private static Expr missingAsNull(Expr e, Set<String> own, Set<String> used, Map<String, KqlType> typeOf) {
        if (e instanceof Expr.Name n && used.contains(n.name()) && !own.contains(n.name())) {
            return new Expr.Call("__typed_null", List.of(new Expr.TypeOf(typeOf.get(n.name()).kustoName(), n.span())), n.span());
        }
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.op(), missingAsNull(b.left(), own, used, typeOf), missingAsNull(b.right(), own, used, typeOf), b.span());
        }
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.op(), missingAsNull(u.operand(), own, used, typeOf), u.span());
        }
        if (e instanceof Expr.Call c) {
            return new Expr.Call(c.name(), c.args().stream().map(x -> missingAsNull(x, own, used, typeOf)).toList(), c.span());
        }
        if (e instanceof Expr.InList in) {
            return new Expr.InList(in.op(), missingAsNull(in.left(), own, used, typeOf), in.items(), in.span());
        }
        if (e instanceof Expr.Between b) {
            return new Expr.Between(missingAsNull(b.left(), own, used, typeOf), b.low(), b.high(), b.negated(), b.span());
        }
        if (e instanceof Expr.Member m) {
            return new Expr.Member(missingAsNull(m.target(), own, used, typeOf), m.name(), m.span());
        }
        if (e instanceof Expr.Index ix) {
            return new Expr.Index(missingAsNull(ix.target(), own, used, typeOf), missingAsNull(ix.index(), own, used, typeOf), ix.span());
        }
        return e;
    }

    private static void names(Expr e, Set<String> columns, Set<String> out) {
        if (e instanceof Expr.Name n && columns.contains(n.name())) {
            out.add(n.name());
        } else if (e instanceof Expr.Binary b) {
            names(b.left(), columns, out);
            names(b.right(), columns, out);
        } else if (e instanceof Expr.Unary u) {
            names(u.operand(), columns, out);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(x -> names(x, columns, out));
        } else if (e instanceof Expr.InList in) {
            names(in.left(), columns, out);
        } else if (e instanceof Expr.Between b) {
            names(b.left(), columns, out);
        } else if (e instanceof Expr.Member m) {
            names(m.target(), columns, out);
        } else if (e instanceof Expr.Index ix) {
            names(ix.target(), columns, out);
            names(ix.index(), columns, out);
        }
    }
}
