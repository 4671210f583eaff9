package dev.rampart.portal.access;

import static dev.rampart.portal.WebSession.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class UserAdministrationIT extends AbstractPortalIT {
    private static final String PASSWORD = "useradmin-password-1";

    @Autowired
    UserAccounts users;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;

    private WebSession admin() {
        return WebSession.signIn(port, "admin", ADMIN_PASSWORD);
    }

    private long user(String name, BuiltInRole role) {
        return users.create(name, "User " + name, null, PASSWORD, List.of(role.id()));
    }

    private List<AuditLog.Entry> auditOf(String action, String target) {
        return audit.search(new AuditLog.Filter(null, action, "user", null, null), 1, 500).entries().stream()
                .filter(e -> target.equals(e.targetId())).toList();
    }

    @Test
    void bootstrap_adminExistsWithTheConfiguredPassword() {
        assertThat(new WebSession(port).trySignIn("admin", ADMIN_PASSWORD)).isTrue();
        assertThat(new WebSession(port).trySignIn("admin", "not-the-password")).isFalse();
        assertThat(users.findByUsername("admin")).hasValueSatisfying(a ->
                assertThat(a.roleIds()).contains(BuiltInRole.GLOBAL_ADMINISTRATOR.id()));
        assertThat(auditOf("user.create", "admin")).anySatisfy(e -> assertThat(e.actor()).isEqualTo("system"));
    }

    @Test
    void createUser_viaForm_isAuditedAndStoresOnlyABcryptHash() {
        String secret = "Correct horse battery staple";
        HttpResponse<String> r = admin().post("/settings/users", form("username", "ua-created", "displayName", "Created User",
                "email", "created@example.com", "password", secret, "roles", List.of("security-operator", "security-reader")));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("done=created"));

        UserAccounts.Account a = users.findByUsername("ua-created").orElseThrow();
        assertThat(a.roleIds()).containsExactlyInAnyOrder("security-operator", "security-reader");
        String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE id = ?").param(a.id()).query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain(secret);
        List<AuditLog.Entry> created = auditOf("user.create", "ua-created");
        assertThat(created).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("admin");
            assertThat(e.details()).contains("security-operator").doesNotContain(secret);
        });
        assertThat(new WebSession(port).trySignIn("ua-created", secret)).isTrue();
    }

    @Test
    void createUser_invalidInput_answers422WithAMessagePerField() {
        user("ua-taken", BuiltInRole.SECURITY_READER);
        HttpResponse<String> r = admin().post("/settings/users", form("username", "UA-TAKEN", "displayName", "",
                "email", "not-an-address", "password", "short"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("already exists (user names ignore case)", "Enter a display name.",
                "Enter an e-mail address", "Use at least 12 characters.");
        assertThat(r.body()).contains("value=\"UA-TAKEN\"").doesNotContain("value=\"short\"");
        assertThat(users.findByUsername("ua-taken").orElseThrow().username()).isEqualTo("ua-taken");
    }

    @Test
    void createUser_viaHtmx_answersWithHxRedirect() {
        HttpResponse<String> r = admin().postHtmx("/settings/users", form("username", "ua-htmx", "displayName", "Htmx User",
                "password", "htmx-user-password", "roles", "global-reader"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("HX-Redirect")).hasValueSatisfying(l -> assertThat(l).contains("user=ua-htmx"));
        assertThat(users.exists("ua-htmx")).isTrue();
    }

    @Test
    void post_withoutCsrfToken_isRejected() {
        HttpResponse<String> r = admin().postWithoutCsrf("/settings/users", form("username", "ua-forged", "displayName", "Forged",
                "password", "forged-password-123", "roles", "global-administrator"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(users.exists("ua-forged")).isFalse();
    }

    @Test
    void disabledUser_cannotSignIn_andLosesOpenSession() {
        long id = user("ua-disabled", BuiltInRole.SECURITY_READER);
        WebSession open = WebSession.signIn(port, "ua-disabled", PASSWORD);
        assertThat(open.get("/").statusCode()).isEqualTo(200);

        assertThat(admin().post("/settings/users/" + id + "/enabled", form("enabled", "false")).statusCode()).isEqualTo(302);

        assertThat(new WebSession(port).trySignIn("ua-disabled", PASSWORD)).isFalse();
        HttpResponse<String> after = open.get("/");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(auditOf("user.disable", "ua-disabled")).hasSize(1);
        try {
            assertThat(get("/api/v1/roles", "ua-disabled", PASSWORD).statusCode()).isEqualTo(401);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void admin_cannotDisableThemself() {
        long adminId = users.findByUsername("admin").orElseThrow().id();
        HttpResponse<String> r = admin().post("/settings/users/" + adminId + "/enabled", form("enabled", "false"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("You cannot disable your own account.");
        assertThat(users.find(adminId).orElseThrow().enabled()).isTrue();
    }

    @Test
    void lastGlobalAdministrator_cannotBeDemotedOrDisabled() {
        long adminId = users.findByUsername("admin").orElseThrow().id();
        user("ua-secadmin", BuiltInRole.SECURITY_ADMINISTRATOR);
        // Other test classes share this database: make "admin" the only enabled Global administrator, then restore.
        List<Long> others = users.all().stream()
                .filter(a -> a.id() != adminId && a.enabled() && a.roleIds().contains(BuiltInRole.GLOBAL_ADMINISTRATOR.id()))
                .map(UserAccounts.Account::id).toList();
        others.forEach(id -> users.setEnabled(id, false));
        try {
            WebSession secAdmin = WebSession.signIn(port, "ua-secadmin", PASSWORD);
            HttpResponse<String> demote = secAdmin.post("/settings/users/" + adminId, form("displayName", "Administrator",
                    "roles", "security-reader"));
            assertThat(demote.statusCode()).isEqualTo(422);
            assertThat(demote.body()).contains("admin is the last enabled Global administrator");
            HttpResponse<String> disable = secAdmin.post("/settings/users/" + adminId + "/enabled", form("enabled", "false"));
            assertThat(disable.statusCode()).isEqualTo(422);
            assertThat(disable.body()).contains("last enabled Global administrator");
            assertThat(users.find(adminId).orElseThrow().roleIds()).contains(BuiltInRole.GLOBAL_ADMINISTRATOR.id());
            assertThat(users.find(adminId).orElseThrow().enabled()).isTrue();

            long second = user("ua-second-ga", BuiltInRole.GLOBAL_ADMINISTRATOR);
            try {
                HttpResponse<String> allowed = secAdmin.post("/settings/users/" + second, form("displayName", "Second",
                        "roles", "security-reader"));
                assertThat(allowed.statusCode()).isEqualTo(302);
                assertThat(users.find(second).orElseThrow().roleIds()).containsExactly("security-reader");
            } finally {
                users.setEnabled(second, false);
            }
        } finally {
            others.forEach(id -> users.setEnabled(id, true));
        }
    }

    @Test
    void roleChange_appliesToOpenSessionAtItsNextRequest_andIsAudited() {
        long id = user("ua-promoted", BuiltInRole.SECURITY_READER);
        WebSession session = WebSession.signIn(port, "ua-promoted", PASSWORD);
        assertThat(session.get("/settings/users").statusCode()).isEqualTo(403);

        assertThat(admin().post("/settings/users/" + id, form("displayName", "Promoted", "email", "",
                "roles", List.of("security-reader", "global-reader"))).statusCode()).isEqualTo(302);

        assertThat(session.get("/settings/users").statusCode()).isEqualTo(200);
        assertThat(auditOf("user.update", "ua-promoted")).singleElement().satisfies(e ->
                assertThat(e.details()).contains("display name \"User ua-promoted\" → \"Promoted\"", "global-reader"));
    }

    @Test
    void passwordReset_byAdmin_endsTheUsersSessions_andIsAudited() {
        long id = user("ua-reset", BuiltInRole.SECURITY_READER);
        WebSession open = WebSession.signIn(port, "ua-reset", PASSWORD);
        assertThat(admin().post("/settings/users/" + id + "/password", form("password", "brand-new-password-7")).statusCode()).isEqualTo(302);

        assertThat(open.get("/").statusCode()).isEqualTo(302);
        assertThat(new WebSession(port).trySignIn("ua-reset", PASSWORD)).isFalse();
        assertThat(new WebSession(port).trySignIn("ua-reset", "brand-new-password-7")).isTrue();
        assertThat(auditOf("user.password.reset", "ua-reset")).singleElement()
                .satisfies(e -> assertThat(e.details()).doesNotContain("brand-new-password-7"));
    }

    @Test
    void ownPasswordChange_keepsThisSession_endsOthers_andIsAudited() {
        user("ua-self", BuiltInRole.SECURITY_READER);
        WebSession here = WebSession.signIn(port, "ua-self", PASSWORD);
        WebSession elsewhere = WebSession.signIn(port, "ua-self", PASSWORD);

        HttpResponse<String> mismatch = here.post("/profile/password", form("currentPassword", PASSWORD,
                "newPassword", "my-own-new-password", "confirmPassword", "something-else-entirely"));
        assertThat(mismatch.statusCode()).isEqualTo(422);
        assertThat(mismatch.body()).contains("The two new passwords do not match.");

        HttpResponse<String> ok = here.post("/profile/password", form("currentPassword", PASSWORD,
                "newPassword", "my-own-new-password", "confirmPassword", "my-own-new-password"));
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(here.get("/profile/password?changed").body()).contains("Password changed.");
        assertThat(elsewhere.get("/").statusCode()).isEqualTo(302);
        assertThat(new WebSession(port).trySignIn("ua-self", "my-own-new-password")).isTrue();
        assertThat(auditOf("user.password.change", "ua-self")).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("ua-self"));
    }

    @Test
    void signIn_ignoresUserNameCase() {
        user("ua-MixedCase", BuiltInRole.SECURITY_READER);
        WebSession s = WebSession.signIn(port, "UA-mixedcase", PASSWORD);
        assertThat(s.get("/").body()).contains("ua-MixedCase");
    }

    @Test
    void logout_needsCsrfToken_andEndsTheSession() {
        WebSession s = admin();
        assertThat(s.postWithoutCsrf("/logout", form()).statusCode()).isEqualTo(403);
        assertThat(s.get("/").statusCode()).isEqualTo(200);

        HttpResponse<String> out = s.post("/logout", form());
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?logout"));
        assertThat(s.get("/").statusCode()).isEqualTo(302);
    }
}
