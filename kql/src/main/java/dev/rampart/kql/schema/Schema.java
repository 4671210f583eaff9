package dev.rampart.kql.schema;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable set of tables addressed by exact name. */
public final class Schema {
    private final Map<String, Table> tables;

    public Schema(List<Table> tables) {
        Map<String, Table> m = new LinkedHashMap<>();
        for (Table t : tables) {
            if (m.put(t.name(), t) != null) {
                throw new IllegalArgumentException("duplicate table " + t.name());
            }
        }
        this.tables = Collections.unmodifiableMap(m);
    }

    public Optional<Table> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    public Collection<Table> tables() {
        return tables.values();
    }

    public int size() {
        return tables.size();
    }
}
