package dev.rampart.portal.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.UserAccounts;
import dev.rampart.portal.events.EventStore;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntityPagesIT extends AbstractPortalIT {
    @Autowired
    EventStore store;
    @Autowired
    UserAccounts users;

    EntityFixture fx;
    WebSession admin;

    @BeforeAll
    void data() {
        fx = new EntityFixture(store, "entpg");
        admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
    }

    @Test
    void devicePage_showsOverviewUsersAndTimeline_withGoHunt() {
        HttpResponse<String> r = admin.get("/devices/" + fx.deviceId);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains(fx.deviceName, "Windows11", fx.localIp, "AA-BB-CC-00-11-22", "corp\\" + fx.account,
                "tool.exe --sync", "Go hunt", "/hunting?q=");
    }

    @Test
    void devicePage_byHostName_redirectsToId() {
        HttpResponse<String> r = admin.get("/devices/entpg-ws01");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/devices/" + fx.deviceId);
    }

    @Test
    void deviceTimeline_filtersByTableAndAction_onTheServer() {
        String body = admin.getHtmx("/devices/" + fx.deviceId + "/timeline?table=DeviceLogonEvents&action=LogonFailed").body();
        assertThat(body).contains("LogonFailed").doesNotContain("tool.exe --sync").doesNotContain(">LogonSuccess</td>");
    }

    @Test
    void unknownDevice_is404() {
        assertThat(admin.get("/devices/no-such-device-anywhere").statusCode()).isEqualTo(404);
    }

    @Test
    void userPage_showsDirectoryRecordDevicesAndSignIns() {
        assertThat(admin.get("/users/" + fx.account).statusCode()).isEqualTo(302);
        String body = admin.get("/users/" + fx.upn).body();
        assertThat(body).contains("Pat entpg", "Finance", fx.deviceName, "IdentityLogonEvents", "Go hunt");
    }

    @Test
    void filePage_showsPrevalenceNamesAndDevices() {
        String body = admin.get("/files/" + fx.sha1).body();
        assertThat(body).contains("entpgtool.exe", fx.deviceName, "C:\\Tools");
        assertThat(admin.get("/files/not-a-hash").statusCode()).isEqualTo(400);
    }

    @Test
    void ipPage_showsDevicesAndPassiveDns() {
        String body = admin.get("/ips/" + fx.ip).body();
        assertThat(body).contains("DeviceNetworkEvents", fx.deviceName, "cdn." + fx.domain);
        assertThat(admin.get("/ips/" + fx.localIp).body()).contains("Assigned to", fx.deviceName);
    }

    @Test
    void domainPage_aggregatesSubdomainsAndAddresses() {
        String body = admin.get("/urls/" + fx.domain).body();
        assertThat(body).contains(fx.ip, fx.deviceName, "https://cdn." + fx.domain + "/v1/pkg");
    }

    @Test
    void domainPage_countsMailFromTheDomain() {
        String domain = "sender-" + java.util.UUID.randomUUID().toString().substring(0, 6) + ".example";
        dev.rampart.kql.schema.Table t = store.table("EmailEvents");
        store.write(s -> {
            Object[] r = new Object[t.columns().size()];
            r[t.indexOf("Timestamp")] = java.time.Instant.now().minusSeconds(120);
            r[t.indexOf("NetworkMessageId")] = java.util.UUID.randomUUID().toString();
            r[t.indexOf("SenderFromAddress")] = "billing@" + domain;
            r[t.indexOf("SenderFromDomain")] = domain;
            r[t.indexOf("RecipientEmailAddress")] = "someone@entpg.example";
            s.appender("EmailEvents").append(r);
            return null;
        });
        assertThat(admin.get("/urls/" + domain).body()).contains("EmailEvents").doesNotContain("Not seen in any table in the retained");
    }

    @Test
    void deviceList_filtersAndSortsOnTheServer() {
        String body = admin.get("/devices?q=entpg&sort=LastSeen&desc=true").body();
        assertThat(body).contains(fx.deviceName).containsPattern(">1 of [0-9,]+ devices");
        assertThat(admin.get("/identities?q=entpg").body()).contains("Pat entpg", fx.upn);
    }

    @Test
    void entityPages_needSecurityDataRead() {
        users.create("entpg-nodata", "No data", null, "Entpg-nodata-pw-123456!", Set.of());
        WebSession s = WebSession.signIn(port, "entpg-nodata", "Entpg-nodata-pw-123456!");
        assertThat(s.get("/devices/" + fx.deviceId).statusCode()).isEqualTo(403);
        assertThat(s.get("/devices").statusCode()).isEqualTo(403);
    }
}
