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
    private final java.util.Set<String> storedNames;

    public Schema(List<Table> tables) {
        Map<String, Table> m = new LinkedHashMap<>();
        for (Table t : tables) {
            if (m.put(t.name(), t) != null) {
                throw new IllegalArgumentException("duplicate table " + t.name());
            }
        }
        this.tables = Collections.unmodifiableMap(m);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Table t : tables) {
            names.add(t.name());
            t.columns().forEach(c -> names.add(c.name()));
        }
        this.storedNames = Collections.unmodifiableSet(names);
    }

    /** Every table and column name the store holds, spelled as stored. */
    public java.util.Set<String> storedNames() {
        return storedNames;
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
