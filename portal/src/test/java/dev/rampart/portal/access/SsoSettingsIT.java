package dev.rampart.portal.access;

import static dev.rampart.portal.WebSession.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.testidp.TestIdentityProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Settings › Single sign-on in the running portal, against a real provider ({@link TestIdentityProvider}): saved
 * settings turn sign-in on without a restart, the secret is write-only, the connection test fetches the discovery
 * document, and the provider's back-channel logout tokens end sessions only when they are genuine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SsoSettingsIT extends AbstractPortalIT {
    @Autowired
    SsoSettings settings;
    @Autowired
    AuditLog audit;
    @Autowired
    OidcSessions sessions;
    @Autowired
    UserAccounts users;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    TestIdentityProvider idp;
    String base;
    WebSession admin;
    final String suffix = UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    void start() {
        base = "http://127.0.0.1:" + port;
        idp = TestIdentityProvider.start(base);
        admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() {
        SystemIdentity.run("sso-it", () -> {
            settings.reset();
            return null;
        });
        idp.close();
    }

    private HttpResponse<String> save(String group) {
        return admin.post("/settings/sso", form("enabled", "on", "displayName", "Test IdP", "issuerUri", idp.issuer(),
                "clientId", TestIdentityProvider.CLIENT_ID, "clientSecret", TestIdentityProvider.CLIENT_SECRET, "scopes", "openid profile email",
                "usernameClaim", "preferred_username", "groupsClaim", "groups",
                "idpGroup", "soc-readers-" + group, "localGroup", "", "role", "security-reader"));
    }

    private HttpResponse<String> signIn(FollowingClient c, String user, String password) {
        HttpResponse<String> idpLogin = c.get(base + "/oauth2/authorization/oidc");
        assertThat(idpLogin.uri().toString()).startsWith(idp.issuer() + "/login");
        return c.submit(idpLogin, "/login", Map.of("username", user, "password", password));
    }

    private HttpResponse<String> backChannel(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + BackChannelLogout.PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void savedSettings_turnSignInOnWithoutRestart_keepTheSecretWriteOnly_andAreAudited() {
        assertThat(save(suffix).statusCode()).isEqualTo(302);
        String page = admin.get("/settings/sso").body();
        assertThat(page).contains(idp.issuer()).contains("a secret is stored").doesNotContain(TestIdentityProvider.CLIENT_SECRET)
                .contains("/oidc/backchannel-logout").contains("soc-readers-" + suffix);
        assertThat(new FollowingClient().get(base + "/login").body()).contains("Sign in with Test IdP");

        String who = "sso-" + suffix;
        idp.user(who, "pw-" + suffix, Map.of("preferred_username", who, "groups", List.of("soc-readers-" + suffix)));
        FollowingClient c = new FollowingClient();
        HttpResponse<String> home = signIn(c, who, "pw-" + suffix);
        assertThat(home.uri().getPath()).isEqualTo("/");
        assertThat(users.permissionsOf(who)).contains(Permission.SECURITY_DATA_READ).doesNotContain(Permission.AUTHORIZATION_READ);

        // Saving again without a secret keeps the stored one: sign-in still works.
        admin.post("/settings/sso", form("enabled", "on", "displayName", "Test IdP", "issuerUri", idp.issuer(),
                "clientId", TestIdentityProvider.CLIENT_ID, "clientSecret", "", "scopes", "openid profile email",
                "usernameClaim", "preferred_username", "groupsClaim", "groups", "idpGroup", "soc-readers-" + suffix, "role", "security-reader"));
        assertThat(signIn(new FollowingClient(), who, "pw-" + suffix).uri().getPath()).isEqualTo("/");

        List<AuditLog.Entry> entries = audit.search(new AuditLog.Filter(null, "sso.settings.update", null, null, null), 1, 50).entries();
        assertThat(entries).isNotEmpty().allSatisfy(e -> assertThat(e.details()).doesNotContain(TestIdentityProvider.CLIENT_SECRET));
        assertThat(entries).anySatisfy(e -> assertThat(e.details()).contains("secret unchanged"));
        assertThat(storedSecret()).startsWith("v1:").doesNotContain(TestIdentityProvider.CLIENT_SECRET);
    }

    private String storedSecret() {
        return jdbc.sql("SELECT client_secret FROM sso_settings WHERE id = 1").query(String.class).single();
    }

    @Test
    void secretStoredBeforeSealing_isSealedAtStart_andStillSignsIn() {
        String group = suffix + "-legacy";
        assertThat(save(group).statusCode()).isEqualTo(302);
        jdbc.sql("UPDATE sso_settings SET client_secret = ? WHERE id = 1").param(TestIdentityProvider.CLIENT_SECRET).update();
        settings.sealStoredSecret();
        assertThat(storedSecret()).startsWith("v1:").doesNotContain(TestIdentityProvider.CLIENT_SECRET);

        String who = "sso-legacy-" + suffix;
        idp.user(who, "pw-" + suffix, Map.of("preferred_username", who, "groups", List.of("soc-readers-" + group)));
        assertThat(signIn(new FollowingClient(), who, "pw-" + suffix).uri().getPath()).isEqualTo("/");
    }

    @Test
    void secretSealedUnderAnotherKey_isReportedOnThePage_andNotUsed() {
        assertThat(save(suffix + "-rekey").statusCode()).isEqualTo(302);
        String foreign = new dev.rampart.portal.core.SecretBox("another-installation-key-0123456789abcdef").seal(TestIdentityProvider.CLIENT_SECRET);
        jdbc.sql("UPDATE sso_settings SET client_secret = ? WHERE id = 1").param(foreign).update();
        SystemIdentity.run("sso-it", () -> settings.save(new SsoSettings.Input(true, idp.issuer(), TestIdentityProvider.CLIENT_ID, "", false,
                "openid", "Test IdP", "preferred_username", "groups", List.of())));
        assertThat(settings.saved().orElseThrow().secretUnreadable()).isTrue();
        assertThat(settings.effective().clientSecret()).isNull();
        assertThat(admin.get("/settings/sso").body()).contains("cannot be read");
    }

    @Test
    void badInput_isRefusedNamingTheField_andNothingIsSaved() {
        var before = settings.saved();
        HttpResponse<String> r = admin.post("/settings/sso", form("enabled", "on", "issuerUri", "ftp://nope", "clientId", "",
                "idpGroup", "x", "role", "no-such-role"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("Enter an http(s) URL").contains("Enter the client id").contains("There is no role");
        assertThat(settings.saved()).isEqualTo(before);
    }

    @Test
    void testConnection_fetchesTheDiscoveryDocumentAndKeys() {
        HttpResponse<String> ok = admin.post("/settings/sso/test", form("issuerUri", idp.issuer()));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("Connection test succeeded").contains(idp.issuer() + "/oauth2/token").contains("Signing keys");
        HttpResponse<String> bad = admin.post("/settings/sso/test", form("issuerUri", "http://127.0.0.1:9/nothing-here"));
        assertThat(bad.body()).contains("Connection test failed").contains("could not be reached");
        assertThat(audit.search(new AuditLog.Filter(null, "sso.settings.test", null, null, null), 1, 10).entries()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void readers_seeTheSettingsButCannotChangeThem() {
        String reader = "sso-reader-" + suffix;
        users.create(reader, "Reader", null, "sso-reader-pw-1234", List.of(BuiltInRole.GLOBAL_READER.id()));
        WebSession r = WebSession.signIn(port, reader, "sso-reader-pw-1234");
        assertThat(r.get("/settings/sso").statusCode()).isEqualTo(200);
        assertThat(r.get("/settings/sso").body()).doesNotContain("Test connection").doesNotContain("name=\"clientSecret\"");
        assertThat(r.post("/settings/sso", form("enabled", "")).statusCode()).isEqualTo(403);
        assertThat(r.post("/settings/sso/test", form("issuerUri", idp.issuer())).statusCode()).isEqualTo(403);
    }

    @Test
    void backChannelLogout_endsTheSessionsItNames_andRefusesForgedOrMalformedTokens() throws Exception {
        save(suffix + "b");
        String who = "bcl-" + suffix;
        idp.user(who, "pw-" + suffix, Map.of("preferred_username", who, "groups", List.of("soc-readers-" + suffix + "b")));
        FollowingClient first = new FollowingClient();
        FollowingClient second = new FollowingClient();
        signIn(first, who, "pw-" + suffix);
        signIn(second, who, "pw-" + suffix);
        assertThat(first.getOnce(base + "/incidents").statusCode()).isEqualTo(200);
        assertThat(sessions.count(who)).isEqualTo(2);

        // Forged: signed with a key the provider never published; then wrong audience, no event, a nonce, no sub/sid.
        assertThat(backChannel(idp.logoutTokenWithForeignKey(who, null)).statusCode()).isEqualTo(400);
        assertThat(backChannel(idp.logoutToken(who, null, Map.of("aud", List.of("someone-else")))).statusCode()).isEqualTo(400);
        assertThat(backChannel(idp.logoutToken(who, null, Map.of("iss", "http://evil.example"))).statusCode()).isEqualTo(400);
        assertThat(backChannel(idp.logoutToken(who, null, Map.of("events", Map.of("other", Map.of())))).statusCode()).isEqualTo(400);
        assertThat(backChannel(idp.logoutToken(who, null, Map.of("nonce", "n"))).statusCode()).isEqualTo(400);
        HttpResponse<String> noSubject = backChannel(idp.logoutToken(null, null, Map.of()));
        assertThat(noSubject.statusCode()).isEqualTo(400);
        assertThat(noSubject.body()).contains("invalid_request");
        assertThat(first.getOnce(base + "/incidents").statusCode()).as("still signed in").isEqualTo(200);

        // By provider session id: only the session it names ends.
        List<String> sids = sessions.sids(who);
        assertThat(sids).as("the provider puts sid in its ID tokens").hasSize(2);
        assertThat(backChannel(idp.logoutToken(null, sids.get(0), Map.of())).statusCode()).isEqualTo(200);
        assertThat(sessions.count(who)).isEqualTo(1);

        // By subject: every remaining session of the user ends.
        HttpResponse<String> ok = backChannel(idp.logoutToken(who, null, Map.of()));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(sessions.count(who)).isZero();
        for (FollowingClient c : List.of(first, second)) {
            HttpResponse<String> after = c.getOnce(base + "/incidents");
            assertThat(after.statusCode()).isEqualTo(302);
            assertThat(after.headers().firstValue("Location").orElse("")).endsWith("/login");
        }
        assertThat(audit.search(new AuditLog.Filter(null, "user.signout.backchannel", null, null, null), 1, 10).entries())
                .anySatisfy(e -> assertThat(e.details()).contains(who));
    }

    @Test
    void backChannelLogout_withSomethingNotAJwt_isRefused() throws Exception {
        HttpResponse<String> r = backChannel("not-a-jwt");
        assertThat(r.statusCode()).isEqualTo(400);
    }
}
