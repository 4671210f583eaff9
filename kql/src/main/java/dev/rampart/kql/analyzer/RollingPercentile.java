package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.ErrorCode;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.diagnostics.Span;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * evaluate rolling_percentile(Value, Percentile, Index, BinSize, BinsToLookback [, dim...]): for each bin of the
 * index (and each dimension value), the percentile of the values in that bin and the BinsToLookback - 1 before it.
 * Built as: rows binned, the bins self-joined to the rows of their window, then summarized.
 */
final class RollingPercentile {
    private static final String BIN = "__rp_bin";
    private static final String ROW_BIN = "__rp_row_bin";
    private static final String VALUE = "__rp_value";
    private static final String DIM = "__rp_dim";

    private final Analyzer a;
    private final Operators ops;

    RollingPercentile(Analyzer a, Operators ops) {
        this.a = a;
        this.ops = ops;
    }

    Rel apply(Rel in, Operator.Evaluate ev) {
        List<Expr> args = ev.plugin().args();
        Span sp = ev.span();
        if (args.size() < 5) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, ev.plugin().span(),
                    "rolling_percentile(Value, Percentile, Index, BinSize, BinsToLookback [, dimension...]) needs at least 5 arguments");
        }
        String value = columnName(args.get(0));
        String index = columnName(args.get(2));
        Rex pct = a.exprs.analyze(args.get(1), Scope.EMPTY);
        Rex lookback = a.exprs.analyze(args.get(4), Scope.EMPTY);
        if (!(pct instanceof Rex.Lit p) || !(p.value() instanceof Number pv)) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, args.get(1).span(), "rolling_percentile needs a constant percentile");
        }
        if (!(lookback instanceof Rex.Lit l) || !(l.value() instanceof Number lv) || lv.longValue() < 1) {
            throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, args.get(4).span(), "rolling_percentile needs a constant, positive number of bins to look back");
        }
        List<String> dims = new ArrayList<>();
        for (Expr d : args.subList(5, args.size())) {
            dims.add(columnName(d));
        }
        // Rows with their bin and value, dimensions kept.
        List<Operator.Assignment> rowCols = new ArrayList<>();
        for (String d : dims) {
            rowCols.add(new Operator.Assignment(null, new Expr.Name(d, sp), sp));
        }
        rowCols.add(new Operator.Assignment(BIN, new Expr.Call("bin", List.of(new Expr.Name(index, sp), args.get(3)), sp), sp));
        rowCols.add(new Operator.Assignment(VALUE, new Expr.Name(value, sp), sp));
        Rel rows = ops.apply(in, new Operator.Project(rowCols, sp));
        List<Operator.Assignment> keyCols = new ArrayList<>(rowCols.subList(0, rowCols.size() - 1));
        keyCols.set(keyCols.size() - 1, new Operator.Assignment(null, new Expr.Name(BIN, sp), sp));
        Rel bins = ops.apply(rows, new Operator.Distinct(keyCols, sp));
        // Each bin joined to the rows of the same dimensions, then kept when the row's bin is in the window.
        List<Rel.NamedRex> renamed = new ArrayList<>();
        List<Rex> leftKeys = new ArrayList<>();
        List<Rex> rightKeys = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            Field f = rows.fields().get(i);
            renamed.add(new Rel.NamedRex(DIM + i, new Rex.ColRef(f.name(), f.type())));
            leftKeys.add(new Rex.ColRef(f.name(), f.type()));
            rightKeys.add(new Rex.ColRef(DIM + i, f.type()));
        }
        Field binField = rows.fields().get(dims.size());
        Field valueField = rows.fields().get(dims.size() + 1);
        renamed.add(new Rel.NamedRex(ROW_BIN, new Rex.ColRef(BIN, binField.type())));
        renamed.add(new Rel.NamedRex(VALUE, new Rex.ColRef(VALUE, valueField.type())));
        Rel right = new Rel.Project(rows, renamed);
        List<Rel.NamedRex> leftOut = new ArrayList<>();
        bins.fields().forEach(f -> leftOut.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type()))));
        List<Rel.NamedRex> rightOut = List.of(new Rel.NamedRex(ROW_BIN, new Rex.ColRef(ROW_BIN, binField.type())),
                new Rel.NamedRex(VALUE, new Rex.ColRef(VALUE, valueField.type())));
        Rel joined = new Rel.Join(Rel.JoinKind.INNER, bins, right, leftKeys, rightKeys, leftOut, rightOut);
        Expr span = new Expr.Binary("*", args.get(3), new Expr.Literal(lv.longValue(), Expr.LiteralKind.LONG, sp), sp);
        Expr inWindow = new Expr.Binary("and",
                new Expr.Binary("<=", new Expr.Name(ROW_BIN, sp), new Expr.Name(BIN, sp), sp),
                new Expr.Binary(">", new Expr.Name(ROW_BIN, sp), new Expr.Binary("-", new Expr.Name(BIN, sp), span, sp), sp), sp);
        Rel window = ops.apply(joined, new Operator.Where(inWindow, sp));
        String out = "rolling_" + lv.longValue() + "_percentile_" + value + "_" + number(pv);
        List<Operator.Assignment> by = new ArrayList<>();
        by.add(new Operator.Assignment(index, new Expr.Name(BIN, sp), sp));
        for (String d : dims) {
            by.add(new Operator.Assignment(null, new Expr.Name(d, sp), sp));
        }
        Operator.Assignment agg = new Operator.Assignment(out, new Expr.Call("percentile", List.of(new Expr.Name(VALUE, sp), args.get(1)), sp), sp);
        return ops.apply(window, new Operator.Summarize(List.of(agg), by, sp));
    }

    private static String number(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d).replace('.', '_');
    }

    private static String columnName(Expr e) {
        if (e instanceof Expr.Name n) {
            return n.name();
        }
        throw KqlException.at(ErrorCode.WRONG_ARGUMENTS, e.span(), "rolling_percentile expects a column name here");
    }
}
