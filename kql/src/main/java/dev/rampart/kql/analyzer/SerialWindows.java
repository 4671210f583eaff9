package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Window functions over a serialized row set whose value depends on a restart predicate or on the previous row:
 * {@code row_number(start, restart)}, {@code row_cumsum(x, restart)}, {@code row_rank_dense}, {@code row_rank_min}
 * and {@code row_window_session}. The predicate usually calls {@code prev()}, itself a window function, and SQL
 * does not nest windows, so an extend holding one of these is computed in layers: first the row position and the
 * per-row predicates, then a group number (a running count of restarts), then the function partitioned by that
 * group and ordered by position, and finally the rows are put back in position order.
 */
final class SerialWindows {
    private static final String MARK = "win:";
    static final String POSITION = "__w_rn";

    private SerialWindows() {
    }

    /** row_number/row_cumsum take this path only with a restart argument; the others always do. */
    static boolean handles(String name, int args) {
        return switch (name) {
            case "row_rank_dense", "row_rank_min", "row_window_session" -> true;
            case "row_number", "row_cumsum" -> args == 2;
            default -> false;
        };
    }

    static Rex call(Functions f, ExprAnalyzer x, String name, Expr.Call c, Scope scope) {
        List<Expr> a = c.args();
        switch (name) {
            case "row_number": {
                Rex start = f.typed(a.get(0), scope, KqlType.LONG, c);
                return new Rex.Call(MARK + name, List.of(start, x.predicate(a.get(1), scope)), KqlType.LONG);
            }
            case "row_cumsum": {
                Rex v = numeric(x.analyze(a.get(0), scope), c);
                KqlType t = v.type() == KqlType.INT ? KqlType.LONG : v.type();
                return new Rex.Call(MARK + name, List.of(v, x.predicate(a.get(1), scope)), t);
            }
            case "row_rank_dense", "row_rank_min": {
                Functions.arity(c, 1, 2);
                Rex v = x.analyze(a.get(0), scope);
                return new Rex.Call(MARK + name, List.of(v, restart(x, a, 1, scope)), KqlType.LONG);
            }
            case "row_window_session": {
                Functions.arity(c, 3, 4);
                Rex v = x.analyze(a.get(0), scope);
                if (v.type() != KqlType.DATETIME) {
                    throw KqlException.at(ErrorCode.TYPE_MISMATCH, a.get(0).span(), "row_window_session() expects a datetime but was given a "
                            + v.type().kustoName());
                }
                Rex first = f.typed(a.get(1), scope, KqlType.TIMESPAN, c);
                Rex gap = f.typed(a.get(2), scope, KqlType.TIMESPAN, c);
                return new Rex.Call(MARK + name, List.of(v, first, gap, restart(x, a, 3, scope)), KqlType.DATETIME);
            }
            default:
                throw new IllegalStateException(name);
        }
    }

    private static Rex restart(ExprAnalyzer x, List<Expr> a, int at, Scope scope) {
        return a.size() > at ? x.predicate(a.get(at), scope) : new Rex.Lit(false, KqlType.BOOL);
    }

    private static Rex numeric(Rex v, Expr.Call c) {
        if (!v.type().isNumeric() && v.type() != KqlType.TIMESPAN) {
            throw KqlException.at(ErrorCode.TYPE_MISMATCH, c.span(), c.name() + "() expects a number but was given a " + v.type().kustoName());
        }
        return v;
    }

    /** where over one of these functions: the condition is computed as a hidden column first, then dropped. */
    static Rel filter(Rel in, Rex condition) {
        List<Rex.Call> calls = new ArrayList<>();
        collect(condition, calls);
        if (calls.isEmpty() && !windowed(condition)) {
            return new Rel.Filter(in, condition);
        }
        // SQL evaluates window functions after WHERE, so a condition holding one (where row_number() == n after
        // serialize) is computed as a column over the rows first and filtered on one level up.
        List<Rel.NamedRex> cols = passThrough(in.fields());
        cols.add(col("__w_keep", condition));
        Rel kept = new Rel.Filter(lower(new Rel.Project(in, cols)), new Rex.ColRef("__w_keep", KqlType.BOOL));
        return new Rel.Project(kept, passThrough(in.fields()));
    }

    /** The projection itself when it holds none of these functions, else the layered plan described above. */
    static Rel lower(Rel.Project p) {
        List<Rex.Call> calls = new ArrayList<>();
        p.columns().forEach(c -> collect(c.rex(), calls));
        if (calls.isEmpty()) {
            return p;
        }
        List<Rel.NamedRex> first = passThrough(p.input().fields());
        first.add(col(POSITION, new Rex.Call("row_number", List.of(new Rex.Lit(1L, KqlType.LONG)), KqlType.LONG)));
        for (int i = 0; i < calls.size(); i++) {
            Rex.Call w = calls.get(i);
            List<Rex> args = w.args();
            Rex restart = args.get(args.size() - 1);
            boolean ranks = w.fn().startsWith(MARK + "row_rank");
            // A rank starts a new run where the value changes (or the group restarts); the run flag folds both in.
            first.add(col("__w_r" + i, ranks ? new Rex.Call("win_changed", List.of(args.get(0), restart), KqlType.BOOL)
                    : new Rex.Call("win_flag", List.of(restart), KqlType.BOOL)));
            if (ranks) {
                first.add(col("__w_s" + i, new Rex.Call("win_flag", List.of(restart), KqlType.BOOL)));
            }
        }
        Rel stageA = new Rel.Project(p.input(), first);
        List<Rel.NamedRex> second = passThrough(stageA.fields());
        Rex pos = new Rex.ColRef(POSITION, KqlType.LONG);
        for (int i = 0; i < calls.size(); i++) {
            String restartCol = calls.get(i).fn().startsWith(MARK + "row_rank") ? "__w_s" + i : "__w_r" + i;
            second.add(col("__w_g" + i, new Rex.Call("win_group", List.of(new Rex.ColRef(restartCol, KqlType.BOOL), pos), KqlType.LONG)));
        }
        Rel stageB = new Rel.Project(stageA, second);
        List<Rel.NamedRex> third = new ArrayList<>();
        for (Rel.NamedRex c : p.columns()) {
            third.add(col(c.name(), replace(c.rex(), w -> {
                int i = indexOf(calls, w);
                return partitioned(w, new Rex.ColRef("__w_g" + i, KqlType.LONG), new Rex.ColRef("__w_r" + i, KqlType.BOOL), pos);
            })));
        }
        third.add(col(POSITION, pos));
        Rel stageC = new Rel.Project(stageB, third);
        // Partitioned windows may hand rows back grouped; the serialized order is the position.
        Rel sorted = new Rel.Sort(stageC, List.of(new Rel.SortKey(pos, true, false)));
        return new Rel.Project(sorted, passThrough(p.fields()));
    }

    private static Rex partitioned(Rex.Call w, Rex group, Rex flag, Rex pos) {
        List<Rex> a = w.args();
        return switch (w.fn().substring(MARK.length())) {
            case "row_number" -> new Rex.Call("win_rownum", List.of(a.get(0), group, pos), KqlType.LONG);
            case "row_cumsum" -> new Rex.Call(w.type() == KqlType.LONG ? "win_cumsum_long" : "win_cumsum", List.of(a.get(0), group, pos), w.type());
            case "row_rank_dense" -> new Rex.Call("win_dense", List.of(flag, group, pos), KqlType.LONG);
            case "row_rank_min" -> new Rex.Call("win_min", List.of(flag, group, pos), KqlType.LONG);
            case "row_window_session" -> new Rex.Call("win_session", List.of(a.get(0), a.get(1), a.get(2), group, pos), KqlType.DATETIME);
            default -> throw new IllegalStateException(w.fn());
        };
    }

    private static int indexOf(List<Rex.Call> calls, Rex.Call w) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i) == w) {
                return i;
            }
        }
        throw new IllegalStateException("window call not collected");
    }

    private static Rel.NamedRex col(String name, Rex r) {
        return new Rel.NamedRex(name, r);
    }

    private static List<Rel.NamedRex> passThrough(List<Field> fields) {
        List<Rel.NamedRex> out = new ArrayList<>();
        fields.forEach(f -> out.add(col(f.name(), new Rex.ColRef(f.name(), f.type()))));
        return out;
    }

    /** Plain window functions over the serialized rows, which SQL cannot evaluate inside WHERE. */
    private static final java.util.Set<String> ROW_WINDOWS = java.util.Set.of("prev", "next", "row_number", "row_cumsum");

    private static boolean windowed(Rex r) {
        if (r instanceof Rex.Call c) {
            return ROW_WINDOWS.contains(c.fn()) || c.args().stream().anyMatch(SerialWindows::windowed);
        } else if (r instanceof Rex.JsonPath p) {
            return windowed(p.base());
        } else if (r instanceof Rex.FieldOf f) {
            return windowed(f.record());
        } else if (r instanceof Rex.Record rec) {
            return rec.values().stream().anyMatch(SerialWindows::windowed);
        } else if (r instanceof Rex.InQuery q) {
            return windowed(q.left());
        }
        return false;
    }

    private static void collect(Rex r, List<Rex.Call> out) {
        if (r instanceof Rex.Call c) {
            if (c.fn().startsWith(MARK)) {
                out.add(c);
                return;
            }
            c.args().forEach(e -> collect(e, out));
        } else if (r instanceof Rex.JsonPath p) {
            collect(p.base(), out);
        } else if (r instanceof Rex.FieldOf f) {
            collect(f.record(), out);
        } else if (r instanceof Rex.Record rec) {
            rec.values().forEach(e -> collect(e, out));
        }
    }

    private static Rex replace(Rex r, Function<Rex.Call, Rex> f) {
        if (r instanceof Rex.Call c) {
            if (c.fn().startsWith(MARK)) {
                return f.apply(c);
            }
            List<Rex> args = new ArrayList<>();
            c.args().forEach(e -> args.add(replace(e, f)));
            return new Rex.Call(c.fn(), args, c.type());
        }
        if (r instanceof Rex.JsonPath p) {
            return new Rex.JsonPath(replace(p.base(), f), p.path());
        }
        if (r instanceof Rex.FieldOf fo) {
            return new Rex.FieldOf(replace(fo.record(), f), fo.field(), fo.type());
        }
        if (r instanceof Rex.Record rec) {
            List<Rex> values = new ArrayList<>();
            rec.values().forEach(e -> values.add(replace(e, f)));
            return new Rex.Record(rec.names(), values);
        }
        return r;
    }
}
