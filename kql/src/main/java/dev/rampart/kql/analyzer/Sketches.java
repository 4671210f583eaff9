package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * Percentiles (several at once, weighted) and the mergeable sketches hll()/tdigest(). Kusto's sketches are
 * estimators with an opaque binary form; here a sketch is a dynamic value holding exactly what the later
 * questions need, so the answers are exact: hll() is the array of distinct non-null values (dcount_hll is its
 * length, hll_merge the union) and tdigest() the array of {v: value, w: weight} records (percentile_tdigest is
 * the weighted nearest-rank percentile, rank_tdigest the weight at or below a value, percentrank_tdigest that weight as a
 * percentage of the whole, merging concatenates). hll_if() is hll() over the rows its predicate holds for.
 * Percentiles are nearest-rank: the smallest value whose cumulative weight reaches p% of the total.
 */
final class Sketches {
    static final List<String> AGGREGATES = List.of("percentiles", "percentilesw", "percentiles_array", "percentilesw_array",
            "tdigest", "tdigest_merge", "hll", "hll_if", "hll_merge", "buildschema");
    private static final List<String> SCALARS = List.of("percentile_tdigest", "percentiles_array_tdigest", "rank_tdigest",
            "percentrank_tdigest", "merge_tdigest", "dcount_hll");

    private final ExprAnalyzer x;

    Sketches(ExprAnalyzer x) {
        this.x = x;
    }

    /**
     * Functions answered here outside summarize. hll_merge and merge_tdigest (documented as equivalent to
     * tdigest_merge) merge their arguments row by row, unless inside summarize they are given one column: then
     * they merge it across the group.
     */
    static boolean scalar(String name, Expr.Call c, Scope scope) {
        if (name.equals("hll_merge") || name.equals("merge_tdigest")) {
            return !scope.aggregates() || c.args().size() != 1;
        }
        return SCALARS.contains(name);
    }

    /** merge_tdigest(column) inside summarize is the aggregate tdigest_merge(column). */
    static String aggregateName(String name) {
        return name.equals("merge_tdigest") ? "tdigest_merge" : name;
    }

    /** Aggregates producing one column per percentage (percentiles, percentilesw). */
    static boolean multiColumn(String name) {
        return name.equals("percentiles") || name.equals("percentilesw");
    }

    Rex scalarCall(String name, Expr.Call c, Scope scope) {
        List<Expr> a = c.args();
        switch (name) {
            case "percentile_tdigest": {
                Functions.arity(c, 2, 3);
                Rex td = sketch(a.get(0), scope);
                Rex p = Types.coerce(x.analyze(a.get(1), scope), KqlType.REAL);
                Rex v = new Rex.Call("sk_percentile", List.of(td, p), KqlType.REAL);
                return a.size() > 2 ? Types.coerce(v, resultType(a.get(2))) : v;
            }
            case "percentiles_array_tdigest":
                return percentilesArray(c, scope);
            case "rank_tdigest": {
                Functions.arity(c, 2, 2);
                Rex v = x.analyze(a.get(1), scope);
                if (!v.type().isNumeric()) {
                    throw KqlException.unsupported(a.get(1).span(), "fn:rank_tdigest(" + v.type().kustoName() + ")",
                            "rank_tdigest() of a " + v.type().kustoName() + " value");
                }
                // A count, but Kusto.Language types the result real; so does this.
                return Types.coerce(new Rex.Call("sk_rank", List.of(sketch(a.get(0), scope), Types.coerce(v, KqlType.REAL)), KqlType.LONG),
                        KqlType.REAL);
            }
            case "percentrank_tdigest": {
                Functions.arity(c, 2, 2);
                Rex v = x.analyze(a.get(1), scope);
                if (!v.type().isNumeric()) {
                    throw KqlException.at(ErrorCode.TYPE_MISMATCH, a.get(1).span(), "percentrank_tdigest() expects a number but was given a "
                            + v.type().kustoName());
                }
                return new Rex.Call("sk_percentrank", List.of(sketch(a.get(0), scope), Types.coerce(v, KqlType.REAL)), KqlType.REAL);
            }
            case "merge_tdigest", "hll_merge": {
                if (a.isEmpty() || a.size() > 64) {
                    Functions.arity(c, 1, 64);
                }
                List<Rex> items = new ArrayList<>();
                for (Expr e : a) {
                    items.add(new Rex.Call("sk_items", List.of(sketch(e, scope)), KqlType.DYNAMIC));
                }
                return new Rex.Call(name.equals("hll_merge") ? "sk_union" : "sk_concat", items, KqlType.DYNAMIC);
            }
            case "dcount_hll": {
                Functions.arity(c, 1, 1);
                return new Rex.Call("sk_count", List.of(sketch(a.get(0), scope)), KqlType.LONG);
            }
            default:
                throw new IllegalStateException(name);
        }
    }

    /**
     * percentiles_array_tdigest(t, p1, p2, ...) or (t, dynamic array of percentages [, typeof(T)]): the array of the
     * percentiles, each converted to T when a type is given. Constant percentages become one call each; an array
     * computed by the query (range(0, 100, 50)) is read when the row is.
     */
    private Rex percentilesArray(Expr.Call c, Scope scope) {
        List<Expr> a = c.args();
        if (a.size() < 2 || a.size() > 64) {
            Functions.arity(c, 2, 64);
        }
        Expr last = a.get(a.size() - 1);
        boolean typed = last instanceof Expr.TypeOf || last instanceof Expr.Call tc && tc.name().equals("typeof");
        KqlType type = typed ? resultType(last) : null;
        if (type != null && !type.isNumeric()) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, last.span(), c.name() + "() can convert its percentiles only to a numeric type");
        }
        Rex td = sketch(a.get(0), scope);
        List<Expr> ps = a.subList(1, typed ? a.size() - 1 : a.size());
        if (ps.isEmpty() || typed && ps.size() != 1) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), c.name() + "() takes a type only after one dynamic array of percentages");
        }
        Rex first = x.analyze(ps.get(0), scope);
        if (ps.size() == 1 && first.type() == KqlType.DYNAMIC && !(first instanceof Rex.Lit)) {
            boolean integral = type != null && Types.isIntegral(type);
            return new Rex.Call(integral ? "sk_percentiles_long" : "sk_percentiles", List.of(td, first), KqlType.DYNAMIC);
        }
        List<Rex> items = new ArrayList<>();
        Expr.Call untyped = new Expr.Call(c.name(), a.subList(0, 1 + ps.size()), c.span());
        for (Double p : percentages(untyped, 1, scope)) {
            Rex v = new Rex.Call("sk_percentile", List.of(td, new Rex.Lit(p, KqlType.REAL)), KqlType.REAL);
            items.add(type == null ? v : Types.coerce(v, type));
        }
        return new Rex.Call("pack_array", items, KqlType.DYNAMIC);
    }

    private Rex sketch(Expr e, Scope scope) {
        return Types.coerce(x.analyze(e, scope), KqlType.DYNAMIC);
    }

    private static KqlType resultType(Expr e) {
        if (e instanceof Expr.TypeOf t) {
            return Analyzer.type(t.type(), t.span());
        }
        if (e instanceof Expr.Call c && c.name().equals("typeof") && c.args().size() == 1 && c.args().get(0) instanceof Expr.Name n) {
            return Analyzer.type(n.name(), n.span());
        }
        throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), "Expected typeof(<type>)");
    }

    Rex aggregate(String name, Expr.Call c, Scope row) {
        List<Expr> a = c.args();
        switch (name) {
            case "tdigest": {
                Functions.arity(c, 1, 2);
                Rex v = numeric(c, a.get(0), row);
                if (!v.type().isNumeric()) {
                    throw KqlException.unsupported(a.get(0).span(), "agg:tdigest(" + v.type().kustoName() + ")", "tdigest() of " + v.type().kustoName() + " values");
                }
                Rex w = a.size() > 1 ? Types.coerce(x.analyze(a.get(1), row), KqlType.REAL) : new Rex.Lit(1.0, KqlType.REAL);
                return new Rex.Agg("sk_tdigest", List.of(Types.coerce(v, KqlType.REAL), w), null, false, KqlType.DYNAMIC);
            }
            case "hll": {
                // The accuracy argument only tunes Kusto's estimator; the exact set needs none.
                Functions.arity(c, 1, 2);
                return new Rex.Agg("sk_hll", List.of(x.analyze(a.get(0), row)), null, false, KqlType.DYNAMIC);
            }
            case "hll_if": {
                // As hll(): the accuracy argument only tunes Kusto's estimator.
                Functions.arity(c, 2, 3);
                Rex v = x.analyze(a.get(0), row);
                return new Rex.Agg("sk_hll", List.of(v), x.predicate(a.get(1), row), false, KqlType.DYNAMIC);
            }
            case "buildschema": {
                Functions.arity(c, 1, 1);
                return new Rex.Agg("sk_buildschema", List.of(Types.coerce(x.analyze(a.get(0), row), KqlType.DYNAMIC)), null, false, KqlType.DYNAMIC);
            }
            case "tdigest_merge", "hll_merge": {
                Functions.arity(c, 1, 1);
                return new Rex.Agg(name.equals("hll_merge") ? "sk_hll_merge" : "sk_tdigest_merge",
                        List.of(Types.coerce(x.analyze(a.get(0), row), KqlType.DYNAMIC)), null, false, KqlType.DYNAMIC);
            }
            case "percentiles_array", "percentilesw_array": {
                boolean weighted = name.startsWith("percentilesw");
                Rex v = numeric(c, a.get(0), row);
                Rex w = weighted ? weight(c, row) : null;
                List<Rex> items = new ArrayList<>();
                for (Double p : percentages(c, weighted ? 2 : 1, row)) {
                    items.add(percentile(v, w, p));
                }
                return new Rex.Call("pack_array", items, KqlType.DYNAMIC);
            }
            default:
                throw new IllegalStateException(name);
        }
    }

    /** percentiles()/percentilesw(): one named column per percentage, named percentile_<column>_<p>. */
    List<Rel.NamedRex> columns(Expr.Call c, List<String> names, Scope row) {
        String name = Functions.canonical(c.name());
        boolean weighted = name.equals("percentilesw");
        Rex v = numeric(c, c.args().get(0), row);
        Rex w = weighted ? weight(c, row) : null;
        int first = weighted ? 2 : 1;
        List<Double> ps = percentages(c, first, row);
        if (!names.isEmpty() && names.size() != ps.size()) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), c.name() + "() returns " + ps.size() + " columns but "
                    + names.size() + " names were given");
        }
        String base = Naming.derive(c.args().get(0));
        List<Rel.NamedRex> out = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            String n = !names.isEmpty() ? names.get(i) : "percentile_" + (base == null ? "" : base) + "_" + percentText(ps.get(i));
            out.add(new Rel.NamedRex(n, percentile(v, w, ps.get(i))));
        }
        return out;
    }

    /**
     * evaluate dcount_intersect(h0, h1, ...): per row, s<i> counts the values in every one of h0..h<i>, so s0 is
     * dcount_hll(h0) and each later column narrows the intersection by one more sketch.
     */
    Rel dcountIntersect(Rel in, Expr.Call plugin, Scope scope) {
        if (plugin.args().size() < 2 || plugin.args().size() > 16) {
            Functions.arity(plugin, 2, 16);
        }
        List<Rel.NamedRex> cols = new ArrayList<>();
        Rex common = null;
        for (int i = 0; i < plugin.args().size(); i++) {
            Rex h = sketch(plugin.args().get(i), scope);
            common = common == null ? h : new Rex.Call("sk_intersect", List.of(common, h), KqlType.DYNAMIC);
            cols.add(new Rel.NamedRex("s" + i, new Rex.Call("sk_count", List.of(common), KqlType.LONG)));
        }
        return new Rel.Project(in, cols);
    }

    /** Default column name of percentiles_array/percentilesw_array. */
    static String arrayName(Expr.Call c) {
        String base = c.args().isEmpty() ? null : Naming.derive(c.args().get(0));
        String prefix = Functions.canonical(c.name()).equals("percentilesw_array") ? "percentile_" : "percentiles_";
        return prefix + (base == null ? "" : base);
    }

    private static String percentText(double p) {
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)).replace('.', '_');
    }

    private static Rex percentile(Rex v, Rex w, double p) {
        if (w == null) {
            return new Rex.Agg("percentile", List.of(v, new Rex.Lit(p / 100.0, KqlType.REAL)), null, false, v.type());
        }
        return new Rex.Agg("sk_percentilew", List.of(v, w, new Rex.Lit(p / 100.0, KqlType.REAL)), null, false, v.type());
    }

    private Rex weight(Expr.Call c, Scope row) {
        if (c.args().size() < 3) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), c.name() + "() needs a value, a weight and at least one percentage");
        }
        Rex w = x.analyze(c.args().get(1), row);
        if (!w.type().isNumeric()) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, c.args().get(1).span(), c.name() + "() expects a numeric weight");
        }
        return Types.coerce(w, KqlType.REAL);
    }

    private Rex numeric(Expr.Call c, Expr e, Scope row) {
        if (e instanceof Expr.Star) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), "'*' is not allowed here");
        }
        Rex v = x.analyze(e, row);
        if (v.type() == KqlType.DYNAMIC) {
            v = Types.coerce(v, KqlType.REAL);
        }
        if (!v.type().isNumeric() && v.type() != KqlType.DATETIME && v.type() != KqlType.TIMESPAN) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, e.span(), c.name() + "() expects a number, datetime or timespan but was given a "
                    + v.type().kustoName());
        }
        return v;
    }

    /** Constant percentages from position {@code first} on, or from one dynamic array there. */
    private List<Double> percentages(Expr.Call c, int first, Scope scope) {
        List<Double> out = new ArrayList<>();
        if (c.args().size() <= first) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), c.name() + "() needs at least one percentage");
        }
        for (int i = first; i < c.args().size(); i++) {
            Rex p = x.analyze(c.args().get(i), scope);
            if (p instanceof Rex.Call conv && conv.args().size() == 1 && conv.args().get(0) instanceof Rex.Lit
                    && List.of("toreal", "tolong", "toint").contains(conv.fn())) {
                p = conv.args().get(0); // a function parameter bound to a constant arrives converted
            }
            Object value = p instanceof Rex.Lit l ? l.value() : null;
            if (value instanceof List<?> list && c.args().size() == first + 1) {
                for (Object o : list) {
                    if (!(o instanceof Number n)) {
                        throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.args().get(i).span(), c.name() + "() needs numeric percentages");
                    }
                    out.add(n.doubleValue());
                }
            } else if (value instanceof Number n) {
                out.add(n.doubleValue());
            } else {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.args().get(i).span(), c.name() + "() needs constant percentages");
            }
        }
        return out;
    }
}
