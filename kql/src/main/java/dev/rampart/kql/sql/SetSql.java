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
        // Each pair meets its predecessor by zipping the sorted list with itself shifted one place. Reading the
        // predecessor by index inside the filter's lambda instead made DuckDB sort the whole list again for every
        // element: a make_set over 20,000 rows then took minutes.
        String withPrevious = "list_zip(" + sorted + ", list_prepend(NULL, " + sorted + "), true)";
        String firsts = "list_filter(" + withPrevious + ", lambda _p: _p[2] IS NULL OR _p[2].v IS DISTINCT FROM _p[1].v)";
        return "list_transform(list_sort(list_transform(" + firsts + ", lambda _p: struct_pack(i := _p[1].i, v := _p[1].v))), lambda _e: _e.v)";
    }

    /** A dynamic array contributes its elements, any other value itself. */
    static String items(String value, String arrayTypeParam, String where) {
        return "flatten(list(CASE WHEN json_type(" + value + ") = " + arrayTypeParam + " THEN CAST(" + value + " AS JSON[]) ELSE [" + value
                + "] END) FILTER (WHERE " + where + "))";
    }
}
