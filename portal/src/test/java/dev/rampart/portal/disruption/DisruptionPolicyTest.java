package dev.rampart.portal.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.AlertStatus;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Classification;
import dev.rampart.portal.incidents.Determination;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisruptionPolicyTest {
    private static Alert alert(Severity severity, Category category, AlertStatus status, Evidence... evidence) {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        return new Alert("da1", 1, category.label() + " alert", "d", severity, status, Classification.UNKNOWN, Determination.UNKNOWN, category, List.of(),
                "edr", "microsoftDefenderForEndpoint", "det", null, null, t, t, t, t, null, null, List.of(evidence));
    }

    private static Evidence device(String name) {
        return Evidence.of(EntityType.DEVICE, name, "suspicious", List.of());
    }

    private static Evidence user(String name) {
        return Evidence.of(EntityType.USER, name, "suspicious", List.of());
    }

    @Test
    void ransomwareAlone_qualifies_andNamesItsAssets() {
        var d = DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.RANSOMWARE, AlertStatus.NEW, device("fs01.corp.example"), user("corp\\bob"))));
        assertThat(d).isPresent();
        assertThat(d.get().reason()).startsWith("ransomware activity");
        assertThat(d.get().devices()).containsExactly("fs01.corp.example");
        assertThat(d.get().users()).containsExactly("corp\\bob");
    }

    @Test
    void twoTactics_withOnePastTheFoothold_qualify() {
        var d = DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.EXECUTION, AlertStatus.NEW, device("ws1.corp.example")),
                alert(Severity.HIGH, Category.LATERAL_MOVEMENT, AlertStatus.IN_PROGRESS, device("ws2.corp.example"))));
        assertThat(d).isPresent();
        assertThat(d.get().reason()).contains("2 tactics", "Execution", "Lateral movement");
        assertThat(d.get().devices()).containsExactly("ws1.corp.example", "ws2.corp.example");
    }

    @Test
    void earlyStagesOnly_mediumOrResolvedAlerts_doNotQualify() {
        assertThat(DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.EXECUTION, AlertStatus.NEW, device("a")),
                alert(Severity.HIGH, Category.PERSISTENCE, AlertStatus.NEW, device("a"))))).isEmpty();
        assertThat(DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.EXECUTION, AlertStatus.NEW, device("a")),
                alert(Severity.MEDIUM, Category.LATERAL_MOVEMENT, AlertStatus.NEW, device("a"))))).isEmpty();
        assertThat(DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.RANSOMWARE, AlertStatus.RESOLVED, device("a"))))).isEmpty();
        assertThat(DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.IMPACT, AlertStatus.NEW, device("a"))))).isEmpty();
    }

    @Test
    void oneAccount_namedTwoWays_isOneTarget_byItsUpn() {
        var d = DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.RANSOMWARE, AlertStatus.NEW, user("corp\\svc_backup")),
                alert(Severity.HIGH, Category.RANSOMWARE, AlertStatus.NEW, user("svc_backup@corp.example"))));
        assertThat(d.get().users()).containsExactly("svc_backup@corp.example");
    }

    @Test
    void serviceIdentities_areNeverTargets() {
        var d = DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.RANSOMWARE, AlertStatus.NEW, user("nt authority\\system"), user("alice"),
                device("ws1"))));
        assertThat(d.get().users()).containsExactly("alice");
    }
}
