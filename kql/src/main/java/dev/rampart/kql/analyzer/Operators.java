package dev.rampart.kql.analyzer;

import dev.rampart.kql.RenderSpec;
import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Applies one tabular operator to an analyzed input. */
final class Operators {
    private final Analyzer a;
    private final ExprAnalyzer x;

    Operators(Analyzer a) {
        this.a = a;
        this.x = a.exprs;
    }

    static Scope scope(Rel in) {
        return new Scope(in.fields(), false, openBag(in));
    }

    /** The bag an earlier bag_unpack left open, if every step since kept it under its name. */
    private static String openBag(Rel r) {
        while (true) {
            if (r instanceof Rel.OpenBag ob) {
                return ob.bagColumn();
            } else if (r instanceof Rel.Filter f) {
                r = f.input();
            } else if (r instanceof Rel.Sort s) {
                r = s.input();
            } else if (r instanceof Rel.Limit l) {
                r = l.input();
            } else if (r instanceof Rel.Project p) {
                String bag = openBag(p.input());
                boolean kept = bag != null && p.columns().stream()
                        .anyMatch(c -> c.name().equals(bag) && c.rex() instanceof Rex.ColRef ref && ref.name().equals(bag));
                return kept ? bag : null;
            } else {
                return null;
            }
        }
    }

    Rel apply(Rel in, Operator op) {
        if (op instanceof Operator.Fork || op instanceof Operator.Facet || op instanceof Operator.Consume) {
            throw Results.notLast(op);
        }
        if (op instanceof Operator.Where w) {
            Rex pred = x.predicate(w.predicate(), scope(in));
            if (in instanceof Rel.Join j && j.kind() == Rel.JoinKind.INNER_UNIQUE && onLeftOnly(j, pred)) {
                // Kusto applies a filter on the left side's columns before innerunique picks one left row per key.
                return new Rel.Join(j.kind(), new Rel.Filter(j.left(), pred), j.right(), j.leftKeys(), j.rightKeys(), j.leftOut(), j.rightOut());
            }
            return SerialWindows.filter(in, pred);
        }
        if (op instanceof Operator.Project p) {
            return assign(in, p.columns(), true);
        }
        if (op instanceof Operator.Extend e) {
            return assign(in, e.columns(), false);
        }
        if (op instanceof Operator.ProjectAway p) {
            Set<String> drop = match(in, p.columns());
            return keep(in, in.fields().stream().map(Field::name).filter(n -> !drop.contains(n)).toList());
        }
        if (op instanceof Operator.ProjectKeep p) {
            Set<String> kept = match(in, p.columns());
            return keep(in, in.fields().stream().map(Field::name).filter(kept::contains).toList());
        }
        if (op instanceof Operator.ProjectReorder p) {
            List<List<String>> matches = new ArrayList<>();
            for (Operator.NamePattern np : p.columns()) {
                matches.add(new ArrayList<>(match(in, List.of(np))));
            }
            return keep(in, TabularOps.reorder(matches, p.orders(), in.fields()));
        }
        // as, sample, getschema, parse-where (the plugins are in Plugins)
        if (op instanceof Operator.As as) {
            return new TabularOps(a).as(in, as);
        }
        if (op instanceof Operator.Sample sm) {
            return new TabularOps(a).sample(in, sm);
        }
        if (op instanceof Operator.SampleDistinct sd) {
            return new Hitters(x).sampleDistinct(in, sd);
        }
        if (op instanceof Operator.TopHitters th) {
            return new Hitters(x).topHitters(in, th);
        }
        if (op instanceof Operator.GetSchema) {
            return TabularOps.getSchema(in);
        }
        if (op instanceof Operator.ProjectByNames pb) {
            return keep(in, new TabularOps(a).namesToKeep(in, pb));
        }
        if (op instanceof Operator.ParseWhere pw) {
            return parseWhere(in, pw);
        }
        if (op instanceof Operator.ProjectRename r) {
            return rename(in, r);
        }
        if (op instanceof Operator.Summarize s) {
            return new Summarizer(x).summarize(in, s);
        }
        if (op instanceof Operator.Take t) {
            return new Rel.Limit(in, count(t.count()));
        }
        if (op instanceof Operator.Top t) {
            return new Rel.Limit(new Rel.Sort(in, sortKeys(in, t.keys())), count(t.count()));
        }
        if (op instanceof Operator.Sort s) {
            return new Rel.Sort(in, sortKeys(in, s.keys()));
        }
        if (op instanceof Operator.Distinct d) {
            if (d.columns().isEmpty()) {
                return new Rel.Distinct(in);
            }
            return new Rel.Distinct(assign(in, d.columns(), true));
        }
        if (op instanceof Operator.Count) {
            return new Rel.Aggregate(in, List.of(), List.of(new Rel.NamedRex("Count",
                    new Rex.Agg("count", List.of(), null, false, KqlType.LONG))));
        }
        if (op instanceof Operator.Join j) {
            return new Joins(a).join(in, j.kind(), j.right(), j.on(), j.span(), false);
        }
        if (op instanceof Operator.Lookup l) {
            return new Joins(a).join(in, l.kind() == null ? "leftouter" : l.kind(), l.right(), l.on(), l.span(), true);
        }
        if (op instanceof Operator.Union u) {
            return union(in, u);
        }
        if (op instanceof Operator.MvExpand m) {
            return mvExpand(in, m);
        }
        if (op instanceof Operator.MvApply m) {
            return mvApply(in, m);
        }
        if (op instanceof Operator.Partition pt) {
            return new Partitions(a, x, this).apply(in, pt);
        }
        if (op instanceof Operator.Render r) {
            a.setRender(new RenderSpec(r.chart(), r.properties()));
            return in;
        }
        if (op instanceof Operator.Evaluate ev && ev.plugin().name().equals("pivot")) {
            return new Pivot(x).pivot(in, ev);
        }
        if (op instanceof Operator.Evaluate ev && ev.plugin().name().equals("dcount_intersect")) {
            return new Sketches(x).dcountIntersect(in, ev.plugin(), scope(in));
        }
        if (op instanceof Operator.Evaluate ev && ev.plugin().name().equals("geo_polygon_lookup")) {
            return new PolygonLookup(a).apply(in, ev);
        }
        if (op instanceof Operator.Evaluate ev && ev.plugin().name().equals("geo_line_lookup")) {
            return new GeoLineLookup(a, x).apply(in, ev);
        }
        if (op instanceof Operator.Evaluate ev && ev.plugin().name().equals("bag_unpack")) {
            return new BagUnpack(a).apply(in, ev);
        }
        if (op instanceof Operator.Evaluate ev) {
            return new Plugins(a, this).apply(in, ev);
        }
        if (op instanceof Operator.MakeSeries ms) {
            return new Summarizer(x).makeSeries(in, ms);
        }
        if (op instanceof Operator.Parse p) {
            return parse(in, p);
        }
        if (op instanceof Operator.Invoke inv) {
            boolean let = a.lets.get(inv.call().name()) instanceof Binding.Function;
            if (!a.visible(inv.call().name(), let, inv.call().span())) {
                throw a.notVisible(inv.call().name(), inv.call().span());
            }
            if (a.lets.get(inv.call().name()) instanceof Binding.Function f) {
                return new UserFunctions(a).invoke(f.lambda(), inv.call(), in);
            }
            if (DefenderFunctions.INVOKABLE.contains(inv.call().name())) {
                return new DefenderFunctions(a).invoke(in, inv.call());
            }
            throw KqlException.unsupported(inv.span(), "invoke:" + inv.call().name(), "invoke " + inv.call().name() + "()");
        }
        if (op instanceof Operator.ScanOp sc) {
            return new ScanSteps(x).apply(in, sc);
        }
        if (op instanceof Operator.TopNested t) {
            return new TopNested(a).apply(in, t);
        }
        if (op instanceof Operator.ParseKv p) {
            return new ParseKv(x).apply(in, p);
        }
        if (op instanceof Operator.Reduce r) {
            return new Reduce(a).apply(in, r);
        }
        if (op instanceof Operator.Search s) {
            return new Search(a, this).filter(in, s.predicate(), s.caseSensitive(), s.span());
        }
        if (op instanceof Operator.NoOp) {
            return in;
        }
        if (op instanceof Operator.Graph) { // graph operators: reached only where no graph can flow (mv-apply bodies)
            throw KqlException.unsupported(op.span(), "op:graph-here", "A graph operator in this position");
        }
        throw KqlException.unsupported(op.span(), "op:?", "This operator");
    }

    /** Whether a predicate reads only left columns that the join passes through under their own names. */
    private static boolean onLeftOnly(Rel.Join j, Rex pred) {
        for (Rel.NamedRex c : j.leftOut()) {
            if (!(c.rex() instanceof Rex.ColRef ref) || !ref.name().equals(c.name())) {
                return false;
            }
        }
        Set<String> right = new HashSet<>();
        j.rightOut().forEach(c -> right.add(c.name()));
        return !references(pred, right) && !(pred instanceof Rex.Lit);
    }

    private Rex count(Expr e) {
        Rex n = x.analyze(e, Scope.EMPTY);
        if (!(n instanceof Rex.Lit l) || !(l.value() instanceof Long v) || v < 0) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), "Expected a constant, non-negative row count");
        }
        return n;
    }

    private List<Rel.SortKey> sortKeys(Rel in, List<Operator.SortKey> keys) {
        List<Rel.SortKey> out = new ArrayList<>();
        for (Operator.SortKey k : keys) {
            Rex r = x.analyze(k.expr(), scope(in));
            // Kusto puts nulls first when ascending and last when descending, unless told otherwise.
            boolean nullsFirst = k.nullsFirst() != null ? k.nullsFirst() : k.ascending();
            out.add(new Rel.SortKey(r, k.ascending(), nullsFirst));
        }
        return out;
    }

    static Rel keep(Rel in, List<String> names) {
        Map<String, Field> byName = new LinkedHashMap<>();
        in.fields().forEach(f -> byName.put(f.name(), f));
        List<Rel.NamedRex> cols = new ArrayList<>();
        for (String n : names) {
            Field f = byName.get(n);
            cols.add(new Rel.NamedRex(n, new Rex.ColRef(f.name(), f.type())));
        }
        return new Rel.Project(in, cols);
    }

    private static Set<String> match(Rel in, List<Operator.NamePattern> patterns) {
        Set<String> out = new java.util.LinkedHashSet<>();
        List<String> names = in.fields().stream().map(Field::name).toList();
        for (Operator.NamePattern p : patterns) {
            if (p.isWildcard()) {
                String regex = java.util.regex.Pattern.quote(p.pattern()).replace("*", "\\E.*\\Q");
                names.stream().filter(n -> n.matches(regex)).forEach(out::add);
            } else if (names.contains(p.pattern())) {
                out.add(p.pattern());
            } else if (p.pattern().equals("TimeGenerated") && names.contains("Timestamp")) {
                out.add("Timestamp");
            } else {
                throw ExprAnalyzer.unknownColumn(p.pattern(), p.span(), names);
            }
        }
        return out;
    }

    private Rel rename(Rel in, Operator.ProjectRename r) {
        Map<String, String> renames = new LinkedHashMap<>();
        for (Operator.Assignment as : r.renames()) {
            Expr.Name from = (Expr.Name) as.expr();
            Field f = scope(in).find(from.name())
                    .orElseThrow(() -> ExprAnalyzer.unknownColumn(from.name(), from.span(), scope(in).names()));
            renames.put(f.name(), as.name());
        }
        List<Rel.NamedRex> cols = new ArrayList<>();
        for (Field f : in.fields()) {
            cols.add(new Rel.NamedRex(renames.getOrDefault(f.name(), f.name()), new Rex.ColRef(f.name(), f.type())));
        }
        return new Rel.Project(in, cols);
    }

    /**
     * project and extend. A later assignment may use a column an earlier one defined; SQL cannot see
     * aliases of the same SELECT, so such a dependency starts a new projection layer.
     */
    Rel assign(Rel in, List<Operator.Assignment> list, boolean project) {
        list = SortedArrays.expand(x, list, scope(in));
        Rel base = in;
        LinkedHashMap<String, Rex> pending = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        int auto = 0;
        for (Operator.Assignment as : list) {
            if (as.expr() instanceof Expr.Tuple t) {
                base = tuple(base, pending, out, t);
                continue;
            }
            if (as.expr() instanceof Expr.Call call && SeriesFunctions.isTupleValued(Functions.canonical(call.name()))) {
                // An unnamed several-output call names its columns itself (series_stats_x_min, ...). A single name
                // takes the first output only, as (name) = f(...) would; Kusto still adds the others under their own names.
                List<String> names = new ArrayList<>(SeriesFunctions.defaultNames(Functions.canonical(call.name()), call));
                if (as.name() != null) {
                    names.set(0, as.name());
                }
                base = tuple(base, pending, out, new Expr.Tuple(names, call, as.span()));
                continue;
            }
            // pack_all() packs the operator's input row, not the columns this operator adds.
            Scope sc = ScalarExtras.readsInputRow(as.expr()) ? scope(in) : new Scope(overlayFields(base, pending), false, openBag(base));
            Rex r = x.analyze(as.expr(), sc);
            if (references(r, pending.keySet())) {
                base = SerialWindows.lower(new Rel.Project(base, overlay(base, pending)));
                pending.clear();
                r = x.analyze(as.expr(), scope(base));
            }
            String name = as.name();
            if (name == null) {
                name = Naming.derive(as.expr());
                if (name == null) {
                    name = "Column" + (++auto);
                }
                if (as.expr() instanceof Expr.Name n && r instanceof Rex.ColRef c && !n.name().equals(c.name())) {
                    name = n.name(); // keeps TimeGenerated as written
                }
            }
            if (project && out.contains(name)) {
                name = Naming.unique(name, out);
            }
            pending.put(name, r);
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        if (!project) {
            List<Rel.NamedRex> cols = new ArrayList<>(overlay(base, pending));
            cols.removeIf(c -> c.name().startsWith(TUPLE));
            return SerialWindows.lower(new Rel.Project(base, cols));
        }
        List<Rel.NamedRex> cols = new ArrayList<>();
        Scope sc = scope(base);
        for (String n : out) {
            Rex r = pending.containsKey(n) ? pending.get(n) : sc.find(n).<Rex>map(f -> new Rex.ColRef(f.name(), f.type())).orElseThrow();
            cols.add(new Rel.NamedRex(n, r));
        }
        return SerialWindows.lower(new Rel.Project(base, cols));
    }

    private static final String TUPLE = "__tuple";

    /**
     * {@code (a, b, ...) = f(...)} for a function with several outputs: its record is computed once in a
     * hidden column of a new layer, and each name reads one field of it (the hidden column is dropped at the end).
     */
    private Rel tuple(Rel base, LinkedHashMap<String, Rex> pending, List<String> out, Expr.Tuple t) {
        String fn = t.value() instanceof Expr.Call c ? Functions.canonical(c.name()) : null;
        if (fn == null || !SeriesFunctions.isTupleValued(fn)) {
            throw KqlException.unsupported(t.span(), "syn:tuple-assignment", "Assigning several columns from "
                    + (fn == null ? "an expression" : fn + "()") + " (only " + String.join(", ", SeriesFunctions.OUTPUTS.keySet().stream().sorted().toList())
                    + " and arg_max/arg_min in summarize return several)");
        }
        Expr.Call call = (Expr.Call) t.value();
        List<String> fields = SeriesFunctions.OUTPUTS.get(fn);
        if (t.names().size() > fields.size()) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, t.span(), fn + "() returns " + fields.size() + " columns ("
                    + String.join(", ", fields) + ") but " + t.names().size() + " names were given");
        }
        SeriesFunctions series = new SeriesFunctions(x);
        Rex r = series.analyze(call, new Scope(overlayFields(base, pending), false, openBag(base)));
        if (references(r, pending.keySet())) {
            base = new Rel.Project(base, overlay(base, pending));
            pending.clear();
            r = series.analyze(call, scope(base));
        }
        String hidden = TUPLE + (tuples++);
        pending.put(hidden, r);
        Rel layer = new Rel.Project(base, overlay(base, pending));
        pending.clear();
        Rex record = new Rex.ColRef(hidden, KqlType.DYNAMIC);
        for (int i = 0; i < t.names().size(); i++) {
            String name = t.names().get(i);
            pending.put(name, new Rex.FieldOf(record, fields.get(i), SeriesFunctions.fieldType(fn, fields.get(i))));
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return layer;
    }

    private int tuples;

    private static List<Rel.NamedRex> overlay(Rel base, Map<String, Rex> pending) {
        List<Rel.NamedRex> cols = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Field f : base.fields()) {
            Rex r = pending.containsKey(f.name()) ? pending.get(f.name()) : new Rex.ColRef(f.name(), f.type());
            cols.add(new Rel.NamedRex(f.name(), r));
            seen.add(f.name());
        }
        pending.forEach((n, r) -> {
            if (!seen.contains(n)) {
                cols.add(new Rel.NamedRex(n, r));
            }
        });
        return cols;
    }

    private static List<Field> overlayFields(Rel base, Map<String, Rex> pending) {
        return overlay(base, pending).stream().map(Rel.NamedRex::field).toList();
    }

    static boolean references(Rex r, Set<String> names) {
        if (names.isEmpty()) {
            return false;
        }
        if (r instanceof Rex.ColRef c) {
            return names.contains(c.name());
        }
        if (r instanceof Rex.Call c) {
            return c.args().stream().anyMatch(e -> references(e, names));
        }
        if (r instanceof Rex.JsonPath p) {
            return references(p.base(), names);
        }
        if (r instanceof Rex.Agg g) {
            return g.args().stream().anyMatch(e -> references(e, names)) || (g.filter() != null && references(g.filter(), names));
        }
        if (r instanceof Rex.InQuery q) {
            return references(q.left(), names);
        }
        if (r instanceof Rex.FieldOf f) {
            return references(f.record(), names);
        }
        if (r instanceof Rex.Record rec) {
            return rec.values().stream().anyMatch(e -> references(e, names));
        }
        return false;
    }

    /** One input of a union, search or find, and the name its source column shows. */
    record Leg(String label, Rel rel) {
    }

    Rel union(Rel first, Operator.Union u) {
        List<Leg> legs = new ArrayList<>();
        if (first != null) {
            legs.add(new Leg("union_arg0", first));
        }
        legs.addAll(legs(u.legs(), "true".equals(u.options().get("isfuzzy")), legs.size()));
        if (legs.isEmpty()) {
            throw KqlException.at(ErrorCode.UNKNOWN_TABLE, u.span(), "union has no table to read");
        }
        return combine(legs, "inner".equals(u.options().get("kind")), u.options().get("withsource"));
    }

    /**
     * The tables a union, search or find names: a wildcard matches the schema's tables and tabular lets, never
     * anything else; {@code numbered} is how many legs come before (a query leg is labelled by its position).
     */
    List<Leg> legs(List<Expr> refs, boolean fuzzy, int numbered) {
        List<Rel> legs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Expr leg : refs) {
            if (leg instanceof Expr.Name n && n.name().contains("*")) {
                String regex = java.util.regex.Pattern.quote(n.name()).replace("*", "\\E.*\\Q");
                a.options.schema().tables().stream().filter(t -> t.name().matches(regex) && a.visible(t.name(), false, n.span())).forEach(t -> {
                    legs.add(a.scan(t));
                    labels.add(t.name());
                });
                // Tabular lets (views) match the wildcard too.
                for (String name : new ArrayList<>(a.lets.keySet())) {
                    if (!name.startsWith("__") && !a.storedFunctions.containsKey(name) && name.matches(regex) && a.isTabular(new Expr.Name(name, n.span()))
                            && a.visible(name, true, n.span())) {
                        legs.add(a.tabular(new Expr.Name(name, n.span())));
                        labels.add(name);
                    }
                }
                continue;
            }
            // Fuzzy resolution drops a leg whose source table does not exist, also under operators: (View_3 | where x > 0).
            Expr source = leg;
            while (source instanceof Expr.Pipe p) {
                source = p.source();
            }
            if (fuzzy && source != leg && source instanceof Expr.Name n && !n.name().contains("*") && !a.isTabular(source)) {
                a.warn(ErrorCode.UNKNOWN_TABLE, n.span(), "Table '" + n.name() + "' does not exist and was skipped (isfuzzy=true)");
                continue;
            }
            if (leg instanceof Expr.Name n && !a.isTabular(leg)) {
                if (fuzzy) {
                    a.warn(ErrorCode.UNKNOWN_TABLE, n.span(), "Table '" + n.name() + "' does not exist and was skipped (isfuzzy=true)");
                    continue;
                }
                throw a.unknownTable(n.name(), n.span());
            }
            legs.add(a.tabular(leg));
            labels.add(leg instanceof Expr.Name n ? n.name() : leg instanceof Expr.Pipe lp && lp.op() instanceof Operator.As as ? as.name()
                    : "union_arg" + (numbered + labels.size()));
        }
        List<Leg> out = new ArrayList<>();
        for (int i = 0; i < legs.size(); i++) {
            out.add(new Leg(labels.get(i), legs.get(i)));
        }
        return out;
    }

    /**
     * The outer (or inner) union of the legs, with the source column first when {@code source} is set. A name with
     * different types in different legs becomes one column per type, suffixed as Kusto does (ReportId_long).
     */
    Rel combine(List<Leg> given, boolean inner, String source) {
        List<Rel> legs = given.stream().map(Leg::rel).toList();
        List<String> labels = given.stream().map(Leg::label).toList();
        LinkedHashMap<String, List<KqlType>> typesOf = new LinkedHashMap<>();
        for (Rel r : legs) {
            for (Field f : r.fields()) {
                List<KqlType> ts = typesOf.computeIfAbsent(f.name(), k -> new ArrayList<>());
                if (ts.stream().noneMatch(t -> sameType(t, f.type()))) {
                    ts.add(f.type());
                }
            }
        }
        LinkedHashMap<String, KqlType> fields = new LinkedHashMap<>();
        // A type-suffixed name that some leg already uses as a plain column gets a digit (x_long1 beside x_long).
        Map<String, String> suffixed = new LinkedHashMap<>();
        typesOf.forEach((n, ts) -> ts.forEach(t -> {
            String name = n;
            if (ts.size() > 1) {
                name = n + "_" + t.kustoName();
                String base = name;
                for (int k = 1; typesOf.containsKey(name) || fields.containsKey(name); k++) {
                    name = base + k;
                }
                suffixed.put(n + "_" + t.kustoName(), name);
            }
            fields.put(name, t);
        }));
        if (inner) {
            fields.keySet().removeIf(n -> legs.stream().anyMatch(r -> r.fields().stream().noneMatch(f -> f.name().equals(n))));
        }
        List<Rel> inputs = new ArrayList<>();
        for (int i = 0; i < legs.size(); i++) {
            Rel r = legs.get(i);
            Map<String, Field> own = new LinkedHashMap<>();
            for (Field f : r.fields()) {
                List<KqlType> ts = typesOf.get(f.name());
                String typed = f.name() + "_" + ts.stream().filter(t -> sameType(t, f.type())).findFirst().orElseThrow().kustoName();
                own.put(ts.size() == 1 ? f.name() : suffixed.getOrDefault(typed, typed), f);
            }
            List<Rel.NamedRex> cols = new ArrayList<>();
            if (source != null) {
                cols.add(new Rel.NamedRex(source, new Rex.Lit(labels.get(i), KqlType.STRING)));
            }
            fields.forEach((n, t) -> {
                Field f = own.get(n);
                cols.add(new Rel.NamedRex(n, f != null ? new Rex.ColRef(f.name(), f.type()) : new Rex.Lit(null, t)));
            });
            inputs.add(new Rel.Project(r, cols));
        }
        return new Rel.Union(inputs, inputs.get(0).fields());
    }

    private static boolean sameType(KqlType a, KqlType b) {
        return a == b || (Types.isString(a) && Types.isString(b));
    }

    private Rel mvExpand(Rel in, Operator.MvExpand m) {
        List<Field> fields = new ArrayList<>(in.fields());
        List<Rel.ExpandItem> items = new ArrayList<>();
        for (Operator.MvExpandItem it : m.items()) {
            boolean pairs = it.expr() instanceof Expr.Call pc && pc.name().equals("__bag_to_pairs");
            Rex r = x.analyze(pairs ? ((Expr.Call) it.expr()).args().get(0) : it.expr(), scope(in));
            if (pairs) {
                r = new Rex.Call("bag_to_pairs", List.of(Types.coerce(r, KqlType.DYNAMIC)), KqlType.DYNAMIC);
            }
            if (r.type() != KqlType.DYNAMIC) {
                if (!Types.isString(r.type())) {
                    throw KqlException.at(ErrorCode.TYPE_MISMATCH, it.span(), "mv-expand needs a dynamic array but was given a " + r.type().kustoName());
                }
                r = Types.coerce(r, KqlType.DYNAMIC);
            }
            String name = it.name() != null ? it.name() : Naming.derive(it.expr());
            if (name == null && it.expr() instanceof Expr.Call c && !c.args().isEmpty()) {
                name = Naming.derive(c.args().get(0)); // mv-expand todynamic(X) or split(X, ",") expands into X
            }
            if (name == null) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, it.span(), "Name the expanded column: mv-expand Name = ...");
            }
            KqlType t = it.toType() == null ? KqlType.DYNAMIC : Analyzer.type(it.toType(), it.span());
            items.add(new Rel.ExpandItem(name, r, t));
            Field nf = new Field(name, t);
            int at = indexOf(fields, name);
            if (at >= 0) {
                fields.set(at, nf);
            } else {
                fields.add(nf);
            }
        }
        if (m.itemIndex() != null) {
            fields.add(new Field(m.itemIndex(), KqlType.LONG));
        }
        Rex limit = m.limit() == null ? null : count(m.limit());
        return new Rel.MvExpand(in, items, m.itemIndex(), limit, fields);
    }

    private static final String MV_ROW = "__mv_apply_row";

    /**
     * mv-apply as SQL can say it: number the input rows once (a materialized CTE, so the numbers are stable),
     * expand, run the subquery on all expansions at once with the row number kept as an extra key (a
     * summarize groups by it too), then join each result back to its input row. A row whose subquery
     * returns nothing disappears, as in Kusto.
     */
    private Rel mvApply(Rel in, Operator.MvApply m) {
        List<Rel.NamedRex> numbered = new ArrayList<>();
        in.fields().forEach(f -> numbered.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type()))));
        numbered.add(new Rel.NamedRex(MV_ROW, new Rex.Call("row_number", List.of(new Rex.Lit(1L, KqlType.LONG)), KqlType.LONG)));
        dev.rampart.kql.plan.CteDef def = new dev.rampart.kql.plan.CteDef(a.ctes.size(), "mv-apply", new Rel.Project(in, numbered), true);
        a.ctes.add(def);
        Rel rows = new Rel.CteRef(def.id(), def.rel().fields());
        Rel sub = mvExpand(rows, m.expand());
        Expr.Name row = new Expr.Name(MV_ROW, m.span());
        for (Operator op : m.body()) {
            if (op instanceof Operator.Top t && t.keys().size() == 1) {
                sub = firstPerRow(sub, t.count(), t.keys().get(0), MV_ROW);
            } else if (op instanceof Operator.Take t) {
                sub = firstPerRow(sub, t.count(), null, MV_ROW);
            } else {
                sub = apply(sub, perRow(op, row));
            }
        }
        if (indexOf(sub.fields(), MV_ROW) < 0) {
            throw KqlException.unsupported(m.span(), "mv-apply:body", "This mv-apply subquery");
        }
        Set<String> expanded = new HashSet<>();
        m.expand().items().forEach(it -> {
            String n = it.name() != null ? it.name() : Naming.derive(it.expr());
            if (n != null) {
                expanded.add(n);
            }
        });
        if (m.expand().itemIndex() != null) {
            expanded.add(m.expand().itemIndex());
        }
        Set<String> fromSub = new HashSet<>();
        sub.fields().forEach(f -> fromSub.add(f.name()));
        List<Rel.NamedRex> leftOut = new ArrayList<>();
        for (Field f : in.fields()) {
            if (!expanded.contains(f.name()) && !fromSub.contains(f.name())) {
                leftOut.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type())));
            }
        }
        List<Rel.NamedRex> rightOut = new ArrayList<>();
        for (Field f : sub.fields()) {
            if (!f.name().equals(MV_ROW)) {
                rightOut.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type())));
            }
        }
        Rex key = new Rex.ColRef(MV_ROW, KqlType.LONG);
        return new Rel.Join(Rel.JoinKind.INNER, rows, sub, List.of(key), List.of(key), leftOut, rightOut);
    }

    /** top/take inside a per-group subquery (mv-apply, partition): the first N rows of each group (by the key when there is one). */
    Rel firstPerRow(Rel sub, Expr count, Operator.SortKey key, String group) {
        Rex n = x.analyze(count, Scope.EMPTY);
        if (!(n instanceof Rex.Lit l) || !(l.value() instanceof Long v) || v < 0) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, count.span(), "Expected a constant, non-negative row count inside mv-apply");
        }
        int g = indexOf(sub.fields(), group);
        if (g < 0) {
            throw KqlException.unsupported(count.span(), "subquery:top", "top/take after the group key is dropped");
        }
        Rex groupKey = new Rex.ColRef(group, sub.fields().get(g).type());
        Rex order = key == null ? groupKey : x.analyze(key.expr(), scope(sub));
        boolean ascending = key == null || key.ascending();
        List<Rel.NamedRex> cols = new ArrayList<>();
        sub.fields().forEach(f -> cols.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type()))));
        List<Rel.NamedRex> ranked = new ArrayList<>(cols);
        ranked.add(new Rel.NamedRex(MV_RANK, new Rex.Call("rank_within", List.of(order, new Rex.Lit(ascending, KqlType.BOOL),
                groupKey), KqlType.LONG)));
        Rel kept = new Rel.Filter(new Rel.Project(sub, ranked), new Rex.Call("<=", List.of(new Rex.ColRef(MV_RANK, KqlType.LONG), n), KqlType.BOOL));
        return new Rel.Project(kept, cols);
    }

    private static final String MV_RANK = "__mv_apply_rank";

    /** The subquery operator with the input row number carried through it. */
    static Operator perRow(Operator op, Expr.Name row) {
        Operator.Assignment keep = new Operator.Assignment(null, row, row.span());
        if (op instanceof Operator.Where || op instanceof Operator.Extend || op instanceof Operator.Sort || op instanceof Operator.MvExpand
                || op instanceof Operator.ProjectRename || op instanceof Operator.ProjectReorder || op instanceof Operator.NoOp) {
            return op;
        }
        if (op instanceof Operator.Project p) {
            List<Operator.Assignment> cols = new ArrayList<>(p.columns());
            cols.add(keep);
            return new Operator.Project(cols, p.span());
        }
        if (op instanceof Operator.ProjectAway p) {
            return p;
        }
        if (op instanceof Operator.ProjectKeep p) {
            List<Operator.NamePattern> cols = new ArrayList<>(p.columns());
            cols.add(new Operator.NamePattern(row.name(), row.span()));
            return new Operator.ProjectKeep(cols, p.span());
        }
        if (op instanceof Operator.Summarize sm) {
            List<Operator.Assignment> by = new ArrayList<>(sm.by());
            by.add(keep);
            return new Operator.Summarize(sm.aggregates(), by, sm.span());
        }
        if (op instanceof Operator.Distinct d && !d.columns().isEmpty()) {
            List<Operator.Assignment> cols = new ArrayList<>(d.columns());
            cols.add(keep);
            return new Operator.Distinct(cols, d.span());
        }
        if (op instanceof Operator.Distinct d) {
            return d;
        }
        String name = op.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        throw KqlException.unsupported(op.span(), "mv-apply:" + name, "'" + name + "' inside mv-apply");
    }

    private Rel parse(Rel in, Operator.Parse p) {
        return new Rel.Project(in, parseColumns(in, p, parsePattern(p)));
    }

    /**
     * parse-where: the rows the whole pattern matches, and (for typed columns) whose values convert. A relaxed
     * typed column matches any text, so its failed conversion is what drops the row.
     */
    private Rel parseWhere(Rel in, Operator.ParseWhere pw) {
        Operator.Parse p = pw.parse();
        ParsePattern pat = parsePattern(p);
        Rex source = Types.string(x.analyze(p.source(), scope(in)));
        Rex cond = new Rex.Call("matches regex", List.of(source, new Rex.Lit(pat.regex(), KqlType.STRING)), KqlType.BOOL);
        List<Rel.NamedRex> cols = parseColumns(in, p, pat);
        for (Operator.ParsePart c : pat.columns()) {
            if (c.type() != null && Analyzer.type(c.type(), c.span()) != KqlType.STRING) {
                Rex v = cols.stream().filter(n -> n.name().equals(c.column())).findFirst().orElseThrow().rex();
                cond = new Rex.Call("and", List.of(cond, new Rex.Call("isnotnull", List.of(v), KqlType.BOOL)), KqlType.BOOL);
            }
        }
        return new Rel.Project(new Rel.Filter(in, cond), cols);
    }

    private record ParsePattern(String regex, List<Operator.ParsePart> columns, List<Long> groups) {
    }

    /**
     * parse ... with "lit" Col * : one regex for the pattern, one capture group per column. A typed
     * numeric column matches only a number, so a column followed by '*' is not left empty (kind=relaxed
     * lets it match any text and leaves the value null when it does not convert). With kind=regex the
     * literals are regexes: their own groups are skipped when numbering the columns.
     */
    private ParsePattern parsePattern(Operator.Parse p) {
        boolean regex = p.kind().equals("regex");
        boolean relaxed = p.kind().equals("relaxed");
        if (!p.kind().equals("simple") && !relaxed && !regex) {
            throw KqlException.unsupported(p.span(), "parse:kind=" + p.kind(), "parse kind=" + p.kind());
        }
        if (!p.flags().matches("[Uims]*")) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, p.span(), "parse flags must be letters among U, i, m and s");
        }
        StringBuilder re = new StringBuilder(regex ? (p.flags().isEmpty() ? "^" : "(?" + p.flags() + ")^") : "(?s)^");
        List<Operator.ParsePart> cols = new ArrayList<>();
        List<Long> groups = new ArrayList<>();
        long group = 0;
        List<Operator.ParsePart> parts = p.parts();
        for (int i = 0; i < parts.size(); i++) {
            Operator.ParsePart part = parts.get(i);
            if (part.isStar()) {
                // kind=regex is greedy unless flags=U makes it lazy.
                re.append(regex ? ".*" : ".*?");
            } else if (part.literal() != null) {
                re.append(regex ? part.literal() : dev.rampart.kql.analyzer.RegexText.quote(part.literal()));
                group += regex ? Functions.captureGroups(part.literal()) : 0;
            } else {
                cols.add(part);
                groups.add(++group);
                String type = part.type() == null ? "string" : part.type().toLowerCase(java.util.Locale.ROOT);
                String any = regex || i == parts.size() - 1 ? ".*" : ".*?";
                String number = switch (type) {
                    case "long", "int", "int64", "int32" -> "-?[0-9]+";
                    case "real", "double" -> "-?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?";
                    default -> null;
                };
                // relaxed: a number when there is one, else any text (whose conversion then gives null).
                re.append(number == null ? "(" + any + ")" : relaxed ? "(" + number + "|" + any + ")" : "(" + number + ")");
            }
        }
        return new ParsePattern(re.toString(), cols, groups);
    }

    private List<Rel.NamedRex> parseColumns(Rel in, Operator.Parse p, ParsePattern pat) {
        Rex source = Types.string(x.analyze(p.source(), scope(in)));
        List<Operator.Assignment> none = List.of();
        Rel out = assign(in, none, false);
        List<Rel.NamedRex> columns = new ArrayList<>(((Rel.Project) out).columns());
        for (int g = 0; g < pat.columns().size(); g++) {
            Operator.ParsePart c = pat.columns().get(g);
            Rex v = new Rex.Call("extract", List.of(new Rex.Lit(pat.regex(), KqlType.STRING), new Rex.Lit(pat.groups().get(g), KqlType.LONG), source), KqlType.STRING);
            if (c.type() != null) {
                v = Types.coerce(v, Analyzer.type(c.type(), c.span()));
            }
            int at = -1;
            for (int k = 0; k < columns.size(); k++) {
                if (columns.get(k).name().equals(c.column())) {
                    at = k;
                }
            }
            if (at >= 0) {
                columns.set(at, new Rel.NamedRex(c.column(), v));
            } else {
                columns.add(new Rel.NamedRex(c.column(), v));
            }
        }
        return columns;
    }

    static int indexOf(List<Field> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

}
