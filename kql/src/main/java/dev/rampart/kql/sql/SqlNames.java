package dev.rampart.kql.sql;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The SQL spelling of each name in one statement. KQL names are case-sensitive and DuckDB's are not (it picks either
 * of {@code timestamp} and {@code Timestamp} when both are in a row), so a name that differs only in case from one
 * already used gets a suffix; stored table and column names always keep theirs, as scans read them by name.
 */
final class SqlNames {
    private final Set<String> stored;
    private final Map<String, String> byLower = new HashMap<>();
    private final Map<String, String> assigned = new HashMap<>();
    private final Map<String, Integer> suffixes = new HashMap<>();

    SqlNames(Set<String> stored) {
        this.stored = stored;
        for (String s : stored) {
            byLower.putIfAbsent(s.toLowerCase(Locale.ROOT), s);
        }
    }

    String sqlName(String name) {
        if (stored.contains(name)) {
            return name;
        }
        String known = assigned.get(name);
        if (known != null) {
            return known;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String first = byLower.putIfAbsent(lower, name);
        String out = first == null ? name : name + "~" + suffixes.merge(lower, 1, Integer::sum);
        assigned.put(name, out);
        return out;
    }
}
