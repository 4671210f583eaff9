package dev.rampart.portal.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.IncidentService;
import dev.rampart.portal.incidents.Severity;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

class SigmaDetectionsIT extends AbstractPortalIT {
    @Autowired
    SigmaDetections sigma;
    @Autowired
    DetectionEngine engine;
    @Autowired
    EventStore events;
    @Autowired
    IncidentService incidents;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void signIn() {
        // A principal without an account sees no data (scopes fail closed); the portal's own identity sees all.
        SecurityContextHolder.getContext().setAuthentication(dev.rampart.portal.access.SystemIdentity.authentication("sigma-it-admin"));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private String rule(String id, String level, String image) {
        return """
                title: Sigma IT %s %s
                id: %s
                author: Rampart tests
                description: Test rule.
                level: %s
                tags: [attack.execution, attack.t1059.001]
                logsource: {category: process_creation, product: windows}
                detection:
                  sel: {Image|endswith: '\\\\%s'}
                  condition: sel
                """.formatted(level, run, id, level, image);
    }

    @Test
    void import_highWithFlag_isOn_andRaisesAnAlertWithSigmaMetadata() throws Exception {
        String id = "5b0d7c1e-7a39-4c47-9a3a-" + run + "0001";
        String image = "sig-" + run + ".exe";
        SigmaDetections.Row row = sigma.importYaml(rule(id, "high", image), "it", true);
        assertThat(row.status()).isEqualTo("on");
        DetectionRule r = row.rule();
        assertThat(r.sigmaId()).isEqualTo(id);
        assertThat(r.sigmaAuthor()).isEqualTo("Rampart tests");
        assertThat(r.severity()).isEqualTo(Severity.HIGH);
        assertThat(r.category()).isEqualTo(Category.EXECUTION);
        assertThat(r.mitreTechniques()).containsExactly("T1059.001");
        assertThat(r.description()).contains("Sigma rule " + id + " by Rampart tests");
        assertThat(r.query()).startsWith("DeviceProcessEvents");

        EventFixture.insert(events, "DeviceProcessEvents", 1, Map.of("DeviceId", "sig-dev-" + run, "DeviceName", "sig-" + run + ".it.example",
                "ActionType", "ProcessCreated", "FileName", image, "FolderPath", "C:\\Temp\\" + image, "ProcessCommandLine", image,
                "AccountName", "sig" + run, "ReportId", "7"), Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120));
        DetectionEngine.Outcome o = engine.run(r, "manual");
        assertThat(o.alerts()).isEqualTo(1);
        Alert a = incidents.alert(o.alertIds().get(0));
        assertThat(a.title()).isEqualTo("Sigma IT high " + run + " on sig-" + run + ".it.example");
        assertThat(a.mitreTechniques()).containsExactly("T1059.001");
        assertThat(incidents.sourceEvents(java.util.List.of(a.id())).get(a.id()))
                .anySatisfy(e -> assertThat(e.reportId()).isEqualTo("7"));

        // Importing again refreshes the same detection and keeps it on.
        assertThat(sigma.importYaml(rule(id, "high", image), "it", false).rule().id()).isEqualTo(r.id());
    }

    @Test
    void import_mediumWithFlag_isOff_andUnsupportedRuleShowsItsReason() throws Exception {
        SigmaDetections.Row medium = sigma.importYaml(rule("5b0d7c1e-7a39-4c47-9a3a-" + run + "0002", "medium", "m.exe"), "it", true);
        assertThat(medium.status()).isEqualTo("off");
        assertThat(medium.rule().enabled()).isFalse();

        String unsupported = """
                title: Sigma IT unsupported %s
                id: 5b0d7c1e-7a39-4c47-9a3a-%s0003
                level: high
                logsource: {product: zeek, service: dns}
                detection:
                  sel: {query: evil.example}
                  condition: sel
                """.formatted(run, run);
        SigmaDetections.Row u = sigma.importYaml(unsupported, "it", true);
        assertThat(u.status()).isEqualTo("unsupported");
        assertThat(u.rule()).isNull();
        assertThat(u.reason()).isNotBlank();
        assertThat(sigma.list()).anySatisfy(x -> {
            assertThat(x.sigma().title()).isEqualTo("Sigma IT unsupported " + run);
            assertThat(x.status()).isEqualTo("unsupported");
            assertThat(x.reason()).isEqualTo(u.reason());
        });
    }

    @Test
    void page_listsRulesWithStatusAndKql() throws Exception {
        sigma.importYaml(rule("5b0d7c1e-7a39-4c47-9a3a-" + run + "0004", "low", "page.exe"), "it", false);
        HttpResponse<String> r = dev.rampart.portal.WebSession.signIn(port, "admin", ADMIN_PASSWORD).get("/settings/detections/sigma?q=" + run);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Sigma IT low " + run).contains("Show KQL").contains("DeviceProcessEvents").contains("Off");
    }
}
