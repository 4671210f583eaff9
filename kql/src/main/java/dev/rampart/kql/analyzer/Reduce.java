package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.CteDef;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code reduce [kind=source] by Expr [with threshold=T, characters=C]}. The grouping needs every value at once, so
 * the values are gathered into one list and clustered by a Java function; its rows are then expanded back into a
 * table (Pattern, Count, Representative), or, with kind=source, each input row is joined to its value's pattern.
 */
final class Reduce {
    private static final double DEFAULT_THRESHOLD = 0.1;
    private static final String VALUE = "__reduce_value";
    private static final String VALUES = "__reduce_values";
    private static final String GROUPS = "__reduce_groups";
    private static final String GROUP = "__reduce_group";

    private final Analyzer a;
    private final ExprAnalyzer x;

    Reduce(Analyzer a) {
        this.a = a;
        this.x = a.exprs;
    }

    Rel apply(Rel in, Operator.Reduce r) {
        List<Rex> options = new ArrayList<>();
        options.add(new Rex.Lit(threshold(r.threshold()), KqlType.REAL));
        if (r.characters() != null) {
            options.add(new Rex.Lit(characters(r.characters()), KqlType.STRING));
        }
        Rex value = Types.string(x.analyze(r.by(), Operators.scope(in)));
        if (!r.source()) {
            Rel list = gather(in, value);
            Rel groups = expand(list, "__reduce_groups", options);
            Rex g = new Rex.ColRef(GROUP, KqlType.DYNAMIC);
            return new Rel.Project(groups, List.of(
                    new Rel.NamedRex("Pattern", Types.coerce(new Rex.JsonPath(g, List.of("Pattern")), KqlType.STRING)),
                    new Rel.NamedRex("Count", Types.coerce(new Rex.JsonPath(g, List.of("Count")), KqlType.LONG)),
                    new Rel.NamedRex("Representative", Types.coerce(new Rex.JsonPath(g, List.of("Representative")), KqlType.STRING))));
        }
        // The rows are read twice (for the list and for the output), so they must be computed once.
        List<Rel.NamedRex> withValue = new ArrayList<>();
        in.fields().forEach(f -> withValue.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type()))));
        withValue.add(new Rel.NamedRex(VALUE, value));
        CteDef def = new CteDef(a.ctes.size(), "reduce", new Rel.Project(in, withValue), true);
        a.ctes.add(def);
        Rel rows = new Rel.CteRef(def.id(), def.rel().fields());
        Rex rowValue = new Rex.ColRef(VALUE, KqlType.STRING);
        Rel pairs = expand(gather(rows, rowValue), "__reduce_source", options);
        Rex pair = new Rex.ColRef(GROUP, KqlType.DYNAMIC);
        Rel patterns = new Rel.Project(pairs, List.of(
                new Rel.NamedRex("__reduce_key", Types.coerce(new Rex.JsonPath(pair, List.of(0L)), KqlType.STRING)),
                new Rel.NamedRex("__reduce_pattern", Types.coerce(new Rex.JsonPath(pair, List.of(1L)), KqlType.STRING))));
        List<Rel.NamedRex> leftOut = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        for (Field f : in.fields()) {
            leftOut.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type())));
            taken.add(f.name());
        }
        List<Rel.NamedRex> rightOut = List.of(new Rel.NamedRex(Naming.unique("Pattern", taken),
                new Rex.ColRef("__reduce_pattern", KqlType.STRING)));
        return new Rel.Join(Rel.JoinKind.LEFT_OUTER, rows, patterns, List.of(rowValue),
                List.of(new Rex.ColRef("__reduce_key", KqlType.STRING)), leftOut, rightOut);
    }

    /** One row holding every value (nulls kept, so the row count stays the input's) as a dynamic array. */
    private static Rel gather(Rel in, Rex value) {
        return new Rel.Aggregate(in, List.of(), List.of(new Rel.NamedRex(VALUES,
                new Rex.Agg("make_list_with_nulls", List.of(value), null, false, KqlType.DYNAMIC))));
    }

    /** The Java function's array, one row per element in column {@link #GROUP}. */
    private static Rel expand(Rel list, String fn, List<Rex> options) {
        List<Rex> args = new ArrayList<>();
        args.add(new Rex.ColRef(VALUES, KqlType.DYNAMIC));
        args.addAll(options);
        Rel called = new Rel.Project(list, List.of(new Rel.NamedRex(GROUPS, new Rex.Call(fn, args, KqlType.DYNAMIC))));
        List<Field> fields = List.of(new Field(GROUPS, KqlType.DYNAMIC), new Field(GROUP, KqlType.DYNAMIC));
        return new Rel.MvExpand(called, List.of(new Rel.ExpandItem(GROUP, new Rex.ColRef(GROUPS, KqlType.DYNAMIC), KqlType.DYNAMIC)),
                null, null, fields);
    }

    private double threshold(Expr e) {
        if (e == null) {
            return DEFAULT_THRESHOLD;
        }
        Rex t = x.analyze(e, Scope.EMPTY);
        if (!(t instanceof Rex.Lit l) || !(l.value() instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), "reduce's threshold must be a constant between 0 and 1");
        }
        return n.doubleValue();
    }

    private String characters(Expr e) {
        Rex c = x.analyze(e, Scope.EMPTY);
        if (!(c instanceof Rex.Lit l) || !(l.value() instanceof String s)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), "reduce's characters must be a constant string");
        }
        return s;
    }
}
