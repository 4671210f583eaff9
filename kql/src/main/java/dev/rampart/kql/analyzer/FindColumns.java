package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The output columns of find, from its already filtered tables, laid out as find-operator.md shows them. */
final class FindColumns {
    private static final String PACK = "pack_";

    private final Operators ops;

    FindColumns(Operators ops) {
        this.ops = ops;
    }

    /**
     * find's default columns: the source column, the columns the predicate names and the columns every table has
     * (in the tables' column order; a name with several types splits by type as in union), and pack_ holding the
     * rest of each row, null cells included, under the table's own column names.
     */
    Rel smart(List<Operators.Leg> legs, Set<String> used, String source) {
        Set<String> keep = new LinkedHashSet<>(used);
        for (Operators.Leg leg : legs) {
            for (Field f : leg.rel().fields()) {
                if (legs.stream().allMatch(l -> has(l.rel(), f.name()))) {
                    keep.add(f.name());
                }
            }
        }
        List<Operators.Leg> shaped = new ArrayList<>();
        for (Operators.Leg leg : legs) {
            List<Rel.NamedRex> cols = new ArrayList<>();
            List<Rex> packed = new ArrayList<>();
            for (Field f : leg.rel().fields()) {
                Rex ref = new Rex.ColRef(f.name(), f.type());
                if (keep.contains(f.name())) {
                    cols.add(new Rel.NamedRex(f.name(), ref));
                } else {
                    packed.add(new Rex.Lit(f.name(), KqlType.STRING));
                    packed.add(ref);
                }
            }
            cols.add(new Rel.NamedRex(PACK, new Rex.Call("bag_pack", packed, KqlType.DYNAMIC)));
            shaped.add(new Operators.Leg(leg.label(), new Rel.Project(leg.rel(), cols)));
        }
        return packLast(ops.combine(shaped, false, source));
    }

    /** The union lists columns by first appearance; pack_ belongs at the end. */
    private static Rel packLast(Rel union) {
        List<Rel.NamedRex> cols = new ArrayList<>();
        Field pack = null;
        for (Field f : union.fields()) {
            if (f.name().equals(PACK)) {
                pack = f;
            } else {
                cols.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type())));
            }
        }
        if (pack != null) {
            cols.add(new Rel.NamedRex(PACK, new Rex.ColRef(PACK, pack.type())));
        }
        return new Rel.Project(union, cols);
    }

    /**
     * find ... project: the source column and the listed columns, null where a table lacks one. A typed column is
     * cast in every table; a column whose type differs between tables must be given a type, and is then named
     * Name_type as union names it. pack_all() adds pack_ with each row's unlisted columns.
     */
    Rel listed(List<Operators.Leg> legs, Expr.FindProject p, String source, Span span) {
        Map<String, List<KqlType>> typesOf = new LinkedHashMap<>();
        legs.forEach(l -> l.rel().fields().forEach(f -> {
            List<KqlType> ts = typesOf.computeIfAbsent(f.name(), k -> new ArrayList<>());
            if (ts.stream().noneMatch(t -> t == f.type() || (Types.isString(t) && Types.isString(f.type())))) {
                ts.add(f.type());
            }
        }));
        List<String> names = new ArrayList<>();
        List<KqlType> types = new ArrayList<>();
        Set<String> listed = new LinkedHashSet<>();
        for (Expr.ColumnDecl c : p.columns()) {
            List<KqlType> ts = typesOf.get(c.name());
            if (ts == null) {
                throw KqlException.at(ErrorCode.UNKNOWN_COLUMN, c.span(), "No table of this find has a column '" + c.name() + "'",
                        "Project a column of one of the tables.");
            }
            KqlType t = c.type() == null ? null : Analyzer.type(c.type(), c.span());
            if (t == null && ts.size() > 1) {
                throw KqlException.at(ErrorCode.TYPE_MISMATCH, c.span(), "Column '" + c.name() + "' has different types in different tables",
                        "Give it a type: project " + c.name() + ":" + ts.get(0).kustoName() + ".");
            }
            names.add(t != null && ts.size() > 1 ? c.name() + "_" + t.kustoName() : c.name());
            types.add(t != null ? t : ts.get(0));
            listed.add(c.name());
        }
        List<Rel> inputs = new ArrayList<>();
        for (Operators.Leg leg : legs) {
            List<Rel.NamedRex> cols = new ArrayList<>();
            if (source != null) {
                cols.add(new Rel.NamedRex(source, new Rex.Lit(leg.label(), KqlType.STRING)));
            }
            for (int i = 0; i < names.size(); i++) {
                Field own = field(leg.rel(), p.columns().get(i).name());
                Rex v = own == null ? new Rex.Lit(null, types.get(i)) : Types.coerce(new Rex.ColRef(own.name(), own.type()), types.get(i));
                cols.add(new Rel.NamedRex(names.get(i), v));
            }
            if (p.packAll()) {
                List<Rex> packed = new ArrayList<>();
                for (Field f : leg.rel().fields()) {
                    if (!listed.contains(f.name())) {
                        packed.add(new Rex.Lit(f.name(), KqlType.STRING));
                        packed.add(new Rex.ColRef(f.name(), f.type()));
                    }
                }
                cols.add(new Rel.NamedRex(PACK, new Rex.Call("bag_pack", packed, KqlType.DYNAMIC)));
            }
            inputs.add(new Rel.Project(leg.rel(), cols));
        }
        if (new LinkedHashSet<>(inputs.get(0).fields().stream().map(Field::name).toList()).size() < inputs.get(0).fields().size()) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, span, "find's project lists a column twice", "List each column once.");
        }
        return inputs.size() == 1 ? inputs.get(0) : new Rel.Union(inputs, inputs.get(0).fields());
    }

    private static boolean has(Rel r, String name) {
        return field(r, name) != null;
    }

    static Field field(Rel r, String name) {
        for (Field f : r.fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
