package dev.rampart.kql.sql;

import dev.rampart.kql.plan.CteDef;
import dev.rampart.kql.plan.Field;
import dev.rampart.kql.plan.Plan;
import dev.rampart.kql.plan.Rel;
import dev.rampart.kql.plan.Rex;
import dev.rampart.kql.plan.ScopeFilter;

import java.util.ArrayList;
import java.util.List;

/** Renders a logical plan as one SQL statement; every constant becomes a bind parameter. */
public final class SqlRenderer {
    private final SqlDialect d;
    private final SqlNames names;
    private final Params params = new Params();
    private final RexRenderer rex;
    private int aliases;

    public record Rendered(String sql, List<Object> parameters) {
    }

    /** @param storedNames the store's table and column names ({@code Schema.storedNames()}), which keep their spelling */
    public SqlRenderer(SqlDialect dialect, java.util.Set<String> storedNames) {
        this.d = dialect;
        this.rex = new RexRenderer(dialect, params, this);
        this.names = new SqlNames(storedNames);
    }

    public Rendered render(Plan plan) {
        return SqlDialect.withNames(names, () -> renderNamed(plan));
    }

    private Rendered renderNamed(Plan plan) {
        StringBuilder b = new StringBuilder();
        if (!plan.ctes().isEmpty()) {
            b.append("WITH ");
            for (int i = 0; i < plan.ctes().size(); i++) {
                CteDef c = plan.ctes().get(i);
                if (i > 0) {
                    b.append(", ");
                }
                b.append(cteName(c.id())).append(" AS ").append(c.materialized() ? d.materializedCte() : "")
                        .append('(').append(sql(c.rel())).append(')');
            }
            b.append(' ');
        }
        b.append(sql(plan.root()));
        Params.Bound bound = params.bind(b.toString());
        return new Rendered(bound.sql(), bound.parameters());
    }

    static String cteName(int id) {
        return "_cte" + id;
    }

    String sql(Rel r) {
        return select(r).sql();
    }

    private String alias() {
        return "_t" + (aliases++);
    }

    private Select wrap(Select inner) {
        Select s = new Select();
        s.alias = alias();
        s.from = "(" + inner.sql() + ") AS " + s.alias;
        return s;
    }

    private Select wrapped(Rel r) {
        return wrap(select(r));
    }

    private String id(String name) {
        return d.quoteIdentifier(name);
    }

    Select select(Rel r) {
        if (r instanceof Rel.Scan s) {
            return scan(s);
        }
        if (r instanceof Rel.CteRef c) {
            Select s = new Select();
            s.from = cteName(c.id());
            return s;
        }
        if (r instanceof Rel.Consume c) {
            // count(hash(row)) needs every column of every row; no count is negative, so no row passes.
            Select s = new Select();
            s.alias = alias();
            String row = alias();
            s.from = "(SELECT * FROM " + cteName(c.cteId()) + " WHERE (SELECT count(hash(" + row + ")) FROM " + cteName(c.cteId())
                    + " AS " + row + ") < 0) AS " + s.alias;
            return s;
        }
        if (r instanceof Rel.Values v) {
            return values(v);
        }
        if (r instanceof Rel.Series sr) {
            Select s = new Select();
            s.alias = alias();
            s.from = "(SELECT unnest(generate_series(" + rex.render(sr.from(), null) + ", " + rex.render(sr.to(), null) + ", "
                    + rex.render(sr.step(), null) + ")) AS " + id(sr.name()) + ") AS " + s.alias;
            return s;
        }
        if (r instanceof Rel.Filter f) {
            Select s = select(f.input());
            if (!s.isPlain()) {
                s = wrap(s);
            }
            s.where.add(rex.predicate(f.condition(), s.alias));
            return s;
        }
        if (r instanceof Rel.Project p) {
            Select s = select(p.input());
            if (!s.isPlain()) {
                s = wrap(s);
            }
            s.columns = extendsInput(p) ? extension(p, s.alias) : columns(p.columns(), s.alias);
            s.projected = true;
            return s;
        }
        if (r instanceof Rel.Aggregate a) {
            return aggregate(a);
        }
        if (r instanceof Rel.Sort so) {
            Select s = select(so.input());
            if (s.orderBy != null || s.limit != null || s.distinct) {
                s = wrap(s);
            }
            List<String> keys = new ArrayList<>();
            for (Rel.SortKey k : so.keys()) {
                keys.add(rex.render(k.rex(), s.groupBy != null || s.projected ? null : s.alias)
                        + (k.ascending() ? " ASC" : " DESC") + (k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST"));
            }
            s.orderBy = String.join(", ", keys);
            return s;
        }
        if (r instanceof Rel.Limit l) {
            Select s = select(l.input());
            Long n = l.count() instanceof Rex.Lit lit && lit.value() instanceof Long v ? v : null;
            if (s.limit != null && s.limitValue != null && n != null) {
                // take after take (or the row cap after top): the smaller count wins and the order stays.
                if (n < s.limitValue) {
                    s.limit = rex.render(l.count(), null);
                    s.limitValue = n;
                }
                return s;
            }
            if (s.limit != null) {
                s = wrap(s);
            }
            s.limit = rex.render(l.count(), null);
            s.limitValue = n;
            return s;
        }
        if (r instanceof Rel.Distinct di) {
            Select s = select(di.input());
            if (s.groupBy != null || s.orderBy != null || s.limit != null || s.distinct) {
                s = wrap(s);
            }
            s.distinct = true;
            return s;
        }
        if (r instanceof Rel.Join j) {
            return join(j);
        }
        if (r instanceof Rel.Union u) {
            List<String> parts = new ArrayList<>();
            for (Rel in : u.inputs()) {
                parts.add("(" + sql(in) + ")");
            }
            Select s = new Select();
            s.alias = alias();
            s.from = "(" + String.join(" UNION ALL ", parts) + ") AS " + s.alias;
            return s;
        }
        if (r instanceof Rel.MvExpand m) {
            return mvExpand(m);
        }
        if (r instanceof Rel.OpenBag ob) {
            return select(ob.input());
        }
        if (r instanceof Rel.MakeSeries ms) {
            return makeSeries(ms);
        }
        if (r instanceof Rel.StepScan sc) {
            Select s = new Select();
            s.alias = alias();
            s.from = new ScanSql(d, rex, sc).render(sql(sc.input()), s.alias);
            return s;
        }
        if (r instanceof Rel.Graph g) {
            Select s = new Select();
            s.alias = alias();
            s.from = "(" + new GraphSql(this, d).sql(g) + ") AS " + s.alias;
            return s;
        }
        throw new IllegalStateException("no rendering for " + r.getClass().getSimpleName());
    }

    /** extend that only appends columns: render as "*, new" rather than repeating every input column. */
    private static boolean extendsInput(Rel.Project p) {
        List<Field> in = p.input().fields();
        if (p.columns().size() <= in.size()) {
            return false;
        }
        for (int i = 0; i < in.size(); i++) {
            Rel.NamedRex c = p.columns().get(i);
            if (!(c.rex() instanceof Rex.ColRef ref) || !ref.name().equals(in.get(i).name()) || !c.name().equals(ref.name())) {
                return false;
            }
        }
        return true;
    }

    private String extension(Rel.Project p, String alias) {
        int n = p.input().fields().size();
        return (alias == null ? "*" : alias + ".*") + ", " + columns(p.columns().subList(n, p.columns().size()), alias);
    }

    private String columns(List<Rel.NamedRex> cols, String alias) {
        List<String> out = new ArrayList<>();
        for (Rel.NamedRex c : cols) {
            String e = rex.render(c.rex(), alias);
            boolean same = c.rex() instanceof Rex.ColRef ref && ref.name().equals(c.name());
            out.add(same ? e : e + " AS " + id(c.name()));
        }
        return String.join(", ", out);
    }

    private Select scan(Rel.Scan s) {
        Select sel = new Select();
        sel.from = id(s.table().name());
        s.since().ifPresent(t -> sel.where.add("(" + id("Timestamp") + " >= " + rex.render(t, null) + ")"));
        s.scope().ifPresent(f -> sel.where.add(scope(f)));
        return sel;
    }

    private String scope(ScopeFilter f) {
        StringBuilder b = new StringBuilder("(");
        int p = 0;
        String pred = f.sqlPredicate();
        for (int i = 0; i < pred.length(); i++) {
            char c = pred.charAt(i);
            if (c == '?') {
                b.append(params.add(f.parameters().get(p++)));
            } else {
                b.append(c);
            }
        }
        return b.append(')').toString();
    }

    private Select values(Rel.Values v) {
        Select s = new Select();
        s.alias = alias();
        List<String> names = v.fields().stream().map(f -> id(f.name())).toList();
        if (v.rows().isEmpty()) {
            List<String> cols = new ArrayList<>();
            for (Field f : v.fields()) {
                cols.add("CAST(NULL AS " + d.sqlType(f.type()) + ") AS " + id(f.name()));
            }
            s.from = "(SELECT " + String.join(", ", cols) + ") AS " + s.alias;
            s.where.add("FALSE");
            return s;
        }
        List<String> rows = new ArrayList<>();
        for (List<Rex> row : v.rows()) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                cells.add("CAST(" + rex.render(row.get(i), null) + " AS " + d.sqlType(v.fields().get(i).type()) + ")");
            }
            rows.add("(" + String.join(", ", cells) + ")");
        }
        s.from = "(VALUES " + String.join(", ", rows) + ") AS " + s.alias + "(" + String.join(", ", names) + ")";
        return s;
    }

    private Select aggregate(Rel.Aggregate a) {
        Select s = select(a.input());
        if (!s.isPlain()) {
            s = wrap(s);
        }
        List<Rel.NamedRex> all = new ArrayList<>(a.keys());
        all.addAll(a.aggregates());
        s.columns = columns(all, s.alias);
        s.projected = true;
        if (!a.keys().isEmpty()) {
            List<String> ordinals = new ArrayList<>();
            for (int i = 1; i <= a.keys().size(); i++) {
                ordinals.add(Integer.toString(i));
            }
            s.groupBy = String.join(", ", ordinals);
        }
        return s;
    }

    private Select join(Rel.Join j) {
        String la = alias();
        String ra = alias();
        String left = sql(j.left());
        if (j.kind() == Rel.JoinKind.INNER_UNIQUE) {
            // Kusto de-duplicates the left side on the join key before joining.
            String inner = alias();
            List<String> keys = new ArrayList<>();
            for (Rex k : j.leftKeys()) {
                keys.add(rex.render(k, inner));
            }
            left = d.oneRowPerKey("(" + left + ") AS " + inner, keys);
        }
        String right = sql(j.right());
        List<String> on = new ArrayList<>();
        for (int i = 0; i < j.leftKeys().size(); i++) {
            Rex lk = j.leftKeys().get(i);
            String op = SqlTypes.isString(lk.type()) ? " IS NOT DISTINCT FROM " : " = ";
            on.add(rex.render(lk, la) + op + rex.render(j.rightKeys().get(i), ra));
        }
        String cond = on.isEmpty() ? "TRUE" : String.join(" AND ", on);
        Select s = new Select();
        switch (j.kind()) {
            case LEFT_SEMI, LEFT_ANTI, RIGHT_SEMI, RIGHT_ANTI -> {
                boolean leftSide = j.kind() == Rel.JoinKind.LEFT_SEMI || j.kind() == Rel.JoinKind.LEFT_ANTI;
                boolean anti = j.kind() == Rel.JoinKind.LEFT_ANTI || j.kind() == Rel.JoinKind.RIGHT_ANTI;
                s.alias = leftSide ? la : ra;
                s.from = "(" + (leftSide ? left : right) + ") AS " + s.alias;
                s.where.add((anti ? "NOT " : "") + "EXISTS (SELECT 1 FROM (" + (leftSide ? right : left) + ") AS "
                        + (leftSide ? ra : la) + " WHERE " + cond + ")");
                return s;
            }
            default -> {
            }
        }
        String kw = switch (j.kind()) {
            case LEFT_OUTER -> "LEFT JOIN";
            case RIGHT_OUTER -> "RIGHT JOIN";
            case FULL_OUTER -> "FULL JOIN";
            default -> "INNER JOIN";
        };
        List<String> cols = new ArrayList<>();
        for (Rel.NamedRex c : j.leftOut()) {
            cols.add(la + "." + id(((Rex.ColRef) c.rex()).name()) + " AS " + id(c.name()));
        }
        for (Rel.NamedRex c : j.rightOut()) {
            cols.add(ra + "." + id(((Rex.ColRef) c.rex()).name()) + " AS " + id(c.name()));
        }
        Select inner = new Select();
        inner.columns = String.join(", ", cols);
        inner.from = "(" + left + ") AS " + la + " " + kw + " (" + right + ") AS " + ra + " ON " + cond;
        inner.projected = true;
        return wrap(inner);
    }

    /**
     * mv-expand as unnest() calls in one SELECT list: DuckDB zips them, padding the shorter lists with nulls, as
     * Kusto does. (A LATERAL join would say the same but runs out of memory on lists of a million elements.)
     */
    private Select mvExpand(Rel.MvExpand m) {
        String t = alias();
        String u = alias();
        String e = alias();
        Select in = select(m.input());
        List<String> values = new ArrayList<>();
        List<String> unnest = new ArrayList<>();
        String first = null;
        for (int i = 0; i < m.items().size(); i++) {
            Rel.ExpandItem it = m.items().get(i);
            // Each expanded value is computed once, then inspected by the expansion list.
            values.add(rex.render(it.array(), t) + " AS _v" + i);
            String arr = d.expansionList(e + "._v" + i, params::add);
            if (m.limit() != null) {
                arr = "list_slice(" + arr + ", 1, " + rex.render(m.limit(), null) + ")";
            }
            if (first == null) {
                first = arr;
            }
            unnest.add("unnest(" + arr + ") AS _x" + i);
        }
        if (m.itemIndex() != null) {
            unnest.add("unnest(range(len(" + first + "))) AS _ix");
        }
        List<String> cols = new ArrayList<>();
        for (Field f : m.fields()) {
            int item = -1;
            for (int i = 0; i < m.items().size(); i++) {
                if (m.items().get(i).name().equals(f.name())) {
                    item = i;
                }
            }
            if (item >= 0) {
                cols.add(rex.convertFromJson(u + "._x" + item, m.items().get(item).to()) + " AS " + id(f.name()));
            } else if (f.name().equals(m.itemIndex())) {
                cols.add(u + "._ix AS " + id(f.name()));
            } else {
                cols.add(u + "." + id(f.name()));
            }
        }
        Select s = new Select();
        s.columns = String.join(", ", cols);
        s.from = "(SELECT " + e + ".*, " + String.join(", ", unnest) + " FROM (SELECT " + t + ".*, " + String.join(", ", values)
                + " FROM (" + in.sql() + ") AS " + t + ") AS " + e + ") AS " + u;
        s.projected = true;
        return wrap(s);
    }

    private Select makeSeries(Rel.MakeSeries m) {
        String in = alias();
        String from = rex.render(m.from(), null);
        String stepUs = m.step() instanceof Rex.Lit l && l.value() != null ? params.add(l.value())
                : "CAST(epoch(" + rex.render(m.step(), null) + ") * 1000000 AS BIGINT)";
        // Bins start at "from", as bin_at(axis, step, from) would place them.
        String bin = "(" + from + " + " + d.intervalFromMicros("CAST(floor((" + d.epochMicros(rex.render(m.axis(), in)) + " - "
                + d.epochMicros(from) + ") / " + stepUs + ") AS BIGINT) * " + stepUs) + ")";
        List<String> groupCols = new ArrayList<>();
        List<String> ordinals = new ArrayList<>();
        for (Rel.NamedRex k : m.keys()) {
            groupCols.add(rex.render(k.rex(), in) + " AS " + id(k.name()));
            ordinals.add(Integer.toString(ordinals.size() + 1));
        }
        groupCols.add(bin + " AS _b");
        ordinals.add(Integer.toString(ordinals.size() + 1));
        for (Rel.NamedRex a : m.aggregates()) {
            groupCols.add(rex.render(a.rex(), in) + " AS " + id(a.name()));
        }
        String axis = rex.render(m.axis(), in);
        String grouped = "SELECT " + String.join(", ", groupCols) + " FROM (" + sql(m.input()) + ") AS " + in
                + " WHERE " + axis + " >= " + from + " AND " + axis + " < " + rex.render(m.to(), null) + " GROUP BY " + String.join(", ", ordinals);
        String bins = "(SELECT unnest(range(" + from + ", " + rex.render(m.to(), null) + ", " + d.intervalFromMicros(stepUs) + ")) AS _b) AS _s";
        List<String> cols = new ArrayList<>();
        List<String> on = new ArrayList<>();
        List<String> keyRefs = new ArrayList<>();
        for (Rel.NamedRex k : m.keys()) {
            cols.add("_k." + id(k.name()));
            keyRefs.add("_k." + id(k.name()));
            on.add("_k." + id(k.name()) + " IS NOT DISTINCT FROM _g." + id(k.name()));
        }
        on.add("_g._b = _s._b");
        for (int i = 0; i < m.aggregates().size(); i++) {
            Rel.NamedRex a = m.aggregates().get(i);
            cols.add(d.toJson("list(coalesce(_g." + id(a.name()) + ", " + rex.render(m.defaults().get(i), null) + ") ORDER BY _s._b)")
                    + " AS " + id(a.name()));
        }
        // The bin starts as Kusto writes datetimes in dynamic values (2017-01-01T00:00:00.0000000Z).
        cols.add(d.toJson("list(strftime(_s._b, " + params.add("%Y-%m-%dT%H:%M:%S.%f0Z") + ") ORDER BY _s._b)") + " AS " + id(m.axisName()));
        String source = m.keys().isEmpty() ? bins
                : "(SELECT DISTINCT " + String.join(", ", m.keys().stream().map(k -> id(k.name())).toList()) + " FROM (" + grouped + ") AS _d) AS _k CROSS JOIN " + bins;
        Select s = new Select();
        s.columns = String.join(", ", cols);
        s.from = source + " LEFT JOIN (" + grouped + ") AS _g ON " + String.join(" AND ", on);
        if (!keyRefs.isEmpty()) {
            s.groupBy = String.join(", ", keyRefs);
        }
        s.projected = true;
        return wrap(s);
    }

    String subquery(Rel r) {
        return sql(r);
    }
}
