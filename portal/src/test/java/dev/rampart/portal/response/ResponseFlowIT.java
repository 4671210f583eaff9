package dev.rampart.portal.response;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.access.UserAccounts;
import dev.rampart.portal.response.indicators.IocMatcher;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The response loop over HTTP: enrol a sensor, request an action, the sensor carries it out, history, approvals, IOC alerts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseFlowIT extends AbstractPortalIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PW = "response-flow-pw-1234";

    @Autowired
    UserAccounts users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IocMatcher ioc;

    private String deviceId;
    private String credential;

    @BeforeAll
    void enrolSensor() throws Exception {
        users.create("rf-reader", "Reader", null, PW, List.of("security-reader"));
        deviceId = UUID.randomUUID().toString().replace("-", "");
        String token = json(post("/api/v1/sensors/enrolment-tokens", "application/json", "{\"label\":\"it\",\"maxUses\":2}", "admin", ADMIN_PASSWORD), 201)
                .get("token").asString();
        JsonNode enrolled = json(sensorPost("/api/v1/sensors/enrol", null, "{\"token\":\"" + token + "\",\"deviceId\":\"" + deviceId
                + "\",\"deviceName\":\"rf-ws01.corp.example\",\"osPlatform\":\"Windows11\",\"capabilities\":[\"mail\"]}"), 201);
        credential = enrolled.get("credential").asString();
        json(sensorPost("/api/v1/sensors/me/heartbeat", credential, "{\"ipAddresses\":[\"10.9.8.7\"],\"isolated\":false}"), 200);
    }

    @Test
    void isolate_sensorCarriesItOut_historyShowsCompleted_andUndoReleases() throws Exception {
        JsonNode created = json(post("/api/v1/actions", "application/json", "{\"type\":\"isolateDevice\",\"target\":\"" + deviceId
                + "\",\"comment\":\"Contain ransomware spread\"}", "admin", ADMIN_PASSWORD), 201);
        long id = created.get("value").get(0).get("id").asLong();
        assertThat(created.get("value").get(0).get("status").asString()).isEqualTo("PENDING");

        JsonNode work = json(sensorGet("/api/v1/sensors/me/actions", credential), 200);
        // The sensor also offers the mail capability, so other tests' approved email actions may come along.
        JsonNode mine = null;
        for (JsonNode w : work) {
            mine = w.get("id").asLong() == id ? w : mine;
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("type").asString()).isEqualTo("isolateDevice");
        assertThat(json(get("/api/v1/actions/" + id, "admin", ADMIN_PASSWORD), 200).get("status").asString()).isEqualTo("IN_PROGRESS");

        json(sensorPost("/api/v1/sensors/me/actions/" + id + "/result", credential,
                "{\"status\":\"completed\",\"summary\":\"Device isolated\",\"artifacts\":[{\"name\":\"isolation.log\",\"contentType\":\"text/plain\",\"contentBase64\":\"b2s=\"}]}"), 200);
        JsonNode done = json(get("/api/v1/actions/" + id, "admin", ADMIN_PASSWORD), 200);
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("result").asString()).isEqualTo("Device isolated");
        assertThat(done.get("undoable").asBoolean()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE target_user = 'admin' AND kind = 'SUCCESS' AND link LIKE ?")
                .param("%action=" + id).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE target_type = 'response_action' AND target_id = ?").param(String.valueOf(id))
                .query(Long.class).single()).isGreaterThanOrEqualTo(3);

        JsonNode undo = json(post("/api/v1/actions/" + id + "/undo", "application/json", "{\"comment\":\"Cleaned\"}", "admin", ADMIN_PASSWORD), 201);
        assertThat(undo.get("type").asString()).isEqualTo("releaseFromIsolation");
        assertThat(json(get("/api/v1/actions/" + id, "admin", ADMIN_PASSWORD), 200).get("undoneBy").asLong()).isEqualTo(undo.get("id").asLong());
        assertThat(get("/api/v1/actions?status=completed&deviceId=" + deviceId, "admin", ADMIN_PASSWORD).body()).contains("\"total\":1");
    }

    @Test
    void emailRemediation_waitsForApproval_thenReachesTheMailSensor() throws Exception {
        JsonNode created = json(post("/api/v1/actions", "application/json", "{\"type\":\"softDeleteEmail\",\"target\":\"" + UUID.randomUUID()
                + "\",\"parameters\":{\"recipient\":\"ann@corp.example\"},\"comment\":\"Phish\"}", "admin", ADMIN_PASSWORD), 201);
        long id = created.get("value").get(0).get("id").asLong();
        assertThat(created.get("value").get(0).get("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(json(sensorGet("/api/v1/sensors/me/actions", credential), 200).findValues("id").stream().map(JsonNode::asLong)).doesNotContain(id);

        HttpResponse<String> noComment = post("/api/v1/actions/approve", "application/json", "{\"ids\":[" + id + "]}", "admin", ADMIN_PASSWORD);
        assertThat(noComment.statusCode()).isEqualTo(400);
        assertThat(noComment.body()).contains("comment");
        assertThat(post("/api/v1/actions/approve", "application/json", "{\"ids\":[" + id + "],\"comment\":\"ok\"}", "rf-reader", PW).statusCode()).isEqualTo(403);
        json(post("/api/v1/actions/approve", "application/json", "{\"ids\":[" + id + "],\"comment\":\"Confirmed phish\"}", "admin", ADMIN_PASSWORD), 200);
        assertThat(json(sensorGet("/api/v1/sensors/me/actions", credential), 200).findValues("id").stream().map(JsonNode::asLong)).contains(id);
    }

    @Test
    void moveToDeletedItems_isTwoStep_andRevokeSessions_goesToTheIdentitySensorQueue() throws Exception {
        JsonNode deleted = json(post("/api/v1/actions", "application/json", "{\"type\":\"moveEmailToDeletedItems\",\"target\":\"" + UUID.randomUUID()
                + "\",\"parameters\":{\"recipient\":\"ann@corp.example\"},\"comment\":\"Phish\"}", "admin", ADMIN_PASSWORD), 201);
        assertThat(deleted.get("value").get(0).get("status").asString()).isEqualTo("PENDING_APPROVAL");
        JsonNode revoke = json(post("/api/v1/actions", "application/json", "{\"type\":\"revokeUserSessions\",\"target\":\"ann@corp.example\","
                + "\"comment\":\"Token theft\"}", "admin", ADMIN_PASSWORD), 201);
        assertThat(revoke.get("value").get(0).get("status").asString()).isEqualTo("PENDING");
        assertThat(revoke.get("value").get(0).get("type").asString()).isEqualTo("revokeUserSessions");
    }

    @Test
    void request_withoutComment_orUnknownDevice_isProblemNamingTheField() throws Exception {
        HttpResponse<String> r = post("/api/v1/actions", "application/json", "{\"type\":\"isolateDevice\",\"target\":\"" + deviceId + "\"}", "admin", ADMIN_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("field").asString()).isEqualTo("comment");
        r = post("/api/v1/actions", "application/json", "{\"type\":\"isolateDevice\",\"target\":\"no-such-device\",\"comment\":\"x\"}", "admin", ADMIN_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("no device with id or name 'no-such-device'");
        assertThat(post("/api/v1/actions", "application/json", "{\"type\":\"isolateDevice\",\"target\":\"" + deviceId + "\",\"comment\":\"x\"}",
                "rf-reader", PW).statusCode()).isEqualTo(403);
    }

    @Test
    void containAndMarkCompromised_runInThePortal_andContainmentReachesOtherSensorsPolicy() throws Exception {
        String other = UUID.randomUUID().toString().replace("-", "");
        String token = json(post("/api/v1/sensors/enrolment-tokens", "application/json", "{\"label\":\"it2\"}", "admin", ADMIN_PASSWORD), 201)
                .get("token").asString();
        String cred = json(sensorPost("/api/v1/sensors/enrol", null, "{\"token\":\"" + token + "\",\"deviceId\":\"" + other
                + "\",\"deviceName\":\"rf-ws02\"}"), 201).get("credential").asString();
        JsonNode c = json(post("/api/v1/actions", "application/json", "{\"type\":\"containDevice\",\"target\":\"" + deviceId
                + "\",\"comment\":\"Unmanaged behaviour\"}", "admin", ADMIN_PASSWORD), 201).get("value").get(0);
        assertThat(c.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(json(sensorPost("/api/v1/sensors/me/heartbeat", cred, "{}"), 200).get("containedAddresses").toString()).contains("10.9.8.7");
        JsonNode u = json(post("/api/v1/actions", "application/json", "{\"type\":\"markUserCompromised\",\"target\":\"ann@corp.example\",\"comment\":\"MFA fatigue\"}",
                "admin", ADMIN_PASSWORD), 201).get("value").get(0);
        assertThat(u.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(u.get("undoable").asBoolean()).isTrue();
        HttpResponse<String> air = post("/api/v1/actions", "application/json", "{\"type\":\"initiateAutomatedInvestigation\",\"target\":\"" + deviceId
                + "\",\"comment\":\"x\"}", "admin", ADMIN_PASSWORD);
        JsonNode investigation = json(air, 201).get("value").get(0);
        assertThat(investigation.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(investigation.get("result").asString()).startsWith("Automated investigation ");
    }

    @Test
    void sensorEndpoints_rejectUserBasicAndUnknownTokens() throws Exception {
        assertThat(get("/api/v1/sensors/me/actions", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(401);
        assertThat(sensorGet("/api/v1/sensors/me/actions", "rsn_forged").statusCode()).isEqualTo(401);
        HttpResponse<String> spent = sensorPost("/api/v1/sensors/enrol", null, "{\"token\":\"ret_unknown\",\"deviceId\":\"abc\",\"deviceName\":\"x\"}");
        assertThat(spent.statusCode()).isEqualTo(401);
        assertThat(spent.body()).contains("token");
    }

    @Test
    void blockIndicator_matchesTheNextEvent_withAnAlert() throws Exception {
        String sha = "ab" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "").substring(0, 30);
        JsonNode created = json(post("/api/v1/actions", "application/json", "{\"type\":\"addFileIndicator\",\"target\":\"" + sha
                + "\",\"comment\":\"Known ransomware dropper\",\"parameters\":{\"title\":\"Ransomware dropper " + sha.substring(0, 8) + "\"}}", "admin", ADMIN_PASSWORD), 201);
        assertThat(created.get("value").get(0).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(get("/api/v1/indicators?search=" + sha, "admin", ADMIN_PASSWORD).body()).contains("BLOCK_AND_REMEDIATE");

        String event = "{\"Timestamp\":\"" + Instant.now() + "\",\"DeviceId\":\"" + deviceId + "\",\"DeviceName\":\"rf-ws01.corp.example\","
                + "\"ActionType\":\"ProcessCreated\",\"FileName\":\"dropper.exe\",\"SHA256\":\"" + sha + "\",\"AccountName\":\"ann\"}";
        assertThat(post("/api/v1/ingest/DeviceProcessEvents", "application/x-ndjson", event + "\n", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        // The ingest hook matches on its own thread right after the batch commits.
        String alertId = null;
        for (int i = 0; i < 100 && alertId == null; i++) {
            alertId = jdbc.sql("SELECT max(m.alert_id) FROM indicator_match m JOIN indicator n ON n.id = m.indicator_id WHERE n.indicator_value = ?")
                    .param(sha).query(String.class).optional().orElse(null);
            Thread.sleep(100);
        }
        assertThat(alertId).as("alert raised by the ingest hook").isNotNull();
        assertThat(json(get("/api/v1/alerts_v2/" + alertId, "admin", ADMIN_PASSWORD), 200).get("title").asString()).isEqualTo("Ransomware dropper " + sha.substring(0, 8));
        assertThat(ioc.match(List.of("DeviceProcessEvents"))).as("the same event never alerts twice").isEmpty();
        assertThat(get("/api/v1/actions?type=stopAndQuarantineFile&deviceId=" + deviceId, "admin", ADMIN_PASSWORD).body())
                .as("block and remediate queues quarantine on the device").contains("\"total\":1");
    }


    private HttpResponse<String> sensorGet(String path, String credential) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + credential).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }
}
