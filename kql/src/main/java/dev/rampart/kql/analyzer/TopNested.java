package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.CteDef;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * top-nested: level i aggregates by the first i keys and keeps the top N_i rows within each value of the
 * first i-1 keys (a ranked window); the levels are then joined on their shared keys, so a row survives only
 * if every ancestor value was kept. Output: key1, aggregated_key1, key2, aggregated_key2, ...
 */
final class TopNested {
    private static final String RANK = "__rank";
    private final Analyzer a;
    private final ExprAnalyzer x;

    TopNested(Analyzer a) {
        this.a = a;
        this.x = a.exprs;
    }

    Rel apply(Rel in, Operator.TopNested t) {
        CteDef def = new CteDef(a.ctes.size(), "top-nested", in, false);
        a.ctes.add(def);
        Scope row = Operators.scope(in);
        List<Rel.NamedRex> keys = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        Rel result = null;
        List<Rel.NamedRex> outputs = new ArrayList<>();
        for (int li = 0; li < t.levels().size(); li++) {
            Operator.TopNestedLevel level = t.levels().get(li);
            if (level.others() != null && li < t.levels().size() - 1) {
                // What the levels below an "others" record hold is not documented, so only the last level takes one.
                throw KqlException.unsupported(level.others().span(), "top-nested:others",
                        "top-nested ... with others on a level that has levels below it");
            }
            Rex key = x.analyze(level.of().expr(), row);
            String keyName = level.of().name() != null ? level.of().name() : Naming.derive(level.of().expr());
            keyName = Naming.unique(keyName == null ? "Column" + (keys.size() + 1) : keyName, taken);
            taken.add(keyName);
            Rex agg = x.analyze(level.by().expr(), row.withAggregates());
            if (!Summarizer.containsAggregate(agg)) {
                throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, level.by().span(), "top-nested ranks by an aggregation such as count() or dcount(...)");
            }
            String aggName = Naming.unique(level.by().name() != null ? level.by().name() : "aggregated_" + keyName, taken);
            taken.add(aggName);
            List<Rel.NamedRex> prefix = List.copyOf(keys);
            keys.add(new Rel.NamedRex(keyName, key));
            Rel grouped = new Rel.Aggregate(new Rel.CteRef(def.id(), def.rel().fields()), List.copyOf(keys),
                    List.of(new Rel.NamedRex(aggName, agg)));
            Rel kept = grouped;
            if (level.count() != null) {
                Rex n = x.analyze(level.count(), Scope.EMPTY);
                if (!(n instanceof Rex.Lit l) || !(l.value() instanceof Long v) || v < 0) {
                    throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, level.count().span(), "Expected a constant, non-negative count for top-nested");
                }
                List<Rex> rankArgs = new ArrayList<>();
                rankArgs.add(new Rex.ColRef(aggName, agg.type()));
                rankArgs.add(new Rex.Lit(level.ascending(), KqlType.BOOL));
                prefix.forEach(p -> rankArgs.add(new Rex.ColRef(p.name(), p.rex().type())));
                List<Rel.NamedRex> cols = new ArrayList<>();
                grouped.fields().forEach(f -> cols.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type()))));
                cols.add(new Rel.NamedRex(RANK, new Rex.Call("rank_within", rankArgs, KqlType.LONG)));
                Rel ranked = new Rel.Project(grouped, cols);
                kept = new Rel.Filter(ranked, new Rex.Call("<=", List.of(new Rex.ColRef(RANK, KqlType.LONG), n), KqlType.BOOL));
                if (level.others() != null) {
                    kept = withOthers(def, level, prefix, keyName, key, aggName, agg, kept);
                }
            }
            outputs.add(new Rel.NamedRex(keyName, new Rex.ColRef(keyName, key.type())));
            outputs.add(new Rel.NamedRex(aggName, new Rex.ColRef(aggName, agg.type())));
            result = result == null ? kept : join(result, kept, prefix, keyName, aggName, key.type(), agg.type());
        }
        return new Rel.Project(result, outputs);
    }

    /**
     * Adds, per value of the upper keys, one record whose key is the {@code with others} constant and whose
     * aggregate is computed again over the input rows of the groups left out of the top (so avg or dcount stay
     * right, not a sum of the groups' values). When nothing is left out there is no such record.
     */
    private Rel withOthers(CteDef def, Operator.TopNestedLevel level, List<Rel.NamedRex> prefix, String keyName, Rex key,
                           String aggName, Rex agg, Rel kept) {
        Rex constant = x.analyze(level.others(), Scope.EMPTY);
        if (!(constant instanceof Rex.Lit)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, level.others().span(), "top-nested 'with others' expects a constant");
        }
        if (constant.type() != key.type() && !(constant.type().isNumeric() && key.type().isNumeric())
                && !(constant instanceof Rex.Lit l && l.value() == null)) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, level.others().span(), "top-nested 'with others' value is a "
                    + constant.type().kustoName() + " but the level's values are " + key.type().kustoName());
        }
        // The input with this level's keys computed under hidden names, so the left-out rows can be found by key.
        List<Rel.NamedRex> withKeys = new ArrayList<>();
        def.rel().fields().forEach(f -> withKeys.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type()))));
        List<Rex> lk = new ArrayList<>();
        List<Rex> rk = new ArrayList<>();
        List<Rel.NamedRex> all = new ArrayList<>(prefix);
        all.add(new Rel.NamedRex(keyName, key));
        for (int i = 0; i < all.size(); i++) {
            String hidden = "__others_k" + i;
            withKeys.add(new Rel.NamedRex(hidden, all.get(i).rex()));
            lk.add(new Rex.ColRef(hidden, all.get(i).rex().type()));
            rk.add(new Rex.ColRef(all.get(i).name(), all.get(i).rex().type()));
        }
        Rel keyed = new Rel.Project(new Rel.CteRef(def.id(), def.rel().fields()), withKeys);
        List<Rel.NamedRex> keyedOut = new ArrayList<>();
        keyed.fields().forEach(f -> keyedOut.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type()))));
        Rel leftOut = new Rel.Join(Rel.JoinKind.LEFT_ANTI, keyed, kept, lk, rk, keyedOut, List.of());
        List<Rel.NamedRex> upperKeys = new ArrayList<>();
        for (int i = 0; i < prefix.size(); i++) {
            upperKeys.add(new Rel.NamedRex(prefix.get(i).name(), lk.get(i)));
        }
        Rel others = new Rel.Aggregate(leftOut, upperKeys, List.of(new Rel.NamedRex(aggName, agg)));
        List<Rel.NamedRex> othersCols = new ArrayList<>();
        List<Rel.NamedRex> keptCols = new ArrayList<>();
        for (Rel.NamedRex p : prefix) {
            othersCols.add(new Rel.NamedRex(p.name(), new Rex.ColRef(p.name(), p.rex().type())));
            keptCols.add(new Rel.NamedRex(p.name(), new Rex.ColRef(p.name(), p.rex().type())));
        }
        othersCols.add(new Rel.NamedRex(keyName, Types.coerce(constant, key.type())));
        keptCols.add(new Rel.NamedRex(keyName, new Rex.ColRef(keyName, key.type())));
        othersCols.add(new Rel.NamedRex(aggName, new Rex.ColRef(aggName, agg.type())));
        keptCols.add(new Rel.NamedRex(aggName, new Rex.ColRef(aggName, agg.type())));
        Rel keptOnly = new Rel.Project(kept, keptCols);
        return new Rel.Union(List.of(keptOnly, new Rel.Project(others, othersCols)), keptOnly.fields());
    }

    /** Keeps the deeper level's rows whose ancestors survived; carries the ancestors' columns along. */
    private static Rel join(Rel upper, Rel lower, List<Rel.NamedRex> shared, String keyName, String aggName, KqlType keyType, KqlType aggType) {
        List<Rex> lk = new ArrayList<>();
        List<Rex> rk = new ArrayList<>();
        for (Rel.NamedRex s : shared) {
            lk.add(new Rex.ColRef(s.name(), s.rex().type()));
            rk.add(new Rex.ColRef(s.name(), s.rex().type()));
        }
        List<Rel.NamedRex> leftOut = new ArrayList<>();
        upper.fields().stream().filter(f -> !f.name().equals(RANK))
                .forEach(f -> leftOut.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type()))));
        List<Rel.NamedRex> rightOut = List.of(new Rel.NamedRex(keyName, new Rex.ColRef(keyName, keyType)),
                new Rel.NamedRex(aggName, new Rex.ColRef(aggName, aggType)));
        return new Rel.Join(Rel.JoinKind.INNER, upper, lower, lk, rk, leftOut, rightOut);
    }
}
