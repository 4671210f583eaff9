package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;

import java.util.Collection;
import java.util.Set;

/** Kusto's rules for naming columns the query did not name. */
final class Naming {
    /**
     * Calls whose result column keeps the name of their first (column) argument: the functions Kusto's language
     * service (Kusto.Language) marks as naming their result after the first argument.
     */
    private static final Set<String> KEEPS_ARG_NAME = Set.of("bin", "floor", "bin_at", "bin_auto", "tostring", "toint", "tolong",
            "todouble", "toreal", "tobool", "toboolean", "todatetime", "toguid", "todynamic", "toobject", "todecimal", "totimespan",
            "totime", "tohex", "parse_json", "parsejson", "parse_xml", "parse_csv", "format_datetime", "format_timespan",
            "format_bytes", "startofday", "split", "round", "ceiling", "abs", "sqrt", "pow", "exp", "exp2", "exp10",
            "log", "log2", "log10", "gamma", "loggamma", "erf", "erfc", "sin", "cos", "tan", "asin", "acos", "atan", "atan2",
            "binary_and", "binary_or", "binary_xor", "binary_not", "binary_shift_left", "binary_shift_right", "bitset_count_ones",
            "series_fill_backward", "series_fill_const", "series_fill_forward", "series_fill_linear", "series_fir", "series_iir",
            "series_outliers");

    /**
     * Calls named prefix_ followed by their first argument's name (nothing when it has none): dcount_hll(merged) is
     * dcount_hll_merged, strlen(s) strlen_s, gettype(x) type_x, as Kusto.Language names them.
     */
    private static final java.util.Map<String, String> PREFIX_OF = java.util.Map.of("dcount_hll", "dcount_hll",
            "percentile_tdigest", "percentile_tdigest", "percentiles_array_tdigest", "percentile_tdigest",
            "percentile_array_tdigest", "percentile_tdigest", "strlen", "strlen", "string_size", "string_size", "gettype", "type",
            "treepath", "tree", "repeat", "repeat");
    /** Calls named by a fixed word whatever their arguments. */
    private static final java.util.Map<String, String> FIXED = java.util.Map.of("hll_merge", "hll_merged_result",
            "tdigest_merge", "tdigests_merge_result", "merge_tdigest", "tdigests_merge_result");
    /** Calls named after their argument when they have only one. */
    private static final Set<String> ONLY_ARG_NAME = Set.of("make_datetime", "make_timespan");

    private Naming() {
    }

    /** The name Kusto gives {@code e}, or null when it falls back to Column1, Column2... */
    static String derive(Expr e) {
        if (e instanceof Expr.NamedArg na) {
            return na.name();
        }
        if (e instanceof Expr.Call c && !c.args().isEmpty() && c.args().get(0) instanceof Expr.NamedArg na) {
            return na.name();
        }
        if (e instanceof Expr.Name n) {
            return n.name().startsWith("$") ? null : n.name();
        }
        if (e instanceof Expr.Member m) {
            if (m.target() instanceof Expr.Name n && n.name().startsWith("$")) {
                return m.name();
            }
            String base = derive(m.target());
            return base == null ? m.name() : base + "_" + m.name();
        }
        if (e instanceof Expr.Index ix && ix.index() instanceof Expr.Literal l && (l.value() instanceof String || l.value() instanceof Number)) {
            // d['a'] and d[0] read a dynamic value: d_a, d_0.
            String base = derive(ix.target());
            return base == null ? String.valueOf(l.value()) : base + "_" + l.value();
        }
        if (e instanceof Expr.Call c && KEEPS_ARG_NAME.contains(c.name()) && !c.args().isEmpty()) {
            return derive(c.args().get(0));
        }
        if (e instanceof Expr.Call c && ONLY_ARG_NAME.contains(c.name()) && c.args().size() == 1) {
            return derive(c.args().get(0));
        }
        if (e instanceof Expr.Call c && FIXED.containsKey(c.name()) && c.args().size() > 1) {
            return FIXED.get(c.name());
        }
        if (e instanceof Expr.Call c && PREFIX_OF.containsKey(c.name())) {
            String arg = c.args().isEmpty() ? null : derive(c.args().get(0));
            return PREFIX_OF.get(c.name()) + "_" + (arg == null ? "" : arg);
        }
        if (e instanceof Expr.Call c && Functions.isAggregate(Functions.canonical(c.name()))) {
            // An aggregate inside a call, as in dcount_hll(hll(x)): named as summarize names it.
            return Aggregates.defaultName(c);
        }
        return null;
    }

    /** Appends 1, 2, ... until the name is free, as Kusto does for clashing result columns. */
    static String unique(String name, Collection<String> taken) {
        if (!taken.contains(name)) {
            return name;
        }
        for (int i = 1; ; i++) {
            String n = name + i;
            if (!taken.contains(n)) {
                return n;
            }
        }
    }
}
