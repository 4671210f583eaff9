package dev.rampart.kql.sql;

import dev.rampart.kql.plan.GraphRel;
import dev.rampart.kql.plan.Rel;

/**
 * Graph algorithms as recursive CTEs. Paths grow one edge per iteration up to their bound, carrying the
 * edge and node ids seen so far, so the cycle rule is a membership test on those lists. Written with
 * DuckDB's list functions; PostgreSQL has no form of them yet.
 */
final class GraphSql {
    private final SqlRenderer r;
    private final SqlDialect d;

    GraphSql(SqlRenderer r, SqlDialect d) {
        this.r = r;
        this.d = d;
    }

    String sql(Rel.Graph g) {
        if (g.op() instanceof GraphRel.Paths p) {
            return paths(p);
        }
        if (g.op() instanceof GraphRel.Components c) {
            return components(c);
        }
        throw new IllegalStateException("no rendering for " + g.op());
    }

    private String q(String name) {
        return d.quoteIdentifier(name);
    }

    private String paths(GraphRel.Paths p) {
        String cycle = switch (p.cycles()) {
            case NONE -> " AND NOT list_contains(_gp.ns, _ge.d)";
            case UNIQUE_EDGES -> " AND NOT list_contains(_gp.es, _ge.e)";
            case ALL -> "";
        };
        return "WITH RECURSIVE _ge AS (SELECT " + q("__src") + " AS s, " + q("__dst") + " AS d, " + q("__eid") + " AS e FROM ("
                + r.sql(p.edges()) + ") AS _gx), "
                + "_gp(f, t, n, es, ns) AS (SELECT s, d, 1, [e], [s, d] FROM _ge"
                + (p.cycles() == GraphRel.Cycles.NONE ? " WHERE s IS DISTINCT FROM d" : "")
                + " UNION ALL SELECT _gp.f, _ge.d, _gp.n + 1, list_append(_gp.es, _ge.e), list_append(_gp.ns, _ge.d)"
                + " FROM _gp JOIN _ge ON _ge.s = _gp.t WHERE _gp.n < " + p.max() + cycle + "), "
                + "_gq AS (SELECT row_number() OVER (ORDER BY f, n, es) AS pid, * FROM _gp WHERE n >= " + p.min() + ") "
                + "SELECT CAST(_gq.pid AS BIGINT) AS " + q("__pid") + ", _gq.f AS " + q("__from") + ", _gq.t AS " + q("__to")
                + ", CAST(_gq.n AS BIGINT) AS " + q("__len") + ", CAST(_gs.i AS BIGINT) AS " + q("__pos")
                + ", _gq.es[_gs.i] AS " + q("__eid") + ", _gq.ns[_gs.i + 1] AS " + q("__next")
                + " FROM _gq, generate_series(1, _gq.n) AS _gs(i)";
    }

    private String components(GraphRel.Components c) {
        // UNION (not UNION ALL) stops once nothing new is reached, so cycles end the recursion.
        String base = "WITH RECURSIVE _gn AS (SELECT " + q("__key") + " AS k, " + q("__ord") + " AS o FROM (" + r.sql(c.nodes()) + ") AS _gx), "
                + "_ge AS (SELECT " + q("__src") + " AS s, " + q("__dst") + " AS d FROM (" + r.sql(c.edges()) + ") AS _gy), ";
        String number = "CAST(dense_rank() OVER (ORDER BY min(_gn.o)) - 1 AS BIGINT) AS " + q("__comp");
        if (!c.strong()) {
            return base + "_gu AS (SELECT s, d FROM _ge UNION SELECT d, s FROM _ge), "
                    + "_gr(k, r) AS (SELECT k, k FROM _gn UNION SELECT _gr.k, _gu.d FROM _gr JOIN _gu ON _gu.s = _gr.r) "
                    + "SELECT _gr.k AS " + q("__key") + ", " + number + " FROM _gr JOIN _gn ON _gn.k = _gr.r GROUP BY _gr.k";
        }
        // Strong: r belongs to k's component when each reaches the other.
        return base + "_gr(k, r) AS (SELECT k, k FROM _gn UNION SELECT _gr.k, _ge.d FROM _gr JOIN _ge ON _ge.s = _gr.r) "
                + "SELECT _ga.k AS " + q("__key") + ", " + number + " FROM _gr AS _ga JOIN _gr AS _gb ON _ga.k = _gb.r AND _ga.r = _gb.k"
                + " JOIN _gn ON _gn.k = _ga.r GROUP BY _ga.k";
    }

    /** The values of one path's elements in step order, as a dynamic array; no element gives []. */
    static String list(String value, String order, String filter, SqlDialect d) {
        String list = "list(" + value + " ORDER BY " + order + ")" + (filter == null ? "" : " FILTER (WHERE " + filter + ")");
        return "coalesce(" + d.toJson(list) + ", CAST('[]' AS " + d.sqlType(dev.rampart.kql.schema.KqlType.DYNAMIC) + "))";
    }
}
