package dev.rampart.portal.detection;

import dev.rampart.portal.demo.DemoAttack;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.SourceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores correlation against the demo ground truth. An alert belongs to an attack when one of its source rows is one
 * of the attack's rows (DeviceId + ReportId, or ReportId alone where the attack row has no device); an alert with no
 * identifiable source row belongs to an attack when it shares a device or account with one of the attack's steps and
 * its activity lies within an hour of the attack. Precision and recall are pairwise over alert pairs with at least one
 * attack alert: a pair is "together" when both alerts are in the same incident, and "should be together" when both
 * belong to the same attack. Pairs of two noise alerts are not scored (benign alerts may correlate with each other).
 */
public final class CorrelationQuality {
    static final Duration ENTITY_SLACK = Duration.ofHours(1);

    private CorrelationQuality() {
    }

    /** One attack's outcome: its alerts and the incidents they landed in. */
    public record AttackResult(String key, String name, int steps, int stepsDetected, int alerts, Set<Long> incidents) {
    }

    /**
     * @param attackOf      alert id → attack key (absent for noise)
     * @param noiseIncidents incidents holding only noise alerts
     */
    public record Score(double precision, double recall, long truePairs, long falsePairs, long missedPairs, List<AttackResult> attacks,
                        int attackAlerts, int noiseAlerts, Set<Long> noiseIncidents, Set<Long> mixedIncidents, Map<String, String> attackOf) {
        public int incidentsForAttacks() {
            return attacks.stream().mapToInt(a -> a.incidents().size()).sum();
        }
    }

    public static Score score(List<DemoAttack> truth, List<Alert> alerts, Map<String, List<SourceEvent>> events) {
        Map<String, String> byDeviceReport = new HashMap<>();
        Map<String, String> byReport = new HashMap<>();
        Map<String, Integer> stepOfRow = new HashMap<>();
        for (DemoAttack a : truth) {
            for (DemoAttack.Step s : a.steps()) {
                for (DemoAttack.Event e : s.events()) {
                    String k = e.deviceId() == null ? "|" + e.reportId() : e.deviceId() + "|" + e.reportId();
                    (e.deviceId() == null ? byReport : byDeviceReport).put(k, a.key());
                    stepOfRow.put(a.key() + "#" + k, s.stepNo());
                }
            }
        }
        Map<String, String> attackOf = new LinkedHashMap<>();
        Map<String, Set<Integer>> stepsSeen = new HashMap<>();
        for (Alert al : alerts) {
            List<SourceEvent> evs = events.getOrDefault(al.id(), List.of());
            Map<String, Integer> votes = new HashMap<>();
            boolean identifiable = false;
            for (SourceEvent e : evs) {
                if (e.reportId() == null) {
                    continue;
                }
                identifiable = true;
                String k = e.deviceId() + "|" + e.reportId();
                String hit = e.deviceId() == null ? null : byDeviceReport.get(k);
                if (hit == null) {
                    k = "|" + e.reportId();
                    hit = byReport.get(k);
                }
                if (hit != null) {
                    votes.merge(hit, 1, Integer::sum);
                    Integer step = stepOfRow.get(hit + "#" + k);
                    if (step != null) {
                        stepsSeen.computeIfAbsent(hit, x -> new HashSet<>()).add(step);
                    }
                }
            }
            String attack = votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
            if (attack == null && !identifiable) {
                attack = byEntities(truth, al, stepsSeen);
            }
            if (attack != null) {
                attackOf.put(al.id(), attack);
            }
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < alerts.size(); i++) {
            for (int j = i + 1; j < alerts.size(); j++) {
                String ai = attackOf.get(alerts.get(i).id());
                String aj = attackOf.get(alerts.get(j).id());
                if (ai == null && aj == null) {
                    continue;
                }
                boolean should = ai != null && ai.equals(aj);
                boolean together = alerts.get(i).incidentId() == alerts.get(j).incidentId();
                if (should && together) {
                    tp++;
                } else if (together) {
                    fp++;
                } else if (should) {
                    fn++;
                }
            }
        }
        List<AttackResult> results = new ArrayList<>();
        for (DemoAttack a : truth) {
            List<Alert> mine = alerts.stream().filter(x -> a.key().equals(attackOf.get(x.id()))).toList();
            Set<Long> inc = new java.util.TreeSet<>(mine.stream().map(Alert::incidentId).toList());
            results.add(new AttackResult(a.key(), a.name(), a.steps().size(), stepsSeen.getOrDefault(a.key(), Set.of()).size(), mine.size(), inc));
        }
        Set<Long> attackIncidents = new HashSet<>();
        results.forEach(r -> attackIncidents.addAll(r.incidents()));
        Set<Long> noiseIncidents = new java.util.TreeSet<>();
        Set<Long> mixed = new java.util.TreeSet<>();
        for (Alert al : alerts) {
            if (!attackOf.containsKey(al.id())) {
                (attackIncidents.contains(al.incidentId()) ? mixed : noiseIncidents).add(al.incidentId());
            }
        }
        double precision = tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        return new Score(precision, recall, tp, fp, fn, results, attackOf.size(), alerts.size() - attackOf.size(), noiseIncidents, mixed,
                attackOf);
    }

    private static String byEntities(List<DemoAttack> truth, Alert al, Map<String, Set<Integer>> stepsSeen) {
        Set<String> devices = new HashSet<>();
        Set<String> accounts = new HashSet<>();
        for (Evidence e : al.evidence()) {
            if (!e.strong()) {
                continue;
            }
            if (e.type() == EntityType.DEVICE) {
                devices.add(e.key());
            } else if (e.type() == EntityType.USER || e.type() == EntityType.MAILBOX) {
                accounts.add(e.key());
            }
        }
        for (DemoAttack a : truth) {
            if (al.lastActivity().isBefore(a.startedAt().minus(ENTITY_SLACK)) || al.firstActivity().isAfter(a.endedAt().plus(ENTITY_SLACK))) {
                continue;
            }
            for (DemoAttack.Step s : a.steps()) {
                boolean device = s.deviceName() != null && devices.contains(shortName(s.deviceName()));
                boolean account = s.accountUpn() != null && accounts.contains(s.accountUpn().toLowerCase(Locale.ROOT));
                if (device || account) {
                    stepsSeen.computeIfAbsent(a.key(), x -> new HashSet<>()).add(s.stepNo());
                    return a.key();
                }
            }
        }
        return null;
    }

    private static String shortName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        int dot = h.indexOf('.');
        return dot < 0 || h.matches("\\d{1,3}(\\.\\d{1,3}){3}") ? h : h.substring(0, dot);
    }
}
