package dev.rampart.kql.sql;

/** The key-listing statement behind bag_unpack over rows only known when the query runs. */
final class BagKeysSql {
    private BagKeysSql() {
    }

    /**
     * Values typed as the compiler types constant bags: whole JSON numbers are long, others real; arrays and bags
     * dynamic; a key whose non-null values have different types is dynamic. Arrays and scalars in the bag column
     * have no keys (json_each would list an array's indexes).
     */
    static String duckDb(DuckDbDialect d, String rowsSql, String bag, int limit) {
        String col = "_b." + d.quoteIdentifier(bag);
        String kqlType = "CASE json_type(_e.value) WHEN 'VARCHAR' THEN 'string' WHEN 'BIGINT' THEN 'long' WHEN 'UBIGINT' THEN 'long'"
                + " WHEN 'DOUBLE' THEN 'real' WHEN 'BOOLEAN' THEN 'bool' WHEN 'NULL' THEN NULL ELSE 'dynamic' END";
        return "SELECT _k.k AS \"key\", CASE WHEN count(DISTINCT _k.t) > 1 THEN 'dynamic' ELSE min(_k.t) END AS \"type\""
                + " FROM (SELECT _e.key AS k, " + kqlType + " AS t FROM (" + rowsSql + ") AS _b, json_each(CASE WHEN json_type("
                + col + ") = 'OBJECT' THEN " + col + " END) AS _e) AS _k GROUP BY _k.k LIMIT " + limit;
    }
}
