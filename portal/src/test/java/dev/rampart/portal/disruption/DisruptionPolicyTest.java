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
    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private static Alert alert(Severity severity, Category category, AlertStatus status, Evidence... evidence) {
        return alert(severity, category, status, "edr", Classification.UNKNOWN, T, evidence);
    }

    private static Alert alert(Severity severity, Category category, AlertStatus status, String detectionSource, Classification classification,
                               Instant created, Evidence... evidence) {
        return new Alert("da1", 1, category.label() + " alert", "d", severity, status, classification, Determination.UNKNOWN, category, List.of(),
                detectionSource, "microsoftDefenderForEndpoint", "det", null, null, T, T, created, created, null, null, List.of(evidence));
    }

    private static Evidence device(String name) {
        return Evidence.of(EntityType.DEVICE, name, "suspicious", List.of());
    }

    private static Evidence user(String name) {
        return Evidence.of(EntityType.USER, name, "suspicious", List.of());
    }

    private static List<String> users(DisruptionPolicy.Decision d) {
        return d.users().stream().map(DisruptionPolicy.Target::display).toList();
    }

    @Test
    void ransomwareAlone_qualifies_andNamesItsAssets() {
        var d = DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.RANSOMWARE, AlertStatus.NEW, device("FS01.corp.example"), user("corp\\bob"))), T);
        assertThat(d).isPresent();
        assertThat(d.get().reason()).startsWith("ransomware activity");
        assertThat(d.get().devices()).containsExactly(new DisruptionPolicy.Target("fs01", "FS01.corp.example"));
        assertThat(users(d.get())).containsExactly("corp\\bob");
    }

    @Test
    void twoTactics_withOnePastTheFoothold_qualify_andOneDeviceNamedTwoWaysIsOneTarget() {
        var d = DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.EXECUTION, AlertStatus.NEW, device("ws1.corp.example")),
                alert(Severity.HIGH, Category.LATERAL_MOVEMENT, AlertStatus.IN_PROGRESS, device("WS1.corp.example"), device("ws2.corp.example"))), T);
        assertThat(d).isPresent();
        assertThat(d.get().reason()).contains("2 tactics", "Execution", "Lateral movement");
        assertThat(d.get().devices()).extracting(DisruptionPolicy.Target::key).containsExactly("ws1", "ws2");
    }

    @Test
    void earlyStages_mediumResolvedOrOldAlerts_andNonTactics_doNotQualify() {
        assertThat(DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.EXECUTION, AlertStatus.NEW, device("a")),
                alert(Severity.HIGH, Category.PERSISTENCE, AlertStatus.NEW, device("a"))), T)).isEmpty();
        assertThat(DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.EXECUTION, AlertStatus.NEW, device("a")),
                alert(Severity.MEDIUM, Category.LATERAL_MOVEMENT, AlertStatus.NEW, device("a"))), T)).isEmpty();
        assertThat(DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.RANSOMWARE, AlertStatus.RESOLVED, device("a"))), T)).isEmpty();
        // Malware is a category, not a tactic: with credential access it is one tactic.
        assertThat(DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.MALWARE, AlertStatus.NEW, device("a")),
                alert(Severity.HIGH, Category.CREDENTIAL_ACCESS, AlertStatus.NEW, device("a"))), T)).isEmpty();
        // Raised before disruption could count them.
        assertThat(DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.RANSOMWARE, AlertStatus.NEW, device("a"))), T.plusSeconds(1))).isEmpty();
    }

    @Test
    void alertsPeopleShape_orClassifiedBenign_doNotCount() {
        assertThat(DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.RANSOMWARE, AlertStatus.NEW, "manual", Classification.UNKNOWN, T,
                device("a"))), T)).isEmpty();
        assertThat(DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.RANSOMWARE, AlertStatus.NEW, "customDetection", Classification.UNKNOWN, T,
                device("a"))), T)).isEmpty();
        assertThat(DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.RANSOMWARE, AlertStatus.IN_PROGRESS, "edr", Classification.FALSE_POSITIVE, T,
                device("a"))), T)).isEmpty();
    }

    @Test
    void cleanEvidence_andSystemIdentities_areNeverTargets() {
        var d = DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.RANSOMWARE, AlertStatus.NEW, user("nt authority\\system"), user("alice"),
                Evidence.of(EntityType.DEVICE, "clean-host", "clean", List.of()), device("ws1"))), T);
        assertThat(users(d.get())).containsExactly("alice");
        assertThat(d.get().devices()).extracting(DisruptionPolicy.Target::key).containsExactly("ws1");
    }

    @Test
    void accounts_joinTheirUpn_onlyInTheSameDomain() {
        var d = DisruptionPolicy.evaluate(List.of(alert(Severity.HIGH, Category.RANSOMWARE, AlertStatus.NEW, user("CORP\\bob"), user("bob@corp.example"),
                user("PARTNER\\bob"), user("carol"), user("carol@corp.example"))), T);
        assertThat(users(d.get())).containsExactly("bob@corp.example", "carol@corp.example", "PARTNER\\bob");
    }
}
