package dev.rampart.portal.hunting;

import dev.rampart.kql.schema.Schema;
import dev.rampart.kql.schema.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The schema browser's model: tables grouped by workload, each with its row count. */
public record SchemaTree(List<Group> groups) {
    public record Group(String label, List<Entry> tables) {
    }

    public record Entry(Table table, long rows) {
    }

    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("alerts", "Alerts & behaviors");
        LABELS.put("endpoint", "Devices");
        LABELS.put("email", "Email");
        LABELS.put("identity", "Identities");
        LABELS.put("cloudapps", "Apps & cloud");
        LABELS.put("vulnerability", "Vulnerability management");
        LABELS.put("exposure", "Exposure management");
        LABELS.put("other", "Other");
    }

    static SchemaTree of(Schema schema, Map<String, Long> counts) {
        Map<String, List<Entry>> by = new LinkedHashMap<>();
        LABELS.keySet().forEach(k -> by.put(k, new ArrayList<>()));
        for (Table t : schema.tables()) {
            by.computeIfAbsent(t.workload(), k -> new ArrayList<>()).add(new Entry(t, counts.getOrDefault(t.name(), 0L)));
        }
        List<Group> groups = new ArrayList<>();
        by.forEach((k, list) -> {
            if (!list.isEmpty()) {
                list.sort((a, b) -> a.table().name().compareTo(b.table().name()));
                groups.add(new Group(LABELS.getOrDefault(k, k), list));
            }
        });
        return new SchemaTree(groups);
    }
}
