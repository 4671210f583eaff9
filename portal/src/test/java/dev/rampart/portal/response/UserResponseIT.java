package dev.rampart.portal.response;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.ScopeFixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The user page's response panel, user containment as sensor policy (released by hand or after five days), and who may act. */
class UserResponseIT extends AbstractPortalIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ResponseStateHandlers state;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext ctx;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String account = "uresp-" + run + "@corp.example";

    @Test
    void containUser_fromTheUserPanel_reachesSensorPolicy_untilReleased() throws Exception {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String panel = admin.get("/response/users/actions?account=" + account).body();
        assertThat(panel).contains("Response actions", "<option value=\"CONTAIN_USER\">Contain user</option>", "No response action on this user yet.");
        HttpResponse<String> r = admin.post("/response/users/actions", WebSession.form("account", account, "type", "CONTAIN_USER", "comment", "Lateral movement"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Contain user requested (action ");
        await(() -> state.containedUsers().contains(account));
        assertThat(admin.get("/response/users/actions?account=" + account).body()).contains(">Contained</span>", "User containment policy published");
        assertThat(policy().get("containedUsers").toString()).contains(account);

        admin.post("/response/users/actions", WebSession.form("account", account.toUpperCase(), "type", "RELEASE_USER_CONTAINMENT", "comment", "Cleared"));
        await(() -> !state.containedUsers().contains(account));
        assertThat(policy().get("containedUsers").toString()).doesNotContain(account);

        // Contained through the API, then five days pass without a release (an account with no release in its history).
        String other = "uresp-api-" + run + "@corp.example";
        HttpResponse<String> api = post("/api/v1/actions", "application/json", "{\"type\":\"containUser\",\"target\":\"" + other + "\",\"comment\":\"again\"}",
                "admin", ADMIN_PASSWORD);
        assertThat(api.statusCode()).as(api.body()).isEqualTo(201);
        await(() -> state.containedUsers().contains(other));
        jdbc.sql("UPDATE response_action SET completed_at = ? WHERE action_type = 'CONTAIN_USER' AND LOWER(target_id) = ?")
                .params(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(5).minusMinutes(1), other).update();
        assertThat(state.containedUsers()).doesNotContain(other);
    }

    @Test
    void containment_needsResponseOnEveryDevice() {
        ScopeFixture.Seeded f = ScopeFixture.seed(ctx, "uresp" + run.substring(0, 4));
        HttpResponse<String> r = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD).post("/response/users/actions",
                WebSession.form("account", account, "type", "CONTAIN_USER", "comment", "x"));
        assertThat(r.body()).contains("Not requested: type Contain user applies on every device; it needs Response (manage) on all devices");
    }

    @Test
    void readersSeeThePanelWithoutActions_andCannotPost() {
        String reader = ScopeFixture.account(ctx, "uresp-read-" + run, List.of("SECURITY_DATA_READ"), List.of(), List.of());
        WebSession s = WebSession.signIn(port, reader, ScopeFixture.PASSWORD);
        assertThat(s.get("/response/users/actions?account=" + account).body()).contains("Response actions").doesNotContain("name=\"type\"");
        assertThat(s.post("/response/users/actions", WebSession.form("account", account, "type", "CONTAIN_USER", "comment", "x")).statusCode()).isEqualTo(403);
        assertThat(s.post("/response/users/actions", WebSession.form("account", account, "type", "ISOLATE_DEVICE", "comment", "x")).statusCode()).isEqualTo(403);
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        assertThat(admin.post("/response/users/actions", WebSession.form("account", account, "type", "ISOLATE_DEVICE", "comment", "x")).body())
                .contains("Not requested: type Isolate device is not a user action.");
    }

    private JsonNode policy() throws Exception {
        String token = JSON.readTree(post("/api/v1/sensors/enrolment-tokens", "application/json", "{\"label\":\"uresp\"}", "admin", ADMIN_PASSWORD).body())
                .get("token").asString();
        String cred = JSON.readTree(sensorPost("/api/v1/sensors/enrol", null, "{\"token\":\"" + token + "\",\"deviceId\":\"id-uresp-" + run
                + "\",\"deviceName\":\"uresp-" + run + "\",\"osPlatform\":\"Windows11\"}").body()).get("credential").asString();
        return JSON.readTree(sensorPost("/api/v1/sensors/me/heartbeat", cred, "{}").body());
    }


    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition within 10 s").isBefore(until);
            Thread.sleep(50);
        }
    }
}
