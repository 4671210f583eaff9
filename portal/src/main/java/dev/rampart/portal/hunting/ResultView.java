package dev.rampart.portal.hunting;

import dev.rampart.kql.schema.KqlType;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.ObjectMapper;

/**
 * One page of a result as the grid shows it: sorted, filtered (every filter applies), values formatted as text.
 * {@code rowIds} are the shown rows' positions in the result as the query returned it (what row selection sends).
 */
public record ResultView(HuntingResult result, List<String[]> cells, List<Integer> rowIds, int page, int pageSize, int filteredRows,
                         String sort, boolean desc, List<ResultFilter> filters) {

    private static final java.time.format.DateTimeFormatter GRID_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC);

    public int pages() {
        return Math.max(1, (filteredRows + pageSize - 1) / pageSize);
    }

    public int firstRow() {
        return filteredRows == 0 ? 0 : page * pageSize + 1;
    }

    public int lastRow() {
        return Math.min(filteredRows, (page + 1) * pageSize);
    }

    static ResultView of(HuntingResult r, int page, int pageSize, String sort, boolean desc, List<ResultFilter> filters, ObjectMapper json) {
        List<ResultFilter> known = filters.stream().filter(f -> r.columnIndex(f.column()) >= 0).toList();
        List<Object[]> rows = ordered(r, sort, desc, known, json);
        int size = Math.max(10, Math.min(pageSize, 1000));
        int pages = Math.max(1, (rows.size() + size - 1) / size);
        int p = Math.max(0, Math.min(page, pages - 1));
        List<String[]> cells = new ArrayList<>();
        // Unsorted and unfiltered, the display order is the result's own; otherwise rows are found by identity.
        java.util.Map<Object[], Integer> position = new java.util.IdentityHashMap<>();
        for (int i = 0; rows != r.rows() && i < r.rows().size(); i++) {
            position.put(r.rows().get(i), i);
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = p * size; i < Math.min(rows.size(), (p + 1) * size); i++) {
            Object[] row = rows.get(i);
            ids.add(rows == r.rows() ? i : position.get(row));
            String[] c = new String[row.length];
            for (int j = 0; j < row.length; j++) {
                c[j] = row[j] instanceof java.time.Instant t ? GRID_TIME.format(t) : text(row[j], json);
            }
            cells.add(c);
        }
        boolean sorted = sort != null && r.columnIndex(sort) >= 0;
        return new ResultView(r, cells, ids, p, size, rows.size(), sorted ? sort : null, desc, known);
    }

    /** The result's rows after the grid's filters (on unknown columns: none) and sort, in display order. */
    static List<Object[]> ordered(HuntingResult r, String sort, boolean desc, List<ResultFilter> filters, ObjectMapper json) {
        List<Object[]> rows = r.rows();
        for (ResultFilter f : filters) {
            int fc = r.columnIndex(f.column());
            if (fc < 0) {
                continue;
            }
            List<Object[]> kept = new ArrayList<>();
            for (Object[] row : rows) {
                if (f.test(text(row[fc], json))) {
                    kept.add(row);
                }
            }
            rows = kept;
        }
        int sc = sort == null ? -1 : r.columnIndex(sort);
        if (sc >= 0) {
            rows = new ArrayList<>(rows);
            rows.sort(comparator(sc, r.columns().get(sc).type(), desc, json));
        }
        return rows;
    }

    /** The filters as URL parameters. */
    public String filterParams() {
        return ResultFilter.params(filters, null);
    }

    /** Absolute index (in display order) of the first row on this page. */
    public int offset() {
        return page * pageSize;
    }

    /** Export text of a value: ISO 8601 UTC for datetimes, JSON for dynamic values. */
    static String text(Object v, ObjectMapper json) {
        if (v == null) {
            return "";
        }
        Object j = GraphTypes.jsonValue(v);
        if (j instanceof String s) {
            return s;
        }
        if (j instanceof java.util.Map || j instanceof java.util.List) {
            return json.writeValueAsString(j);
        }
        return String.valueOf(j);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Object[]> comparator(int col, KqlType type, boolean desc, ObjectMapper json) {
        Collator collator = Collator.getInstance(Locale.ROOT);
        Comparator<Object> values = (a, b) -> {
            if (a instanceof Comparable ca && b != null && a.getClass() == b.getClass()) {
                return ca.compareTo(b);
            }
            return collator.compare(text(a, json), text(b, json));
        };
        // Nulls last in both directions, as the reference grid shows them.
        Comparator<Object[]> c = (x, y) -> {
            Object a = x[col], b = y[col];
            if (a == null || b == null) {
                return a == b ? 0 : a == null ? 1 : -1;
            }
            return desc ? values.compare(b, a) : values.compare(a, b);
        };
        return c;
    }
}
