package dev.rampart.portal.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.access.ScopeFixture.Seeded;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Entity pages, Assets › Devices and global search keep to the reader's device groups: a user scoped to EU
 * devices gets 404 for a US device page and sees only EU rows and EU alerts on the other pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopedEntitiesIT extends AbstractPortalIT {
    @Autowired
    ApplicationContext ctx;
    @Autowired
    EntitySearch search;
    Seeded f;
    WebSession eu;
    WebSession all;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, "sent");
        // A scheduled rebuild may be running with the store as it was before this seed: wait for one of our own.
        while (!search.rebuild()) {
            Thread.onSpinWait();
        }
        eu = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD);
        all = WebSession.signIn(port, f.allUser(), ScopeFixture.PASSWORD);
    }

    private static String body(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void devicePage_outOfScope_is404_byIdAndByName() {
        assertThat(body(eu.get("/devices/" + Seeded.id(f.euDevice())))).contains(f.euDevice()).contains("sent EU alert");
        assertThat(eu.get("/devices/" + Seeded.id(f.usDevice())).statusCode()).isEqualTo(404);
        assertThat(eu.get("/devices/" + f.usDevice()).statusCode()).isEqualTo(404);
        assertThat(eu.get("/devices/" + Seeded.id(f.usDevice()) + "/timeline").statusCode()).isEqualTo(404);
        assertThat(eu.get("/response/devices/" + Seeded.id(f.usDevice()) + "/actions").statusCode()).isEqualTo(404);
        assertThat(body(all.get("/devices/" + Seeded.id(f.usDevice())))).contains(f.usDevice()).contains("sent US alert");
    }

    @Test
    void deviceList_showsOnlyScopedDevices() {
        assertThat(body(eu.get("/devices?q=sent-"))).contains("sent-eu1.eu", "sent-eu2.eu").doesNotContain("sent-us1", "sent-us2");
        assertThat(body(all.get("/devices?q=sent-"))).contains("sent-eu1.eu", "sent-us1.us", "sent-us2.us");
    }

    @Test
    void fileIpDomainAndUserPages_showOnlyScopedRowsAndAlerts() {
        assertThat(body(eu.get("/files/" + f.hash()))).contains("sent-eu1.eu").doesNotContain("sent-us1", "sent-us2");
        assertThat(body(all.get("/files/" + f.hash()))).contains("sent-eu1.eu", "sent-us1.us");

        String ip = body(eu.get("/ips/" + f.ip()));
        assertThat(ip).contains("sent-eu1.eu", "sent EU alert").doesNotContain("sent-us1", "sent US alert");
        assertThat(body(all.get("/ips/" + f.ip()))).contains("sent-us1.us", "sent US alert");

        assertThat(body(eu.get("/urls/" + f.domain()))).contains("sent-eu2.eu").doesNotContain("sent-us1", "sent-us2");
        assertThat(body(all.get("/urls/" + f.domain()))).contains("sent-us2.us");

        assertThat(body(eu.get("/users/sent-admin"))).contains("sent-eu1.eu").doesNotContain("sent-us1", "sent-us2");
        assertThat(body(all.get("/users/sent-admin"))).contains("sent-us1.us");
    }

    @Test
    void globalSearch_suggestsOnlyScopedDevices() throws Exception {
        String mine = get("/api/v1/search?q=sent-&limit=50", f.euUser(), ScopeFixture.PASSWORD).body();
        assertThat(mine).contains("sent-eu1.eu").doesNotContain("sent-us1", "sent-us2");
        assertThat(get("/api/v1/search?q=sent-&limit=50", f.allUser(), ScopeFixture.PASSWORD).body()).contains("sent-us1.us");
    }
}
