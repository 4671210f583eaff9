package dev.rampart.portal.access;

import static dev.rampart.portal.WebSession.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.testidp.TestIdentityProvider;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The "done when", end to end: an administrator creates a device group, a "Tier-1 analyst for the EU device
 * group" role and its assignment through {@code /api/v1}, turns on single sign-on on the settings page, and the
 * analyst signs in through the provider ({@link TestIdentityProvider}). The analyst then sees and does only what the
 * role allows: EU incidents, devices and response actions in the UI, no settings, and hunting that returns EU rows only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Tier1AnalystFlowIT extends AbstractPortalIT {
    @Autowired
    ApplicationContext ctx;
    @Autowired
    ObjectMapper json;
    @Autowired
    SsoSettings settings;
    @Autowired
    UserAccounts users;

    final String tag = "t1" + UUID.randomUUID().toString().substring(0, 5);
    TestIdentityProvider idp;
    String base;
    ScopeFixture.Seeded f;
    String euDevice2;
    String usDevice2;
    FollowingClient analyst;
    String analystName;
    String roleId;

    private JsonNode api(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(status);
        return r.body().isEmpty() ? null : json.readTree(r.body());
    }

    private JsonNode adminPost(String path, String body) throws Exception {
        return api(post(path, "application/json", body, "admin", ADMIN_PASSWORD), 201);
    }

    @BeforeAll
    void setUp() throws Exception {
        // Telemetry of two EU and two US devices, with an alert on each side.
        f = ScopeFixture.seed(ctx, tag);
        euDevice2 = f.euDevice().replace("-eu1.", "-eu2.");
        usDevice2 = f.usDevice().replace("-us1.", "-us2.");

        // The administrator's part, all through the API.
        JsonNode group = adminPost("/api/v1/device-groups", "{\"name\":\"" + tag + " EU\",\"description\":\"EU offices\",\"automationLevel\":\"SEMI_ALL_FOLDERS\","
                + "\"rank\":1,\"rules\":{\"DOMAIN\":[\"eu." + tag + ".example\"]}}");
        long groupId = group.get("id").asLong();
        assertThat(group.get("deviceCount").asInt()).as("both EU devices join the new top-ranked group").isEqualTo(2);
        JsonNode role = adminPost("/api/v1/roles", "{\"name\":\"Tier-1 analyst for the EU device group (" + tag + ")\",\"description\":\"Triage and first response, EU only\","
                + "\"permissions\":[\"SECURITY_DATA_READ\",\"ALERTS_MANAGE\",\"RESPONSE_MANAGE\"]}");
        roleId = role.get("id").asText();
        adminPost("/api/v1/groups", "{\"name\":\"" + tag + " tier-1 EU\",\"description\":\"from the identity provider\",\"members\":[]}");
        JsonNode assignment = adminPost("/api/v1/roles/" + roleId + "/assignments", "{\"name\":\"EU endpoint\",\"groups\":[\"" + tag + " tier-1 EU\"],"
                + "\"dataSources\":[\"endpoint\"],\"deviceGroups\":[" + groupId + "]}");
        assertThat(assignment.get("allDeviceGroups").asBoolean()).isFalse();
        JsonNode read = api(get("/api/v1/roles/" + roleId, "admin", ADMIN_PASSWORD), 200);
        assertThat(read.get("assignments").get(0).get("deviceGroups").get(0).asLong()).isEqualTo(groupId);

        // Single sign-on, configured on the settings page: provider group "tier1-eu" → the local group above.
        base = "http://127.0.0.1:" + port;
        idp = TestIdentityProvider.start(base);
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        assertThat(admin.post("/settings/sso", form("enabled", "on", "displayName", "Test IdP", "issuerUri", idp.issuer(),
                "clientId", TestIdentityProvider.CLIENT_ID, "clientSecret", TestIdentityProvider.CLIENT_SECRET, "scopes", "openid profile email",
                "usernameClaim", "preferred_username", "groupsClaim", "groups", "idpGroup", "tier1-eu-" + tag, "localGroup", tag + " tier-1 EU")).statusCode())
                .isEqualTo(302);

        // The person signs in through the provider.
        analystName = tag + "-analyst";
        idp.user(analystName, "pw-" + tag, Map.of("preferred_username", analystName, "name", "Tier-1 Analyst", "groups", List.of("tier1-eu-" + tag)));
        analyst = new FollowingClient();
        HttpResponse<String> idpLogin = analyst.get(base + "/oauth2/authorization/oidc");
        HttpResponse<String> home = analyst.submit(idpLogin, "/login", Map.of("username", analystName, "password", "pw-" + tag));
        assertThat(home.uri().toString()).isEqualTo(base + "/");
    }

    @AfterAll
    void tearDown() {
        SystemIdentity.run("tier1-it", () -> {
            settings.reset();
            return null;
        });
        if (idp != null) {
            idp.close();
        }
    }

    private HttpResponse<String> page(String path) {
        return analyst.getOnce(base + path);
    }

    @Test
    void analyst_holdsExactlyTheRolesPermissions_andSeesNoSettings() {
        assertThat(users.permissionsOf(analystName)).containsExactlyInAnyOrder(Permission.SECURITY_DATA_READ, Permission.ALERTS_MANAGE,
                Permission.RESPONSE_MANAGE);
        String home = page("/").body();
        assertThat(home).doesNotContain("href=\"/settings/users\"", "href=\"/settings/roles\"", "href=\"/settings/sso\"", "href=\"/settings/audit\"");
        for (String settingsPage : List.of("/settings/users", "/settings/roles", "/settings/device-groups", "/settings/sso", "/settings/audit")) {
            assertThat(page(settingsPage).statusCode()).as(settingsPage).isEqualTo(403);
        }
    }

    @Test
    void api_showsWhereEachOfTheAnalystsPermissionsApplies() throws Exception {
        long id = users.findByUsername(analystName).orElseThrow().id();
        JsonNode access = api(get("/api/v1/users/" + id + "/access", "admin", ADMIN_PASSWORD), 200);
        assertThat(access.get("assignments").get(0).get("via").asText()).isEqualTo(tag + " tier-1 EU");
        assertThat(access.get("assignments").get(0).get("roleId").asText()).isEqualTo(roleId);
        JsonNode permissions = access.get("permissions");
        assertThat(permissions.size()).isEqualTo(3);
        for (JsonNode p : permissions) {
            assertThat(p.get("everywhere").asBoolean()).as(p.toString()).isFalse();
            assertThat(p.get("grants").get(0).get("dataSources").toString()).isEqualTo("[\"endpoint\"]");
            assertThat(p.get("grants").get(0).get("deviceGroups").size()).isEqualTo(1);
        }
        assertThat(get("/api/v1/users/" + id + "/access", analystName, "no-password").statusCode()).isEqualTo(401);
    }

    @Test
    void ui_showsEuIncidentsAndDevicesOnly() {
        String incidents = page("/incidents").body();
        assertThat(incidents).contains(tag + " EU alert").doesNotContain(tag + " US alert");
        String devices = page("/devices?q=" + tag).body();
        assertThat(devices).contains(f.euDevice(), euDevice2).doesNotContain(f.usDevice(), usDevice2);
        assertThat(page("/devices/" + ScopeFixture.Seeded.id(f.euDevice())).statusCode()).isEqualTo(200);
        assertThat(page("/devices/" + ScopeFixture.Seeded.id(f.usDevice())).statusCode()).isEqualTo(404);
        assertThat(page("/alerts/" + f.usAlert().id()).statusCode()).isEqualTo(404);
    }

    @Test
    void ui_respondsAndTriagesOnEuDevicesOnly() {
        HttpResponse<String> panel = analyst.get(base + "/response/devices/" + ScopeFixture.Seeded.id(f.euDevice()) + "/actions");
        assertThat(panel.body()).contains("Isolate device");
        HttpResponse<String> requested = analyst.submit(panel, "/response/devices/" + ScopeFixture.Seeded.id(f.euDevice()) + "/actions",
                Map.of("type", "isolateDevice", "comment", "Tier-1 containment"));
        assertThat(requested.body()).contains("Isolate device requested");
        assertThat(page("/response/devices/" + ScopeFixture.Seeded.id(f.usDevice()) + "/actions").statusCode()).isEqualTo(404);

        HttpResponse<String> alert = analyst.get(base + "/alerts/" + f.euAlert().id());
        HttpResponse<String> saved = analyst.submit(alert, "/alerts/" + f.euAlert().id(), Map.of("status", "inProgress", "assignedTo", analystName));
        assertThat(saved.uri().getQuery()).contains("notice=Saved");
        HttpResponse<String> us = analyst.submit(alert, "/alerts/" + f.usAlert().id(), Map.of("status", "inProgress"));
        assertThat(us.statusCode()).isIn(403, 404);
    }

    @Test
    void hunting_returnsEuRowsOnly() {
        HttpResponse<String> hunting = analyst.get(base + "/hunting");
        assertThat(hunting.statusCode()).isEqualTo(200);
        HttpResponse<String> result = analyst.submit(hunting, "/hunting/run",
                Map.of("query", "DeviceProcessEvents | where DeviceName endswith '." + tag + ".example' | summarize Runs = count() by DeviceName | order by DeviceName asc"));
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.body()).contains(f.euDevice(), euDevice2).doesNotContain(f.usDevice(), usDevice2);
        HttpResponse<String> identity = analyst.submit(hunting, "/hunting/run", Map.of("query", "IdentityInfo | take 1"));
        assertThat(identity.body()).contains("IdentityInfo").contains("data source");
    }

    @Test
    void api_documentsUsersRolesAndDeviceGroupsInOpenApi() throws Exception {
        String spec = api(get("/api/v1/openapi.json", "admin", ADMIN_PASSWORD), 200).toString();
        for (String path : List.of("/api/v1/users", "/api/v1/users/{id}", "/api/v1/users/{id}/access", "/api/v1/roles", "/api/v1/roles/{id}", "/api/v1/roles/{id}/assignments",
                "/api/v1/roles/{id}/assignments/{assignmentId}", "/api/v1/device-groups", "/api/v1/device-groups/{id}", "/api/v1/groups")) {
            assertThat(spec).as(path).contains("\"" + path + "\"");
        }
        assertThat(spec).contains("Assign a role to users and groups, scoped to data sources and device groups");
    }
}
