package dev.rampart.kql.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A hunting table: its name, the workload that feeds it, and its ordered columns. */
public record Table(String name, String workload, String description, List<Column> columns) {

    public Table {
        columns = List.copyOf(columns);
    }

    /** Column by exact (case-sensitive) name, as KQL resolves it. */
    public Optional<Column> column(String columnName) {
        for (Column c : columns) {
            if (c.name().equals(columnName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public int indexOf(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(columnName)) {
                return i;
            }
        }
        return -1;
    }

    public Map<String, Column> columnsByName() {
        Map<String, Column> m = new LinkedHashMap<>();
        columns.forEach(c -> m.put(c.name(), c));
        return m;
    }
}
