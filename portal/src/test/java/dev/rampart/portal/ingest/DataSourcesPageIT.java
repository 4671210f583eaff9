package dev.rampart.portal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.access.UserAccounts;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DataSourcesPageIT extends AbstractPortalIT {
    @Autowired
    DataSourcesService sources;
    @Autowired
    UserAccounts users;

    @Test
    @org.springframework.security.test.context.support.WithMockUser(authorities = "PERM_SYSTEM_SETTINGS_READ")
    void overview_listsEveryTableWithRetention() {
        DataSourcesService.Overview o = sources.overview(DataSourcesService.Sort.TABLE);
        assertThat(o.sources()).hasSize(65);
        assertThat(o.retentionDays()).isEqualTo(30);
        assertThat(o.sources()).filteredOn(s -> s.table().equals("DeviceTvmSoftwareInventory")).singleElement()
                .satisfies(s -> assertThat(s.agedOut()).isFalse());
        assertThat(o.sources()).filteredOn(s -> s.table().equals("DeviceProcessEvents")).singleElement()
                .satisfies(s -> assertThat(s.agedOut()).isTrue());
        assertThat(o.sources().get(0).table()).isLessThan(o.sources().get(1).table());
    }

    /** Signs in through the login form and returns a client holding the session cookie. */
    private HttpClient signedIn(String user, String password) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        String login = client.send(HttpRequest.newBuilder(URI.create(url("/login"))).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login);
        assertThat(m.find()).isTrue();
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        return client;
    }

    private HttpResponse<String> page(HttpClient client) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url("/settings/data?sort=rows"))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void page_admin_listsTablesWithRetention() throws Exception {
        HttpResponse<String> r = page(signedIn("admin", ADMIN_PASSWORD));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Data sources").contains("DeviceProcessEvents").contains("30 days").contains("kept (inventory, no event time)");
    }

    @Test
    void page_withoutSystemSettingsRead_isForbidden() throws Exception {
        if (!users.exists("datasources-it-nobody")) {
            users.create("datasources-it-nobody", "Nobody", null, "datasources-pw", List.of());
        }
        assertThat(page(signedIn("datasources-it-nobody", "datasources-pw")).statusCode()).isEqualTo(403);
    }

    @Test
    void page_signedOut_redirectsToLogin() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/settings/data"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(302);
    }

    @Test
    @org.springframework.security.test.context.support.WithMockUser(authorities = "PERM_SECURITY_DATA_READ")
    void overview_withoutSystemSettingsRead_isDenied() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sources.overview(DataSourcesService.Sort.TABLE))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }
}
