package dev.rampart.portal.access;

import static dev.rampart.portal.WebSession.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each built-in role, and a scoped custom role ("Tier-1 analyst for the EU device group": Security data read +
 * Alerts manage, assigned for one device group), against each access page and endpoint: allowed ones answer
 * normally, the rest 403.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessRoleMatrixIT extends AbstractPortalIT {
    private static final String PASSWORD = "matrix-password-1234";

    @Autowired
    UserAccounts users;
    @Autowired
    RoleAdministration roleAdmin;
    @Autowired
    RoleAssignments assignments;
    @Autowired
    DeviceGroups deviceGroups;

    private final Map<BuiltInRole, WebSession> sessions = new EnumMap<>(BuiltInRole.class);
    private final Map<String, Set<Permission>> granted = new LinkedHashMap<>();
    private final Map<String, WebSession> web = new LinkedHashMap<>();
    private long targetId;
    private String tier1RoleId;
    static final String TIER1 = "matrix-tier1-eu";

    /** One request and the permission it needs ({@code null} = any signed-in user) and the status when allowed. */
    private record Probe(String name, Permission needs, int allowedStatus, Function<Caller, HttpResponse<String>> call) {
    }

    private record Caller(String user, WebSession web) {
    }

    @BeforeAll
    void createOneUserPerRole() {
        for (BuiltInRole role : BuiltInRole.values()) {
            String name = "matrix-" + role.id();
            users.create(name, "Matrix " + role.displayName(), null, PASSWORD, List.of(role.id()));
            sessions.put(role, WebSession.signIn(port, name, PASSWORD));
            granted.put(name, role.permissions());
            web.put(name, sessions.get(role));
        }
        DeviceGroup eu = deviceGroups.create(new DeviceGroups.Input("Matrix EU", "", "SEMI_ALL_FOLDERS", null,
                Map.of("DOMAIN", List.of("eu.matrix.example"))));
        Roles.Role tier1 = roleAdmin.create(new RoleAdministration.Input("Tier-1 analyst for the EU device group", "Matrix",
                List.of("SECURITY_DATA_READ", "ALERTS_MANAGE"), Map.of()));
        tier1RoleId = tier1.id();
        users.create(TIER1, "Matrix Tier-1", null, PASSWORD, List.of());
        assignments.create(tier1.id(), new RoleAssignments.Input("EU", List.of(TIER1), List.of(), List.of(), List.of(eu.id())));
        granted.put(TIER1, EnumSet.of(Permission.SECURITY_DATA_READ, Permission.ALERTS_MANAGE));
        web.put(TIER1, WebSession.signIn(port, TIER1, PASSWORD));
        targetId = users.create("matrix-target", "Matrix target", null, PASSWORD, List.of(BuiltInRole.SECURITY_READER.id()));
    }

    private List<Probe> probes() {
        String target = "/settings/users/" + targetId;
        return List.of(
                new Probe("GET /", null, 200, c -> c.web().get("/")),
                new Probe("GET /settings/users", Permission.AUTHORIZATION_READ, 200, c -> c.web().get("/settings/users")),
                new Probe("GET " + target, Permission.AUTHORIZATION_READ, 200, c -> c.web().get(target)),
                new Probe("GET (htmx) " + target, Permission.AUTHORIZATION_READ, 200, c -> c.web().getHtmx(target)),
                new Probe("GET /settings/users/new", Permission.AUTHORIZATION_MANAGE, 200, c -> c.web().get("/settings/users/new")),
                new Probe("POST /settings/users (invalid)", Permission.AUTHORIZATION_MANAGE, 422,
                        c -> c.web().post("/settings/users", form("username", ""))),
                new Probe("POST " + target + " (invalid)", Permission.AUTHORIZATION_MANAGE, 422,
                        c -> c.web().post(target, form("displayName", "", "roles", "security-reader"))),
                new Probe("POST " + target + "/enabled (no change)", Permission.AUTHORIZATION_MANAGE, 302,
                        c -> c.web().post(target + "/enabled", form("enabled", "true"))),
                new Probe("POST " + target + "/password (too short)", Permission.AUTHORIZATION_MANAGE, 422,
                        c -> c.web().post(target + "/password", form("password", "short"))),
                new Probe("GET /settings/roles", Permission.AUTHORIZATION_READ, 200, c -> c.web().get("/settings/roles")),
                new Probe("GET /settings/audit", Permission.SYSTEM_SETTINGS_READ, 200, c -> c.web().get("/settings/audit")),
                new Probe("GET /settings/audit/export", Permission.SYSTEM_SETTINGS_READ, 200, c -> c.web().get("/settings/audit/export")),
                new Probe("GET /profile/password", null, 200, c -> c.web().get("/profile/password")),
                new Probe("POST /profile/password (wrong current)", null, 422,
                        c -> c.web().post("/profile/password", form("currentPassword", "wrong", "newPassword", "x", "confirmPassword", "x"))),
                new Probe("GET /api/v1/users", Permission.AUTHORIZATION_READ, 200, c -> api("/api/v1/users", c.user())),
                new Probe("GET /api/v1/roles", Permission.AUTHORIZATION_READ, 200, c -> api("/api/v1/roles", c.user())),
                new Probe("GET /api/v1/users/{id}/access", Permission.AUTHORIZATION_READ, 200, c -> api("/api/v1/users/" + targetId + "/access", c.user())),
                new Probe("GET /settings/roles/new", Permission.AUTHORIZATION_MANAGE, 200, c -> c.web().get("/settings/roles/new")),
                new Probe("GET /settings/roles/{custom}", Permission.AUTHORIZATION_READ, 200, c -> c.web().get("/settings/roles/" + tier1RoleId)),
                new Probe("POST /settings/roles (invalid)", Permission.AUTHORIZATION_MANAGE, 422, c -> c.web().post("/settings/roles", form("name", ""))),
                new Probe("POST /settings/roles/{custom}/assignments (invalid)", Permission.AUTHORIZATION_MANAGE, 422,
                        c -> c.web().post("/settings/roles/" + tier1RoleId + "/assignments", form("assignmentName", ""))),
                new Probe("GET /settings/device-groups", Permission.AUTHORIZATION_READ, 200, c -> c.web().get("/settings/device-groups")),
                new Probe("POST /settings/device-groups (invalid)", Permission.AUTHORIZATION_MANAGE, 422,
                        c -> c.web().post("/settings/device-groups", form("name", ""))),
                new Probe("GET /settings/api-clients", Permission.AUTHORIZATION_READ, 200, c -> c.web().get("/settings/api-clients")),
                new Probe("POST /settings/api-clients (invalid)", Permission.AUTHORIZATION_MANAGE, 422,
                        c -> c.web().post("/settings/api-clients", form("name", ""))),
                new Probe("GET /settings/sso", Permission.AUTHORIZATION_READ, 200, c -> c.web().get("/settings/sso")),
                new Probe("POST /settings/sso (invalid)", Permission.AUTHORIZATION_MANAGE, 422,
                        c -> c.web().post("/settings/sso", form("enabled", "on", "issuerUri", ""))),
                new Probe("POST /settings/sso/test (no issuer)", Permission.AUTHORIZATION_MANAGE, 200,
                        c -> c.web().post("/settings/sso/test", form("issuerUri", ""))),
                new Probe("POST /oidc/backchannel-logout (not a token)", null, 400,
                        c -> c.web().postWithoutCsrf(BackChannelLogout.PATH, form("logout_token", "x"))),
                new Probe("GET /settings/audit?verify=1", Permission.SYSTEM_SETTINGS_READ, 200, c -> c.web().get("/settings/audit?verify=1")),
                new Probe("GET /api/v1/device-groups", Permission.AUTHORIZATION_READ, 200, c -> api("/api/v1/device-groups", c.user())),
                new Probe("GET /api/v1/groups", Permission.AUTHORIZATION_READ, 200, c -> api("/api/v1/groups", c.user())),
                new Probe("GET /api/v1/api-clients", Permission.AUTHORIZATION_READ, 200, c -> api("/api/v1/api-clients", c.user())),
                new Probe("GET /api/v1/audit/verify", Permission.SYSTEM_SETTINGS_READ, 200, c -> api("/api/v1/audit/verify", c.user())),
                new Probe("POST /api/v1/roles (invalid)", Permission.AUTHORIZATION_MANAGE, 422,
                        c -> apiPost("/api/v1/roles", "{\"name\":\"\"}", c.user())),
                new Probe("POST /api/v1/device-groups (invalid)", Permission.AUTHORIZATION_MANAGE, 422,
                        c -> apiPost("/api/v1/device-groups", "{\"name\":\"\"}", c.user())),
                new Probe("POST /api/v1/hunting/run", Permission.SECURITY_DATA_READ, 200,
                        c -> apiPost("/api/v1/hunting/run", "{\"Query\":\"DeviceInfo | take 1\"}", c.user())),
                new Probe("GET /submissions", Permission.SECURITY_DATA_READ, 200, c -> c.web().get("/submissions")),
                new Probe("GET /submissions/new", Permission.RESPONSE_MANAGE, 200, c -> c.web().get("/submissions/new")),
                new Probe("POST /submissions (invalid)", Permission.RESPONSE_MANAGE, 422,
                        c -> c.web().post("/submissions", form("type", "URL", "claim", "FALSE_POSITIVE", "value", "nope"))),
                new Probe("GET /submissions/{missing}", Permission.SECURITY_DATA_READ, 404, c -> c.web().get("/submissions/987654321")),
                new Probe("POST /submissions/{missing}/indicator", Permission.DETECTION_TUNING_MANAGE, 404,
                        c -> c.web().post("/submissions/987654321/indicator", form("artifact", "URL|https://x.example/", "action", "Block"))),
                new Probe("POST /submissions/{missing}/tuning-rule", Permission.DETECTION_TUNING_MANAGE, 404,
                        c -> c.web().post("/submissions/987654321/tuning-rule", form("action", "resolve"))),
                new Probe("GET /api/v1/submissions", Permission.SECURITY_DATA_READ, 200, c -> api("/api/v1/submissions", c.user())),
                new Probe("POST /api/v1/submissions (invalid)", Permission.RESPONSE_MANAGE, 400,
                        c -> apiPost("/api/v1/submissions", "{\"type\":\"file\",\"claim\":\"fp\",\"value\":\"x\"}", c.user())),
                new Probe("POST /api/v1/submissions/{missing}/reanalyse", Permission.RESPONSE_MANAGE, 404,
                        c -> apiPost("/api/v1/submissions/987654321/reanalyse", "{}", c.user())),
                new Probe("POST /api/v1/submissions/{missing}/indicator", Permission.DETECTION_TUNING_MANAGE, 404,
                        c -> apiPost("/api/v1/submissions/987654321/indicator", "{\"indicatorType\":\"Url\",\"value\":\"https://x.example/\",\"action\":\"Block\"}", c.user())),
                new Probe("GET /investigations/{missing}/graph.json", Permission.SECURITY_DATA_READ, 404,
                        c -> c.web().get("/investigations/987654321/graph.json")),
                new Probe("GET /settings/workloads", Permission.SYSTEM_SETTINGS_READ, 200, c -> c.web().get("/settings/workloads")),
                new Probe("POST /settings/workloads/{unknown}/enable", Permission.SYSTEM_SETTINGS_MANAGE, 404,
                        c -> c.web().post("/settings/workloads/no-such-workload/enable", form())),
                new Probe("GET /api/v1/workloads", null, 200, c -> api("/api/v1/workloads", c.user())),
                new Probe("GET /partners", null, 200, c -> c.web().get("/partners?tab=services")),
                new Probe("POST /partners/integrations/{unknown}/test", null, 404, c -> c.web().post("/partners/integrations/no-such/test", form())),
                new Probe("POST /partners/integrations/notifications/test", null, 200, c -> c.web().post("/partners/integrations/notifications/test", form())),
                new Probe("POST /partners/integrations/sensors/test", Permission.CORE_SECURITY_SETTINGS_READ, 200,
                        c -> c.web().post("/partners/integrations/sensors/test", form())),
                new Probe("POST /partners/services (invalid)", Permission.SYSTEM_SETTINGS_MANAGE, 422, c -> c.web().post("/partners/services", form("name", ""))),
                new Probe("POST /partners/services/{missing}", Permission.SYSTEM_SETTINGS_MANAGE, 404,
                        c -> c.web().post("/partners/services/987654321", form("name", "x"))),
                new Probe("POST /partners/services/{missing}/delete", Permission.SYSTEM_SETTINGS_MANAGE, 404,
                        c -> c.web().post("/partners/services/987654321/delete", form())),
                new Probe("GET /feedback", null, 200, c -> c.web().get("/feedback")),
                new Probe("POST /feedback (invalid)", null, 422, c -> c.web().post("/feedback", form("category", "", "message", ""))),
                new Probe("GET /settings/feedback", Permission.SYSTEM_SETTINGS_READ, 200, c -> c.web().get("/settings/feedback")),
                new Probe("GET /reports/email", Permission.EMAIL_METADATA_READ, 200, c -> c.web().get("/reports/email")),
                new Probe("GET /reports/email.csv", Permission.EMAIL_METADATA_READ, 200, c -> c.web().get("/reports/email.csv")),
                new Probe("GET /reports/email.pdf", Permission.EMAIL_METADATA_READ, 200, c -> c.web().get("/reports/email.pdf")),
                new Probe("GET /reports/cloudapps", Permission.SECURITY_DATA_READ, 200, c -> c.web().get("/reports/cloudapps")),
                new Probe("GET /reports/cloudapps.csv", Permission.SECURITY_DATA_READ, 200, c -> c.web().get("/reports/cloudapps.csv")),
                new Probe("GET /reports/cloudapps.pdf", Permission.SECURITY_DATA_READ, 200, c -> c.web().get("/reports/cloudapps.pdf")),
                new Probe("GET /vulnerabilities/{unknown}", Permission.VULNERABILITY_MANAGEMENT_READ, 404, c -> c.web().get("/vulnerabilities/CVE-1900-0001")),
                new Probe("GET /software/{unknown}", Permission.VULNERABILITY_MANAGEMENT_READ, 404, c -> c.web().get("/software/nobody/nothing")),
                new Probe("GET /recommendations/software/{unknown}", Permission.VULNERABILITY_MANAGEMENT_READ, 404,
                        c -> c.web().get("/recommendations/software/nobody/nothing")),
                new Probe("GET /recommendations/config/{unknown}", Permission.VULNERABILITY_MANAGEMENT_READ, 404,
                        c -> c.web().get("/recommendations/config/scid-none")));
    }

    private HttpResponse<String> apiPost(String path, String body, String user) {
        try {
            return post(path, "application/json", body, user, PASSWORD);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> api(String path, String user) {
        try {
            return get(path, user, PASSWORD);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyRole_getsExactlyThePagesItsPermissionsAllow() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, Set<Permission>> who : granted.entrySet()) {
            Caller caller = new Caller(who.getKey(), web.get(who.getKey()));
            for (Probe p : probes()) {
                boolean allowed = p.needs() == null || who.getValue().contains(p.needs());
                int expected = allowed ? p.allowedStatus() : 403;
                int actual = p.call().apply(caller).statusCode();
                checked++;
                if (actual != expected) {
                    wrong.add(who.getKey() + " " + p.name() + ": expected " + expected + ", got " + actual);
                }
            }
        }
        assertThat(checked).isEqualTo((BuiltInRole.values().length + 1) * probes().size());
        assertThat(wrong).isEmpty();
    }

    @Test
    void navigation_showsSettingsEntriesOnlyToRolesHoldingTheirPermission() {
        for (BuiltInRole role : BuiltInRole.values()) {
            String home = sessions.get(role).get("/").body();
            assertThat(home.contains("href=\"/settings/users\"")).as(role.id() + " sees Users")
                    .isEqualTo(role.permissions().contains(Permission.AUTHORIZATION_READ));
            assertThat(home.contains("href=\"/settings/audit\"")).as(role.id() + " sees Audit log")
                    .isEqualTo(role.permissions().contains(Permission.SYSTEM_SETTINGS_READ));
        }
    }

    @Test
    void tier1Role_holdsExactlyItsTwoPermissions_andSeesNoSettings() {
        assertThat(users.permissionsOf(TIER1)).containsExactlyInAnyOrder(Permission.SECURITY_DATA_READ, Permission.ALERTS_MANAGE);
        String home = web.get(TIER1).get("/").body();
        assertThat(home).doesNotContain("href=\"/settings/users\"", "href=\"/settings/roles\"", "href=\"/settings/audit\"");
    }

    @Test
    void queryResources_showsEveryonesRunsOnlyToAdministratorsAndSecurityReaders() {
        Set<BuiltInRole> everyone = EnumSet.of(BuiltInRole.GLOBAL_ADMINISTRATOR, BuiltInRole.SECURITY_ADMINISTRATOR, BuiltInRole.SECURITY_READER);
        for (BuiltInRole role : BuiltInRole.values()) {
            String page = sessions.get(role).get("/reports/query-resources").body();
            assertThat(page).as(role.id()).contains(everyone.contains(role) ? "everyone's runs" : "your runs");
        }
        assertThat(web.get(TIER1).get("/reports/query-resources").body()).contains("your runs");
    }

    @Test
    void usersPage_offersNewUserOnlyToManagers() {
        assertThat(sessions.get(BuiltInRole.GLOBAL_ADMINISTRATOR).get("/settings/users").body()).contains("New user");
        assertThat(sessions.get(BuiltInRole.GLOBAL_READER).get("/settings/users").body()).doesNotContain("New user");
    }
}
