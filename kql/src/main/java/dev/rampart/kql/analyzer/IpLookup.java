package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.plan.CteDef;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * evaluate ipv4_lookup(LookupTable, SourceIPv4Key, IPv4LookupRangeKey [, return_unmatched]) and its IPv6 twin
 * ipv6_lookup: each input row with the lookup rows whose range (an address or CIDR text) holds its address; with
 * return_unmatched=true the rows that match nothing stay, with null lookup columns. A range condition is no
 * equi-join, so the input rows are numbered once, matched by a filtered cross join, and the unmatched ones found by
 * their numbers. ipv4_lookup puts the input columns first; ipv6_lookup the lookup columns, as its page shows.
 */
final class IpLookup {
    private static final String ROW = "__ip_lookup_row";

    private final Analyzer a;
    private final Operators ops;
    private final String plugin;
    private final String match;
    private final boolean lookupFirst;

    private IpLookup(Analyzer a, Operators ops, String plugin, String match, boolean lookupFirst) {
        this.a = a;
        this.ops = ops;
        this.plugin = plugin;
        this.match = match;
        this.lookupFirst = lookupFirst;
    }

    static IpLookup ipv4(Analyzer a, Operators ops) {
        return new IpLookup(a, ops, "ipv4_lookup", "ipv4_is_in_range", false);
    }

    /** Both sides may carry a prefix; ipv6_is_match compares them masked to the shorter one. */
    static IpLookup ipv6(Analyzer a, Operators ops) {
        return new IpLookup(a, ops, "ipv6_lookup", "ipv6_is_match", true);
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        List<Expr> args = ev.plugin().args();
        Span sp = ev.span();
        if (args.size() < 3) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, ev.plugin().span(),
                    plugin + "(LookupTable, SourceKey, LookupKey [, return_unmatched]) needs three arguments");
        }
        boolean unmatched = false;
        for (Expr e : args.subList(3, args.size())) {
            Expr v = e instanceof Expr.NamedArg na ? na.value() : e;
            if (e instanceof Expr.NamedArg na && !na.name().equals("return_unmatched")) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), "Unknown " + plugin + " argument '" + na.name() + "'");
            }
            if (!(a.exprs.analyze(v, Scope.EMPTY) instanceof Rex.Lit l) || !(l.value() instanceof Boolean b)) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), "return_unmatched must be true or false");
            }
            unmatched = b;
        }
        Rel lookup = a.tabular(args.get(0));
        // Input rows numbered once (materialized, so the numbers are stable across both uses).
        List<Rel.NamedRex> numbered = identity(in.fields());
        numbered.add(new Rel.NamedRex(ROW, new Rex.Call("row_number", List.of(new Rex.Lit(1L, KqlType.LONG)), KqlType.LONG)));
        CteDef def = new CteDef(a.ctes.size(), plugin, new Rel.Project(in, numbered), true);
        a.ctes.add(def);
        Rel rows = new Rel.CteRef(def.id(), def.rel().fields());
        List<String> taken = new ArrayList<>(def.rel().fields().stream().map(Field::name).toList());
        List<Rel.NamedRex> lookupCols = new ArrayList<>();
        String rangeKey = Naming.derive(args.get(2));
        String rangeName = null;
        for (Field f : lookup.fields()) {
            String name = Naming.unique(f.name(), taken);
            taken.add(name);
            lookupCols.add(new Rel.NamedRex(name, new Rex.ColRef(f.name(), f.type())));
            if (f.name().equals(rangeKey)) {
                rangeName = name;
            }
        }
        if (rangeName == null) {
            throw ExprAnalyzer.unknownColumn(String.valueOf(rangeKey), args.get(2).span(), lookup.fields().stream().map(Field::name).toList());
        }
        Rel right = new Rel.Project(lookup, lookupCols);
        Rel cross = new Rel.Join(Rel.JoinKind.INNER, rows, right, List.of(), List.of(), identity(rows.fields()), identity(right.fields()));
        Expr cond = new Expr.Call(match, List.of(args.get(1), new Expr.Name(rangeName, sp)), sp);
        Rel matched = ops.apply(cross, new Operator.Where(cond, sp));
        List<Field> outFields = new ArrayList<>(lookupFirst ? right.fields() : in.fields());
        outFields.addAll(lookupFirst ? in.fields() : right.fields());
        Rel matchedOut = new Rel.Project(matched, identity(outFields));
        if (!unmatched) {
            return matchedOut;
        }
        Rex row = new Rex.ColRef(ROW, KqlType.LONG);
        Rel ids = new Rel.Project(matched, List.of(new Rel.NamedRex(ROW, row)));
        Rel rest = new Rel.Join(Rel.JoinKind.LEFT_ANTI, rows, ids, List.of(row), List.of(row), identity(rows.fields()), List.of());
        List<Rel.NamedRex> nulls = new ArrayList<>();
        right.fields().forEach(f -> nulls.add(new Rel.NamedRex(f.name(), new Rex.Lit(null, f.type()))));
        List<Rel.NamedRex> restCols = new ArrayList<>(lookupFirst ? nulls : identity(in.fields()));
        restCols.addAll(lookupFirst ? identity(in.fields()) : nulls);
        Rel restOut = new Rel.Project(rest, restCols);
        return new Rel.Union(List.of(matchedOut, restOut), matchedOut.fields());
    }

    private static List<Rel.NamedRex> identity(List<Field> fields) {
        List<Rel.NamedRex> out = new ArrayList<>();
        fields.forEach(f -> out.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type()))));
        return out;
    }
}
