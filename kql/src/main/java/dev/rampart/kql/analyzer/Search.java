package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
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
 * search and find: an outer union of the named tables (every table in scope when none is named) with a
 * column naming each row's table, filtered by the predicate. A bare string in the predicate is a search
 * term matched against every string column: {@code "x"} as has, {@code "x*"} hasprefix, {@code "*x"}
 * hassuffix, {@code "*x*"} contains.
 */
final class Search {
    private final Analyzer a;
    private final Operators ops;

    Search(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    Rel source(Expr.Search s) {
        List<Expr> legs = new ArrayList<>(s.tables());
        if (legs.isEmpty()) {
            for (Table t : a.options.schema().tables()) {
                legs.add(new Expr.Name(t.name(), s.span()));
            }
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("kind", "outer");
        options.put("withsource", s.sourceColumn());
        Rel all = ops.union(null, new Operator.Union(options, legs, s.span()));
        Rel filtered = filter(all, s.predicate(), s.caseSensitive(), s.span());
        if (!s.find()) {
            return filtered;
        }
        return findColumns(filtered, s, all);
    }

    Rel filter(Rel in, Expr predicate, boolean caseSensitive, Span span) {
        Expr rewritten = terms(predicate, searchable(in.fields()), caseSensitive);
        return new Rel.Filter(in, a.exprs.predicate(rewritten, Operators.scope(in)));
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

    private static Expr terms(Expr e, List<String> columns, boolean cs) {
        if (e instanceof Expr.Literal l && l.value() instanceof String term) {
            return anyColumn(term, columns, cs, l.span());
        }
        if (e instanceof Expr.Binary b && (b.op().equals("and") || b.op().equals("or"))) {
            return new Expr.Binary(b.op(), terms(b.left(), columns, cs), terms(b.right(), columns, cs), b.span());
        }
        if (e instanceof Expr.Call c && c.name().equals("not") && c.args().size() == 1) {
            return new Expr.Call("not", List.of(terms(c.args().get(0), columns, cs)), c.span());
        }
        return e;
    }

    private static Expr anyColumn(String term, List<String> columns, boolean cs, Span span) {
        boolean lead = term.startsWith("*");
        boolean trail = term.endsWith("*") && term.length() > 1;
        String core = term.substring(lead ? 1 : 0, term.length() - (trail ? 1 : 0));
        String op = lead && trail ? "contains" : trail ? "hasprefix" : lead ? "hassuffix" : "has";
        if (cs) {
            op += "_cs";
        }
        List<Expr> each = new ArrayList<>();
        for (String c : columns) {
            each.add(new Expr.Binary(op, new Expr.Name(c, span), new Expr.Literal(core, Expr.LiteralKind.STRING, span), span));
        }
        return each.isEmpty() ? new Expr.Literal(false, Expr.LiteralKind.BOOL, span) : balancedOr(each, 0, each.size(), span);
    }

    /** Hundreds of columns across all tables: a balanced tree keeps the expression shallow. */
    private static Expr balancedOr(List<Expr> e, int from, int to, Span span) {
        if (to - from == 1) {
            return e.get(from);
        }
        int mid = (from + to) / 2;
        return new Expr.Binary("or", balancedOr(e, from, mid, span), balancedOr(e, mid, to, span), span);
    }

    /**
     * find's columns: the source column, then either the projected ones, or (project-smart) the columns the
     * predicate names, the columns every table has, and pack_ holding the rest of each row as a bag.
     */
    private Rel findColumns(Rel rows, Expr.Search s, Rel union) {
        Set<String> keep = new LinkedHashSet<>();
        keep.add(s.sourceColumn());
        Set<String> all = new LinkedHashSet<>();
        union.fields().forEach(f -> all.add(f.name()));
        if (s.project() != null) {
            List<Operator.NamePattern> listed = new ArrayList<>();
            listed.add(new Operator.NamePattern(s.sourceColumn(), s.span()));
            listed.addAll(s.project());
            return ops.apply(rows, new Operator.ProjectKeep(listed, s.span()));
        }
        names(s.predicate(), all, keep);
        List<Table> tables = new ArrayList<>();
        for (Expr.Name n : s.tables()) {
            a.table(n.name()).ifPresent(tables::add);
        }
        if (s.tables().isEmpty()) {
            tables.addAll(a.options.schema().tables());
        }
        for (String c : all) {
            if (!tables.isEmpty() && tables.stream().allMatch(t -> t.column(c).isPresent())) {
                keep.add(c);
            }
        }
        List<Rel.NamedRex> cols = new ArrayList<>();
        List<Rex> packed = new ArrayList<>();
        for (Field f : rows.fields()) {
            Rex ref = new Rex.ColRef(f.name(), f.type());
            if (keep.contains(f.name())) {
                cols.add(new Rel.NamedRex(f.name(), ref));
            } else {
                packed.add(new Rex.Lit(f.name(), KqlType.STRING));
                packed.add(ref);
            }
        }
        cols.add(new Rel.NamedRex("pack_", new Rex.Call("bag_pack_nonnull", packed, KqlType.DYNAMIC)));
        return new Rel.Project(rows, cols);
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
        }
    }
}
