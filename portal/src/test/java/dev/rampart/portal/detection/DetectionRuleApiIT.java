package dev.rampart.portal.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.access.DeviceGroups;
import dev.rampart.portal.access.SystemIdentity;
import dev.rampart.portal.access.UserAccounts;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Detection rules as code: the Graph-shaped rule API creates, reads, changes and deletes rules with their actions and scope. */
class DetectionRuleApiIT extends AbstractPortalIT {
    @Autowired
    ObjectMapper json;
    @Autowired
    DeviceGroups groups;
    @Autowired
    UserAccounts users;

    final String run = UUID.randomUUID().toString().substring(0, 6);

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", basic("admin", ADMIN_PASSWORD))
                .header("Content-Type", "application/json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String rule(String name, String group) {
        return """
                {"displayName": "%s", "isEnabled": true,
                 "queryCondition": {"queryText": "DeviceProcessEvents | where FileName == \\"api-%s.exe\\" | project Timestamp, DeviceId, DeviceName, SHA1, ReportId"},
                 "schedule": {"period": "3H"},
                 "detectionAction": {
                   "alertTemplate": {"title": "API tool on {{DeviceName}}", "description": "From git", "severity": "high", "category": "Execution",
                     "recommendedActions": "Isolate", "mitreTechniques": ["T1059"],
                     "impactedAssets": [{"@odata.type": "#microsoft.graph.security.impactedDeviceAsset", "identifier": "deviceName"}]},
                   "organizationalScope": {"scopeType": "deviceGroup", "scopeNames": ["%s"]},
                   "responseActions": [{"@odata.type": "#microsoft.graph.security.isolateDeviceResponseAction", "identifier": "deviceId"},
                                       {"@odata.type": "#microsoft.graph.security.runAntivirusScanResponseAction", "scanType": "full"},
                                       {"@odata.type": "#microsoft.graph.security.blockFileResponseAction", "identifier": "sha1"}]}}
                """.formatted(name, run, group);
    }

    @Test
    void create_read_change_delete_roundTripsTheGraphShape() throws Exception {
        String group = "api-" + run + " group";
        SystemIdentity.run("api-it", () -> groups.create(new DeviceGroups.Input(group, "API", "SEMI_ALL_FOLDERS", 3, Map.of("DOMAIN", List.of("api-" + run + ".example")))));
        HttpResponse<String> created = send("POST", "/api/v1/detection/rules", rule("API rule " + run, group));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode r = json.readTree(created.body());
        String id = r.path("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/detection/rules/" + id);
        assertThat(r.path("schedule").path("period").asString()).isEqualTo("3H");
        JsonNode action = r.path("detectionAction");
        assertThat(action.path("alertTemplate").path("severity").asString()).isEqualTo("high");
        assertThat(action.path("alertTemplate").path("impactedAssets").get(0).path("identifier").asString()).isEqualTo("deviceName");
        assertThat(action.path("organizationalScope").path("scopeNames").get(0).asString()).isEqualTo(group);
        assertThat(action.path("responseActions")).extracting(n -> n.path("@odata.type").asString()).containsExactly(
                "#microsoft.graph.security.isolateDeviceResponseAction", "#microsoft.graph.security.runAntivirusScanResponseAction",
                "#microsoft.graph.security.blockFileResponseAction");
        assertThat(action.path("responseActions").get(1).path("scanType").asString()).isEqualTo("full");

        // A change sends only what changes: the rule is turned off and loses its actions, its scope stays.
        HttpResponse<String> changed = send("PATCH", "/api/v1/detection/rules/" + id, "{\"isEnabled\": false, \"detectionAction\": {\"responseActions\": []}}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode c = json.readTree(get("/api/v1/detection/rules/" + id, "admin", ADMIN_PASSWORD).body());
        assertThat(c.path("isEnabled").asBoolean()).isFalse();
        assertThat(c.path("detectionAction").path("responseActions")).isEmpty();
        assertThat(c.path("detectionAction").path("organizationalScope").path("scopeNames").get(0).asString()).isEqualTo(group);
        assertThat(c.path("detectionAction").path("alertTemplate").path("title").asString()).isEqualTo("API tool on {{DeviceName}}");
        // Scope null: all devices again.
        send("PATCH", "/api/v1/detection/rules/" + id, "{\"detectionAction\": {\"organizationalScope\": null}}");
        assertThat(json.readTree(get("/api/v1/detection/rules/" + id, "admin", ADMIN_PASSWORD).body()).path("detectionAction").path("organizationalScope")
                .isNull()).isTrue();

        assertThat(get("/api/v1/detection/rules", "admin", ADMIN_PASSWORD).body()).contains("\"displayName\":\"API rule " + run + "\"");
        assertThat(send("DELETE", "/api/v1/detection/rules/" + id, null).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/detection/rules/" + id, "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(404);
    }

    @Test
    void invalidRequests_nameTheJsonField_andReadersMayNotWrite() throws Exception {
        HttpResponse<String> period = send("POST", "/api/v1/detection/rules", rule("Bad period " + run, "x").replace("\"3H\"", "\"2H\""));
        assertThat(period.statusCode()).isEqualTo(400);
        assertThat(json.readTree(period.body()).path("field").asString()).isEqualTo("schedule.period");

        HttpResponse<String> action = send("POST", "/api/v1/detection/rules", rule("Bad action " + run, "x").replace("blockFileResponseAction", "nukeDeviceResponseAction"));
        assertThat(action.statusCode()).isEqualTo(400);
        assertThat(json.readTree(action.body()).path("field").asString()).isEqualTo("detectionAction.responseActions[2]");

        HttpResponse<String> group = send("POST", "/api/v1/detection/rules", rule("Bad group " + run, "no such group " + run));
        assertThat(json.readTree(group.body()).path("detail").asString()).contains("there is no device group 'no such group " + run + "'");

        HttpResponse<String> noName = send("POST", "/api/v1/detection/rules", rule("", "x").replace("\"organizationalScope\": {\"scopeType\": \"deviceGroup\", \"scopeNames\": [\"x\"]},", ""));
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(json.readTree(noName.body()).path("field").asString()).isEqualTo("displayName");

        HttpResponse<String> badQuery = send("POST", "/api/v1/detection/rules", "{\"displayName\": \"Q " + run + "\", \"queryCondition\": {\"queryText\": \"DeviceProcessEvents | whre\"},"
                + " \"detectionAction\": {\"alertTemplate\": {\"title\": \"t\", \"category\": \"Execution\"}}}");
        assertThat(json.readTree(badQuery.body()).path("field").asString()).isEqualTo("queryCondition.queryText");
        assertThat(json.readTree(badQuery.body()).path("detail").asString()).contains("Line 1, column");

        if (!users.exists("rule-api-reader")) {
            users.create("rule-api-reader", "Reader", null, "rule-api-reader-password", List.of("security-reader"));
        }
        assertThat(get("/api/v1/detection/rules", "rule-api-reader", "rule-api-reader-password").statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/detection/rules", "application/json", rule("Reader " + run, "x"), "rule-api-reader", "rule-api-reader-password")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void aRestrictedReader_isNotToldTheNamesOfGroupsOutsideTheirScope() throws Exception {
        String hidden = "api-" + run + " hidden group";
        String mineName = "api-" + run + " my group";
        SystemIdentity.run("api-it", () -> groups.create(new DeviceGroups.Input(hidden, "x", "SEMI_ALL_FOLDERS", 4, Map.of("DOMAIN", List.of("h-" + run + ".example")))));
        var mine = SystemIdentity.run("api-it", () -> groups.create(new DeviceGroups.Input(mineName, "x", "SEMI_ALL_FOLDERS", 5, Map.of("DOMAIN", List.of("m-" + run + ".example")))));
        HttpResponse<String> created = send("POST", "/api/v1/detection/rules", rule("Hidden scope " + run, hidden));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json.readTree(created.body()).path("id").asString();

        String user = "api-scoped-" + run;
        users.create(user, "Scoped", null, "api-scoped-password-1", List.of());
        var role = SystemIdentity.run("api-it", () -> context.getBean(dev.rampart.portal.access.RoleAdministration.class).create(
                new dev.rampart.portal.access.RoleAdministration.Input("api read " + run, "x", List.of("SECURITY_DATA_READ"), Map.of())));
        SystemIdentity.run("api-it", () -> context.getBean(dev.rampart.portal.access.RoleAssignments.class).create(role.id(),
                new dev.rampart.portal.access.RoleAssignments.Input("mine", List.of(user), List.of(), List.of(), List.of(mine.id()))));
        String seen = get("/api/v1/detection/rules/" + id, user, "api-scoped-password-1").body();
        assertThat(seen).contains("(a device group outside your scope)").doesNotContain(hidden);
        assertThat(get("/api/v1/detection/rules/" + id, "admin", ADMIN_PASSWORD).body()).contains(hidden);
    }

    @Autowired
    org.springframework.context.ApplicationContext context;
}
