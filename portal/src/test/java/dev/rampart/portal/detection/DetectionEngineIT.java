package dev.rampart.portal.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.AlertStatus;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Incident;
import dev.rampart.portal.incidents.IncidentChange;
import dev.rampart.portal.incidents.IncidentService;
import dev.rampart.portal.incidents.IncidentStatus;
import dev.rampart.portal.incidents.InvalidValueException;
import dev.rampart.portal.incidents.Severity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

class DetectionEngineIT extends AbstractPortalIT {
    @Autowired
    EventStore events;
    @Autowired
    DetectionRules rules;
    @Autowired
    DetectionEngine engine;
    @Autowired
    IncidentService incidents;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void signIn() {
        // A principal without an account sees no data (scopes fail closed); the portal's own identity sees all.
        SecurityContextHolder.getContext().setAuthentication(dev.rampart.portal.access.SystemIdentity.authentication("detect-it-analyst"));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private void process(String device, String tool, String account, int count) {
        EventFixture.insert(events, "DeviceProcessEvents", count, Map.of("DeviceId", "id-" + device, "DeviceName", device + ".it.example",
                "ActionType", "ProcessCreated", "FileName", tool, "ProcessCommandLine", tool + " --run {i}", "AccountName", account,
                "AccountUpn", account + "@it.example", "ReportId", "{i}"), Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600));
    }

    private DetectionRule rule(String name, String tool, Category category) {
        return rules.create(new RuleDraft(name + " " + run, "DeviceProcessEvents | where FileName == \"" + tool + "\" "
                + "| project Timestamp, DeviceId, DeviceName, ReportId, AccountUpn, ProcessCommandLine", Frequency.HOUR_1,
                "Tool " + tool + " on {{DeviceName}}", "IT rule", Severity.MEDIUM, category, List.of("T1059"), "Look", EntityMapping.automatic(), true));
    }

    @Test
    void run_raisesOneAlertPerEntitySet_andNeverTwiceForTheSameEvents() {
        String tool = "it-tool-" + run + ".exe";
        process("ws-a-" + run, tool, "alice" + run, 3);
        DetectionRule r = rule("Dedup", tool, Category.EXECUTION);

        DetectionEngine.Outcome first = engine.run(r, "manual");
        assertThat(first.status()).isEqualTo("completed");
        assertThat(first.rows()).isEqualTo(3);
        assertThat(first.alerts()).isEqualTo(1);
        Alert alert = incidents.alert(first.alertIds().get(0));
        assertThat(alert.id()).startsWith("ea");
        assertThat(alert.title()).isEqualTo("Tool " + tool + " on ws-a-" + run + ".it.example");
        assertThat(alert.detectionSource()).isEqualTo("customDetection");
        assertThat(alert.serviceSource()).isEqualTo("microsoftDefenderForEndpoint");
        assertThat(alert.evidence()).extracting(e -> e.type().key()).contains("device", "user", "process");

        DetectionEngine.Outcome second = engine.run(r, "manual");
        assertThat(second.alerts()).isZero();
        assertThat(second.duplicates()).isEqualTo(1);

        EventFixture.insert(events, "DeviceProcessEvents", 1, Map.of("DeviceId", "id-ws-a-" + run, "DeviceName", "ws-a-" + run + ".it.example",
                "FileName", tool, "ProcessCommandLine", tool + " --again", "AccountUpn", "alice" + run + "@it.example", "ReportId", "99"),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60));
        assertThat(engine.run(r, "manual").alerts()).as("a new event on the same entities alerts again").isEqualTo(1);
        assertThat(rules.runs(r.id(), 10)).hasSize(3).allMatch(x -> x.status().equals("completed"));
    }

    @Test
    void run_capsAlertsAtOneHundred_andSaysSo() {
        String tool = "it-many-" + run + ".exe";
        for (int i = 0; i < 120; i++) {
            process("many-" + i + "-" + run, tool, "svc" + i + run, 1);
        }
        DetectionEngine.Outcome o = engine.run(rule("Cap", tool, Category.EXECUTION), "manual");
        assertThat(o.alerts()).isEqualTo(100);
        assertThat(o.overLimit()).isEqualTo(20);
        assertThat(o.message()).contains("limit of 100 alerts");
    }

    @Test
    void run_recordsQueryErrorsInHistory() {
        DetectionRule r = rule("Broken", "x.exe", Category.EXECUTION);
        // Make the stored query invalid the way an upgrade might: validation blocks saving it, so edit the row.
        jdbcBreak(r.id());
        DetectionEngine.Outcome o = engine.run(rules.find(r.id()).orElseThrow(), "manual");
        assertThat(o.status()).isEqualTo("failed");
        assertThat(o.errorCode()).isEqualTo("queryExecutionFailed");
        assertThat(rules.runs(r.id(), 5).get(0).message()).contains("Line 1");
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private void jdbcBreak(long id) {
        jdbc.sql("UPDATE detection_rule SET query_text = 'DeviceProcessEvents | wher x' WHERE id = ?").param(id).update();
    }

    @Test
    void save_rejectsQueryWithoutTimestampOrAsset() {
        assertThatThrownBy(() -> rules.create(new RuleDraft("No ts " + run, "DeviceProcessEvents | project DeviceName", Frequency.HOUR_1, "t", "",
                Severity.LOW, Category.EXECUTION, List.of(), "", null, true)))
                .isInstanceOf(DetectionRules.InvalidRuleException.class).hasMessageContaining("Timestamp");
        assertThatThrownBy(() -> rules.create(new RuleDraft("No asset " + run, "DeviceProcessEvents | project Timestamp, FileName", Frequency.HOUR_1,
                "t", "", Severity.LOW, Category.EXECUTION, List.of(), "", null, true)))
                .isInstanceOf(DetectionRules.InvalidRuleException.class).hasMessageContaining("device, user or mailbox");
        assertThatThrownBy(() -> rules.create(new RuleDraft("Two tables " + run,
                "DeviceProcessEvents | project Timestamp, DeviceId, DeviceName, ReportId | fork (take 1 | as First) (take 2 | as Second)",
                Frequency.HOUR_1, "t", "", Severity.LOW, Category.EXECUTION, List.of(), "", null, true)))
                .isInstanceOf(DetectionRules.InvalidRuleException.class).hasMessageContaining("must return one table; this one returns 2 (First, Second)");
    }

    @Test
    void correlation_joinsSharedDevice_startsNewIncidentOtherwise_andMergesWhenAlertLinksTwo() {
        String t1 = "it-c1-" + run + ".exe";
        String t2 = "it-c2-" + run + ".exe";
        String t3 = "it-c3-" + run + ".exe";
        String ws1 = "ws-c1-" + run;
        String ws2 = "ws-c2-" + run;
        process(ws1, t1, "carol" + run, 1);
        process(ws2, t2, "dave" + run, 1);
        Alert a1 = incidents.alert(engine.run(rule("C1", t1, Category.EXECUTION), "manual").alertIds().get(0));
        Alert a2 = incidents.alert(engine.run(rule("C2", t2, Category.CREDENTIAL_ACCESS), "manual").alertIds().get(0));
        assertThat(a2.incidentId()).isNotEqualTo(a1.incidentId());
        assertThat(a1.reasonLinked()).startsWith("New incident");

        // carol works on ws2 now: the alert shares ws2 with incident 2 and carol with incident 1 -> they merge.
        process(ws2, t3, "carol" + run, 1);
        Alert a3 = incidents.alert(engine.run(rule("C3", t3, Category.LATERAL_MOVEMENT), "manual").alertIds().get(0));
        assertThat(a3.reasonLinked()).startsWith("Linked to incident");
        Incident target = incidents.get(a3.incidentId());
        assertThat(target.alertCount()).isEqualTo(3);
        long source = a3.incidentId() == a1.incidentId() ? a2.incidentId() : a1.incidentId();
        Incident redirected = incidents.get(source);
        assertThat(redirected.status()).isEqualTo(IncidentStatus.REDIRECTED);
        assertThat(redirected.redirectIncidentId()).isEqualTo(target.id());
        assertThat(redirected.systemTags()).contains("Redirected");
        assertThat(target.displayName()).isEqualTo("Multi-stage incident involving Execution & Lateral movement on multiple endpoints");
        assertThat(target.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(incidents.activity(target.id())).anyMatch(x -> x.kind().equals("merge"));
    }

    @Test
    void correlation_doesNotMergeIncidentsAssignedToDifferentPeople() {
        String t1 = "it-b1-" + run + ".exe";
        String t2 = "it-b2-" + run + ".exe";
        String t3 = "it-b3-" + run + ".exe";
        process("ws-b1-" + run, t1, "erin" + run, 1);
        process("ws-b2-" + run, t2, "frank" + run, 1);
        Alert a1 = incidents.alert(engine.run(rule("B1", t1, Category.EXECUTION), "manual").alertIds().get(0));
        Alert a2 = incidents.alert(engine.run(rule("B2", t2, Category.EXECUTION), "manual").alertIds().get(0));
        incidents.update(a1.incidentId(), IncidentChange.none().withAssignedTo("analyst-one"));
        incidents.update(a2.incidentId(), IncidentChange.none().withAssignedTo("analyst-two"));
        process("ws-b2-" + run, t3, "erin" + run, 1);
        Alert a3 = incidents.alert(engine.run(rule("B3", t3, Category.EXECUTION), "manual").alertIds().get(0));
        assertThat(incidents.get(a1.incidentId()).status()).isNotEqualTo(IncidentStatus.REDIRECTED);
        assertThat(incidents.get(a2.incidentId()).status()).isNotEqualTo(IncidentStatus.REDIRECTED);
        assertThat(incidents.activity(a3.incidentId())).anyMatch(x -> x.text().contains("assigned to different people"));
    }

    @Test
    void manage_resolveResolvesAlerts_moveNeedsComment_manualMergeRedirects() {
        String t1 = "it-m1-" + run + ".exe";
        String t2 = "it-m2-" + run + ".exe";
        process("ws-m1-" + run, t1, "gina" + run, 1);
        process("ws-m2-" + run, t2, "hank" + run, 1);
        Alert a1 = incidents.alert(engine.run(rule("M1", t1, Category.EXECUTION), "manual").alertIds().get(0));
        Alert a2 = incidents.alert(engine.run(rule("M2", t2, Category.EXECUTION), "manual").alertIds().get(0));

        assertThatThrownBy(() -> incidents.moveAlerts(List.of(a2.id()), a1.incidentId(), " "))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("comment");
        Incident moved = incidents.moveAlerts(List.of(a2.id()), a1.incidentId(), "same operator");
        assertThat(moved.alertCount()).isEqualTo(2);
        assertThat(incidents.get(a2.incidentId()).status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(incidents.alert(a2.id()).reasonLinked()).contains("same operator");

        Incident split = incidents.moveAlerts(List.of(a2.id()), null, "different operator after all");
        Incident merged = incidents.merge(List.of(a1.incidentId(), split.id()), "one campaign");
        assertThat(merged.alertCount()).isEqualTo(2);

        Incident resolved = incidents.update(merged.id(), IncidentChange.none().withStatus(IncidentStatus.RESOLVED).withResolvingComment("contained"));
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(incidents.alertsOf(merged.id())).allMatch(a -> a.status() == AlertStatus.RESOLVED);
        assertThatThrownBy(() -> incidents.update(merged.id(), IncidentChange.none().withClassification(
                dev.rampart.portal.incidents.Classification.FALSE_POSITIVE, dev.rampart.portal.incidents.Determination.MALWARE)))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("determination");
    }
}
