package dev.rampart.portal.incidents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Summary tab of an incident: alerts placed on the MITRE ATT&CK kill chain, the alert timeline, the scope
 * (impacted devices, users and mailboxes ranked by how many alerts touch them) and evidence counts.
 */
public record IncidentSummary(Incident incident, List<Column> killChain, List<Scope> scope, int evidenceCount,
                              Map<EvidenceVerdict, Long> evidenceByVerdict, int alertCount, Map<Severity, Long> alertsBySeverity,
                              List<String> sources, String timelineJson) {
    /** Entity types counted as impacted assets (apps and cloud resources are not extracted as evidence yet). */
    public static final List<EntityType> ASSET_TYPES = List.of(EntityType.DEVICE, EntityType.USER, EntityType.MAILBOX);
    public static final int TOP = 5;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One kill-chain column: an ATT&CK tactic (enterprise order) or, last, the non-tactic categories ("Other"). */
    public record Column(String label, boolean tactic, List<Alert> alerts) {
    }

    /** Impacted assets of one type: how many, and the top ones. */
    public record Scope(EntityType type, int count, List<IncidentEvidence.Item> top) {
        public String label() {
            return switch (type) {
                case DEVICE -> "Devices";
                case USER -> "Users";
                case MAILBOX -> "Mailboxes";
                default -> type.label();
            };
        }
    }

    public static IncidentSummary of(Incident incident, List<Alert> alerts, List<IncidentEvidence.Item> evidence) {
        List<Column> chain = new ArrayList<>();
        for (Category c : Category.values()) {
            if (c.tactic()) {
                chain.add(new Column(c.label(), true, alerts.stream().filter(a -> a.category() == c).toList()));
            }
        }
        List<Alert> other = alerts.stream().filter(a -> !a.category().tactic()).toList();
        if (!other.isEmpty()) {
            chain.add(new Column("Other", false, other));
        }
        List<Scope> scope = new ArrayList<>();
        for (EntityType t : ASSET_TYPES) {
            List<IncidentEvidence.Item> ofType = rankedAssets(evidence, t);
            scope.add(new Scope(t, ofType.size(), ofType.stream().limit(TOP).toList()));
        }
        Map<EvidenceVerdict, Long> byVerdict = new EnumMap<>(EvidenceVerdict.class);
        Arrays.stream(EvidenceVerdict.values()).forEach(v -> byVerdict.put(v, evidence.stream().filter(e -> e.verdict() == v).count()));
        Map<Severity, Long> bySeverity = new LinkedHashMap<>();
        for (Severity s : List.of(Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFORMATIONAL)) {
            bySeverity.put(s, alerts.stream().filter(a -> a.severity() == s).count());
        }
        return new IncidentSummary(incident, chain, scope, evidence.size(), byVerdict, alerts.size(), bySeverity,
                alerts.stream().map(Alert::serviceSource).distinct().toList(), timeline(alerts));
    }

    /** Entities of one asset type, those most alerts touch first. */
    public static List<IncidentEvidence.Item> rankedAssets(List<IncidentEvidence.Item> evidence, EntityType type) {
        return evidence.stream().filter(e -> e.type() == type)
                .sorted(java.util.Comparator.comparingInt(IncidentEvidence.Item::alertCount).reversed()
                        .thenComparing(IncidentEvidence.Item::verdict).thenComparing(IncidentEvidence.Item::display, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    public int tacticCount() {
        return (int) killChain.stream().filter(c -> c.tactic() && !c.alerts().isEmpty()).count();
    }

    /** First activity of each alert with its severity, for the ECharts timeline (read by incident-summary.js). */
    private static String timeline(List<Alert> alerts) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (Alert a : alerts) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", a.id());
            p.put("title", a.title());
            p.put("severity", a.severity().graph());
            p.put("severityLabel", a.severity().label());
            p.put("category", a.category().label());
            p.put("time", a.firstActivity().toString());
            points.add(p);
        }
        return JSON.writeValueAsString(points);
    }
}
