package dev.rampart.portal.demo;

import dev.rampart.kql.schema.Table;
import java.util.HashMap;
import java.util.Map;

/**
 * One hunting table as the generator sees it: a dense index for sinks and column positions resolved by name
 * once, so row building is plain array stores.
 */
final class Shape {
    final Table table;
    final String name;
    final int index;
    final int width;
    /** Position of Timestamp, or -1 for snapshot tables without one. */
    final int timestamp;
    private final Map<String, Integer> positions = new HashMap<>();

    Shape(Table table, int index) {
        this.table = table;
        this.name = table.name();
        this.index = index;
        this.width = table.columns().size();
        for (int i = 0; i < width; i++) {
            positions.put(table.columns().get(i).name(), i);
        }
        this.timestamp = optional("Timestamp");
    }

    /** @throws IllegalStateException when the schema lacks the column: the generator and schema disagree */
    int col(String column) {
        Integer i = positions.get(column);
        if (i == null) {
            throw new IllegalStateException(name + " has no column " + column);
        }
        return i;
    }

    /** Position or -1 when this table does not have the column. */
    int optional(String column) {
        Integer i = positions.get(column);
        return i == null ? -1 : i;
    }

    Object[] row() {
        return new Object[width];
    }
}
