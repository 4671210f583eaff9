package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AlertTuningIT extends AbstractPortalIT {
    @Autowired
    AlertTuning tuning;
    @Autowired
    Correlator correlator;
    @Autowired
    IncidentService incidents;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void signIn() {
        // A principal without an account sees no data (scopes fail closed); the portal's own identity sees all.
        SecurityContextHolder.getContext().setAuthentication(dev.rampart.portal.access.SystemIdentity.authentication("tuning-it-admin"));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private Alert raise(String title, String device) {
        Instant t = Instant.now().minusSeconds(300);
        return correlator.raise(new NewAlert("ra", title, "d", Severity.MEDIUM, Category.DISCOVERY, List.of(), "x", "microsoftDefenderForEndpoint",
                "tuning-it", null, t, t, List.of(Evidence.of(EntityType.DEVICE, device, "suspicious", List.of()))));
    }

    @Test
    void hideRule_suppressesMatchingNewAlerts_andListsThem() {
        TuningRule r = tuning.create("Hide backup scans " + run, TuningRule.Action.HIDE,
                List.of(new TuningRule.Condition("title", "contains", "backup scan " + run), new TuningRule.Condition("device", "equals", "bk-" + run)),
                "Nightly backup agent");
        Alert hidden = raise("Backup scan " + run + " enumerated shares", "bk-" + run + ".corp.example");
        Alert otherDevice = raise("Backup scan " + run + " enumerated shares", "ws-" + run + ".corp.example");

        assertThat(hidden.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(hidden.reasonLinked()).contains("Hidden by alert tuning rule");
        assertThat(incidents.get(hidden.incidentId()).status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(otherDevice.status()).as("one condition fails: not tuned").isEqualTo(AlertStatus.NEW);
        assertThat(tuning.caught(r.id(), 10)).containsExactly(hidden.id());
        assertThat(tuning.get(r.id()).hits()).isEqualTo(1);

        Page<Alert> queue = incidents.alerts(new AlertQuery(Set.of(), Set.of(), Set.of(), null, "tuning-it", "backup scan " + run, null, 1, 50));
        assertThat(queue.items()).extracting(Alert::id).containsExactly(otherDevice.id());
        Page<Incident> iq = incidents.list(new IncidentQuery(Set.of(), Set.of(), null, Set.of(), "backup scan " + run, "id", true, 1, 50));
        assertThat(iq.items()).extracting(Incident::id).containsExactly(otherDevice.incidentId());
    }

    @Test
    void resolveRule_correlatesButResolves_andTurnedOffRuleStopsApplying() {
        TuningRule r = tuning.create("Resolve test tool " + run, TuningRule.Action.RESOLVE,
                List.of(new TuningRule.Condition("title", "equals", "Test tool " + run)), "");
        Alert a = raise("Test tool " + run, "tt-" + run + ".corp.example");
        assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(incidents.get(a.incidentId()).status()).isEqualTo(IncidentStatus.RESOLVED);
        tuning.setEnabled(r.id(), false);
        assertThat(raise("Test tool " + run, "tt2-" + run + ".corp.example").status()).isEqualTo(AlertStatus.NEW);
    }

    @Test
    void api_createsRule_andRejectsUnknownFieldNamingIt() throws Exception {
        HttpResponse<String> bad = post("/api/v1/alertTuningRules", "application/json",
                "{\"name\":\"bad " + run + "\",\"action\":\"hide\",\"conditions\":[{\"field\":\"colour\",\"operator\":\"equals\",\"operand\":\"x\"}]}",
                "admin", ADMIN_PASSWORD);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).get("field").asString()).isEqualTo("conditions[0].field");

        HttpResponse<String> ok = post("/api/v1/alertTuningRules", "application/json",
                "{\"name\":\"api " + run + "\",\"action\":\"resolve\",\"comment\":\"c\",\"conditions\":[{\"field\":\"user\",\"operator\":\"equals\",\"operand\":\"svc-" + run + "\"}]}",
                "admin", ADMIN_PASSWORD);
        assertThat(ok.statusCode()).isEqualTo(201);
        JsonNode r = json.readTree(ok.body());
        assertThat(r.get("action").asString()).isEqualTo("RESOLVE");
        HttpResponse<String> list = get("/api/v1/alertTuningRules/" + r.get("id").asLong() + "/alerts", "admin", ADMIN_PASSWORD);
        assertThat(list.statusCode()).isEqualTo(200);
    }

    @Test
    void page_createsRuleFromTheForm_andShowsIt() throws Exception {
        WebSession web = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        HttpResponse<String> created = web.post("/settings/alert-tuning", WebSession.form("name", "Page rule " + run, "action", "hide",
                "field0", "detector", "operator0", "equals", "value0", "noisy-" + run, "comment", "benign"));
        assertThat(created.statusCode()).isEqualTo(302);
        HttpResponse<String> page = web.get("/settings/alert-tuning");
        assertThat(page.body()).contains("Page rule " + run).contains("detector equals").contains("noisy-" + run);
    }
}
