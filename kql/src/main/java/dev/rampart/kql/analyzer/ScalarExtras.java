package dev.rampart.kql.analyzer;

import dev.rampart.kql.Principal;
import dev.rampart.kql.ast.Expr;
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
import java.util.Set;

/**
 * Scalar functions that read the query's context rather than only their arguments: the row's columns
 * (pack_all, estimate_data_size), a tabular expression's schema (column_names_of), the caller
 * (current_principal*), plus around() and the forms of array_sort_* and bag_set_key that need assembling.
 */
final class ScalarExtras {
    private static final Set<String> NAMES = Set.of("around", "column_names_of", "current_principal", "current_principal_details",
            "current_principal_is_member_of", "estimate_data_size", "pack_all", "array_sort_asc", "array_sort_desc", "bag_set_key",
            "bag_pack_columns", "datetime_part", "toarray", "bag_remove_keys", "assert", "has_any_index", "indexof_regex", "regex_quote", "isutf8", "repeat");

    private final Functions f;
    private final ExprAnalyzer x;

    ScalarExtras(Functions f, ExprAnalyzer x) {
        this.f = f;
        this.x = x;
    }

    static boolean handles(String name) {
        return NAMES.contains(name);
    }

    /**
     * A value as it is stored inside a dynamic value: datetimes and timespans become Kusto's text for them
     * (2020-01-01T00:00:00Z, 1.00:00:00) rather than the engine's JSON spelling.
     */
    static Rex jsonValue(Rex v) {
        if (v.type() == KqlType.DATETIME) {
            return new Rex.Call("datetime_json_text", List.of(v), KqlType.STRING);
        }
        return v.type() == KqlType.TIMESPAN ? Types.string(v) : v;
    }

    /** Whether an assigned expression is a pack_all() or pack_array(*) call, which reads the whole input row. */
    static boolean readsInputRow(Expr e) {
        return e instanceof Expr.Call c && (Functions.canonical(c.name()).equals("pack_all")
                || c.name().equals("pack_array") && c.args().stream().anyMatch(a -> a instanceof Expr.Star));
    }

    /** The call, or null when it is a plain library form (one array to sort, a top-level key to set). */
    Rex call(String name, Expr.Call c, Scope scope) {
        List<Expr> a = c.args();
        Principal me = x.analyzer.options.principal();
        switch (name) {
            case "around":
                return around(c, scope);
            case "column_names_of": {
                Functions.arity(c, 1, 1);
                if (!x.analyzer.isTabular(a.get(0))) {
                    throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, a.get(0).span(), "column_names_of() needs a tabular expression");
                }
                Rel rel = x.analyzer.tabular(a.get(0));
                List<Object> names = new ArrayList<>();
                rel.fields().forEach(fd -> names.add(fd.name()));
                return new Rex.Lit(names, KqlType.DYNAMIC);
            }
            case "current_principal":
                Functions.arity(c, 0, 0);
                return new Rex.Lit(me.fqn(), KqlType.STRING);
            case "current_principal_details": {
                Functions.arity(c, 0, 0);
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("DisplayName", me.displayName());
                d.put("FQN", me.fqn());
                d.put("Groups", new ArrayList<Object>(me.groups()));
                return new Rex.Lit(d, KqlType.DYNAMIC);
            }
            case "current_principal_is_member_of":
                return isMemberOf(c, scope, me);
            case "estimate_data_size":
                return estimateDataSize(c, scope);
            case "pack_all":
                return packAll(c, scope);
            case "array_sort_asc", "array_sort_desc":
                return SortedArrays.several(x, c, scope) ? SortedArrays.call(f, x, name, c, scope) : null;
            case "bag_set_key":
                return new BagPaths(f, x).set(c, scope);
            case "bag_pack_columns": {
                if (a.isEmpty()) {
                    Functions.arity(c, 1, 64);
                }
                List<Rex> pairs = new ArrayList<>();
                for (Rex col : columns(c, scope, a)) {
                    pairs.add(new Rex.Lit(((Rex.ColRef) col).name(), KqlType.STRING));
                    pairs.add(jsonValue(col));
                }
                return new Rex.Call("bag_pack", pairs, KqlType.DYNAMIC);
            }
            case "datetime_part":
                return datetimePart(c, scope);
            case "bag_remove_keys":
                return new BagPaths(f, x).remove(c, scope);
            case "assert":
                return assertion(c, scope);
            case "repeat": {
                Functions.arity(c, 2, 2);
                Rex v = jsonValue(x.analyze(a.get(0), scope));
                return new Rex.Call("repeat", List.of(v, f.typed(a.get(1), scope, KqlType.LONG, c)), KqlType.DYNAMIC);
            }
            case "has_any_index":
                return hasAnyIndex(c, scope);
            case "indexof_regex":
                return new Rex.Call("indexof_regex", IndexOf.arguments(f, c, scope), KqlType.LONG);
            case "regex_quote":
                Functions.arity(c, 1, 1);
                return new Rex.Call("regex_quote", List.of(f.typed(a.get(0), scope, KqlType.STRING, c)), KqlType.STRING);
            case "isutf8":
                // Text in the store is always valid UTF-8.
                Functions.arity(c, 1, 1);
                return new Rex.Call("isnotnull", List.of(f.typed(a.get(0), scope, KqlType.STRING, c)), KqlType.BOOL);
            case "toarray": {
                Functions.arity(c, 1, 1);
                Rex v = x.analyze(a.get(0), scope);
                // An array stays as it is; any other value becomes a one-element array.
                return v.type() == KqlType.DYNAMIC ? new Rex.Call("toarray", List.of(v), KqlType.DYNAMIC)
                        : new Rex.Call("pack_array", List.of(v), KqlType.DYNAMIC);
            }
            default:
                return null;
        }
    }

    /** array_index_of(array, value, start[, length[, occurrence]]). */
    Rex arrayIndexOfRange(Expr.Call c, Scope scope) {
        Functions.arity(c, 2, 5);
        List<Expr> a = c.args();
        Rex arr = f.typed(a.get(0), scope, KqlType.DYNAMIC, c);
        Rex v = x.analyze(a.get(1), scope);
        Rex start = f.typed(a.get(2), scope, KqlType.LONG, c);
        Rex length = a.size() > 3 ? f.typed(a.get(3), scope, KqlType.LONG, c) : new Rex.Lit(-1L, KqlType.LONG);
        Rex occurrence = a.size() > 4 ? f.typed(a.get(4), scope, KqlType.LONG, c) : new Rex.Lit(1L, KqlType.LONG);
        return new Rex.Call("array_index_of_range", List.of(arr, v, start, length, occurrence), KqlType.LONG);
    }

    /** assert(condition, message): true, or the query fails with the message when the condition is false. */
    private Rex assertion(Expr.Call c, Scope scope) {
        Functions.arity(c, 2, 2);
        Rex cond = x.predicate(c.args().get(0), scope);
        Rex msg = f.typed(c.args().get(1), scope, KqlType.STRING, c);
        if (cond instanceof Rex.Lit l && Boolean.FALSE.equals(l.value()) && msg instanceof Rex.Lit m && m.value() instanceof String text) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.span(), "assert() failed: " + text);
        }
        return new Rex.Call("assert", List.of(cond, msg), KqlType.BOOL);
    }

    /** has_any_index(text, dynamic([...])): the position of the first listed term the text has, else -1. */
    private Rex hasAnyIndex(Expr.Call c, Scope scope) {
        Functions.arity(c, 2, 2);
        Rex text = f.typed(c.args().get(0), scope, KqlType.STRING, c);
        Rex values = x.analyze(c.args().get(1), scope);
        if (!(values instanceof Rex.Lit l) || !(l.value() instanceof List<?> list)) {
            // A list known only per row (a column, range(), a let of another query) is searched term by term in SQL.
            return new Rex.Call("has_any_index_dynamic", List.of(text, Types.coerce(values, KqlType.DYNAMIC)), KqlType.LONG);
        }
        List<Rex> arms = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object v = list.get(i);
            String term = v == null ? "" : v instanceof String str ? str : String.valueOf(v);
            arms.add(new Rex.Call("has", List.of(text, new Rex.Lit(term, KqlType.STRING)), KqlType.BOOL));
            arms.add(new Rex.Lit((long) i, KqlType.LONG));
        }
        if (arms.isEmpty()) {
            return new Rex.Lit(-1L, KqlType.LONG);
        }
        arms.add(new Rex.Lit(-1L, KqlType.LONG));
        return new Rex.Call("case", arms, KqlType.LONG);
    }

    private static final List<String> PARTS = List.of("year", "quarter", "month", "week_of_year", "day", "dayofyear", "hour", "minute",
            "second", "millisecond", "microsecond", "nanosecond");

    /** datetime_part(part, datetime): one calendar or clock field as an int; the part must be a constant. */
    private Rex datetimePart(Expr.Call c, Scope scope) {
        Functions.arity(c, 2, 2);
        Rex p = x.analyze(c.args().get(0), scope);
        if (!(p instanceof Rex.Lit l) || !(l.value() instanceof String s)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.args().get(0).span(), "datetime_part() needs a constant part such as 'day'");
        }
        String part = s.toLowerCase(java.util.Locale.ROOT);
        if (part.equals("weekofyear")) {
            part = "week_of_year";
        }
        if (!PARTS.contains(part)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.args().get(0).span(), "Unknown date part '" + s + "'",
                    dev.rampart.kql.diagnostics.Suggestions.didYouMean(s, PARTS));
        }
        Rex d = f.typed(c.args().get(1), scope, KqlType.DATETIME, c);
        return new Rex.Call("datetime_part", List.of(new Rex.Lit(part, KqlType.STRING), d), KqlType.INT);
    }

    /** around(value, center, delta): whether value lies in [center - delta, center + delta]. */
    private Rex around(Expr.Call c, Scope scope) {
        Functions.arity(c, 3, 3);
        Rex v = x.analyze(c.args().get(0), scope);
        Rex center = x.analyze(c.args().get(1), scope);
        Rex delta = x.analyze(c.args().get(2), scope);
        if (v.type() == KqlType.DYNAMIC) {
            v = Types.coerce(v, center.type() == KqlType.DYNAMIC ? KqlType.REAL : center.type());
        }
        if (center.type() == KqlType.DYNAMIC) {
            center = Types.coerce(center, v.type());
        }
        boolean temporal = v.type() == KqlType.DATETIME || v.type() == KqlType.TIMESPAN;
        if (temporal ? center.type() != v.type() || delta.type() != KqlType.TIMESPAN
                : !v.type().isNumeric() || !center.type().isNumeric() || !delta.type().isNumeric()) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, c.span(), "around() expects numbers, or a datetime or timespan value and center with a timespan delta");
        }
        KqlType t = temporal ? v.type() : Types.common(v.type(), center.type());
        Rex lo = Types.coerce(Arithmetic.apply("-", center, delta, c.span()), t);
        Rex hi = Types.coerce(Arithmetic.apply("+", center, delta, c.span()), t);
        return new Rex.Call("between", List.of(Types.coerce(v, t), lo, hi), KqlType.BOOL);
    }

    /** Arguments are names or arrays of names, all constants; the answer is known at compile time. */
    private Rex isMemberOf(Expr.Call c, Scope scope, Principal me) {
        if (c.args().isEmpty()) {
            Functions.arity(c, 1, 64);
        }
        boolean member = false;
        for (Expr e : c.args()) {
            Rex r = x.analyze(e, scope);
            if (!(r instanceof Rex.Lit l)) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), "current_principal_is_member_of() needs constant principal names");
            }
            if (l.value() instanceof List<?> list) {
                for (Object o : list) {
                    member |= o instanceof String s && me.isMemberOf(s);
                }
            } else if (l.value() instanceof String s) {
                member |= me.isMemberOf(s);
            }
        }
        return new Rex.Lit(member, KqlType.BOOL);
    }

    /** The columns a row-wide function reads: {@code *} or none for all of them, else the named ones. */
    private List<Rex> columns(Expr.Call c, Scope scope, List<Expr> args) {
        List<Rex> out = new ArrayList<>();
        if (args.isEmpty() || args.size() == 1 && args.get(0) instanceof Expr.Star) {
            for (Field fd : scope.fields()) {
                if (!fd.name().startsWith("__")) {
                    out.add(new Rex.ColRef(fd.name(), fd.type()));
                }
            }
            return out;
        }
        for (Expr e : args) {
            if (!(e instanceof Expr.Name)) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), c.name() + "() takes column names or *");
            }
            out.add(x.analyze(e, scope));
        }
        return out;
    }

    /**
     * Bytes of the row's values: 8 for long, real, datetime, timespan and decimal, 4 for int, 1 for bool,
     * 16 for guid, the UTF-8 length of a string and of a dynamic value's JSON text.
     */
    private Rex estimateDataSize(Expr.Call c, Scope scope) {
        Rex total = null;
        for (Rex col : columns(c, scope, c.args())) {
            Rex size = switch (col.type()) {
                case INT -> new Rex.Lit(4L, KqlType.LONG);
                case BOOL -> new Rex.Lit(1L, KqlType.LONG);
                case GUID -> new Rex.Lit(16L, KqlType.LONG);
                case STRING, DYNAMIC -> new Rex.Call("coalesce", List.of(new Rex.Call("string_size", List.of(Types.string(col)), KqlType.LONG),
                        new Rex.Lit(0L, KqlType.LONG)), KqlType.LONG);
                default -> new Rex.Lit(8L, KqlType.LONG);
            };
            total = total == null ? size : Arithmetic.apply("+", total, size, c.span());
        }
        return total == null ? new Rex.Lit(0L, KqlType.LONG) : total;
    }

    /** pack_all([ignore_null_empty]): a bag of the row's columns, optionally without null and empty values. */
    private Rex packAll(Expr.Call c, Scope scope) {
        Functions.arity(c, 0, 1);
        boolean skipEmpty = false;
        if (c.args().size() == 1) {
            Rex flag = x.analyze(c.args().get(0), scope);
            if (!(flag instanceof Rex.Lit l) || !(l.value() instanceof Boolean b)) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, c.args().get(0).span(), "pack_all() needs a constant true or false");
            }
            skipEmpty = b;
        }
        List<Rex> pairs = new ArrayList<>();
        for (Rex col : columns(c, scope, List.of())) {
            pairs.add(new Rex.Lit(((Rex.ColRef) col).name(), KqlType.STRING));
            pairs.add(jsonValue(col));
        }
        return new Rex.Call(skipEmpty ? "bag_pack_nonnull" : "bag_pack", pairs, KqlType.DYNAMIC);
    }
}
