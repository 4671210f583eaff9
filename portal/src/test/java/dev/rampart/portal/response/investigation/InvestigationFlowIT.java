package dev.rampart.portal.response.investigation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.access.DeviceGroupMembership;
import dev.rampart.portal.access.DeviceGroups;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Correlator;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.NewAlert;
import dev.rampart.portal.incidents.Severity;
import dev.rampart.kql.schema.Table;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The playbook end to end: indicator-matched file on a Full / Semi device, approval through the action center API, a clean entity. */
class InvestigationFlowIT extends AbstractPortalIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Correlator correlator;
    @Autowired
    EventStore events;
    @Autowired
    DeviceGroups groups;
    @Autowired
    DeviceGroupMembership membership;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void fullAutomation_blockedFile_isQuarantinedAutomatically_andRemediatedWhenTheSensorReports() throws Exception {
        String host = device("air-full-" + run, "FULL");
        String sha = blockedHash();
        Alert alert = alert(host, Evidence.of(EntityType.FILE, sha, "suspicious", List.of()));
        String credential = enrol(host);

        JsonNode inv = json(post("/api/v1/investigations", "application/json", "{\"alertId\":\"" + alert.id() + "\"}", "admin", ADMIN_PASSWORD), 201);
        assertThat(inv.get("entities").get(0).get("verdict").asString()).isEqualTo("MALICIOUS");
        assertThat(inv.get("entities").get(0).get("reasons").toString()).contains("Block and remediate");
        JsonNode action = inv.get("actions").get(0);
        assertThat(action.get("type").asString()).isEqualTo("stopAndQuarantineFile");
        assertThat(action.get("status").asString()).isEqualTo("PENDING");
        assertThat(inv.get("state").asString()).isEqualTo("RUNNING");

        complete(credential, action.get("id").asLong());
        JsonNode done = json(get("/api/v1/investigations/" + inv.get("id").asLong(), "admin", ADMIN_PASSWORD), 200);
        assertThat(done.get("state").asString()).isEqualTo("REMEDIATED");
        assertThat(done.get("endedAt").isNull()).isFalse();
        assertThat(done.get("log").toString()).contains("Automation level", "Collect evidence", "Verdict", "Stop and quarantine file");
        assertThat(get("/api/v1/investigations?state=remediated", "admin", ADMIN_PASSWORD).body()).contains("\"id\":" + inv.get("id").asLong());
    }

    @Test
    void semiAutomation_waitsForApproval_thenApprovingRemediates() throws Exception {
        String host = device("air-semi-" + run, "SEMI_ALL_FOLDERS");
        String sha = blockedHash();
        Alert alert = alert(host, Evidence.of(EntityType.FILE, sha, "suspicious", List.of()));
        String credential = enrol(host);

        JsonNode inv = json(post("/api/v1/investigations", "application/json", "{\"alertId\":\"" + alert.id() + "\"}", "admin", ADMIN_PASSWORD), 201);
        long id = inv.get("id").asLong();
        assertThat(inv.get("state").asString()).isEqualTo("PENDING_APPROVAL");
        long action = inv.get("actions").get(0).get("id").asLong();
        assertThat(inv.get("actions").get(0).get("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(get("/api/v1/actions?status=pendingApproval", "admin", ADMIN_PASSWORD).body()).contains("\"id\":" + action);

        json(post("/api/v1/actions/approve", "application/json", "{\"ids\":[" + action + "],\"comment\":\"Confirmed malware\"}", "admin", ADMIN_PASSWORD), 200);
        assertThat(json(get("/api/v1/investigations/" + id, "admin", ADMIN_PASSWORD), 200).get("state").asString()).isEqualTo("RUNNING");
        complete(credential, action);
        assertThat(json(get("/api/v1/investigations/" + id, "admin", ADMIN_PASSWORD), 200).get("state").asString()).isEqualTo("REMEDIATED");
    }

    @Test
    void cleanEntity_noThreatsFound_andNoAction() throws Exception {
        String host = device("air-clean-" + run, "FULL");
        Alert alert = alert(host, Evidence.of(EntityType.IP, "198.51.100." + (Math.abs(run.hashCode()) % 200 + 20), "suspicious", List.of()));
        JsonNode inv = json(post("/api/v1/investigations", "application/json", "{\"alertId\":\"" + alert.id() + "\"}", "admin", ADMIN_PASSWORD), 201);
        assertThat(inv.get("state").asString()).isEqualTo("NO_THREATS_FOUND");
        assertThat(inv.get("entities").get(0).get("verdict").asString()).isEqualTo("NO_THREATS_FOUND");
        assertThat(inv.get("actions")).isEmpty();
        assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE action = 'investigation.start' AND target_id = ?")
                .param(String.valueOf(inv.get("id").asLong())).query(String.class).list()).containsExactly("admin");
    }

    @Test
    void deviceActionInitiateAutomatedInvestigation_createsAnInvestigationOfTheDevicesOpenAlerts() throws Exception {
        String host = device("air-act-" + run, "FULL");
        String sha = blockedHash();
        alert(host, Evidence.of(EntityType.FILE, sha, "suspicious", List.of()));
        JsonNode a = json(post("/api/v1/actions", "application/json", "{\"type\":\"initiateAutomatedInvestigation\",\"target\":\"" + host
                + "\",\"comment\":\"Check it\"}", "admin", ADMIN_PASSWORD), 201).get("value").get(0);
        assertThat(a.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(a.get("result").asString()).startsWith("Automated investigation ");
        String list = get("/api/v1/investigations", "admin", ADMIN_PASSWORD).body();
        assertThat(list).contains("\"deviceName\":\"" + host + "\"");
    }

    @Test
    void unknownAlert_is404Problem_missingAlertId_names_theField() throws Exception {
        HttpResponse<String> r = post("/api/v1/investigations", "application/json", "{\"alertId\":\"nope-" + run + "\"}", "admin", ADMIN_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(404);
        r = post("/api/v1/investigations", "application/json", "{}", "admin", ADMIN_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("field").asString()).isEqualTo("alertId");
        assertThat(get("/api/v1/investigations/987654321", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(404);
    }

    /** A device in DeviceInfo, alone in a new group with this automation level; returns its name. */
    private String device(String name, String level) {
        Table info = events.table("DeviceInfo");
        events.write(s -> {
            Object[] r = new Object[info.columns().size()];
            r[info.indexOf("Timestamp")] = Instant.now().minusSeconds(60);
            r[info.indexOf("DeviceId")] = "id-" + name;
            r[info.indexOf("DeviceName")] = name;
            r[info.indexOf("OSPlatform")] = "Windows11";
            s.appender("DeviceInfo").append(r);
            return null;
        });
        groups.create(new DeviceGroups.Input("AIR " + name, "", level, null, Map.of("NAME", List.of(name))));
        membership.refresh();
        return name;
    }

    private String blockedHash() throws Exception {
        String sha = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        json(post("/api/v1/actions", "application/json", "{\"type\":\"addFileIndicator\",\"target\":\"" + sha
                + "\",\"comment\":\"Known dropper\",\"parameters\":{\"title\":\"Dropper " + sha.substring(0, 8) + "\"}}", "admin", ADMIN_PASSWORD), 201);
        return sha;
    }

    private Alert alert(String host, Evidence entity) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("air-it", "x", "PERM_SECURITY_DATA_READ",
                "PERM_ALERTS_MANAGE", dev.rampart.portal.access.SystemIdentity.AUTHORITY));
        try {
            Instant t = Instant.now().minusSeconds(600);
            return correlator.raise(new NewAlert("ra", "Dropper ran " + host, "", Severity.HIGH, Category.EXECUTION, List.of("T1204"), "custom",
                    "microsoftDefenderForEndpoint", "air-it", "", t, t.plusSeconds(5),
                    List.of(Evidence.of(EntityType.DEVICE, host, "suspicious", List.of()), entity), List.of()));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private String enrol(String host) throws Exception {
        String token = json(post("/api/v1/sensors/enrolment-tokens", "application/json", "{\"label\":\"air\"}", "admin", ADMIN_PASSWORD), 201)
                .get("token").asString();
        return json(sensorPost("/api/v1/sensors/enrol", null, "{\"token\":\"" + token + "\",\"deviceId\":\"id-" + host
                + "\",\"deviceName\":\"" + host + "\",\"osPlatform\":\"Windows11\"}"), 201).get("credential").asString();
    }

    private void complete(String credential, long actionId) throws Exception {
        JsonNode work = json(http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/sensors/me/actions"))).header("Authorization", "Bearer " + credential)
                .GET().build(), HttpResponse.BodyHandlers.ofString()), 200);
        assertThat(work.findValues("id").stream().map(JsonNode::asLong)).contains(actionId);
        json(sensorPost("/api/v1/sensors/me/actions/" + actionId + "/result", credential, "{\"status\":\"completed\",\"summary\":\"Quarantined\"}"), 200);
    }


    private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }
}
