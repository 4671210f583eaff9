package dev.rampart.portal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.portal.RampartApplication;
import dev.rampart.portal.web.Browser;
import dev.rampart.testidp.TestIdentityProvider;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Sign-in with OpenID Connect against a real provider (Spring Authorization Server, {@link TestIdentityProvider})
 * through the whole authorization code flow: portal → provider login form → back with a code → signed in.
 * <p>This IT starts its own portal (own data directory, OIDC properties) instead of extending AbstractPortalIT: the
 * shared context has fixed properties and the provider's random port is only known once it runs. Both are closed
 * in {@link #stop()}.
 */
class OidcSignInIT {
    static final String ADMIN_PASSWORD = "oidc-it-admin-password";
    static final String EU_GROUP = "OIDC EU analysts";

    static TestIdentityProvider idp;
    static ConfigurableApplicationContext portal;
    static String base;
    static long euDeviceGroup;

    @BeforeAll
    static void start() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // 127.0.0.1 for the portal, localhost for the provider: separate cookie jars in one client or browser.
        base = "http://127.0.0.1:" + port;
        idp = TestIdentityProvider.start(base);
        Path data = Files.createTempDirectory("rampart-oidc-it");
        portal = new SpringApplicationBuilder(RampartApplication.class).bannerMode(Banner.Mode.OFF).logStartupInfo(false).run(
                "--server.port=" + port,
                "--rampart.data-dir=" + data,
                "--RAMPART_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
                "--rampart.duckdb-memory=256MB",
                "--rampart.retention-first-run=P1D",
                "--rampart.oidc.issuer-uri=" + idp.issuer(),
                "--rampart.oidc.client-id=" + TestIdentityProvider.CLIENT_ID,
                "--rampart.oidc.client-secret=" + TestIdentityProvider.CLIENT_SECRET,
                "--rampart.oidc.display-name=Test IdP",
                "--rampart.oidc.group-mapping[0].idp-group=soc-eu",
                "--rampart.oidc.group-mapping[0].local-group=" + EU_GROUP,
                "--rampart.oidc.group-mapping[1].idp-group=soc-readers",
                "--rampart.oidc.group-mapping[1].role=security-reader");
        DeviceGroup eu = bean(DeviceGroups.class).create(new DeviceGroups.Input("OIDC EU devices", "EU offices", "SEMI_ALL_FOLDERS", 1,
                Map.of("DOMAIN", List.of("eu.oidc.example"))));
        euDeviceGroup = eu.id();
        bean(DeviceGroupMembership.class).refresh();
        Roles.Role tier1 = bean(RoleAdministration.class).create(new RoleAdministration.Input("OIDC Tier-1 analyst", "EU only",
                List.of("SECURITY_DATA_READ"), Map.of()));
        bean(LocalGroups.class).create(EU_GROUP, "EU tier 1", List.of());
        bean(RoleAssignments.class).create(tier1.id(), new RoleAssignments.Input("EU endpoint via SSO", List.of(), List.of(EU_GROUP),
                List.of("endpoint"), List.of(eu.id())));
    }

    @AfterAll
    static void stop() {
        if (portal != null) {
            portal.close();
        }
        if (idp != null) {
            idp.close();
        }
    }

    static <T> T bean(Class<T> type) {
        return portal.getBean(type);
    }

    static Map<String, Object> claims(String username, Object... more) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("preferred_username", username);
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    /** Runs the code flow in {@code c}: start at the portal, sign in on the provider's form, follow back. */
    static HttpResponse<String> signIn(FollowingClient c, String user, String password) {
        HttpResponse<String> idpLogin = c.get(base + "/oauth2/authorization/oidc");
        assertThat(idpLogin.uri().toString()).as("the portal sends the browser to the provider's login form").startsWith(idp.issuer() + "/login");
        return c.submit(idpLogin, "/login", Map.of("username", user, "password", password));
    }

    static List<AuditLog.Entry> audit(String action, String user) {
        return bean(AuditLog.class).search(new AuditLog.Filter(null, action, "user", null, null), 1, 200).entries().stream()
                .filter(e -> user.equalsIgnoreCase(e.targetId())).toList();
    }

    static int status(FollowingClient c, String path) {
        return c.getOnce(base + path).statusCode();
    }

    @Test
    void loginPage_showsSsoButtonBesideTheForm() {
        String page = new FollowingClient().get(base + "/login").body();
        assertThat(page).contains("Sign in with Test IdP").contains("href=\"/oauth2/authorization/oidc\"")
                .contains("action=\"/login\"").contains("id=\"password\"");
    }

    @Test
    void firstSignIn_provisionsExternalAccount_withExactlyTheScopedAssignmentOfItsMappedGroup() {
        idp.user("ada", "ada-pw", claims("ada", "email", "ada@oidc.example", "name", "Ada Analyst", "groups", List.of("soc-eu")));
        FollowingClient c = new FollowingClient();
        HttpResponse<String> home = signIn(c, "ada", "ada-pw");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.uri().toString()).isEqualTo(base + "/");
        assertThat(c.hops).anyMatch(u -> u.getPath().equals("/login/oauth2/code/oidc"));
        UserAccounts users = bean(UserAccounts.class);
        UserAccounts.Account ada = users.findByUsername("ada").orElseThrow();
        assertThat(ada.displayName()).isEqualTo("Ada Analyst");
        assertThat(ada.email()).isEqualTo("ada@oidc.example");
        assertThat(users.authSource(ada.id())).contains(idp.issuer());
        assertThatThrownBy(() -> users.loadUserByUsername("ada")).as("no password, so no form or Basic sign-in").isInstanceOf(UsernameNotFoundException.class);
        assertThat(bean(LocalGroups.class).findByName(EU_GROUP).orElseThrow().members()).contains("ada");
        assertThat(users.permissionsOf("ada")).containsExactly(Permission.SECURITY_DATA_READ);

        DataScope scope = bean(DataScopes.class).forUser("ada");
        assertThat(scope.unrestricted()).isFalse();
        assertThat(scope.workloadVisible("endpoint")).isTrue();
        assertThat(scope.deviceGroups("endpoint")).contains(java.util.Set.of(euDeviceGroup));
        assertThat(scope.workloadVisible("identity")).isFalse();

        assertThat(status(c, "/hunting")).isEqualTo(200);
        assertThat(status(c, "/settings/users")).isEqualTo(403);
        assertThat(audit("user.provision", "ada")).singleElement().satisfies(e -> assertThat(e.details()).contains(idp.issuer()));
        assertThat(audit("user.groups.sync", "ada")).singleElement().satisfies(e -> assertThat(e.details()).contains("added [group " + EU_GROUP + "]"));
    }

    @Test
    void groupRemovedAtProvider_membershipAndRoleRemovedAtNextSignIn() {
        idp.user("bea", "bea-pw", claims("bea", "groups", List.of("soc-eu", "soc-readers")));
        FollowingClient first = new FollowingClient();
        signIn(first, "bea", "bea-pw");
        UserAccounts users = bean(UserAccounts.class);
        long id = users.findByUsername("bea").orElseThrow().id();
        assertThat(users.directRoles(id)).containsExactly("security-reader");
        assertThat(bean(LocalGroups.class).findByName(EU_GROUP).orElseThrow().members()).contains("bea");

        idp.claim("bea", "groups", List.of("soc-readers"));
        FollowingClient second = new FollowingClient();
        assertThat(signIn(second, "bea", "bea-pw").statusCode()).isEqualTo(200);
        assertThat(bean(LocalGroups.class).findByName(EU_GROUP).orElseThrow().members()).doesNotContain("bea");
        assertThat(users.directRoles(id)).containsExactly("security-reader");

        idp.claim("bea", "groups", List.of());
        FollowingClient third = new FollowingClient();
        signIn(third, "bea", "bea-pw");
        assertThat(users.directRoles(id)).isEmpty();
        assertThat(users.permissionsOf("bea")).isEmpty();
        assertThat(status(third, "/hunting")).isEqualTo(403);
        // The first session follows the account too: its permissions went with the groups.
        assertThat(status(first, "/hunting")).isEqualTo(403);
        assertThat(audit("user.groups.sync", "bea")).extracting(AuditLog.Entry::details)
                .anyMatch(d -> d.contains("removed [group " + EU_GROUP + "]"))
                .anyMatch(d -> d.contains("removed [role security-reader]"));
    }

    @Test
    void noMappedGroup_signsInButSeesNothing() {
        idp.user("cid", "cid-pw", claims("cid", "groups", List.of("marketing")));
        FollowingClient c = new FollowingClient();
        HttpResponse<String> home = signIn(c, "cid", "cid-pw");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.uri().getPath()).isEqualTo("/");
        assertThat(bean(UserAccounts.class).permissionsOf("cid")).isEmpty();
        DataScope scope = bean(DataScopes.class).forUser("cid");
        assertThat(scope.unrestricted()).isFalse();
        assertThat(scope.grants()).isEmpty();
        for (String page : List.of("/hunting", "/incidents", "/settings/users", "/settings/audit")) {
            assertThat(status(c, page)).as(page).isEqualTo(403);
        }
    }

    @Test
    void disabledAccount_isRefusedWithClearMessage_andItsOpenSessionEnds() {
        idp.user("dan", "dan-pw", claims("dan", "groups", List.of("soc-eu")));
        FollowingClient open = new FollowingClient();
        signIn(open, "dan", "dan-pw");
        long id = bean(UserAccounts.class).findByUsername("dan").orElseThrow().id();
        SystemIdentity.run("oidc-it", () -> bean(UserAdministration.class).setEnabled(id, false));

        HttpResponse<String> after = open.getOnce(base + "/hunting");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).endsWith("/login");

        HttpResponse<String> refused = signIn(new FollowingClient(), "dan", "dan-pw");
        assertThat(refused.uri().getPath()).isEqualTo("/login");
        assertThat(refused.uri().getQuery()).isEqualTo("sso");
        assertThat(refused.body()).contains("dan").contains("is disabled. Ask an administrator to enable it.");
        assertThat(audit("user.signin.refused", "dan")).isNotEmpty();
    }

    @Test
    void disabledLocalAccount_cannotComeBackThroughTheProvider_andLocalNamesAreNotTakenOver() {
        UserAccounts users = bean(UserAccounts.class);
        long lola = users.create("lola", "Lola", null, "lola-local-pw-1234", List.of("global-administrator"));
        users.setEnabled(lola, false);
        users.create("lena", "Lena", null, "lena-local-pw-1234", List.of("global-administrator"));
        idp.user("lola", "lola-pw", claims("lola", "groups", List.of("soc-readers")));
        idp.user("lena", "lena-pw", claims("lena", "groups", List.of("soc-readers")));

        HttpResponse<String> lolaBack = signIn(new FollowingClient(), "lola", "lola-pw");
        assertThat(lolaBack.uri().getPath()).isEqualTo("/login");
        assertThat(lolaBack.body()).contains("is disabled");
        HttpResponse<String> lenaBack = signIn(new FollowingClient(), "lena", "lena-pw");
        assertThat(lenaBack.uri().getPath()).isEqualTo("/login");
        assertThat(lenaBack.body()).contains("exists already and does not belong to Test IdP");

        assertThat(users.findByUsername("lola").orElseThrow().enabled()).isFalse();
        assertThat(users.authSource(lola)).isEmpty();
        assertThat(users.directRoles(lola)).containsExactly("global-administrator");
    }

    @Test
    void withoutPreferredUsername_theEmailNamesTheAccount() {
        idp.user("sam", "sam-pw", Map.of("email", "sam@oidc.example", "groups", List.of()));
        HttpResponse<String> home = signIn(new FollowingClient(), "sam", "sam-pw");
        assertThat(home.uri().getPath()).isEqualTo("/");
        UserAccounts users = bean(UserAccounts.class);
        assertThat(users.findByUsername("sam@oidc.example")).isPresent();
        assertThat(users.exists("sam")).isFalse();
    }

    @Test
    void signOut_endsLocalSession_andSignsOutAtTheProvider() {
        idp.user("eve", "eve-pw", claims("eve", "groups", List.of("soc-eu")));
        FollowingClient c = new FollowingClient();
        HttpResponse<String> home = signIn(c, "eve", "eve-pw");
        c.clearHops();

        HttpResponse<String> out = c.submit(home, "/logout", Map.of());
        assertThat(c.hops).as("RP-initiated logout at the provider's end_session_endpoint")
                .anyMatch(u -> u.toString().startsWith(idp.issuer()) && u.getQuery() != null && u.getQuery().contains("id_token_hint="));
        assertThat(out.uri().toString()).isEqualTo(base + "/login?logout");
        assertThat(out.body()).contains("You have signed out.");
        assertThat(status(c, "/")).isEqualTo(302);
        HttpResponse<String> again = c.get(base + "/oauth2/authorization/oidc");
        assertThat(again.uri().toString()).as("the provider's session ended too").startsWith(idp.issuer() + "/login");
    }

    @Test
    void externalAccount_cannotUseBasicAuth_orGetAPasswordSet() throws Exception {
        idp.user("fay", "fay-pw", claims("fay", "groups", List.of("soc-readers")));
        signIn(new FollowingClient(), "fay", "fay-pw");
        long id = bean(UserAccounts.class).findByUsername("fay").orElseThrow().id();

        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/users"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("fay:fay-pw".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThatThrownBy(() -> SystemIdentity.run("oidc-it", () -> bean(UserAdministration.class).resetPassword(id, "a-long-password-1234")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors().get("password")).contains("identity provider"));
    }

    @Test
    void breakGlassAdmin_signsInWithTheForm_andSeesSsoAccountsMarked() {
        idp.user("hal", "hal-pw", claims("hal", "groups", List.of()));
        signIn(new FollowingClient(), "hal", "hal-pw");
        FollowingClient admin = new FollowingClient();
        HttpResponse<String> home = admin.submit(admin.get(base + "/login"), "/login", Map.of("username", "admin", "password", ADMIN_PASSWORD));
        assertThat(home.uri().toString()).isEqualTo(base + "/");
        HttpResponse<String> listPage = admin.get(base + "/settings/users");
        String list = listPage.body();
        assertThat(list).containsPattern(">hal</a> <span class=\"pill\" title=\"Signs in through " + java.util.regex.Pattern.quote(idp.issuer()) + "\">SSO</span>");
        assertThat(list).doesNotContainPattern(">admin</a> <span class=\"pill\"");

        admin.clearHops();
        HttpResponse<String> out = admin.submit(listPage, "/logout", Map.of());
        assertThat(out.uri().toString()).isEqualTo(base + "/login?logout");
        assertThat(admin.hops).as("a local session ends locally").noneMatch(u -> u.toString().startsWith(idp.issuer()));
    }

    @Test
    void browser_signsInThroughTheProvider_andOut() {
        idp.user("gus", "gus-pw", claims("gus", "name", "Gus Analyst", "groups", List.of("soc-eu")));
        try (Browser b = new Browser(1440, 900)) {
            b.driver.get(base + "/login");
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("a.login-sso")));
            b.shot("oidc-login-1440");
            b.driver.findElement(By.cssSelector("a.login-sso")).click();
            b.wait.until(ExpectedConditions.urlContains(idp.issuer() + "/login"));
            b.driver.findElement(By.id("username")).sendKeys("gus");
            b.driver.findElement(By.id("password")).sendKeys("gus-pw");
            b.shot("oidc-provider-login");
            b.driver.findElement(By.cssSelector("button[type=submit]")).click();
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".page-header h1")));
            assertThat(b.driver.getCurrentUrl()).isEqualTo(base + "/");
            b.shot("oidc-signed-in");
            b.driver.executeScript("document.querySelector('form[action=\"/logout\"]').submit()");
            b.wait.until(ExpectedConditions.urlToBe(base + "/login?logout"));
            assertThat(b.driver.findElement(By.cssSelector(".alert-info")).getText()).contains("You have signed out");
            b.signIn(base, "admin", ADMIN_PASSWORD);
            b.driver.get(base + "/settings/users");
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table.grid")));
            b.shot("oidc-users-list");
        }
        try (Browser b = new Browser(1920, 1080)) {
            b.driver.get(base + "/login");
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("a.login-sso")));
            b.shot("oidc-login-1920");
        }
    }
}
