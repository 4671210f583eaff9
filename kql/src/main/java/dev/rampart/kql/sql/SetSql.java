package dev.rampart.kql.sql;

/**
 * make_set's distinct values in order of first appearance, as Kusto returns them; SQL's DISTINCT promises no
 * order. Each value is paired with its position, the pairs sorted by value so duplicates sit together, the first
 * of each run kept, and the survivors put back in position order: n log n, where a position lookup per value
 * would be quadratic.
 */
final class SetSql {
    private SetSql() {
    }

    static String firstOccurrence(String list) {
        String sorted = "list_sort(list_transform(" + list + ", lambda _x, _i: struct_pack(v := _x, i := _i)))";
        String firsts = "list_filter(" + sorted + ", lambda _e, _j: _j = 1 OR " + sorted + "[_j - 1].v IS DISTINCT FROM _e.v)";
        return "list_transform(list_sort(list_transform(" + firsts + ", lambda _e: struct_pack(i := _e.i, v := _e.v))), lambda _e: _e.v)";
    }

    /** A dynamic array contributes its elements, any other value itself. */
    static String items(String value, String arrayTypeParam, String where) {
        return "flatten(list(CASE WHEN json_type(" + value + ") = " + arrayTypeParam + " THEN CAST(" + value + " AS JSON[]) ELSE [" + value
                + "] END) FILTER (WHERE " + where + "))";
    }
}
