package dev.rampart.portal.help;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.access.ScopeFixture.Seeded;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Global search finds incidents (by name and id, inside the caller's data scope) and the portal's help topics. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentAndHelpSearchIT extends AbstractPortalIT {
    @Autowired
    ApplicationContext ctx;
    @Autowired
    tools.jackson.databind.ObjectMapper json;
    Seeded f;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, "hsrch");
    }

    private String api(String q, String user) throws Exception {
        HttpResponse<String> r = get("/api/v1/search?q=" + q, user, ScopeFixture.PASSWORD);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void incidents_foundByEntity_onlyInsideTheCallersScope() throws Exception {
        String eu = "/incidents/" + f.euAlert().incidentId() + "\"";
        String us = "/incidents/" + f.usAlert().incidentId() + "\"";
        String scoped = api("hsrch", f.euUser());
        assertThat(scoped).contains("\"type\":\"incident\"", "\"title\":\"Incidents\"", eu).doesNotContain(us);
        assertThat(api("hsrch", f.allUser())).contains(eu, us);
        String results = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD).get("/search?q=hsrch").body();
        assertThat(results).contains("Incidents (", "/incidents/" + f.euAlert().incidentId()).doesNotContain("/incidents/" + f.usAlert().incidentId() + "\"");
    }

    @Test
    void incidents_foundByName() throws Exception {
        long id = f.usAlert().incidentId();
        String name = json.readTree(get("/api/v1/incidents/" + id, f.allUser(), ScopeFixture.PASSWORD).body()).get("displayName").asString();
        String q = java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(api(q, f.allUser())).contains("/incidents/" + id + "\"", name);
    }

    @Test
    void incidents_foundById_withOrWithoutHash() throws Exception {
        long id = f.usAlert().incidentId();
        assertThat(api("%23" + id, f.allUser())).contains("\"label\":\"#" + id + " ", "/incidents/" + id + "\"");
        assertThat(api(String.valueOf(id), f.allUser())).contains("/incidents/" + id + "\"");
        assertThat(api(String.valueOf(id), f.euUser())).doesNotContain("/incidents/" + id + "\"");
    }

    @Test
    void help_foundByTitleAndBodyWords_andPagesRender() throws Exception {
        assertThat(api("correlated", f.euUser())).contains("\"type\":\"help\"", "/help/incident-correlation");
        // "ndjson" appears only in the body of the onboarding topic.
        assertThat(api("ndjson", f.euUser())).contains("/help/onboarding-data").doesNotContain("/help/hunting");
        WebSession s = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD);
        assertThat(s.getHtmx("/search/suggest?q=hunt").body()).contains("Help", "/help/hunting");
        String page = s.get("/help/incident-correlation").body();
        assertThat(page).contains("How incidents are correlated", "correlation window", "All help topics");
        assertThat(s.get("/help").body()).contains("/help/onboarding-data", "/help/data-scope");
        assertThat(s.get("/help/no-such-topic").statusCode()).isEqualTo(404);
    }
}
