package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.access.ScopeFixture.Seeded;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A user scoped to the EU device group (endpoint data only) sees the incidents and alerts of EU devices in the
 * queues, pages and API, and nothing of US devices or of workloads outside the grant; hidden ids answer 404.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopedIncidentsIT extends AbstractPortalIT {
    @Autowired
    ApplicationContext ctx;
    @Autowired
    ObjectMapper json;
    Seeded f;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, "sinc");
    }

    private JsonNode api(String path, String user) throws Exception {
        HttpResponse<String> r = get(path, user, ScopeFixture.PASSWORD);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private List<String> titles(JsonNode value, String field) {
        List<String> out = new ArrayList<>();
        value.forEach(n -> out.add(n.get(field).asString()));
        return out;
    }

    @Test
    void alertsApi_listsOnlyInScopeAlerts_and404sTheOthers() throws Exception {
        List<String> eu = titles(api("/api/v1/alerts_v2?$top=500", f.euUser()).get("value"), "title");
        assertThat(eu).contains("sinc EU alert").doesNotContain("sinc US alert", "sinc identity alert");
        List<String> all = titles(api("/api/v1/alerts_v2?$top=500", f.allUser()).get("value"), "title");
        assertThat(all).contains("sinc EU alert", "sinc US alert", "sinc identity alert");

        assertThat(get("/api/v1/alerts_v2/" + f.euAlert().id(), f.euUser(), ScopeFixture.PASSWORD).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/alerts_v2/" + f.usAlert().id(), f.euUser(), ScopeFixture.PASSWORD).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/alerts_v2/" + f.identityAlert().id(), f.euUser(), ScopeFixture.PASSWORD).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/alerts_v2/" + f.usAlert().id(), f.allUser(), ScopeFixture.PASSWORD).statusCode()).isEqualTo(200);
        // Changing a hidden alert is refused the same way.
        assertThat(post("/api/v1/alerts_v2/" + f.usAlert().id() + "/comments", "application/json", "{\"comment\":\"x\"}",
                f.euUser(), ScopeFixture.PASSWORD).statusCode()).isEqualTo(404);
    }

    @Test
    void incidentsApi_listsOnlyInScopeIncidents_and404sTheOthers() throws Exception {
        assertThat(f.euAlert().incidentId()).isNotEqualTo(f.usAlert().incidentId());
        List<String> eu = new ArrayList<>();
        api("/api/v1/incidents?$top=500&$expand=alerts", f.euUser()).get("value").forEach(i -> eu.add(i.get("id").asString()));
        assertThat(eu).contains(String.valueOf(f.euAlert().incidentId()))
                .doesNotContain(String.valueOf(f.usAlert().incidentId()), String.valueOf(f.identityAlert().incidentId()));

        assertThat(get("/api/v1/incidents/" + f.euAlert().incidentId(), f.euUser(), ScopeFixture.PASSWORD).statusCode()).isEqualTo(200);
        HttpResponse<String> hidden = get("/api/v1/incidents/" + f.usAlert().incidentId(), f.euUser(), ScopeFixture.PASSWORD);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.body()).doesNotContain("sinc US alert");
        assertThat(get("/api/v1/incidents/" + f.identityAlert().incidentId(), f.euUser(), ScopeFixture.PASSWORD).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/incidents/" + f.usAlert().incidentId(), f.allUser(), ScopeFixture.PASSWORD).statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/incidents/" + f.usAlert().incidentId() + "/comments", "application/json", "{\"comment\":\"x\"}",
                f.euUser(), ScopeFixture.PASSWORD).statusCode()).isEqualTo(404);
    }

    @Test
    void queuesAndPages_showOnlyInScopeIncidentsAndAlerts() {
        WebSession eu = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD);
        String alerts = eu.get("/alerts?q=sinc").body();
        assertThat(alerts).contains("sinc EU alert").doesNotContain("sinc US alert").doesNotContain("sinc identity alert");
        String incidents = eu.get("/incidents?q=sinc").body();
        assertThat(incidents).contains("/incidents/" + f.euAlert().incidentId() + "\"")
                .doesNotContain("/incidents/" + f.usAlert().incidentId() + "\"");
        assertThat(eu.get("/incidents/" + f.euAlert().incidentId()).statusCode()).isEqualTo(200);
        assertThat(eu.get("/incidents/" + f.usAlert().incidentId()).statusCode()).isEqualTo(404);
        assertThat(eu.get("/alerts/" + f.euAlert().id()).statusCode()).isEqualTo(200);
        assertThat(eu.get("/alerts/" + f.usAlert().id()).statusCode()).isEqualTo(404);

        WebSession all = WebSession.signIn(port, f.allUser(), ScopeFixture.PASSWORD);
        assertThat(all.get("/alerts?q=sinc").body()).contains("sinc EU alert", "sinc US alert", "sinc identity alert");
        assertThat(all.get("/incidents/" + f.usAlert().incidentId()).statusCode()).isEqualTo(200);
    }

    @Test
    void activityLog_namesOnlyTheAlertsInTheViewersScope() {
        Correlator correlator = ctx.getBean(Correlator.class);
        // Days before the fixture's alerts: outside the correlation window, so nothing here links to (or merges) them.
        java.time.Instant t = java.time.Instant.now().minus(java.time.Duration.ofDays(5));
        Evidence user = Evidence.of(EntityType.USER, "sinc-mixed@corp.example", "suspicious", List.of());
        Alert eu;
        Alert us;
        org.springframework.security.core.context.SecurityContextHolder.getContext()
                .setAuthentication(dev.rampart.portal.access.SystemIdentity.authentication("scoped-incidents-it"));
        try {
            eu = correlator.raise(new NewAlert("ra", "sinc mixed EU alert", "d", Severity.HIGH, Category.EXECUTION, List.of(), "x",
                    "microsoftDefenderForEndpoint", "sinc-mixed", null, t, t, List.of(Evidence.of(EntityType.DEVICE, f.euDevice(), "suspicious", List.of()), user)));
            us = correlator.raise(new NewAlert("ra", "sinc mixed US alert", "d", Severity.HIGH, Category.EXECUTION, List.of(), "x",
                    "microsoftDefenderForEndpoint", "sinc-mixed", null, t, t, List.of(Evidence.of(EntityType.DEVICE, f.usDevice(), "suspicious", List.of()), user)));
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
        assertThat(us.incidentId()).as("the shared user links both alerts").isEqualTo(eu.incidentId());

        String euLog = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD).get("/incidents/" + eu.incidentId() + "?tab=activity").body();
        assertThat(euLog).contains("Alert " + eu.id() + " added: sinc mixed EU alert").doesNotContain(us.id()).doesNotContain("sinc mixed US alert");
        String allLog = WebSession.signIn(port, f.allUser(), ScopeFixture.PASSWORD).get("/incidents/" + eu.incidentId() + "?tab=activity").body();
        assertThat(allLog).contains("sinc mixed EU alert", "Alert " + us.id() + " added: sinc mixed US alert");
    }

    @Test
    void activityLog_recordedEntriesAboutAnAlertOutOfScope_areNotShown() {
        Correlator correlator = ctx.getBean(Correlator.class);
        IncidentService incidents = ctx.getBean(IncidentService.class);
        java.time.Instant t = java.time.Instant.now().minus(java.time.Duration.ofDays(6));
        Evidence user = Evidence.of(EntityType.USER, "sinc-recorded@corp.example", "suspicious", List.of());
        Alert eu;
        Alert us;
        long moved;
        org.springframework.security.core.context.SecurityContextHolder.getContext()
                .setAuthentication(dev.rampart.portal.access.SystemIdentity.authentication("scoped-incidents-it"));
        try {
            eu = correlator.raise(new NewAlert("ra", "sinc recorded EU alert", "d", Severity.HIGH, Category.EXECUTION, List.of(), "x",
                    "microsoftDefenderForEndpoint", "sinc-recorded", null, t, t, List.of(Evidence.of(EntityType.DEVICE, f.euDevice(), "suspicious", List.of()), user)));
            us = correlator.raise(new NewAlert("ra", "sinc recorded US alert", "d", Severity.HIGH, Category.EXECUTION, List.of(), "x",
                    "microsoftDefenderForEndpoint", "sinc-recorded", null, t, t, List.of(Evidence.of(EntityType.DEVICE, f.usDevice(), "suspicious", List.of()), user)));
            incidents.updateAlert(us.id(), new AlertChange(null, "tier2@corp.example", null, null, "US-only triage note"));
            incidents.updateAlert(eu.id(), new AlertChange(null, null, null, null, "EU triage note"));
            moved = incidents.moveAlerts(List.of(us.id()), null, "split the US part out").id();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
        assertThat(us.incidentId()).isEqualTo(eu.incidentId());

        WebSession euSession = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD);
        String euLog = euSession.get("/incidents/" + eu.incidentId() + "?tab=activity").body();
        assertThat(euLog).contains("On alert " + eu.id() + ": EU triage note")
                .doesNotContain(us.id()).doesNotContain("US-only triage note").doesNotContain("tier2@corp.example").doesNotContain("sinc recorded US alert");
        String allLog = WebSession.signIn(port, f.allUser(), ScopeFixture.PASSWORD).get("/incidents/" + eu.incidentId() + "?tab=activity").body();
        assertThat(allLog).contains("On alert " + us.id() + ": US-only triage note", "Alert " + us.id() + " moved to incident " + moved,
                "Alert " + us.id() + " added: sinc recorded US alert");
    }
}
