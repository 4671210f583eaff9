package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * evaluate bag_unpack(bag [, prefix] [, columnsConflict] [, ignoredProperties]) [: (schema)].
 * The new columns are the bag's keys, ordered by name. Their set depends on the data: with a declared schema it is
 * the schema; over constant rows (datatable, let-bound datatable) it is read from the rows while compiling;
 * otherwise from the data through the options' key probe, and without one a plain bag column is left open and
 * names are resolved from it on use.
 */
final class BagUnpack {
    private final Analyzer a;

    BagUnpack(Analyzer a) {
        this.a = a;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        List<Expr> args = ev.plugin().args();
        if (args.isEmpty()) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, ev.plugin().span(), "bag_unpack() needs the bag column");
        }
        String prefix = "";
        String conflict = "error";
        Set<String> ignored = new java.util.HashSet<>();
        int positional = 0;
        for (int i = 1; i < args.size(); i++) {
            Expr arg = args.get(i);
            String name = null;
            if (arg instanceof Expr.NamedArg na) {
                name = na.name();
                arg = na.value();
            } else {
                name = switch (positional++) {
                    case 0 -> "OutputColumnPrefix";
                    case 1 -> "columnsConflict";
                    default -> "ignoredProperties";
                };
            }
            Rex v = a.exprs.analyze(arg, Scope.EMPTY);
            if (!(v instanceof Rex.Lit lit)) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, arg.span(), "bag_unpack's " + name + " must be a constant");
            }
            switch (name) {
                case "OutputColumnPrefix" -> prefix = lit.value() == null ? "" : lit.value().toString();
                case "columnsConflict" -> {
                    conflict = String.valueOf(lit.value());
                    if (!Set.of("error", "replace_source", "keep_source").contains(conflict)) {
                        throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, arg.span(), "columnsConflict must be 'error', 'replace_source' or 'keep_source'");
                    }
                }
                case "ignoredProperties" -> {
                    Object list = lit.value() instanceof String text ? JsonLines.read(text) : lit.value();
                    if (list instanceof List<?> l) {
                        l.forEach(o -> ignored.add(String.valueOf(o)));
                    }
                }
                default -> throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, args.get(i).span(), "Unknown bag_unpack argument '" + name + "'");
            }
        }
        Scope sc = Operators.scope(in);
        Rex bag = Types.coerce(a.exprs.analyze(args.get(0), sc), KqlType.DYNAMIC);
        String bagColumn = bag instanceof Rex.ColRef r ? r.name() : null;
        if (!ev.schema().isEmpty()) {
            return declared(in, ev, bag, bagColumn, prefix);
        }
        Optional<List<Object>> values = constantValues(in, bagColumn);
        if (values.isEmpty()) {
            Optional<Map<String, KqlType>> read = RuntimeBagKeys.read(a, in, bag, ignored, ev.span());
            if (read.isPresent()) {
                a.bagsUnpackedFromData.add(bagColumn != null ? bagColumn : "the bag");
                return unpack(in, ev, bag, bagColumn, prefix, conflict, read.get());
            }
            if (bagColumn == null || !prefix.isEmpty() || !ignored.isEmpty() || !conflict.equals("error")) {
                throw KqlException.unsupported(ev.span(), "evaluate:bag_unpack:open",
                        "bag_unpack of an expression, or with a prefix, ignored properties or columnsConflict, over rows only known when the query runs and without an output schema");
            }
            a.warn(ErrorCode.UNSUPPORTED, ev.span(), "bag_unpack without an output schema: properties are read from '"
                    + bagColumn + "' when a later step names them, and the result keeps the bag as one column");
            return new Rel.OpenBag(in, bagColumn);
        }
        Map<String, KqlType> keys = new TreeMap<>();
        for (Object v : values.get()) {
            if (v instanceof Map<?, ?> m) {
                m.forEach((k, val) -> {
                    if (!ignored.contains(k.toString())) {
                        keys.merge(k.toString(), typeOf(val), BagUnpack::common);
                    }
                });
            }
        }
        return unpack(in, ev, bag, bagColumn, prefix, conflict, keys);
    }

    private Rel unpack(Rel in, Operator.Evaluate ev, Rex bag, String bagColumn, String prefix, String conflict, Map<String, KqlType> keys) {
        LinkedHashMap<String, Rex> out = new LinkedHashMap<>();
        for (Field f : in.fields()) {
            if (!f.name().equals(bagColumn)) {
                out.put(f.name(), new Rex.ColRef(f.name(), f.type()));
            }
        }
        List<String> fresh = new ArrayList<>();
        keys.forEach((key, type) -> {
            String name = prefix + key;
            Rex v = Types.coerce(new Rex.JsonPath(bag, List.of(key)), type == null ? KqlType.DYNAMIC : type);
            if (out.containsKey(name)) {
                switch (conflict) {
                    case "replace_source" -> out.put(name, v);
                    case "keep_source" -> {
                    }
                    default -> throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, ev.span(), "bag_unpack: the bag's property '" + key
                            + "' clashes with the column '" + name + "'; pass columnsConflict='replace_source' or 'keep_source'");
                }
            } else {
                fresh.add(name);
                out.put(name, v);
            }
        });
        List<Rel.NamedRex> cols = new ArrayList<>();
        out.forEach((n, r) -> cols.add(new Rel.NamedRex(n, r)));
        if (cols.isEmpty()) {
            // No key anywhere and nothing else to keep: a result needs a column, so the (empty) bags stay.
            cols.add(new Rel.NamedRex(bagColumn != null ? bagColumn : "bag", bag));
        }
        return new Rel.Project(in, cols);
    }

    /**
     * With a declared schema: each declared column comes from the input when it has one (keep_source) and from the
     * bag otherwise; {@code *} stands for the input's other columns, without the bag.
     */
    private Rel declared(Rel in, Operator.Evaluate ev, Rex bag, String bagColumn, String prefix) {
        Scope sc = Operators.scope(in);
        List<Rel.NamedRex> cols = new ArrayList<>();
        Set<String> named = new java.util.HashSet<>();
        ev.schema().forEach(d -> named.add(d.name()));
        for (Expr.ColumnDecl d : ev.schema()) {
            if (d.name().equals("*")) {
                for (Field f : in.fields()) {
                    if (!f.name().equals(bagColumn) && !named.contains(f.name())) {
                        cols.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type())));
                    }
                }
                continue;
            }
            String key = d.name().startsWith(prefix) ? d.name().substring(prefix.length()) : d.name();
            KqlType t = Analyzer.type(d.type(), d.span());
            Rex v = sc.find(d.name()).filter(f -> !f.name().equals(bagColumn))
                    .<Rex>map(f -> Types.coerce(new Rex.ColRef(f.name(), f.type()), t))
                    .orElseGet(() -> Types.coerce(new Rex.JsonPath(bag, List.of(key)), t));
            cols.add(new Rel.NamedRex(d.name(), v));
        }
        return new Rel.Project(in, cols);
    }

    /** The bag column's values when the rows are constants the compiler holds (a datatable, directly or through lets). */
    private Optional<List<Object>> constantValues(Rel r, String column) {
        if (column == null) {
            return Optional.empty();
        }
        while (true) {
            if (r instanceof Rel.CteRef c) {
                r = a.ctes.get(c.id()).rel();
            } else if (r instanceof Rel.Sort s) {
                r = s.input();
            } else if (r instanceof Rel.Project p) {
                String col = column;
                Optional<Rel.NamedRex> src = p.columns().stream().filter(n -> n.name().equals(col)).findFirst();
                if (src.isEmpty() || !(src.get().rex() instanceof Rex.ColRef ref)) {
                    return Optional.empty();
                }
                column = ref.name();
                r = p.input();
            } else if (r instanceof Rel.Values v) {
                int at = Operators.indexOf(v.fields(), column);
                if (at < 0) {
                    return Optional.empty();
                }
                List<Object> out = new ArrayList<>();
                for (List<Rex> row : v.rows()) {
                    if (!(row.get(at) instanceof Rex.Lit lit)) {
                        return Optional.empty();
                    }
                    Object val = lit.value();
                    out.add(val instanceof String text && lit.type() == KqlType.DYNAMIC ? JsonLines.read(text) : val);
                }
                return Optional.of(out);
            } else {
                return Optional.empty();
            }
        }
    }

    /** The Kusto type of a JSON value; null for a JSON null, which takes any type. */
    static KqlType typeOf(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String) {
            return KqlType.STRING;
        }
        if (v instanceof Boolean) {
            return KqlType.BOOL;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof java.math.BigInteger) {
            return KqlType.LONG;
        }
        if (v instanceof Number) {
            return KqlType.REAL;
        }
        return KqlType.DYNAMIC;
    }

    /** Values of one key in different rows: the same type stays, anything else is dynamic. */
    static KqlType common(KqlType x, KqlType y) {
        if (x == null) {
            return y;
        }
        if (y == null || x == y) {
            return x;
        }
        return KqlType.DYNAMIC;
    }
}
