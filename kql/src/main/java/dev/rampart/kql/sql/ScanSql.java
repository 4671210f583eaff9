package dev.rampart.kql.sql;

import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.schema.KqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The scan operator as a recursive query: one iteration per input row (numbered in the serialized order), carrying
 * the state of every step. Step k's state holds one record per step 1..k (input and declared columns) in columns
 * {@code __v<k>_<j>_<i>}, with an active flag {@code __a<k>} and the match id {@code __m<k>}. Within an iteration the
 * steps are applied from the last to the first, each as two nested selects (evaluate, then update with
 * {@code * REPLACE}), following Kusto's rules: a row matching step k while step k-1 is active moves k-1's state
 * into k and clears k-1; otherwise a row matching an active step k (or the first step) replaces k's own record; a
 * first-step match on an empty state starts a new match id. Each step leaves an output slot per row; the rows of
 * the result are the filled slots, in row order and, within a row, in the order the steps were applied.
 */
final class ScanSql {
    private final SqlDialect d;
    private final RexRenderer rex;
    private final Rel.StepScan s;
    private final List<Field> row;
    private final int inputs;
    private final int n;
    private int levels;

    ScanSql(SqlDialect d, RexRenderer rex, Rel.StepScan s) {
        this.d = d;
        this.rex = rex;
        this.s = s;
        this.row = new ArrayList<>(s.input().fields());
        this.row.addAll(s.declared());
        this.inputs = s.input().fields().size();
        this.n = s.steps().size();
    }

    private boolean last(int k) {
        return s.steps().get(k - 1).output().equals("last");
    }

    private String id(String name) {
        return d.quoteIdentifier(name);
    }

    private static String v(int k, int j, int i) {
        return "__v" + k + "_" + j + "_" + i;
    }

    private String typedNull(KqlType t) {
        return "CAST(NULL AS " + d.sqlType(t) + ")";
    }

    /** What an empty state reads: null for input columns, the declared default for declared ones. */
    private String empty(int i) {
        Field f = row.get(i);
        if (i < inputs) {
            return typedNull(f.type());
        }
        return "CAST(" + rex.render(s.defaults().get(i - inputs), null) + " AS " + d.sqlType(f.type()) + ")";
    }

    String render(String inputSql, String alias) {
        List<String> cte = new ArrayList<>();
        List<String> init = new ArrayList<>();
        cte.add("__rn");
        init.add("CAST(0 AS BIGINT) AS __rn");
        for (int i = 0; i < inputs; i++) {
            cte.add(id(row.get(i).name()));
            init.add(typedNull(row.get(i).type()) + " AS " + id(row.get(i).name()));
        }
        for (int k = 1; k <= n; k++) {
            cte.add("__a" + k);
            init.add("false AS __a" + k);
            cte.add("__m" + k);
            init.add("CAST(NULL AS BIGINT) AS __m" + k);
            for (int j = 1; j <= k; j++) {
                for (int i = 0; i < row.size(); i++) {
                    cte.add(v(k, j, i));
                    init.add(empty(i) + " AS " + v(k, j, i));
                }
            }
        }
        cte.add("__next");
        init.add("CAST(0 AS BIGINT) AS __next");
        for (int k = 1; k <= n; k++) {
            cte.add("__o" + k);
            init.add("false AS __o" + k);
            cte.add("__om" + k);
            init.add("CAST(NULL AS BIGINT) AS __om" + k);
            for (int i = inputs; i < row.size(); i++) {
                cte.add("__od" + k + "_" + i);
                init.add(typedNull(row.get(i).type()) + " AS __od" + k + "_" + i);
            }
            if (last(k)) {
                cte.add("__ol" + k);
                init.add("false AS __ol" + k);
                cte.add("__olm" + k);
                init.add("CAST(NULL AS BIGINT) AS __olm" + k);
                for (int i = 0; i < row.size(); i++) {
                    cte.add("__olv" + k + "_" + i);
                    init.add(typedNull(row.get(i).type()) + " AS __olv" + k + "_" + i);
                }
            }
        }
        List<String> exclude = new ArrayList<>();
        exclude.add("__rn");
        for (int i = 0; i < inputs; i++) {
            exclude.add(id(row.get(i).name()));
        }
        // The rows are read by position from one list, so each step costs the same however long the input is
        // (a join against the numbered rows would rescan them on every iteration).
        List<String> packed = new ArrayList<>();
        List<String> unpacked = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            packed.add("c" + i + " := " + id(row.get(i).name()));
            unpacked.add("__row.c" + i + " AS " + id(row.get(i).name()));
        }
        String part = s.partition();
        if (part != null) {
            cte.add("__pk");
            init.add("__scan_rows.__pk AS __pk");
        }
        String next = "list_extract(__scan_rows.__all, __scan.__rn + 1)";
        String body = "SELECT * EXCLUDE (__row) FROM (SELECT __scan.* EXCLUDE (" + String.join(", ", exclude) + "), __scan.__rn + 1 AS __rn, "
                + (inputs == 0 ? "NULL" : next) + " AS __row FROM __scan, __scan_rows WHERE __scan.__rn < __scan_rows.__count"
                + (part == null ? "" : " AND __scan.__pk IS NOT DISTINCT FROM __scan_rows.__pk") + ") AS __next"
                + (inputs == 0 ? "" : ", LATERAL (SELECT " + String.join(", ", unpacked) + ") AS __cols");
        for (int k = n; k >= 1; k--) {
            body = update(evaluate(body, k), k);
        }
        StringBuilder b = new StringBuilder("(WITH RECURSIVE __scan_rows AS (");
        if (part == null) {
            String rows = "list(" + (inputs == 0 ? "NULL" : "struct_pack(" + String.join(", ", packed) + ")") + ")";
            b.append("SELECT ").append(rows).append(" AS __all, count(*) AS __count FROM (").append(inputSql).append(") AS __scan_src");
        } else {
            // One list per partition value, each in the input's order (numbered before grouping, which may reorder).
            String rows = "list(struct_pack(" + String.join(", ", packed) + ") ORDER BY __scan_ord)";
            b.append("SELECT ").append(id(part)).append(" AS __pk, ").append(rows).append(" AS __all, count(*) AS __count FROM (SELECT *, ")
                    .append("row_number() OVER () AS __scan_ord FROM (").append(inputSql).append(") AS __scan_in) AS __scan_src GROUP BY ")
                    .append(id(part));
        }
        b.append("), __scan AS (SELECT ").append(String.join(", ", init)).append(part == null ? "" : " FROM __scan_rows")
                .append(" UNION ALL SELECT ").append(String.join(", ", cte)).append(" FROM (").append(body).append(") AS __lvl")
                .append(levels++).append(") SELECT ");
        List<String> out = new ArrayList<>();
        for (Field f : s.fields()) {
            out.add(id(f.name()));
        }
        b.append(String.join(", ", out)).append(" FROM (");
        boolean firstPart = true;
        for (int k = n; k >= 1; k--) {
            if (last(k)) {
                // The record a step kept over repeated matches, emitted when the next step took it over.
                List<String> cols = new ArrayList<>();
                cols.add(part == null ? "0 AS __pk" : "__pk");
                cols.add("__rn");
                cols.add((2 * (n - k - 1)) + " AS __slot");
                for (int i = 0; i < row.size(); i++) {
                    cols.add("__olv" + k + "_" + i + " AS " + id(row.get(i).name()));
                }
                if (s.matchId() != null) {
                    cols.add("__olm" + k + " AS " + id(s.matchId()));
                }
                b.append(firstPart ? "" : " UNION ALL ").append("SELECT ").append(String.join(", ", cols)).append(" FROM __scan WHERE __ol").append(k);
                firstPart = false;
            }
            List<String> cols = new ArrayList<>();
            cols.add(part == null ? "0 AS __pk" : "__pk");
            cols.add("__rn");
            cols.add((2 * (n - k) + 1) + " AS __slot");
            for (int i = 0; i < inputs; i++) {
                cols.add(id(row.get(i).name()));
            }
            for (int i = inputs; i < row.size(); i++) {
                cols.add("__od" + k + "_" + i + " AS " + id(row.get(i).name()));
            }
            if (s.matchId() != null) {
                cols.add("__om" + k + " AS " + id(s.matchId()));
            }
            b.append(firstPart ? "" : " UNION ALL ");
            firstPart = false;
            b.append("SELECT ").append(String.join(", ", cols)).append(" FROM __scan WHERE __o").append(k);
        }
        b.append(") AS __scan_out ORDER BY __pk, __rn, __slot) AS ").append(alias);
        return b.toString();
    }

    /** Step k's two match tests and its assignments under each, as new columns. */
    private String evaluate(String from, int k) {
        Rel.ScanStep step = s.steps().get(k - 1);
        List<String> cols = new ArrayList<>();
        String c1 = k == 1 ? "false" : "(__a" + (k - 1) + " AND coalesce(" + rex.predicate(context(step.condition(), k - 1), null) + ", false))";
        String c2 = (k == 1 ? "" : "__a" + k + " AND ") + "coalesce(" + rex.predicate(context(step.condition(), k), null) + ", false)";
        cols.add(c1 + " AS __p1_" + k);
        cols.add("(" + c2 + ") AS __p2_" + k);
        for (int i = inputs; i < row.size(); i++) {
            Rex a = step.assignments().get(row.get(i).name());
            String cast = " AS " + d.sqlType(row.get(i).type()) + ")";
            cols.add((a == null || k == 1 ? empty(i) : "CAST(" + rex.render(context(a, k - 1), null) + cast) + " AS __x1_" + k + "_" + i);
            cols.add((a == null ? empty(i) : "CAST(" + rex.render(context(a, k), null) + cast) + " AS __x2_" + k + "_" + i);
        }
        return "SELECT *, " + String.join(", ", cols) + " FROM (" + from + ") AS __lvl" + (levels++);
    }

    private String update(String from, int k) {
        Rel.ScanStep step = s.steps().get(k - 1);
        String c1 = "__p1_" + k;
        String c2 = "(__p2_" + k + " AND NOT __p1_" + k + ")";
        List<String> set = new ArrayList<>();
        for (int j = 1; j < k; j++) {
            for (int i = 0; i < row.size(); i++) {
                set.add("CASE WHEN " + c1 + " THEN " + v(k - 1, j, i) + " ELSE " + v(k, j, i) + " END AS " + v(k, j, i));
                set.add("CASE WHEN " + c1 + " THEN " + empty(i) + " ELSE " + v(k - 1, j, i) + " END AS " + v(k - 1, j, i));
            }
        }
        for (int i = 0; i < row.size(); i++) {
            String value = i < inputs ? id(row.get(i).name())
                    : "CASE WHEN " + c1 + " THEN __x1_" + k + "_" + i + " ELSE __x2_" + k + "_" + i + " END";
            set.add("CASE WHEN " + c1 + " OR " + c2 + " THEN " + value + " ELSE " + v(k, k, i) + " END AS " + v(k, k, i));
        }
        String newId = k == 1 ? "CASE WHEN " + c2 + " AND NOT __a1 THEN __next ELSE __m1 END"
                : "CASE WHEN " + c1 + " THEN __m" + (k - 1) + " ELSE __m" + k + " END";
        set.add(newId + " AS __m" + k);
        set.add("(__a" + k + " OR " + c1 + " OR " + c2 + ") AS __a" + k);
        if (k > 1 && last(k - 1)) {
            set.add(c1 + " AS __ol" + (k - 1));
            set.add("__m" + (k - 1) + " AS __olm" + (k - 1));
            for (int i = 0; i < row.size(); i++) {
                set.add(v(k - 1, k - 1, i) + " AS __olv" + (k - 1) + "_" + i);
            }
        }
        if (k > 1) {
            set.add("(__a" + (k - 1) + " AND NOT " + c1 + ") AS __a" + (k - 1));
            set.add("CASE WHEN " + c1 + " THEN NULL ELSE __m" + (k - 1) + " END AS __m" + (k - 1));
        } else {
            set.add("__next + CASE WHEN " + c2 + " AND NOT __a1 THEN 1 ELSE 0 END AS __next");
        }
        set.add((step.output().equals("all") ? "(" + c1 + " OR " + c2 + ")" : "false") + " AS __o" + k);
        set.add(newId + " AS __om" + k);
        for (int i = inputs; i < row.size(); i++) {
            set.add("CASE WHEN " + c1 + " THEN __x1_" + k + "_" + i + " ELSE __x2_" + k + "_" + i + " END AS __od" + k + "_" + i);
        }
        return "SELECT * REPLACE (" + String.join(", ", set) + ") FROM (" + from + ") AS __lvl" + (levels++);
    }

    /**
     * A step expression read against the state of step {@code ctx}: {@code sj.c} becomes that state's record j,
     * and steps after {@code ctx} read as empty.
     */
    private Rex context(Rex r, int ctx) {
        return map(r, ref -> {
            for (int j = 1; j <= n; j++) {
                String prefix = "__s" + j + "_";
                if (ref.name().startsWith(prefix)) {
                    String col = ref.name().substring(prefix.length());
                    for (int i = 0; i < row.size(); i++) {
                        if (row.get(i).name().equals(col)) {
                            if (j > ctx) {
                                return i < inputs ? new Rex.Lit(null, ref.type()) : s.defaults().get(i - inputs);
                            }
                            return new Rex.ColRef(v(ctx, j, i), ref.type());
                        }
                    }
                }
            }
            return ref;
        });
    }

    private static Rex map(Rex r, Function<Rex.ColRef, Rex> f) {
        if (r instanceof Rex.ColRef c) {
            return f.apply(c);
        }
        if (r instanceof Rex.Call c) {
            return new Rex.Call(c.fn(), c.args().stream().map(a -> map(a, f)).toList(), c.type());
        }
        if (r instanceof Rex.JsonPath p) {
            return new Rex.JsonPath(map(p.base(), f), p.path());
        }
        if (r instanceof Rex.FieldOf fo) {
            return new Rex.FieldOf(map(fo.record(), f), fo.field(), fo.type());
        }
        if (r instanceof Rex.Record rec) {
            return new Rex.Record(rec.names(), rec.values().stream().map(a -> map(a, f)).toList());
        }
        return r;
    }
}
