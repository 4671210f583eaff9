package dev.rampart.kql.sql;

/** The value-listing statement behind pivot over rows only known when the query runs. */
final class PivotValuesSql {
    private PivotValuesSql() {
    }

    /**
     * Values come in the order their first row has in the input, as Kusto lays out pivot's columns (its reference
     * shows ARKANSAS before ARIZONA); the row position is read before grouping because grouping loses it.
     */
    static String of(SqlDialect d, String rowsSql, String column, int limit) {
        String v = "_p." + d.quoteIdentifier(column);
        return "SELECT _v.v AS \"key\", CAST(NULL AS VARCHAR) AS \"type\" FROM (SELECT " + v + " AS v, row_number() OVER () AS rn FROM ("
                + rowsSql + ") AS _p) AS _v GROUP BY _v.v ORDER BY min(_v.rn) LIMIT " + limit;
    }
}
