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
 * return_unmatched=true the rows that match nothing stay, with null lookup columns. The input rows are numbered
 * once and the unmatched ones found by their numbers. Rows meet ranges by hash joins on CIDR blocks, not by testing
 * every pair (lookup tables hold tens of thousands of ranges, inputs millions of rows). ipv4_lookup puts the input
 * columns first; ipv6_lookup the lookup columns, as its page shows.
 */
final class IpLookup {
    private static final String ROW = "__ip_lookup_row";

    private final Analyzer a;
    private final Operators ops;
    private final String plugin;
    private final String match;
    private final boolean lookupFirst;
    /** Column names in use, so the hidden join columns take others. */
    private final List<String> taken = new ArrayList<>();

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
        taken.addAll(in.fields().stream().map(Field::name).toList());
        taken.add(ROW);
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
        Rel lookupOut = new Rel.Project(lookup, lookupCols);
        Expr cond = new Expr.Call(match, List.of(args.get(1), new Expr.Name(rangeName, sp)), sp);
        List<Field> both = new ArrayList<>(in.fields());
        both.addAll(lookupOut.fields());
        Rex test = a.exprs.analyze(cond, new Scope(both, false));
        RangeKeys keys = rangeKeys(test, in.fields(), lookupOut.fields());

        // Input rows numbered once (materialized, so the numbers are stable across both uses).
        List<Rel.NamedRex> numbered = identity(in.fields());
        numbered.add(new Rel.NamedRex(ROW, new Rex.Call("row_number", List.of(new Rex.Lit(1L, KqlType.LONG)), KqlType.LONG)));
        Rel numberedRel;
        if (keys == null) {
            numberedRel = new Rel.Project(in, numbered);
        } else if (keys.v6) {
            numbered.add(new Rel.NamedRex(keys.key, new Rex.Call("__ipv6_lookup_key", List.of(keys.ip), KqlType.STRING)));
            numberedRel = halves(new Rel.Project(in, numbered), keys.key, keys.hi, keys.lo, keys.prefix);
        } else {
            numbered.add(new Rel.NamedRex(keys.addr, new Rex.Call("ipv4_lookup_address", List.of(keys.ip), KqlType.LONG)));
            numberedRel = new Rel.Project(in, numbered);
        }
        CteDef def = new CteDef(a.ctes.size(), plugin, numberedRel, true);
        a.ctes.add(def);
        Rel rows = new Rel.CteRef(def.id(), def.rel().fields());
        Rel matched = keys == null ? pairwise(rows, lookupOut, cond, sp) : keys.v6 ? blockJoin6(rows, lookupOut, keys) : blockJoin(rows, lookupOut, keys);
        if (unmatched) {
            // Read twice (the output and the matched numbers), so joined once.
            CteDef m = new CteDef(a.ctes.size(), plugin, matched, true);
            a.ctes.add(m);
            matched = new Rel.CteRef(m.id(), matched.fields());
        }
        List<Field> outFields = new ArrayList<>(lookupFirst ? lookupOut.fields() : in.fields());
        outFields.addAll(lookupFirst ? in.fields() : lookupOut.fields());
        Rel matchedOut = new Rel.Project(matched, identity(outFields));
        if (!unmatched) {
            return matchedOut;
        }
        Rex row = new Rex.ColRef(ROW, KqlType.LONG);
        // A left join on the matched numbers, not NOT EXISTS: DuckDB decorrelates that subquery into a product of the
        // input with itself, which undid the range join on large inputs.
        Rel ids = new Rel.Distinct(new Rel.Project(matched, List.of(new Rel.NamedRex(ROW, row))));
        String hit = hidden("hit");
        Rel withHits = new Rel.Join(Rel.JoinKind.LEFT_OUTER, rows, ids, List.of(row), List.of(row), identity(rows.fields()),
                List.of(new Rel.NamedRex(hit, row)));
        Rel rest = new Rel.Filter(withHits, new Rex.Call("isnull", List.of(new Rex.ColRef(hit, KqlType.LONG)), KqlType.BOOL));
        List<Rel.NamedRex> nulls = new ArrayList<>();
        lookupOut.fields().forEach(f -> nulls.add(new Rel.NamedRex(f.name(), new Rex.Lit(null, f.type()))));
        List<Rel.NamedRex> restCols = new ArrayList<>(lookupFirst ? nulls : identity(in.fields()));
        restCols.addAll(lookupFirst ? identity(in.fields()) : nulls);
        Rel restOut = new Rel.Project(rest, restCols);
        return new Rel.Union(List.of(matchedOut, restOut), matchedOut.fields());
    }

    /** Every input row with every lookup row, kept where the match function holds. */
    private Rel pairwise(Rel rows, Rel lookupOut, Expr cond, Span sp) {
        Rel cross = new Rel.Join(Rel.JoinKind.INNER, rows, lookupOut, List.of(), List.of(), identity(rows.fields()), identity(lookupOut.fields()));
        return ops.apply(cross, new Operator.Where(cond, sp));
    }

    /**
     * A range is a CIDR block: an address lies in the /p block exactly when their top p bits agree. So each input
     * row is paired with each prefix length the lookup uses (a few dozen at most) and joined on (length, top bits),
     * an equality the engine hashes, instead of testing every pair. Invalid text on either side has a null number
     * and so no partner, as ipv4_is_in_range gives false for it.
     */
    private Rel blockJoin(Rel rows, Rel lookupOut, RangeKeys k) {
        Rex range = k.range;
        Rex bits = new Rex.Call("ipv4_lookup_bits", List.of(range), KqlType.LONG);
        Rex low = new Rex.Call("ipv4_lookup_low", List.of(range), KqlType.LONG);
        List<Rel.NamedRex> keyed = identity(lookupOut.fields());
        keyed.add(new Rel.NamedRex(k.bits, bits));
        keyed.add(new Rel.NamedRex(k.block, new Rex.Call("ipv4_lookup_block", List.of(low, bits), KqlType.LONG)));
        CteDef ranges = new CteDef(a.ctes.size(), plugin, new Rel.Project(lookupOut, keyed), true);
        a.ctes.add(ranges);
        Rel right = new Rel.CteRef(ranges.id(), ranges.rel().fields());
        Rex bitsCol = new Rex.ColRef(k.bits, KqlType.LONG);
        Rel lengths = new Rel.Distinct(new Rel.Project(right, List.of(new Rel.NamedRex(k.bits, bitsCol))));
        Rel paired = new Rel.Join(Rel.JoinKind.INNER, rows, lengths, List.of(), List.of(), identity(rows.fields()),
                List.of(new Rel.NamedRex(k.length, bitsCol)));
        Rex length = new Rex.ColRef(k.length, KqlType.LONG);
        List<Rel.NamedRex> probe = identity(paired.fields());
        probe.add(new Rel.NamedRex(k.key, new Rex.Call("ipv4_lookup_block", List.of(new Rex.ColRef(k.addr, KqlType.LONG), length), KqlType.LONG)));
        Rel left = new Rel.Project(paired, probe);
        return new Rel.Join(Rel.JoinKind.INNER, left, right, List.of(length, new Rex.ColRef(k.key, KqlType.LONG)),
                List.of(bitsCol, new Rex.ColRef(k.block, KqlType.LONG)), identity(left.fields()), identity(right.fields()));
    }

    /**
     * IPv6 both sides may carry a prefix and ipv6_is_match compares them masked to the shorter one; CIDR blocks
     * nest, so that is: the range's block holds the address (range prefix not longer), or the address's block holds
     * the range (address prefix shorter). Each case is a block join like IPv4's, on the top bits as two 64-bit halves.
     */
    private Rel blockJoin6(Rel rows, Rel lookupOut, RangeKeys k) {
        List<Rel.NamedRex> withKey = identity(lookupOut.fields());
        withKey.add(new Rel.NamedRex(k.rkey, new Rex.Call("__ipv6_lookup_key", List.of(k.range), KqlType.STRING)));
        Rel keyed = halves(new Rel.Project(lookupOut, withKey), k.rkey, k.rhi, k.rlo, k.rprefix);
        CteDef ranges = new CteDef(a.ctes.size(), plugin, keyed, true);
        a.ctes.add(ranges);
        Rel right = new Rel.CteRef(ranges.id(), ranges.rel().fields());
        Rex hi = col(k.hi);
        Rex lo = col(k.lo);
        Rex prefix = col(k.prefix);
        Rex rhi = col(k.rhi);
        Rex rlo = col(k.rlo);
        Rex rprefix = col(k.rprefix);
        Rex len = col(k.length);
        List<Field> fields = new ArrayList<>(rows.fields());
        fields.addAll(lookupOut.fields());

        // The range's block holds the address: rows paired with the ranges' prefix lengths not above their own.
        Rel lengths = new Rel.Distinct(new Rel.Project(right, List.of(new Rel.NamedRex(k.rprefix, rprefix))));
        Rel paired = new Rel.Filter(new Rel.Join(Rel.JoinKind.INNER, rows, lengths, List.of(), List.of(), identity(rows.fields()),
                List.of(new Rel.NamedRex(k.length, rprefix))), new Rex.Call("<=", List.of(len, prefix), KqlType.BOOL));
        Rel left = extend(paired, k.keyHi, block("hi", hi, len), k.keyLo, block("lo", lo, len));
        Rel rightKeyed = extend(right, k.rkeyHi, block("hi", rhi, rprefix), k.rkeyLo, block("lo", rlo, rprefix));
        Rel rangeHolds = new Rel.Join(Rel.JoinKind.INNER, left, rightKeyed, List.of(len, col(k.keyHi), col(k.keyLo)),
                List.of(rprefix, col(k.rkeyHi), col(k.rkeyLo)), identity(left.fields()), identity(rightKeyed.fields()));

        // The address's block holds the range: ranges paired with the rows' prefix lengths below their own.
        Rel rowLengths = new Rel.Distinct(new Rel.Project(rows, List.of(new Rel.NamedRex(k.prefix, prefix))));
        Rel rangesPaired = new Rel.Filter(new Rel.Join(Rel.JoinKind.INNER, right, rowLengths, List.of(), List.of(), identity(right.fields()),
                List.of(new Rel.NamedRex(k.length, prefix))), new Rex.Call("<", List.of(len, rprefix), KqlType.BOOL));
        Rel rightB = extend(rangesPaired, k.rkeyHi, block("hi", rhi, len), k.rkeyLo, block("lo", rlo, len));
        Rel leftB = extend(rows, k.keyHi, block("hi", hi, prefix), k.keyLo, block("lo", lo, prefix));
        Rel addressHolds = new Rel.Join(Rel.JoinKind.INNER, leftB, rightB, List.of(prefix, col(k.keyHi), col(k.keyLo)),
                List.of(len, col(k.rkeyHi), col(k.rkeyLo)), identity(leftB.fields()), identity(rightB.fields()));
        return new Rel.Union(List.of(new Rel.Project(rangeHolds, identity(fields)), new Rel.Project(addressHolds, identity(fields))), fields);
    }

    /** The key text's two 64-bit halves and prefix length as columns. */
    private static Rel halves(Rel in, String key, String hi, String lo, String prefix) {
        List<Rel.NamedRex> cols = identity(in.fields());
        Rex k = new Rex.ColRef(key, KqlType.STRING);
        cols.add(new Rel.NamedRex(hi, new Rex.Call("ipv6_lookup_hi", List.of(k), KqlType.LONG)));
        cols.add(new Rel.NamedRex(lo, new Rex.Call("ipv6_lookup_lo", List.of(k), KqlType.LONG)));
        cols.add(new Rel.NamedRex(prefix, new Rex.Call("ipv6_lookup_prefix", List.of(k), KqlType.LONG)));
        return new Rel.Project(in, cols);
    }

    private static Rel extend(Rel in, String n1, Rex v1, String n2, Rex v2) {
        List<Rel.NamedRex> cols = identity(in.fields());
        cols.add(new Rel.NamedRex(n1, v1));
        cols.add(new Rel.NamedRex(n2, v2));
        return new Rel.Project(in, cols);
    }

    /** The top {@code bits} bits of an address: its high half shifted, or its low half shifted (the high one whole). */
    private static Rex block(String half, Rex value, Rex bits) {
        return new Rex.Call("ipv6_lookup_block_" + half, List.of(value, bits), KqlType.LONG);
    }

    private static Rex col(String name) {
        return new Rex.ColRef(name, KqlType.LONG);
    }

    /** The two sides of the match and the names of the hidden join columns. */
    private record RangeKeys(boolean v6, Rex ip, Rex range, String addr, String length, String key, String bits, String block,
                             String hi, String lo, String prefix, String rkey, String rhi, String rlo, String rprefix,
                             String keyHi, String keyLo, String rkeyHi, String rkeyLo) {
    }

    /**
     * The analyzed ipv4_is_in_range(ip, range) or ipv6_is_match(ip, range) split into its two sides, or null (keep
     * the pairwise test) when it is not that call or a side reads columns of the other one.
     */
    private RangeKeys rangeKeys(Rex test, List<Field> inFields, List<Field> lookupFields) {
        if (!(test instanceof Rex.Call c) || !c.fn().equals(match) || c.args().size() != 2) {
            return null;
        }
        if (!readsOnly(c.args().get(0), inFields) || !readsOnly(c.args().get(1), lookupFields)) {
            return null;
        }
        return new RangeKeys(match.equals("ipv6_is_match"), c.args().get(0), c.args().get(1), hidden("addr"), hidden("length"),
                hidden("key"), hidden("bits"), hidden("block"), hidden("hi"), hidden("lo"), hidden("prefix"), hidden("rkey"),
                hidden("rhi"), hidden("rlo"), hidden("rprefix"), hidden("key_hi"), hidden("key_lo"), hidden("rkey_hi"), hidden("rkey_lo"));
    }

    private String hidden(String n) {
        String name = Naming.unique("__ip_lookup_" + n, taken);
        taken.add(name);
        return name;
    }

    private static boolean readsOnly(Rex r, List<Field> fields) {
        if (r instanceof Rex.Lit) {
            return true;
        }
        if (r instanceof Rex.ColRef col) {
            return fields.stream().anyMatch(f -> f.name().equals(col.name()));
        }
        if (r instanceof Rex.Call call) {
            return call.args().stream().allMatch(x -> readsOnly(x, fields));
        }
        return false;
    }

    private static List<Rel.NamedRex> identity(List<Field> fields) {
        List<Rel.NamedRex> out = new ArrayList<>();
        fields.forEach(f -> out.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type()))));
        return out;
    }
}
