package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.portal.response.ActionStatus;
import dev.rampart.portal.response.ActionType;
import dev.rampart.portal.response.ResponseAction;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentEvidenceTest {
    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");

    private static Alert alert(String id, Category category, Severity severity, Instant first, Evidence... ev) {
        return new Alert(id, 1, "Alert " + id, "", severity, AlertStatus.NEW, Classification.UNKNOWN, Determination.UNKNOWN, category,
                List.of("T1059"), "custom", "microsoftDefenderForEndpoint", "rule", null, null, first, first, first, first, null, "r",
                List.of(ev));
    }

    private static ResponseAction action(long id, ActionType type, String target, String name, ActionStatus status, Long undoneBy) {
        OffsetDateTime at = OffsetDateTime.parse("2025-03-01T11:00:00Z");
        return new ResponseAction(id, type, type.target(), target, name, null, Map.of(), status, "Manual action", "ana", "why", at, null, null,
                null, null, null, null, null, null, 1L, null, null, null, undoneBy, at, null, null);
    }

    @Test
    void collect_sameEntityInTwoAlerts_isOneItemWithWorstVerdictAndBothAlerts() {
        Alert a = alert("a1", Category.EXECUTION, Severity.HIGH, T, Evidence.of(EntityType.DEVICE, "WS01.corp.example", "suspicious", List.of()),
                Evidence.of(EntityType.IP, "203.0.113.9", "suspicious", List.of("destination")));
        Alert b = alert("a2", Category.COMMAND_AND_CONTROL, Severity.MEDIUM, T.plusSeconds(60),
                Evidence.of(EntityType.DEVICE, "ws01", "suspicious", List.of()), Evidence.of(EntityType.IP, "203.0.113.9", "malicious", List.of()),
                Evidence.of(EntityType.FILE, "setup.exe", "clean", List.of()));

        List<IncidentEvidence.Item> items = IncidentEvidence.collect(List.of(a, b), List.of());

        assertThat(items).extracting(IncidentEvidence.Item::key).containsExactly("203.0.113.9", "ws01", "setup.exe");
        IncidentEvidence.Item ip = items.get(0);
        assertThat(ip.verdict()).isEqualTo(EvidenceVerdict.MALICIOUS);
        assertThat(ip.alertIds()).containsExactly("a1", "a2");
        assertThat(ip.remediation()).isEqualTo("Not remediated");
        assertThat(items.get(1).alertCount()).isEqualTo(2);
        assertThat(items.get(2).verdict()).isEqualTo(EvidenceVerdict.CLEAN);
        assertThat(items.get(2).remediation()).isEqualTo("None");
    }

    @Test
    void remediation_followsTheNewestRemediatingActionOnTheEntity() {
        Alert a = alert("a1", Category.EXECUTION, Severity.HIGH, T, Evidence.of(EntityType.DEVICE, "ws01.corp.example", "malicious", List.of()),
                Evidence.of(EntityType.IP, "203.0.113.9", "malicious", List.of()), Evidence.of(EntityType.USER, "CORP\\alice", "suspicious", List.of()));
        List<ResponseAction> actions = List.of(
                action(1, ActionType.ISOLATE_DEVICE, "dev-1", "WS01.corp.example", ActionStatus.COMPLETED, null),
                action(2, ActionType.COLLECT_INVESTIGATION_PACKAGE, "dev-1", "ws01", ActionStatus.PENDING, null),
                action(3, ActionType.BLOCK_IP, "203.0.113.9", null, ActionStatus.PENDING_APPROVAL, null),
                action(4, ActionType.DISABLE_USER, "alice", null, ActionStatus.COMPLETED, 9L),
                action(5, ActionType.BLOCK_IP, "198.51.100.1", null, ActionStatus.COMPLETED, null));

        List<IncidentEvidence.Item> items = IncidentEvidence.collect(List.of(a), actions);

        IncidentEvidence.Item device = items.stream().filter(e -> e.type() == EntityType.DEVICE).findFirst().orElseThrow();
        assertThat(device.remediation()).isEqualTo("Remediated");
        assertThat(device.actions()).extracting(ResponseAction::id).containsExactly(1L, 2L);
        IncidentEvidence.Item ip = items.stream().filter(e -> e.type() == EntityType.IP).findFirst().orElseThrow();
        assertThat(ip.remediation()).isEqualTo("Pending approval");
        assertThat(ip.actions()).extracting(ResponseAction::id).containsExactly(3L);
        assertThat(items.stream().filter(e -> e.type() == EntityType.USER).findFirst().orElseThrow().remediation()).isEqualTo("Remediation undone");
    }

    @Test
    void summary_placesAlertsOnTheKillChainInTacticOrder_andRanksAssetsByAlerts() {
        Evidence busy = Evidence.of(EntityType.DEVICE, "dc01", "suspicious", List.of());
        Alert exfil = alert("a3", Category.EXFILTRATION, Severity.HIGH, T.plusSeconds(300), busy);
        Alert exec = alert("a1", Category.EXECUTION, Severity.MEDIUM, T, busy, Evidence.of(EntityType.DEVICE, "ws01", "suspicious", List.of()));
        Alert malware = alert("a2", Category.MALWARE, Severity.LOW, T.plusSeconds(60), busy);
        List<Alert> alerts = List.of(exec, malware, exfil);

        IncidentSummary s = IncidentSummary.of(null, alerts, IncidentEvidence.collect(alerts, List.of()));

        assertThat(s.killChain()).extracting(IncidentSummary.Column::label).startsWith("Initial access", "Execution", "Persistence")
                .endsWith("Exfiltration", "Impact", "Other");
        assertThat(s.killChain().get(1).alerts()).containsExactly(exec);
        assertThat(s.killChain().get(s.killChain().size() - 1).alerts()).containsExactly(malware);
        assertThat(s.tacticCount()).isEqualTo(2);
        IncidentSummary.Scope devices = s.scope().get(0);
        assertThat(devices.count()).isEqualTo(2);
        assertThat(devices.top()).extracting(IncidentEvidence.Item::key).containsExactly("dc01", "ws01");
        assertThat(s.timelineJson()).contains("\"id\":\"a1\"", "\"severity\":\"medium\"", "\"time\":\"2025-03-01T10:00:00Z\"");
    }

    @Test
    void verdictAndSectionFilters_rejectUnknownWordsNamingTheField() {
        assertThat(EvidenceVerdict.of("No threats found")).isEqualTo(EvidenceVerdict.CLEAN);
        assertThat(EvidenceVerdict.of("weird")).isEqualTo(EvidenceVerdict.UNKNOWN);
        assertThatThrownBy(() -> EvidenceVerdict.parseFilter("evil")).isInstanceOf(InvalidValueException.class).hasMessageStartingWith("verdict");
        assertThat(ReportSection.parse(List.of("overview,assets"))).containsExactly(ReportSection.OVERVIEW, ReportSection.ASSETS);
        assertThat(ReportSection.parse(null)).hasSize(ReportSection.values().length);
        assertThatThrownBy(() -> ReportSection.parse(List.of("secrets"))).isInstanceOf(InvalidValueException.class).hasMessageStartingWith("sections");
    }
}
