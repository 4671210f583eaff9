package dev.rampart.kql.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects bind values. Fragments are assembled out of order (CTEs, merged clauses), so each value
 * leaves a marker and the final text is scanned once to number placeholders in reading order.
 */
final class Params {
    private static final char OPEN = '\u0001';
    private static final char CLOSE = '\u0002';
    private final List<Object> values = new ArrayList<>();

    String add(Object value) {
        values.add(value);
        return OPEN + Integer.toString(values.size() - 1) + CLOSE;
    }

    record Bound(String sql, List<Object> parameters) {
    }

    Bound bind(String marked) {
        StringBuilder sql = new StringBuilder(marked.length());
        List<Object> ordered = new ArrayList<>();
        int i = 0;
        while (i < marked.length()) {
            char c = marked.charAt(i);
            if (c == OPEN) {
                int end = marked.indexOf(CLOSE, i);
                ordered.add(values.get(Integer.parseInt(marked.substring(i + 1, end))));
                sql.append('?');
                i = end + 1;
            } else {
                sql.append(c);
                i++;
            }
        }
        return new Bound(sql.toString(), ordered);
    }
}
