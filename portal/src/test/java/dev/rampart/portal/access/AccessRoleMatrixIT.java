package dev.rampart.portal.access;

import static dev.rampart.portal.WebSession.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** Each built-in role against each access page and endpoint: allowed ones answer normally, the rest 403. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessRoleMatrixIT extends AbstractPortalIT {
    private static final String PASSWORD = "matrix-password-1234";

    @Autowired
    UserAccounts users;

    private final Map<BuiltInRole, WebSession> sessions = new EnumMap<>(BuiltInRole.class);
    private long targetId;

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
        }
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
                new Probe("GET /api/v1/roles", Permission.AUTHORIZATION_READ, 200, c -> api("/api/v1/roles", c.user())));
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
        for (BuiltInRole role : BuiltInRole.values()) {
            Caller caller = new Caller("matrix-" + role.id(), sessions.get(role));
            for (Probe p : probes()) {
                boolean allowed = p.needs() == null || role.permissions().contains(p.needs());
                int expected = allowed ? p.allowedStatus() : 403;
                int actual = p.call().apply(caller).statusCode();
                checked++;
                if (actual != expected) {
                    wrong.add(role.id() + " " + p.name() + ": expected " + expected + ", got " + actual);
                }
            }
        }
        assertThat(checked).isEqualTo(BuiltInRole.values().length * probes().size());
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
    void usersPage_offersNewUserOnlyToManagers() {
        assertThat(sessions.get(BuiltInRole.GLOBAL_ADMINISTRATOR).get("/settings/users").body()).contains("New user");
        assertThat(sessions.get(BuiltInRole.GLOBAL_READER).get("/settings/users").body()).doesNotContain("New user");
    }
}
