package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.diagnostics.Suggestions;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Types scalar expressions against the columns in scope. */
final class ExprAnalyzer {
    private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=");
    private static final Set<String> STRING_OPS = Set.of(
            "=~", "!~", "has", "!has", "has_cs", "!has_cs", "hasprefix", "!hasprefix", "hasprefix_cs", "!hasprefix_cs",
            "hassuffix", "!hassuffix", "hassuffix_cs", "!hassuffix_cs", "contains", "!contains", "contains_cs",
            "!contains_cs", "startswith", "!startswith", "startswith_cs", "!startswith_cs", "endswith", "!endswith",
            "endswith_cs", "!endswith_cs", "matches regex", "like", "!like", "like_cs", "!like_cs");

    final Analyzer analyzer;
    private final Functions functions;

    ExprAnalyzer(Analyzer analyzer) {
        this.analyzer = analyzer;
        this.functions = new Functions(this);
    }

    /** The query's current day in UTC: a datetime written as a time of day alone falls on it. */
    java.time.LocalDate today() {
        return java.time.LocalDate.ofInstant(analyzer.now(), java.time.ZoneOffset.UTC);
    }

    Rex predicate(Expr e, Scope scope) {
        Rex r = analyze(e, scope);
        if (r.type() != KqlType.BOOL) {
            if (r.type() == KqlType.DYNAMIC) {
                return Types.coerce(r, KqlType.BOOL);
            }
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, e.span(),
                    "Expected a true/false condition but found a " + r.type().kustoName() + " expression");
        }
        return r;
    }

    Rex analyze(Expr e, Scope scope) {
        if (e instanceof Expr.Literal l) {
            return Literals.of(l, today());
        }
        if (e instanceof Expr.Name n) {
            return name(n, scope);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b, scope);
        }
        if (e instanceof Expr.Unary u) {
            Rex r = analyze(u.operand(), scope);
            if (!r.type().isNumeric() && r.type() != KqlType.TIMESPAN && r.type() != KqlType.DYNAMIC) {
                throw KqlException.at(ErrorCode.TYPE_MISMATCH, u.span(), "Cannot negate a " + r.type().kustoName() + " value");
            }
            if (r.type() == KqlType.DYNAMIC) {
                r = Types.coerce(r, KqlType.REAL);
            }
            return new Rex.Call("neg", List.of(r), r.type());
        }
        if (e instanceof Expr.InList in) {
            return inList(in, scope);
        }
        if (e instanceof Expr.Between b) {
            return between(b, scope);
        }
        if (e instanceof Expr.Call c) {
            return functions.call(c, scope);
        }
        if (e instanceof Expr.Member m) {
            return member(m, scope);
        }
        if (e instanceof Expr.Index ix) {
            return index(ix, scope);
        }
        if (e instanceof Expr.Tuple t) {
            throw KqlException.unsupported(t.span(), "syn:tuple-assignment", "Assigning to several columns outside arg_max/arg_min");
        }
        if (e instanceof Expr.NamedArg na) {
            return analyze(na.value(), scope);
        }
        if (e instanceof Expr.Star s) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, s.span(), "'*' is only allowed as an argument of count(), arg_max() and similar");
        }
        if (e instanceof Expr.TypeOf t) {
            throw KqlException.at(ErrorCode.SYNTAX_ERROR, t.span(), "typeof(...) is only allowed in a type position");
        }
        if (analyzer.isTabular(e)) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, e.span(), "Expected a scalar value but found a table",
                    "Use toscalar(...) to read a single value from it.");
        }
        throw KqlException.at(ErrorCode.SYNTAX_ERROR, e.span(), "Unexpected expression");
    }

    private Rex name(Expr.Name n, Scope scope) {
        Optional<Field> f = scope.find(n.name());
        if (f.isPresent()) {
            return new Rex.ColRef(f.get().name(), f.get().type());
        }
        Binding b = analyzer.lets.get(n.name());
        if (b instanceof Binding.Scalar s) {
            return s.value();
        }
        if (b instanceof Binding.Function fn && UserFunctions.callableByName(fn.lambda()) && !analyzer.isTabular(fn.lambda().body())) {
            // A function without arguments may be called by its bare name.
            return new UserFunctions(analyzer).scalar(fn.lambda(), new Expr.Call(n.name(), List.of(), n.span()), scope);
        }
        if (b instanceof Binding.Tabular) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, n.span(), "'" + n.name() + "' is a table, not a value",
                    "Use it as 'in (" + n.name() + ")' or toscalar(" + n.name() + ").");
        }
        if (n.name().equals("null")) {
            return new Rex.Lit(null, KqlType.DYNAMIC);
        }
        if (scope.openBag() != null) {
            return new Rex.JsonPath(new Rex.ColRef(scope.openBag(), KqlType.DYNAMIC), List.of(n.name()));
        }
        Optional<Field> loose = scope.findIgnoringCase(n.name());
        if (loose.isPresent()) {
            analyzer.warn(ErrorCode.UNKNOWN_COLUMN, n.span(), "Column '" + n.name() + "' was read as '" + loose.get().name()
                    + "'; KQL names are case-sensitive");
            return new Rex.ColRef(loose.get().name(), loose.get().type());
        }
        if (analyzer.options.schema().table(n.name()).isPresent()) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, n.span(), "'" + n.name() + "' is a table, not a column");
        }
        KqlException broken = analyzer.brokenStored(n.name(), n.span());
        if (broken != null) {
            throw broken;
        }
        List<String> candidates = new ArrayList<>(scope.names());
        analyzer.lets.forEach((k, v) -> {
            if (v instanceof Binding.Scalar) {
                candidates.add(k);
            }
        });
        if (!analyzer.bagsUnpackedFromData.isEmpty() && Suggestions.didYouMean(n.name(), candidates).isEmpty()) {
            throw KqlException.at(ErrorCode.UNKNOWN_COLUMN, n.span(), "Unknown column '" + n.name() + "'",
                    "bag_unpack(" + analyzer.bagsUnpackedFromData.get(0) + ") makes columns of the keys the data holds, and no row read has '"
                            + n.name() + "'; column_ifexists('" + n.name() + "', default) reads it when present");
        }
        if (n.name().matches("[0-9]+[A-Za-z]+") && Suggestions.didYouMean(n.name(), candidates).isEmpty()) {
            // Digits then letters is a name unless the letters are a timespan unit, so 3weeks lands here.
            String unit = n.name().replaceFirst("^[0-9]+", "");
            throw KqlException.at(ErrorCode.UNKNOWN_COLUMN, n.span(), "Unknown column '" + n.name() + "'",
                    "As a timespan, '" + unit + "' is not a unit; the units are d, h, m, s, ms, microsecond and tick, or long forms such as days.");
        }
        throw unknownColumn(n.name(), n.span(), candidates);
    }

    static KqlException unknownColumn(String name, Span span, List<String> candidates) {
        return KqlException.at(ErrorCode.UNKNOWN_COLUMN, span, "Unknown column '" + name + "'",
                RetiredNames.columnHint(name, candidates).orElseGet(() -> Suggestions.didYouMean(name, candidates)));
    }

    private Rex binary(Expr.Binary b, Scope scope) {
        String op = b.op();
        if (op.equals("and") || op.equals("or")) {
            return new Rex.Call(op, List.of(predicate(b.left(), scope), predicate(b.right(), scope)), KqlType.BOOL);
        }
        if (b.left() instanceof Expr.Star && STRING_OPS.contains(op)) {
            return predicate(Search.everyColumn(b, Search.searchable(scope.fields())), scope); // where * has "x"
        }
        Rex l = analyze(b.left(), scope);
        Rex r = analyze(b.right(), scope);
        if (COMPARISONS.contains(op)) {
            l = literalAs(l, r.type());
            r = literalAs(r, l.type());
            KqlType t = Types.common(l.type(), r.type());
            if (t == null) {
                throw KqlException.at(ErrorCode.TYPE_MISMATCH, b.span(), "Cannot compare a " + l.type().kustoName()
                        + " with a " + r.type().kustoName() + " using '" + op + "'", numberInStringHint(b, l.type(), r.type()));
            }
            l = coerceOperand(l, t, b.left().span());
            r = coerceOperand(r, t, b.right().span());
            return new Rex.Call(op, List.of(l, r), KqlType.BOOL);
        }
        if (STRING_OPS.contains(op)) {
            return new Rex.Call(op, List.of(Types.string(l), Types.string(r)), KqlType.BOOL);
        }
        return Arithmetic.apply(op, l, r, b.span());
    }

    /**
     * Some hunting columns hold numbers as text (DeviceTvmSoftwareVulnerabilitiesKB.CvssScore is a documented string,
     * yet queries write CvssScore >= 7); Kusto does not convert a string column, so name the conversion that would.
     */
    private static String numberInStringHint(Expr.Binary b, KqlType left, KqlType right) {
        Expr text;
        if (left == KqlType.STRING && right.isNumeric()) {
            text = b.left();
        } else if (right == KqlType.STRING && left.isNumeric()) {
            text = b.right();
        } else {
            return null;
        }
        String shown = text instanceof Expr.Name n ? n.name() : "...";
        return "Convert the string first, e.g. todouble(" + shown + ").";
    }

    /** "true" == IsX and 4624 == "4624": Kusto converts a string constant to the other side's type. */
    private static Rex literalAs(Rex r, KqlType other) {
        if (!(r instanceof Rex.Lit l) || !(l.value() instanceof String s) || l.type() != KqlType.STRING) {
            return r;
        }
        try {
            if (other == KqlType.BOOL && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false") || s.equals("1") || s.equals("0"))) {
                return new Rex.Lit(s.equalsIgnoreCase("true") || s.equals("1"), KqlType.BOOL);
            }
            if (Types.isIntegral(other)) {
                return new Rex.Lit(Long.parseLong(s.trim()), KqlType.LONG);
            }
            if (other == KqlType.REAL) {
                return new Rex.Lit(Double.parseDouble(s.trim()), KqlType.REAL);
            }
        } catch (NumberFormatException e) {
            return r;
        }
        return r;
    }

    private Rex coerceOperand(Rex r, KqlType t, Span span) {
        if (t == KqlType.DATETIME && r instanceof Rex.Lit l && l.value() instanceof String s) {
            return new Rex.Lit(Literals.dateTime(s, span, today()), KqlType.DATETIME);
        }
        return Types.coerce(r, t);
    }

    private Rex inList(Expr.InList in, Scope scope) {
        String op = in.op();
        boolean hasOp = op.startsWith("has_");
        Rex left = analyze(in.left(), scope);
        if (hasOp || left.type() == KqlType.DYNAMIC || op.endsWith("~")) {
            left = Types.string(left);
        }
        if (in.items().size() == 1 && analyzer.isTabular(in.items().get(0))) {
            Rel rel = analyzer.tabular(in.items().get(0));
            if (hasOp) {
                // has_any (T) matches the terms of T's first column: gather them into one array.
                Field first = rel.fields().get(0);
                Rel list = new Rel.Aggregate(rel, List.of(), List.of(new Rel.NamedRex("terms", new Rex.Agg("make_list",
                        List.of(Types.string(new Rex.ColRef(first.name(), first.type()))), null, false, KqlType.DYNAMIC))));
                return new Rex.Call(op + "_dynamic", List.of(left, new Rex.ScalarQuery(list, KqlType.DYNAMIC)), KqlType.BOOL);
            }
            Field first = rel.fields().get(0);
            if (first.type() == KqlType.DYNAMIC) {
                // Arrays in the column are flattened, as for in (dynamic([...])): `x in (T | summarize make_set(x))`.
                KqlType to = left.type() == KqlType.DYNAMIC ? KqlType.STRING : left.type();
                rel = new Rel.MvExpand(new Rel.Project(rel, List.of(new Rel.NamedRex(first.name(), new Rex.ColRef(first.name(), first.type())))),
                        List.of(new Rel.ExpandItem(first.name(), new Rex.ColRef(first.name(), KqlType.DYNAMIC), to)), null, null,
                        List.of(new Field(first.name(), to)));
            }
            Rex q = new Rex.InQuery(left, rel, op.endsWith("~"));
            return op.startsWith("!") ? new Rex.Call("not_true", List.of(q), KqlType.BOOL) : q;
        }
        List<Rex> items = new ArrayList<>();
        items.add(left);
        for (Expr item : in.items()) {
            Rex r = analyze(item, scope);
            if (r instanceof Rex.Lit l && l.type() == KqlType.DYNAMIC && l.value() instanceof List<?> list) {
                for (Object o : list) {
                    items.add(element(o, left.type(), hasOp));
                }
            } else if (r.type() == KqlType.DYNAMIC && in.items().size() == 1) {
                return new Rex.Call(op + "_dynamic", List.of(left, r), KqlType.BOOL);
            } else {
                items.add(hasOp ? Types.string(r) : Types.coerce(r, Optional.ofNullable(Types.common(left.type(), r.type())).orElse(r.type())));
            }
        }
        if (items.size() == 1) {
            // Empty list: nothing matches, and !in matches everything.
            return new Rex.Lit(op.startsWith("!"), KqlType.BOOL);
        }
        return new Rex.Call(op, items, KqlType.BOOL);
    }

    private static Rex element(Object o, KqlType leftType, boolean asString) {
        if (asString || Types.isString(leftType)) {
            return new Rex.Lit(o == null ? null : (o instanceof List || o instanceof Map ? Json.write(o) : String.valueOf(o)), KqlType.STRING);
        }
        if (o instanceof Long) {
            return new Rex.Lit(o, KqlType.LONG);
        }
        if (o instanceof Double) {
            return new Rex.Lit(o, KqlType.REAL);
        }
        if (o instanceof Boolean) {
            return new Rex.Lit(o, KqlType.BOOL);
        }
        return new Rex.Lit(o == null ? null : String.valueOf(o), KqlType.STRING);
    }

    private Rex between(Expr.Between b, Scope scope) {
        Rex v = analyze(b.left(), scope);
        Rex lo = analyze(b.low(), scope);
        Rex hi = analyze(b.high(), scope);
        if (v.type() == KqlType.DYNAMIC) {
            v = Types.coerce(v, lo.type());
        }
        if (v.type() == KqlType.DATETIME && hi.type() == KqlType.TIMESPAN) {
            hi = Arithmetic.apply("+", lo, hi, b.span());
        }
        KqlType t = Types.common(v.type(), Types.common(lo.type(), hi.type()) == null ? lo.type() : Types.common(lo.type(), hi.type()));
        if (t == null) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, b.span(), "Cannot test whether a " + v.type().kustoName()
                    + " is between " + lo.type().kustoName() + " values");
        }
        List<Rex> args = List.of(Types.coerce(v, t), coerceOperand(lo, t, b.low().span()), coerceOperand(hi, t, b.high().span()));
        return new Rex.Call(b.negated() ? "!between" : "between", args, KqlType.BOOL);
    }

    private Rex member(Expr.Member m, Scope scope) {
        if (m.target() instanceof Expr.Name n && (n.name().equals("$left") || n.name().equals("$right"))) {
            Optional<Field> f = scope.find(m.name());
            if (f.isEmpty()) {
                throw unknownColumn(m.name(), m.span(), scope.names());
            }
            return new Rex.ColRef(f.get().name(), f.get().type());
        }
        return path(analyze(m.target(), scope), m.name(), m.span());
    }

    private Rex index(Expr.Index ix, Scope scope) {
        Rex base = analyze(ix.target(), scope);
        Rex idx = analyze(ix.index(), scope);
        if (idx instanceof Rex.Lit l && l.value() instanceof Long n) {
            return path(base, n, ix.span());
        }
        if (idx instanceof Rex.Lit l && l.value() instanceof String s) {
            return path(base, s, ix.span());
        }
        return new Rex.Call("json_index", List.of(dynamic(base, ix.span()), Types.coerce(idx, idx.type().isNumeric() ? KqlType.LONG : KqlType.STRING)), KqlType.DYNAMIC);
    }

    private Rex path(Rex base, Object step, Span span) {
        Rex b = dynamic(base, span);
        if (b instanceof Rex.JsonPath p) {
            List<Object> steps = new ArrayList<>(p.path());
            steps.add(step);
            return new Rex.JsonPath(p.base(), steps);
        }
        return new Rex.JsonPath(b, List.of(step));
    }

    private static Rex dynamic(Rex base, Span span) {
        if (base.type() == KqlType.DYNAMIC) {
            return base;
        }
        if (Types.isString(base.type())) {
            return Types.coerce(base, KqlType.DYNAMIC);
        }
        throw KqlException.at(ErrorCode.TYPE_MISMATCH, span, "Cannot read a property of a " + base.type().kustoName() + " value");
    }
}
