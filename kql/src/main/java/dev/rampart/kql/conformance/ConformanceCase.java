package dev.rampart.kql.conformance;

import dev.rampart.kql.analyzer.JsonLines;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One reference example: a self-contained query and the table the documentation prints for it. Cells are the
 * text a reader sees ({@code columns_rendered}/{@code rows_rendered} when the record has them).
 *
 * @param columnsUnverified shown column names that the page probably got wrong; those columns compare by position
 * @param nondeterministic  the values may legitimately differ (rand(), now(), take without sort...): only the shape counts
 * @param truncated         the page shows part of the output: every shown row must be present, more rows are fine
 * @param approximate       estimating aggregates (dcount, percentiles): numbers compare within a few percent
 * @param additionalTables  the tables the page prints after the first (several statements, fork tabs), in order
 * @param alternatives      other outputs the page shows as equally valid ({@code alternative_outputs}); matching
 *                          one of them is a pass too
 */
public record ConformanceCase(String id, String query, List<String> columns, List<List<String>> rows,
                              boolean orderInsensitive, boolean truncated, boolean nondeterministic,
                              boolean approximate, boolean docErrorSuspected, Set<String> columnsUnverified,
                              List<Table> additionalTables, List<Table> alternatives) {

    /** A further result table the page prints after the first ({@code additional_tables}), cells as a reader sees them. */
    public record Table(List<String> columns, List<List<String>> rows) {
    }

    public ConformanceCase {
        additionalTables = List.copyOf(additionalTables);
        alternatives = List.copyOf(alternatives);
    }

    /** A case whose page shows one output for each of its tables. */
    public ConformanceCase(String id, String query, List<String> columns, List<List<String>> rows,
                           boolean orderInsensitive, boolean truncated, boolean nondeterministic,
                           boolean approximate, boolean docErrorSuspected, Set<String> columnsUnverified,
                           List<Table> additionalTables) {
        this(id, query, columns, rows, orderInsensitive, truncated, nondeterministic, approximate, docErrorSuspected,
                columnsUnverified, additionalTables, List.of());
    }

    /** A case with one result table. */
    public ConformanceCase(String id, String query, List<String> columns, List<List<String>> rows,
                           boolean orderInsensitive, boolean truncated, boolean nondeterministic,
                           boolean approximate, boolean docErrorSuspected, Set<String> columnsUnverified) {
        this(id, query, columns, rows, orderInsensitive, truncated, nondeterministic, approximate, docErrorSuspected,
                columnsUnverified, List.of());
    }

    /** The same case expecting {@code t} as its table: the flags of the case hold for every table of it. */
    public ConformanceCase expecting(Table t) {
        return new ConformanceCase(id, query, t.columns(), t.rows(), orderInsensitive, truncated, nondeterministic, approximate,
                docErrorSuspected, columnsUnverified, List.of(), List.of());
    }

    /** Reads a JSON-lines file of cases; a line that is not a case fails with its line number. */
    public static List<ConformanceCase> read(Path file) throws IOException {
        List<ConformanceCase> cases = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            try {
                cases.add(parse(line));
            } catch (RuntimeException e) {
                throw new IOException(file + " line " + n + ": not a conformance case (" + e.getMessage() + ")", e);
            }
        }
        return cases;
    }

    public static ConformanceCase parse(String jsonLine) {
        if (!(JsonLines.read(jsonLine) instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        String id = text(m, "id");
        String query = text(m, "query");
        Table first = table(m);
        Object unverified = m.get("columns_unverified");
        Set<String> unverifiedNames = unverified instanceof List<?> ? Set.copyOf(strings(unverified, "columns_unverified")) : Set.of();
        List<Table> more = new ArrayList<>();
        if (m.get("additional_tables") instanceof List<?> tables) {
            for (Object t : tables) {
                if (!(t instanceof Map<?, ?> tm)) {
                    throw new IllegalArgumentException("'additional_tables' must be an array of objects");
                }
                more.add(table(tm));
            }
        } else if (m.containsKey("additional_tables")) {
            throw new IllegalArgumentException("'additional_tables' must be an array of objects");
        }
        List<Table> alternatives = new ArrayList<>();
        if (m.get("alternative_outputs") instanceof List<?> alts) {
            for (Object alt : alts) {
                if (alt instanceof Map<?, ?> am) {
                    alternatives.add(table(am.containsKey("columns") || am.containsKey("columns_rendered") ? am : withColumns(am, first)));
                } else if (alt instanceof List<?> rowList) {
                    alternatives.add(table(Map.of("columns", first.columns(), "rows", rowList)));
                }
            }
        }
        return new ConformanceCase(id, query, first.columns(), first.rows(), flag(m, "order_insensitive"), flag(m, "truncated"),
                flag(m, "nondeterministic"), flag(m, "approximate"), flag(m, "doc_error_suspected"), unverifiedNames, more,
                alternatives);
    }

    /** An alternative written as rows only takes the first table's column names. */
    private static Map<?, ?> withColumns(Map<?, ?> m, Table first) {
        Map<Object, Object> out = new java.util.LinkedHashMap<>(m);
        out.put("columns", first.columns());
        return out;
    }

    /** The rendered cells when the object has them, else the cells as written. */
    private static Table table(Map<?, ?> m) {
        List<String> columns = strings(m.containsKey("columns_rendered") ? m.get("columns_rendered") : m.get("columns"), "columns");
        Object rowsValue = m.containsKey("rows_rendered") ? m.get("rows_rendered") : m.get("rows");
        if (!(rowsValue instanceof List<?> rowList)) {
            throw new IllegalArgumentException("'rows' must be an array of arrays");
        }
        List<List<String>> rows = new ArrayList<>();
        for (Object r : rowList) {
            rows.add(strings(r, "rows"));
        }
        return new Table(columns, rows);
    }

    private static String text(Map<?, ?> m, String key) {
        if (!(m.get(key) instanceof String s)) {
            throw new IllegalArgumentException("'" + key + "' must be a string");
        }
        return s;
    }

    private static boolean flag(Map<?, ?> m, String key) {
        return Boolean.TRUE.equals(m.get(key));
    }

    /** Cells are strings in the corpus; numbers or null written by hand are taken as their text. */
    private static List<String> strings(Object v, String key) {
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("'" + key + "' must be an array");
        }
        List<String> out = new ArrayList<>(l.size());
        for (Object o : l) {
            out.add(o == null ? "" : String.valueOf(o));
        }
        return out;
    }
}
