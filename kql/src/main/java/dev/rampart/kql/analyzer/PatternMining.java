package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared frame of the pattern-mining plugins (basket, autocluster, diffpatterns). Mining needs every row at
 * once, so the input is first reduced in SQL to its distinct attribute combinations with their weight per set, those
 * are numbered and handed as one list to a Java function (udf.PatternMiningFunctions), and the function's patterns
 * are joined back to the numbered combinations to get each fixed column's value in its own type. Columns a pattern
 * does not fix get the wildcard of their type.
 */
final class PatternMining {
    /** An output measure: its name, type, and position in the Java function's pattern arrays. */
    record Measure(String name, String type, int at) {
    }

    private final PluginPipeline p;
    private final Rel in;
    private final Map<KqlType, String> wildcards = new EnumMap<>(KqlType.class);
    private String weight;

    PatternMining(Analyzer a, Operators ops, Operator.Evaluate ev, Rel in) {
        this.p = new PluginPipeline(a, ops, ev);
        this.in = in;
    }

    PluginPipeline pipeline() {
        return p;
    }

    static boolean isDefault(Expr e) {
        return e instanceof Expr.Literal l && "~".equals(l.value());
    }

    /** A constant number in [lo, hi]; the default when the argument is absent or {@code '~'}. */
    double number(int index, String argName, double lo, double hi, double dflt) {
        if (index >= p.args().size() || isDefault(p.args().get(index))) {
            return dflt;
        }
        Expr e = p.args().get(index);
        Rex r = p.constant(e, argName);
        if (!(r instanceof Rex.Lit l) || !(l.value() instanceof Number n) || !(n.doubleValue() >= lo && n.doubleValue() <= hi)) {
            throw p.wrong(e.span(), "the " + argName + " argument must be a constant number from " + plain(lo) + " to " + plain(hi));
        }
        return n.doubleValue();
    }

    /** A constant whole number of at least 1; the default when absent or {@code '~'}. */
    long count(int index, String argName, long dflt) {
        if (index >= p.args().size() || isDefault(p.args().get(index))) {
            return dflt;
        }
        Expr e = p.args().get(index);
        Rex r = p.constant(e, argName);
        if (!(r instanceof Rex.Lit l) || !(l.value() instanceof Long || l.value() instanceof Integer) || ((Number) l.value()).longValue() < 1) {
            throw p.wrong(e.span(), "the " + argName + " argument must be a constant whole number of at least 1");
        }
        return ((Number) l.value()).longValue();
    }

    /** The weight column (a numeric input column, by name or as a string), or none when absent or {@code '~'}. */
    void weight(int index, Set<KqlType> allowed) {
        if (index >= p.args().size() || isDefault(p.args().get(index))) {
            return;
        }
        Expr e = p.args().get(index);
        String name = e instanceof Expr.Literal l && l.value() instanceof String s ? s : p.column(e, "WeightColumn");
        KqlType t = typeOf(name);
        if (t == null || !allowed.contains(t)) {
            throw p.wrong(e.span(), "the WeightColumn argument must name a " + String.join(" or ",
                    allowed.stream().map(KqlType::kustoName).sorted().toList()) + " column of the input, not '" + name + "'");
        }
        weight = name;
    }

    /** CustomWildcard arguments from {@code from} on: one constant per column type, {@code '~'} leaving the default. */
    void wildcards(int from) {
        for (int i = from; i < p.args().size(); i++) {
            Expr e = p.args().get(i);
            if (isDefault(e)) {
                continue;
            }
            Rex r = p.constant(e, "CustomWildcard");
            if (!(r instanceof Rex.Lit)) {
                throw p.wrong(e.span(), "each CustomWildcard argument must be a constant");
            }
            if (wildcards.containsKey(r.type())) {
                throw p.wrong(e.span(), "a second CustomWildcard for type " + r.type().kustoName());
            }
            String name = "__pm_wc_" + r.type().kustoName();
            p.scalar(name, e, "CustomWildcard", Set.of(r.type()));
            wildcards.put(r.type(), name);
        }
    }

    KqlType typeOf(String column) {
        return in.fields().stream().filter(f -> f.name().equals(column)).map(Field::type).findFirst().orElse(null);
    }

    /**
     * The patterns. {@code sideOf} is KQL text giving each input row's set ('A', 'B', or anything else to leave the
     * row out); {@code exclude} are input columns that are no dimension (besides the weight column); {@code call} is
     * the Java function call with {@code %ROWS%} for the combination list.
     */
    Rel mine(String sideOf, List<String> exclude, String call, List<Measure> measures) {
        List<String> dims = new ArrayList<>();
        for (Field f : in.fields()) {
            if (f.name().equals(weight) || exclude.contains(f.name())) {
                continue;
            }
            if (f.type() == KqlType.DYNAMIC) {
                throw p.wrong(p.span(), "the dynamic column '" + f.name() + "' cannot be a dimension; project it away or convert it"
                        + " with tostring() first");
            }
            dims.add(f.name());
        }
        p.bindRows("__pm_in", in);
        String w = weight == null ? "1.0" : "todouble(" + PluginPipeline.quote(weight) + ")";
        String by = dims.isEmpty() ? "" : " by " + String.join(", ", dims.stream().map(PluginPipeline::quote).toList());
        Rel combos = p.compile("__pm_in | extend __pm_side = " + sideOf + ", __pm_w = " + w + "\n"
                + "| where __pm_side == 'A' or __pm_side == 'B'\n"
                + "| summarize __pm_wa = sumif(__pm_w, __pm_side == 'A'), __pm_wb = sumif(__pm_w, __pm_side == 'B')" + by);
        List<Operator.Assignment> keepAll = combos.fields().stream().map(f -> p.keep(f.name())).toList();
        p.inputNumbered(combos, "__pm_combos", keepAll, "__pm_rid");
        // Each combination travels as its JSON text: make_list would splice an array element into the list.
        StringBuilder pack = new StringBuilder("tostring(pack_array(__pm_rid, __pm_wa, __pm_wb");
        dims.forEach(d -> pack.append(", tostring(").append(PluginPipeline.quote(d)).append(")"));
        pack.append("))");
        // The pattern's own columns keep hidden names until the end, so an input column called Count or SegmentId
        // can neither be shadowed by them in the join nor be confused with them in the final projection.
        StringBuilder fromPattern = new StringBuilder("__pm_rid = tolong(__pm_p[0]), __pm_seg = toint(__pm_p[1])");
        StringBuilder out = new StringBuilder("SegmentId = __pm_seg");
        List<String> taken = new ArrayList<>(List.of("SegmentId"));
        int maskAt = 2;
        for (int i = 0; i < measures.size(); i++) {
            Measure m = measures.get(i);
            fromPattern.append(", __pm_m").append(i).append(" = to").append(m.type).append("(__pm_p[").append(m.at).append("])");
            out.append(", ").append(m.name).append(" = __pm_m").append(i);
            taken.add(m.name);
            maskAt = Math.max(maskAt, m.at + 1);
        }
        fromPattern.append(", __pm_mask = tostring(__pm_p[").append(maskAt).append("])");
        for (int i = 0; i < dims.size(); i++) {
            String col = PluginPipeline.quote(dims.get(i));
            String name = Naming.unique(dims.get(i), taken);
            taken.add(name);
            out.append(", ").append(PluginPipeline.quote(name)).append(" = iff(substring(__pm_mask, ").append(i).append(", 1) == '1', ")
                    .append(col).append(", ").append(wildcard(typeOf(dims.get(i)))).append(")");
        }
        return p.compile("__pm_combos | summarize __pm_rows = make_list(" + pack + ")\n"
                + "| project __pm_patterns = " + call.replace("%ROWS%", "__pm_rows") + "\n"
                + "| mv-expand __pm_p = __pm_patterns\n"
                + "| project " + fromPattern + "\n"
                + "| join kind=inner (__pm_combos) on __pm_rid\n"
                + "| project " + out + "\n"
                + "| order by SegmentId asc");
    }

    private String wildcard(KqlType t) {
        String custom = wildcards.get(t);
        if (custom != null) {
            return custom;
        }
        return t == KqlType.STRING ? "''" : t.kustoName() + "(null)";
    }

    static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** A KQL real literal. */
    static String real(double d) {
        return "real(" + plain(d) + ")";
    }
}
