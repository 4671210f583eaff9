package dev.rampart.portal.response.investigation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The investigation graph as ECharts wants it: the device, the alerts investigated on it, and each judged entity linked
 * from the alerts that named it, coloured by verdict. Entities judged before alert links were kept hang off the
 * investigation's first alert.
 */
final class InvestigationGraph {
    static final String MALICIOUS = "#c62828";
    static final String SUSPICIOUS = "#d9660b";
    static final String CLEAN = "#2e7d32";
    private static final Map<String, String> SEVERITY = Map.of("high", "#c62828", "medium", "#d9660b", "low", "#a88400", "informational", "#6b7280");

    private InvestigationGraph() {
    }

    /** An alert as the graph labels it; {@code title} null when the viewer may not see it. */
    record AlertLabel(String id, String title, String severity) {
    }

    static Map<String, Object> build(Investigation inv, List<Investigation.Entity> entities, Map<String, AlertLabel> alerts) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> links = new ArrayList<>();
        String device = "device";
        nodes.add(node(device, inv.deviceLabel(), 0, List.of("Device", "Automation level: " + inv.automationLevel().label()), "#1f5fa8", "roundRect", 26));
        Set<String> alertIds = new LinkedHashSet<>();
        if (inv.alertId() != null) {
            alertIds.add(inv.alertId());
        }
        entities.forEach(e -> alertIds.addAll(e.alertIds()));
        for (String a : alertIds) {
            AlertLabel l = alerts.get(a);
            String name = l == null || l.title() == null ? "Alert " + a : l.title();
            nodes.add(node("a:" + a, name, 1, List.of("Alert " + a + (l == null || l.severity() == null ? "" : " · " + l.severity())),
                    l == null || l.severity() == null ? MALICIOUS : SEVERITY.getOrDefault(l.severity().toLowerCase(java.util.Locale.ROOT), MALICIOUS),
                    "diamond", 22));
            links.add(Map.of("source", "a:" + a, "target", device, "label", "raised on"));
        }
        int n = 0;
        for (Investigation.Entity e : entities) {
            String id = "e" + n++;
            String colour = switch (e.verdict()) {
                case MALICIOUS -> MALICIOUS;
                case SUSPICIOUS -> SUSPICIOUS;
                case NO_THREATS_FOUND -> CLEAN;
            };
            List<String> detail = new ArrayList<>(List.of(e.type() + " · " + e.verdict().label()));
            detail.addAll(e.reasons());
            nodes.add(node(id, e.display(), 2, detail, colour, "circle", 18));
            nodes.get(nodes.size() - 1).put("verdict", e.verdict().label());
            List<String> from = e.alertIds().isEmpty() && inv.alertId() != null ? List.of(inv.alertId()) : e.alertIds();
            for (String a : from) {
                links.add(Map.of("source", "a:" + a, "target", id, "label", e.type()));
            }
            if (from.isEmpty()) {
                links.add(Map.of("source", device, "target", id, "label", e.type()));
            }
        }
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("nodes", nodes);
        g.put("links", links);
        g.put("categories", List.of(Map.of("name", "Device"), Map.of("name", "Alert"), Map.of("name", "Evidence")));
        return g;
    }

    private static Map<String, Object> node(String id, String name, int category, List<String> detail, String colour, String symbol, int size) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("category", category);
        m.put("detail", detail);
        m.put("color", colour);
        m.put("symbol", symbol);
        m.put("size", size);
        return m;
    }
}
