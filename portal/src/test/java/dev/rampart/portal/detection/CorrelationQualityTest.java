package dev.rampart.portal.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.demo.DemoAttack;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.AlertStatus;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Classification;
import dev.rampart.portal.incidents.Determination;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.Severity;
import dev.rampart.portal.incidents.SourceEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorrelationQualityTest {
    private static final Instant T = Instant.parse("2025-01-10T10:00:00Z");

    private static DemoAttack attack(String key, String device, String... reportIds) {
        List<DemoAttack.Event> events = java.util.Arrays.stream(reportIds).map(r -> new DemoAttack.Event("DeviceProcessEvents", "dev-" + device, r, T)).toList();
        return new DemoAttack(key, key, key, T, T.plusSeconds(3600), List.of(new DemoAttack.Step(1, "T1059", "execution", "DeviceProcessEvents",
                device + ".corp.example", "user@corp.example", T, "step", events)));
    }

    private static Alert alert(String id, long incident, String device) {
        return new Alert(id, incident, id, null, Severity.HIGH, AlertStatus.NEW, Classification.UNKNOWN, Determination.UNKNOWN, Category.EXECUTION,
                List.of(), "x", "x", "rule", null, null, T, T.plusSeconds(60), T, T, null, "", List.of(Evidence.of(EntityType.DEVICE, device, "suspicious", List.of())));
    }

    private static List<SourceEvent> rows(String device, String... reportIds) {
        return java.util.Arrays.stream(reportIds).map(r -> new SourceEvent("DeviceProcessEvents", "dev-" + device, r, T)).toList();
    }

    @Test
    void score_attackAlertsInOneIncidentEach_noiseApart_isPerfect() {
        var truth = List.of(attack("a", "ws1", "1", "2"), attack("b", "ws2", "7"));
        var alerts = List.of(alert("x1", 1, "ws1"), alert("x2", 1, "ws1"), alert("y1", 2, "ws2"), alert("y2", 2, "ws2"), alert("n1", 3, "ws9"));
        var events = Map.of("x1", rows("ws1", "1"), "x2", rows("ws1", "2"), "y1", rows("ws2", "7"), "n1", rows("ws9", "1"));
        CorrelationQuality.Score s = CorrelationQuality.score(truth, alerts, events);
        assertThat(s.attackOf()).containsEntry("x1", "a").containsEntry("x2", "a").containsEntry("y1", "b").containsEntry("y2", "b")
                .doesNotContainKey("n1");
        assertThat(s.precision()).isEqualTo(1.0);
        assertThat(s.recall()).isEqualTo(1.0);
        assertThat(s.incidentsForAttacks()).isEqualTo(2);
        assertThat(s.noiseIncidents()).containsExactly(3L);
    }

    @Test
    void score_noiseMergedIntoAttack_lowersPrecision_andSplitAttack_lowersRecall() {
        var truth = List.of(attack("a", "ws1", "1", "2", "3"));
        var alerts = List.of(alert("x1", 1, "ws1"), alert("x2", 1, "ws1"), alert("x3", 2, "ws1"), alert("n1", 1, "ws9"));
        var events = Map.of("x1", rows("ws1", "1"), "x2", rows("ws1", "2"), "x3", rows("ws1", "3"), "n1", rows("ws9", "5"));
        CorrelationQuality.Score s = CorrelationQuality.score(truth, alerts, events);
        // Together: x1-x2 (right), x1-n1 and x2-n1 (wrong); apart but same attack: x1-x3, x2-x3.
        assertThat(s.truePairs()).isEqualTo(1);
        assertThat(s.falsePairs()).isEqualTo(2);
        assertThat(s.missedPairs()).isEqualTo(2);
        assertThat(s.precision()).isEqualTo(1.0 / 3);
        assertThat(s.recall()).isEqualTo(1.0 / 3);
        assertThat(s.incidentsForAttacks()).isEqualTo(2);
        assertThat(s.mixedIncidents()).containsExactly(1L);
    }

    @Test
    void score_alertWithoutSourceRows_matchesByDeviceWithinTheAttackWindow() {
        var truth = List.of(attack("a", "ws1", "1"));
        Alert near = alert("e1", 1, "ws1");
        Alert sameDeviceButWithRows = alert("e2", 2, "ws1");
        var s = CorrelationQuality.score(truth, List.of(near, sameDeviceButWithRows), Map.of("e2", rows("ws1", "99")));
        assertThat(s.attackOf()).containsEntry("e1", "a").doesNotContainKey("e2");
    }
}
