package dev.rampart.portal.response.investigation;

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
import tools.jackson.databind.json.JsonMapper;

/** Investigations keep to the caller's device groups: those of out-of-scope devices are invisible, as if missing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopedInvestigationsIT extends AbstractPortalIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    @Autowired
    ApplicationContext ctx;
    Seeded f;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, "sinv");
    }

    private long start(String user, String alertId) throws Exception {
        HttpResponse<String> r = post("/api/v1/investigations", "application/json", "{\"alertId\":\"" + alertId + "\"}", user, ScopeFixture.PASSWORD);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asLong();
    }

    @Test
    void investigationOfOutOfScopeDevice_is404_andNotListed() throws Exception {
        long us = start(f.allUser(), f.usAlert().id());
        long eu = start(f.allUser(), f.euAlert().id());
        assertThat(get("/api/v1/investigations/" + us, f.euUser(), ScopeFixture.PASSWORD).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/investigations/" + eu, f.euUser(), ScopeFixture.PASSWORD).statusCode()).isEqualTo(200);
        String list = get("/api/v1/investigations", f.euUser(), ScopeFixture.PASSWORD).body();
        assertThat(list).contains("\"id\":" + eu).doesNotContain("\"id\":" + us + ",");
        assertThat(post("/api/v1/investigations", "application/json", "{\"alertId\":\"" + f.usAlert().id() + "\"}", f.euUser(), ScopeFixture.PASSWORD)
                .statusCode()).isEqualTo(404);
        WebSession page = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD);
        assertThat(page.get("/investigations/" + us).statusCode()).isEqualTo(404);
        assertThat(page.get("/investigations").body()).contains("/investigations/" + eu + "\"").doesNotContain("/investigations/" + us + "\"");
    }
}
