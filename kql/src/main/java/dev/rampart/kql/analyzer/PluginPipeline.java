package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.ast.Query;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.parser.Parser;
import dev.rampart.kql.plan.CteDef;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Helper for plugins written as a KQL pipeline: the input and the constant arguments are bound under hidden names
 * and the pipeline text is analyzed like any query, so it gets the ordinary typing and SQL rendering.
 */
final class PluginPipeline {
    static final Set<KqlType> NUMBERS = Set.of(KqlType.INT, KqlType.LONG, KqlType.REAL, KqlType.DECIMAL);
    /** What a timeline and its bounds may be: a point in time, a time span, or a number. */
    static final Set<KqlType> POINTS = Set.of(KqlType.INT, KqlType.LONG, KqlType.REAL, KqlType.DATETIME, KqlType.TIMESPAN);

    private final Analyzer a;
    private final Operators ops;
    private final Operator.Evaluate ev;
    final String plugin;

    PluginPipeline(Analyzer a, Operators ops, Operator.Evaluate ev) {
        this.a = a;
        this.ops = ops;
        this.ev = ev;
        this.plugin = ev.plugin().name();
    }

    List<Expr> args() {
        return ev.plugin().args();
    }

    Span span() {
        return ev.span();
    }

    KqlException wrong(Span at, String what) {
        return KqlException.at(ErrorCode.WRONG_ARGUMENTS, at, plugin + ": " + what);
    }

    /** Fails naming the usage unless at least {@code min} arguments were given. */
    void need(int min, String usage) {
        if (args().size() < min) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, ev.plugin().span(), plugin + "(" + usage + ") needs at least " + min
                    + " arguments, got " + args().size());
        }
    }

    /** The column an argument names (plugins take these as bare column names). */
    String column(Expr e, String argName) {
        if (e instanceof Expr.Name n && !n.name().startsWith("$")) {
            return n.name();
        }
        throw wrong(e.span(), "the " + argName + " argument must be a column name");
    }

    /** Every argument from {@code from} on, each a column name (the dimensions). */
    List<String> columns(int from, String argName) {
        List<String> out = new ArrayList<>();
        for (Expr e : args().subList(Math.min(from, args().size()), args().size())) {
            out.add(column(e, argName));
        }
        return out;
    }

    /**
     * The dimension columns plus {@code __dk}, their values packed into one string: joins go on that key, because a
     * join does not match null keys of non-string columns, while summarize keeps a null dimension as its own group.
     */
    static List<String> keyed(List<String> dims) {
        List<String> out = new ArrayList<>(dims);
        if (!dims.isEmpty()) {
            out.add(DIM_KEY);
        }
        return out;
    }

    static final String DIM_KEY = "__dk";

    /** {@code __dk, } when there are dimensions, for the start of a join's key list. */
    static String joinKeys(List<String> dims) {
        return dims.isEmpty() ? "" : DIM_KEY + ", ";
    }

    /** The dimension columns, then the packed dimension key when there are dimensions. */
    void addDims(List<Operator.Assignment> cols, List<String> dims) {
        dims.forEach(d -> cols.add(keep(d)));
        if (!dims.isEmpty()) {
            List<Expr> names = dims.stream().<Expr>map(d -> new Expr.Name(d, span())).toList();
            cols.add(col(DIM_KEY, new Expr.Call("tostring", List.of(new Expr.Call("pack_array", names, span())), span())));
        }
    }

    /**
     * Arguments 2 and 3 of the activity plugins, Start (of the timeline column's kind, argument 1) and End, bound as
     * {@code prefix_start} and {@code prefix_end}; returns Start.
     */
    Rex window(Rel in, String prefix) {
        Rex start = scalar(prefix + "_start", args().get(2), "Start", POINTS);
        sameKind(args().get(1), in, start, "Start");
        scalar(prefix + "_end", args().get(3), "End", POINTS);
        return start;
    }

    /** The dimension columns, then the id (argument 0) as __id and the timeline (argument 1) as __t. */
    List<Operator.Assignment> idAndTime(List<String> dims) {
        List<Operator.Assignment> cols = new ArrayList<>();
        addDims(cols, dims);
        cols.add(col("__id", args().get(0)));
        cols.add(col("__t", args().get(1)));
        return cols;
    }

    /** The input projected to the given columns, bound as {@code name}; returns the projection. */
    Rel input(Rel in, String name, List<Operator.Assignment> cols) {
        Rel rows = ops.apply(in, new Operator.Project(cols, span()));
        bindRows(name, rows);
        return rows;
    }

    /** The KQL type name of the periods of a timeline: datetime and timespan stay, numbers are real or long. */
    static String periodType(Rel rows, String timeCol, Rex... bounds) {
        KqlType t = rows.fields().stream().filter(f -> f.name().equals(timeCol)).findFirst().orElseThrow().type();
        if (t == KqlType.DATETIME || t == KqlType.TIMESPAN) {
            return t.kustoName();
        }
        boolean real = t == KqlType.REAL || t == KqlType.DECIMAL;
        for (Rex b : bounds) {
            real |= b != null && (b.type() == KqlType.REAL || b.type() == KqlType.DECIMAL);
        }
        return real ? "real" : "long";
    }

    /** As {@link #input}, plus a long column {@code rowCol} numbering the rows (materialized, so the numbers hold). */
    void inputNumbered(Rel in, String name, List<Operator.Assignment> cols, String rowCol) {
        Rel rows = ops.apply(in, new Operator.Project(cols, span()));
        List<Rel.NamedRex> out = new ArrayList<>();
        rows.fields().forEach(f -> out.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type()))));
        out.add(new Rel.NamedRex(rowCol, new Rex.Call("row_number", List.of(new Rex.Lit(1L, KqlType.LONG)), KqlType.LONG)));
        CteDef def = new CteDef(a.ctes.size(), name, new Rel.Project(rows, out), true);
        a.ctes.add(def);
        a.lets.put(name, new Binding.Tabular(def));
    }

    Operator.Assignment col(String name, Expr e) {
        return new Operator.Assignment(name, e, span());
    }

    Operator.Assignment keep(String column) {
        return new Operator.Assignment(null, new Expr.Name(column, span()), span());
    }

    void bindRows(String name, Rel rel) {
        CteDef def = new CteDef(a.ctes.size(), name, rel, false);
        a.ctes.add(def);
        a.lets.put(name, new Binding.Tabular(def));
    }

    /** A constant argument of one of the allowed types, bound as {@code name}; returns its analyzed value. */
    Rex scalar(String name, Expr e, String argName, Set<KqlType> allowed) {
        Rex r = constant(e, argName);
        if (!allowed.contains(r.type())) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, e.span(), plugin + ": the " + argName + " argument must be "
                    + String.join(" or ", allowed.stream().map(KqlType::kustoName).sorted().toList()) + ", not " + r.type().kustoName());
        }
        a.lets.put(name, new Binding.Scalar(r));
        return r;
    }

    /** An argument that must not depend on the input rows; a column name there is reported as such. */
    Rex constant(Expr e, String argName) {
        try {
            return a.exprs.analyze(e, Scope.EMPTY);
        } catch (KqlException ex) {
            if (e instanceof Expr.Name n) {
                throw wrong(e.span(), "the " + argName + " argument must be a constant, not the column or name '" + n.name() + "'");
            }
            throw ex;
        }
    }

    Rex analyze(Expr e) {
        return a.exprs.analyze(e, Scope.EMPTY);
    }

    boolean isTabular(Expr e) {
        return a.isTabular(e);
    }

    Rel tabular(Expr e) {
        return a.tabular(e);
    }

    /** A constant string argument, or null when the argument is no string literal. */
    String stringConstant(Expr e) {
        Rex r = a.exprs.analyze(e, Scope.EMPTY);
        return r instanceof Rex.Lit l && l.value() instanceof String s ? s : null;
    }

    /**
     * The pipeline analyzed. An error inside it (say a string timeline compared with a datetime Start) would point
     * into text the analyst never wrote, so it is reported at the plugin call instead.
     */
    Rel compile(String text) {
        try {
            Query q = Parser.parse(text);
            a.bindLets(q.lets());
            return a.tabular(q.body());
        } catch (KqlException e) {
            String msg = e.diagnostic().message().replaceAll("\\s*\\(line \\d+, column \\d+\\)", "");
            throw KqlException.at(e.diagnostic().code(), ev.plugin().span(), plugin + " cannot be applied to these arguments: " + msg);
        }
    }

    /**
     * Fails at the timeline argument unless its type is of the same kind as the analysis bounds: both datetimes, both
     * timespans, or both numbers.
     */
    void sameKind(Expr timeline, Rel in, Rex bound, String boundName) {
        KqlType t = a.exprs.analyze(timeline, Operators.scope(in)).type();
        boolean ok = t == bound.type() || NUMBERS.contains(t) && NUMBERS.contains(bound.type());
        if (!ok) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, timeline.span(), plugin + ": the timeline column is " + t.kustoName()
                    + " but " + boundName + " is " + bound.type().kustoName());
        }
    }

    /** {@code ['a'], ['b'], } for use before further by-columns; empty without columns. */
    static String listBefore(List<String> cols) {
        StringBuilder sb = new StringBuilder();
        cols.forEach(c -> sb.append(quote(c)).append(", "));
        return sb.toString();
    }

    /** {@code , ['a'], ['b']} for use after other columns; empty without columns. */
    static String listAfter(List<String> cols) {
        StringBuilder sb = new StringBuilder();
        cols.forEach(c -> sb.append(", ").append(quote(c)));
        return sb.toString();
    }

    /** A KQL string literal holding {@code s}. */
    static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r") + "'";
    }

    /** A constant dynamic array argument of strings (non-strings are turned into their text). */
    List<String> stringArray(Expr e, String argName) {
        Rex r = constant(e, argName);
        if (!(r instanceof Rex.Lit l) || !(l.value() instanceof List<?> list) || list.isEmpty()) {
            throw wrong(e.span(), "the " + argName + " argument must be a constant, non-empty dynamic array");
        }
        List<String> out = new ArrayList<>();
        list.forEach(v -> out.add(v == null ? "" : String.valueOf(v)));
        return out;
    }

    void warn(Span at, String message) {
        a.warn(ErrorCode.UNSUPPORTED, at, message);
    }

    static String quote(String name) {
        return "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }
}
