package dev.rampart.kql.analyzer;

import dev.rampart.kql.ast.Expr;
import dev.rampart.kql.ast.Operator;
import dev.rampart.kql.diagnostics.KqlException;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;

import java.util.ArrayList;
import java.util.List;

/**
 * The partition operator, as one set-wise query instead of one query per key: every row carries its partition's
 * key through the subquery (summarize and distinct group by it too, top/take rank within it), so the rows that come
 * out are the union of the per-partition results. The "{...}" form reads the key as toscalar(Column): its source
 * is crossed with the distinct keys, a column named like the key answering toscalar(Column).
 */
final class Partitions {
    private static final String KEY = "__partition_key";

    private final Analyzer a;
    private final ExprAnalyzer x;
    private final Operators ops;

    Partitions(Analyzer a, ExprAnalyzer x, Operators ops) {
        this.a = a;
        this.x = x;
        this.ops = ops;
    }

    Rel apply(Rel in, Operator.Partition p) {
        int k = Operators.indexOf(in.fields(), p.column());
        if (k < 0) {
            throw KqlException.at(dev.rampart.kql.diagnostics.ErrorCode.UNKNOWN_COLUMN, p.span(),
                    "The partition column '" + p.column() + "' is not a column of the input");
        }
        Field keyField = in.fields().get(k);
        if (p.body() != null) {
            List<Rel.NamedRex> cols = columns(in);
            cols.add(new Rel.NamedRex(KEY, new Rex.ColRef(p.column(), keyField.type())));
            return run(new Rel.Project(in, cols), p.body(), KEY, true, p);
        }
        List<Operator> body = new ArrayList<>();
        Expr src = p.source();
        while (src instanceof Expr.Pipe pipe) {
            body.add(0, pipe.op());
            src = pipe.source();
        }
        Rel source = a.tabular(src);
        if (Operators.indexOf(source.fields(), p.column()) >= 0) {
            throw KqlException.unsupported(p.span(), "partition:key-clash",
                    "A partition subquery whose source has a column named like the partition key");
        }
        Rel keys = new Rel.Distinct(new Rel.Project(in, List.of(new Rel.NamedRex(p.column(), new Rex.ColRef(p.column(), keyField.type())))));
        List<Rel.NamedRex> right = List.of(new Rel.NamedRex(p.column(), new Rex.ColRef(p.column(), keyField.type())));
        Rel crossed = new Rel.Join(Rel.JoinKind.INNER, source, keys, List.of(), List.of(), columns(source), right);
        // An empty source gives no rows here, where Kusto would still run e.g. a count per key: refused below.
        return run(crossed, body, p.column(), false, p);
    }

    /**
     * Runs {@code body} on each partition of {@code rows} (those sharing a value of column {@code key}) and drops the
     * key: the union of the per-partition results.
     */
    Rel perKey(Rel rows, List<Operator> body, String key, dev.rampart.kql.diagnostics.Span span) {
        return run(rows, body, key, false, span);
    }

    private Rel run(Rel rows, List<Operator> body, String key, boolean nonEmpty, Operator.Partition p) {
        return run(rows, body, key, nonEmpty, p.span());
    }

    private Rel run(Rel rows, List<Operator> body, String key, boolean nonEmpty, dev.rampart.kql.diagnostics.Span span) {
        Expr.Name keyName = new Expr.Name(key, span);
        for (Operator op : body) {
            if (op instanceof Operator.Count cnt) {
                // count is summarize Count = count() over each partition.
                op = new Operator.Summarize(List.of(new Operator.Assignment("Count", new Expr.Call("count", List.of(), cnt.span()), cnt.span())),
                        List.of(), cnt.span());
            }
            if (op instanceof Operator.Top t && t.keys().size() == 1) {
                rows = ops.firstPerRow(rows, t.count(), t.keys().get(0), key);
                continue;
            }
            if (op instanceof Operator.Take t) {
                rows = ops.firstPerRow(rows, t.count(), null, key);
                continue;
            }
            if (op instanceof Operator.Summarize s && s.by().isEmpty() && !nonEmpty) {
                // A partition left without rows still yields one summary row in Kusto; grouping by the key yields none.
                throw KqlException.unsupported(op.span(), "partition:summarize-empty", "A summarize without 'by' after a filter in a partition subquery");
            }
            if (op instanceof Operator.ScanOp sc) {
                // Each partition is scanned on its own: its matches never continue into another partition's rows.
                rows = new ScanSteps(x).apply(rows, sc, key);
                nonEmpty = false;
                continue;
            }
            if (op instanceof Operator.Where || op instanceof Operator.MvExpand) {
                nonEmpty = false;
            }
            rows = ops.apply(rows, Operators.perRow(op, keyName));
        }
        if (Operators.indexOf(rows.fields(), key) < 0) {
            throw KqlException.unsupported(span, "partition:body", "This partition subquery");
        }
        List<Rel.NamedRex> out = new ArrayList<>();
        for (Field f : rows.fields()) {
            if (!f.name().equals(key)) {
                out.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type())));
            }
        }
        return new Rel.Project(rows, out);
    }

    private static List<Rel.NamedRex> columns(Rel r) {
        List<Rel.NamedRex> cols = new ArrayList<>();
        r.fields().forEach(f -> cols.add(new Rel.NamedRex(f.name(), new Rex.ColRef(f.name(), f.type()))));
        return cols;
    }
}
