package dev.rampart.portal.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.UserAccounts;
import dev.rampart.portal.events.EventStore;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIT extends AbstractPortalIT {
    @Autowired
    EventStore store;
    @Autowired
    EntitySearch search;
    @Autowired
    UserAccounts users;

    EntityFixture fx;
    WebSession admin;

    @BeforeAll
    void data() {
        fx = new EntityFixture(store, "srchit");
        // A build may already be running from start-up; wait for ours to include the fixture.
        while (!search.rebuild()) {
            Thread.onSpinWait();
        }
        admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
    }

    @Test
    void suggestions_groupEntitiesBySection_andLinkToTheirPages() {
        String body = admin.getHtmx("/search/suggest?q=srchit").body();
        assertThat(body).contains("Devices", "/devices/" + fx.deviceId, "Users", "/users/" + fx.upn.replace("@", "%40"),
                "Files", "/files/" + fx.sha1, "URLs and domains", "srchit-updates.example.net");
    }

    @Test
    void exactIp_opensTheIpPageDirectly() {
        assertThat(admin.getHtmx("/search/suggest?q=" + fx.ip).body()).contains("/ips/" + fx.ip);
        var r = admin.get("/search?q=" + fx.ip);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/ips/" + fx.ip);
    }

    @Test
    void urlTyped_opensTheDomainPageDirectly() {
        var r = admin.get("/search?q=https://" + fx.domain + "/x");
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/urls/" + fx.domain);
    }

    @Test
    void resultsPage_listsAllSections() {
        String body = admin.get("/search?q=srchit").body();
        assertThat(body).contains("Search results", "Devices (1)", fx.deviceName, "Pat srchit");
    }

    @Test
    void api_returnsSectionsWithHits() throws Exception {
        var r = get("/api/v1/search?q=srchit", "admin", ADMIN_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"type\":\"device\"", "\"title\":\"Devices\"", fx.deviceName);
    }

    @Test
    void withoutDataPermission_onlyPagesAreFound() throws Exception {
        users.create("srchit-nodata", "No data", null, "Srchit-nodata-pw-123456!", Set.of());
        var r = get("/api/v1/search?q=srchit", "srchit-nodata", "Srchit-nodata-pw-123456!");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(fx.deviceName);
        assertThat(get("/api/v1/search?q=home", "srchit-nodata", "Srchit-nodata-pw-123456!").body()).contains("\"type\":\"page\"");
    }
}
