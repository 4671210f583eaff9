package dev.rampart.portal.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.access.ScopeFixture.Seeded;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The Assets lists as JSON: the pages' filters, the caller's scope, and a 400 naming a parameter that names nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssetsApiIT extends AbstractPortalIT {
    static final String P = "aapi";
    @Autowired
    ApplicationContext ctx;
    @Autowired
    ObjectMapper json;
    Seeded f;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, P);
    }

    private JsonNode get(String user, String path) throws Exception {
        HttpResponse<String> r = get(path, user, ScopeFixture.PASSWORD);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    @Test
    void devices_filteredByRisk_withinTheCallersScope() throws Exception {
        JsonNode all = get(f.allUser(), "/api/v1/devices?q=" + P + "-&risk=High");
        assertThat(all.get("total").asLong()).isEqualTo(2);
        assertThat(all.get("value").findValuesAsString("deviceName")).containsExactlyInAnyOrder(f.euDevice(), f.usDevice());
        JsonNode first = all.get("value").get(0);
        assertThat(first.get("riskLevel").asString()).isEqualTo("High");
        assertThat(first.get("activeAlerts").asInt()).isEqualTo(1);
        JsonNode eu = get(f.euUser(), "/api/v1/devices?q=" + P + "-");
        assertThat(eu.get("value").findValuesAsString("deviceName")).containsExactlyInAnyOrder(f.euDevice(), f.euDevice().replace("-eu1.", "-eu2."));
        JsonNode one = get(f.euUser(), "/api/v1/devices/" + Seeded.id(f.euDevice()));
        assertThat(one.get("deviceName").asString()).isEqualTo(f.euDevice());
        assertThat(one.get("riskLevel").asString()).isEqualTo("High");
        assertThat(get("/api/v1/devices/" + Seeded.id(f.usDevice()), f.euUser(), ScopeFixture.PASSWORD).statusCode()).isEqualTo(404);
    }

    @Test
    void badParameters_areProblemsNamingTheParameter() throws Exception {
        HttpResponse<String> r = get("/api/v1/devices?risk=Severe", f.allUser(), ScopeFixture.PASSWORD);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json.readTree(r.body()).get("parameter").asString()).isEqualTo("risk");
        assertThat(r.body()).contains("risk must be one of High, Medium, Low, Informational, No known risks");
        assertThat(json.readTree(get("/api/v1/devices?pageSize=501", f.allUser(), ScopeFixture.PASSWORD).body()).get("parameter").asString())
                .isEqualTo("pageSize");
        assertThat(json.readTree(get("/api/v1/identities?enabled=maybe", f.allUser(), ScopeFixture.PASSWORD).body()).get("parameter").asString())
                .isEqualTo("enabled");
    }

    @Test
    void withoutSecurityData_itIsForbidden() throws Exception {
        assertThat(get("/api/v1/devices", null, null).statusCode()).isIn(401, 403);
    }
}
