package dev.rampart.kql.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a result table matches a case's expected table: column names (except those the page probably got wrong,
 * which compare by position), then rows in order, as a multiset ({@code order_insensitive}), as a subset of the
 * actual rows ({@code truncated}, where a cell shown as {@code ...} matches anything and an array element shown as
 * {@code .....} stands for the elements left out), or only the shape
 * ({@code nondeterministic}).
 */
public final class ResultCheck {
    /** Why a result differs; {@code kind} groups failures in the summary. */
    public record Mismatch(String kind, String detail) {
    }

    private ResultCheck() {
    }

    public static Optional<Mismatch> compare(ConformanceCase c, List<String> columns, List<List<Object>> rows) {
        List<String> expectedColumns = c.columns();
        if (expectedColumns.size() != columns.size()) {
            return Optional.of(new Mismatch("column count", expectedColumns.size() + " columns expected, " + columns.size() + " returned"));
        }
        for (int i = 0; i < columns.size(); i++) {
            String e = expectedColumns.get(i);
            if (!c.columnsUnverified().contains(e) && !e.equals(columns.get(i))) {
                return Optional.of(new Mismatch("column names", "column " + (i + 1) + " is '" + columns.get(i) + "', expected '" + e + "'"));
            }
        }
        List<List<String>> expected = c.rows();
        if (!c.truncated() && expected.size() != rows.size()) {
            return Optional.of(new Mismatch("row count", expected.size() + " rows expected, " + rows.size() + " returned"));
        }
        if (c.nondeterministic()) {
            return Optional.empty();
        }
        if (c.truncated() || c.orderInsensitive()) {
            List<List<Object>> remaining = new ArrayList<>(rows);
            for (int r = 0; r < expected.size(); r++) {
                List<String> e = expected.get(r);
                if (e.stream().allMatch(ResultCheck::elided)) {
                    continue;
                }
                int hit = -1;
                for (int i = 0; i < remaining.size() && hit < 0; i++) {
                    if (rowEquals(e, remaining.get(i), c)) {
                        hit = i;
                    }
                }
                if (hit < 0) {
                    return Optional.of(new Mismatch("values", "expected row " + (r + 1) + " " + e + " not found"));
                }
                remaining.remove(hit);
            }
            return Optional.empty();
        }
        for (int r = 0; r < expected.size(); r++) {
            if (!rowEquals(expected.get(r), rows.get(r), c)) {
                return Optional.of(new Mismatch("values", "row " + (r + 1) + ": expected " + expected.get(r) + ", got " + show(rows.get(r))));
            }
        }
        return Optional.empty();
    }

    private static boolean elided(String cell) {
        return cell.trim().equals("...") || cell.trim().equals("…");
    }

    private static boolean rowEquals(List<String> expected, List<Object> actual, ConformanceCase c) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!elided(expected.get(i)) && !Cells.equal(expected.get(i), actual.get(i), c.approximate(), c.truncated())) {
                return false;
            }
        }
        return true;
    }

    /** A row as a short text: nulls as null, long cells cut. */
    public static String show(List<?> row) {
        List<String> cells = new ArrayList<>(row.size());
        for (Object o : row) {
            String s = o == null ? "null" : o.toString().replace("\n", "\\n");
            cells.add(s.length() > 80 ? s.substring(0, 77) + "..." : s);
        }
        return cells.toString();
    }
}
