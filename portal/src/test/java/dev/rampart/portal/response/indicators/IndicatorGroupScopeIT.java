package dev.rampart.portal.response.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.DeviceGroup;
import dev.rampart.portal.access.DeviceGroupMembership;
import dev.rampart.portal.access.DeviceGroups;
import dev.rampart.portal.events.EventStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Indicators limited to device groups: IOC matching and sensor policy honour the scope; API, page and CSV carry it. */
class IndicatorGroupScopeIT extends AbstractPortalIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    EventStore events;
    @Autowired
    DeviceGroups groups;
    @Autowired
    DeviceGroupMembership membership;
    @Autowired
    IocMatcher ioc;
    @Autowired
    JdbcClient jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void indicatorScopedToOneGroup_alertsOnlyForItsDevices_andOnlyTheirSensorsPullIt() throws Exception {
        DeviceGroup a = group("ioc-a-" + run);
        group("ioc-b-" + run);
        String sha = sha();
        JsonNode ind = json(post("/api/v1/indicators", "application/json", "{\"type\":\"FileSha256\",\"value\":\"" + sha + "\",\"action\":\"Block\","
                + "\"title\":\"Scoped " + run + "\",\"deviceGroups\":[\"IOC ioc-a-" + run + "\"]}", "admin", ADMIN_PASSWORD), 201);
        assertThat(ind.get("deviceGroups").toString()).isEqualTo("[" + a.id() + "]");

        process("ioc-a-" + run, sha);
        process("ioc-b-" + run, sha);
        ioc.match(List.of("DeviceProcessEvents"));
        List<String> alerts = jdbc.sql("SELECT DISTINCT alert_id FROM indicator_match WHERE indicator_id = ?").param(ind.get("id").asLong())
                .query(String.class).list();
        assertThat(alerts).hasSize(1);
        String alert = get("/api/v1/alerts_v2/" + alerts.get(0), "admin", ADMIN_PASSWORD).body();
        assertThat(alert).contains("ioc-a-" + run).doesNotContain("ioc-b-" + run);

        assertThat(policyOf("ioc-a-" + run)).contains(sha);
        assertThat(policyOf("ioc-b-" + run)).doesNotContain(sha);

        // Back to all devices: both sensors pull it.
        json(put("/api/v1/indicators/" + ind.get("id").asLong(), "{\"type\":\"FileSha256\",\"value\":\"" + sha + "\",\"action\":\"Block\"}"), 200);
        assertThat(policyOf("ioc-b-" + run)).contains(sha);
    }

    @Test
    void csvImport_readsTheRbacGroupsColumn_andAnUnknownGroupFailsTheImportNamingTheLine() throws Exception {
        DeviceGroup a = group("csv-a-" + run);
        DeviceGroup b = group("csv-b-" + run);
        String sha = sha();
        String csv = "IndicatorType,IndicatorValue,Action,Title,RbacGroups\nFileSha256," + sha + ",Block,CSV " + run + ",\"IOC csv-a-" + run + ";IOC csv-b-" + run + "\"\n";
        assertThat(json(post("/api/v1/indicators/import", "text/csv", csv, "admin", ADMIN_PASSWORD), 200).get("imported").asInt()).isEqualTo(1);
        JsonNode listed = json(get("/api/v1/indicators?search=" + sha, "admin", ADMIN_PASSWORD), 200).get("value").get(0);
        assertThat(listed.get("deviceGroups").toString()).isEqualTo("[" + a.id() + "," + b.id() + "]");

        HttpResponse<String> bad = post("/api/v1/indicators/import", "text/csv", "IndicatorType,IndicatorValue,Action,RbacGroups\nFileSha256," + sha()
                + ",Block,No such group " + run + "\n", "admin", ADMIN_PASSWORD);
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode p = JSON.readTree(bad.body());
        assertThat(p.get("field").asString()).isEqualTo("deviceGroups");
        assertThat(p.get("line").asInt()).isEqualTo(2);

        String page = WebSession.signIn(port, "admin", ADMIN_PASSWORD).get("/settings/indicators?search=" + sha).body();
        assertThat(page).contains("IOC csv-a-" + run + "; IOC csv-b-" + run, "name=\"deviceGroups\"");
    }

    @Test
    void settingsForm_savesTickedGroups() throws Exception {
        DeviceGroup a = group("form-a-" + run);
        String sha = sha();
        WebSession web = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        HttpResponse<String> r = web.post("/settings/indicators", WebSession.form("type", "FILE_SHA256", "value", sha, "action", "BLOCK", "severity", "High",
                "deviceGroups", String.valueOf(a.id())));
        assertThat(r.statusCode()).isEqualTo(302);
        JsonNode listed = json(get("/api/v1/indicators?search=" + sha, "admin", ADMIN_PASSWORD), 200).get("value").get(0);
        assertThat(listed.get("deviceGroups").toString()).isEqualTo("[" + a.id() + "]");
    }

    private DeviceGroup group(String device) {
        Table info = events.table("DeviceInfo");
        events.write(s -> {
            Object[] r = new Object[info.columns().size()];
            r[info.indexOf("Timestamp")] = Instant.now().minusSeconds(60);
            r[info.indexOf("DeviceId")] = "id-" + device;
            r[info.indexOf("DeviceName")] = device;
            r[info.indexOf("OSPlatform")] = "Windows11";
            s.appender("DeviceInfo").append(r);
            return null;
        });
        DeviceGroup g = groups.create(new DeviceGroups.Input("IOC " + device, "", "FULL", null, Map.of("NAME", List.of(device))));
        membership.refresh();
        return g;
    }

    private void process(String device, String sha) {
        Table t = events.table("DeviceProcessEvents");
        events.write(s -> {
            Object[] r = new Object[t.columns().size()];
            r[t.indexOf("Timestamp")] = Instant.now().minusSeconds(30);
            r[t.indexOf("DeviceId")] = "id-" + device;
            r[t.indexOf("DeviceName")] = device;
            r[t.indexOf("SHA256")] = sha;
            r[t.indexOf("FileName")] = "tool.exe";
            r[t.indexOf("ActionType")] = "ProcessCreated";
            s.appender("DeviceProcessEvents").append(r);
            return null;
        });
    }

    /** The indicators part of the policy a newly enrolled sensor on the device receives at heartbeat. */
    private String policyOf(String device) throws Exception {
        String token = json(post("/api/v1/sensors/enrolment-tokens", "application/json", "{\"label\":\"scope\"}", "admin", ADMIN_PASSWORD), 201)
                .get("token").asString();
        String cred = json(sensorPost("/api/v1/sensors/enrol", null, "{\"token\":\"" + token + "\",\"deviceId\":\"id-" + device + "\",\"deviceName\":\""
                + device + "\",\"osPlatform\":\"Windows11\"}"), 201).get("credential").asString();
        return json(sensorPost("/api/v1/sensors/me/heartbeat", cred, "{}"), 200).get("indicators").toString();
    }


    private HttpResponse<String> put(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .header("Authorization", basic("admin", ADMIN_PASSWORD)).PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sha() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }
}
