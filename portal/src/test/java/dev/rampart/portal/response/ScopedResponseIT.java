package dev.rampart.portal.response;

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
import tools.jackson.databind.ObjectMapper;

/**
 * Response actions keep to the requester's device groups: a user scoped to EU devices cannot act on a US device
 * (refused as if the device were unknown), and actions on US devices are absent from the lists and answer 404.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopedResponseIT extends AbstractPortalIT {
    @Autowired
    ApplicationContext ctx;
    @Autowired
    ObjectMapper json;
    Seeded f;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, "sresp");
    }

    private HttpResponse<String> isolate(String user, String device) throws Exception {
        return post("/api/v1/actions", "application/json", "{\"type\":\"isolateDevice\",\"target\":\"" + device
                + "\",\"comment\":\"scope test\"}", user, ScopeFixture.PASSWORD);
    }

    private long id(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("value").get(0).get("id").asLong();
    }

    private List<Long> listed(String user) throws Exception {
        List<Long> ids = new ArrayList<>();
        json.readTree(get("/api/v1/actions?pageSize=500", user, ScopeFixture.PASSWORD).body()).get("value").forEach(a -> ids.add(a.get("id").asLong()));
        return ids;
    }

    @Test
    void actionOnOutOfScopeDevice_isRefusedLikeAnUnknownDevice() throws Exception {
        HttpResponse<String> refused = isolate(f.euUser(), Seeded.id(f.usDevice()));
        assertThat(refused.statusCode()).isEqualTo(400);
        String unknown = isolate(f.euUser(), "id-sresp-nowhere").body();
        assertThat(refused.body().replace(Seeded.id(f.usDevice()), "?")).isEqualTo(unknown.replace("id-sresp-nowhere", "?"));
        assertThat(isolate(f.euUser(), f.usDevice()).statusCode()).isEqualTo(400);
        assertThat(id(isolate(f.euUser(), Seeded.id(f.euDevice())))).isPositive();
    }

    @Test
    void actionsOnOutOfScopeDevices_areInvisible() throws Exception {
        long us = id(isolate(f.allUser(), Seeded.id(f.usDevice())));
        long eu = id(post("/api/v1/actions", "application/json", "{\"type\":\"runAntivirusScan\",\"target\":\"" + Seeded.id(f.euDevice())
                + "\",\"comment\":\"scope test\"}", f.allUser(), ScopeFixture.PASSWORD));

        assertThat(listed(f.euUser())).contains(eu).doesNotContain(us);
        assertThat(listed(f.allUser())).contains(eu, us);
        assertThat(get("/api/v1/actions/" + us, f.euUser(), ScopeFixture.PASSWORD).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/actions/" + eu, f.euUser(), ScopeFixture.PASSWORD).statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/actions/" + us + "/cancel", "application/json", "{\"comment\":\"no\"}", f.euUser(), ScopeFixture.PASSWORD)
                .statusCode()).isEqualTo(404);

        WebSession page = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD);
        String history = page.get("/action-center/history").body();
        assertThat(history).contains(f.euDevice()).doesNotContain(f.usDevice());
        assertThat(page.get("/action-center/history?action=" + us).body()).doesNotContain(f.usDevice());
    }
}
