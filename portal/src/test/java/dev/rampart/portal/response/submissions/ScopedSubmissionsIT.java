package dev.rampart.portal.response.submissions;

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
import tools.jackson.databind.json.JsonMapper;

/** Data scopes hold in submissions: alerts outside the scope cannot be submitted or seen, prevalence counts only visible devices. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopedSubmissionsIT extends AbstractPortalIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    @Autowired
    ApplicationContext ctx;
    Seeded f;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, "ssub");
    }

    @Test
    void detectionOutsideTheScope_cannotBeSubmitted_norItsSubmissionSeen() throws Exception {
        HttpResponse<String> refused = post("/api/v1/submissions", "application/json", "{\"type\":\"detection\",\"claim\":\"fp\",\"value\":\""
                + f.usAlert().id() + "\"}", f.euUser(), ScopeFixture.PASSWORD);
        assertThat(refused.statusCode()).isEqualTo(404);
        long id = submit(f.allUser(), "{\"type\":\"detection\",\"claim\":\"fp\",\"value\":\"" + f.usAlert().id() + "\"}");
        assertThat(get("/api/v1/submissions/" + id, f.euUser(), ScopeFixture.PASSWORD).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/submissions?type=detection", f.euUser(), ScopeFixture.PASSWORD).body()).doesNotContain("\"id\":" + id + ",");
        assertThat(get("/api/v1/submissions?type=detection", f.allUser(), ScopeFixture.PASSWORD).body()).contains("\"id\":" + id + ",");
    }

    @Test
    void prevalence_countsOnlyTheSubmittersDevices() throws Exception {
        String body = "{\"type\":\"file\",\"claim\":\"fn\",\"value\":\"" + f.hash() + "\"}";
        JsonNode eu = completed(submit(f.euUser(), body), f.euUser());
        JsonNode all = completed(submit(f.allUser(), body), f.allUser());
        assertThat(eu.get("findings").toString()).contains("was seen on 2 devices in the estate");
        assertThat(all.get("findings").toString()).contains("was seen on 4 devices in the estate");
    }

    private long submit(String user, String body) throws Exception {
        HttpResponse<String> r = post("/api/v1/submissions", "application/json", body, user, ScopeFixture.PASSWORD);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asLong();
    }

    private JsonNode completed(long id, String user) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonNode s = JSON.readTree(get("/api/v1/submissions/" + id, user, ScopeFixture.PASSWORD).body());
            if (!s.get("status").asString().equals("PENDING")) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("still pending");
    }
}
