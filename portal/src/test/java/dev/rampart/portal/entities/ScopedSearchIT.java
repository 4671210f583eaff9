package dev.rampart.portal.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.access.ScopeFixture.Seeded;
import dev.rampart.portal.events.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Global search suggests users, files, addresses and domains from an organisation-wide index; a user scoped to EU
 * endpoint devices gets only those seen on EU devices (or in device-less rows of a data source it covers), so the
 * suggestions never reveal what happens elsewhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopedSearchIT extends AbstractPortalIT {
    @Autowired
    ApplicationContext ctx;
    @Autowired
    EntitySearch search;
    @Autowired
    EventStore events;

    Seeded f;
    String tag;
    String usIp;

    @BeforeAll
    void seed() {
        tag = "ss" + UUID.randomUUID().toString().substring(0, 5);
        f = ScopeFixture.seed(ctx, tag);
        usIp = "198.19." + (Math.abs(tag.hashCode()) % 250) + "." + (1 + Math.abs(tag.hashCode() / 7) % 250);
        Instant t = Instant.now().minus(Duration.ofMinutes(5));
        Table proc = events.table("DeviceProcessEvents");
        Table net = events.table("DeviceNetworkEvents");
        Table logon = events.table("DeviceLogonEvents");
        Table identity = events.table("IdentityInfo");
        events.write(s -> {
            s.appender("DeviceProcessEvents").append(row(proc, t, f.usDevice(), Map.of("FileName", tag + "-usonly.exe",
                    "SHA1", "ab" + tag + "0".repeat(38 - tag.length()), "ActionType", "ProcessCreated")));
            s.appender("DeviceNetworkEvents").append(row(net, t, f.usDevice(), Map.of("RemoteIP", usIp,
                    "RemoteUrl", "https://" + tag + "-usonly.example.org/x", "ActionType", "ConnectionSuccess")));
            s.appender("DeviceLogonEvents").append(row(logon, t, f.usDevice(), Map.of("AccountName", tag + "-usonly-svc", "ActionType", "LogonSuccess")));
            Object[] r = new Object[identity.columns().size()];
            r[identity.indexOf("Timestamp")] = t;
            r[identity.indexOf("AccountObjectId")] = tag + "-oid";
            r[identity.indexOf("AccountUpn")] = tag + "-directory@corp.example";
            r[identity.indexOf("AccountName")] = tag + "-directory";
            s.appender("IdentityInfo").append(r);
            return null;
        });
        // A scheduled rebuild may be running with the store as it was before this seed: wait for one of our own.
        while (!search.rebuild()) {
            Thread.onSpinWait();
        }
    }

    private static Object[] row(Table t, Instant ts, String device, Map<String, Object> values) {
        Object[] r = new Object[t.columns().size()];
        r[t.indexOf("Timestamp")] = ts;
        r[t.indexOf("DeviceName")] = device;
        r[t.indexOf("DeviceId")] = Seeded.id(device);
        values.forEach((k, v) -> r[t.indexOf(k)] = v);
        return r;
    }

    private String suggestions(String user, String q) throws Exception {
        var r = get("/api/v1/search?q=" + q + "&limit=50", user, ScopeFixture.PASSWORD);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void scopedUser_getsOnlyEntitiesSeenInItsScope() throws Exception {
        String eu = suggestions(f.euUser(), tag);
        assertThat(eu).as("seen on EU devices too").contains(tag + "-tool.exe", tag + "-admin", "cdn." + tag + "-shared.example.net");
        assertThat(eu).doesNotContain(tag + "-usonly.exe", tag + "-usonly-svc", tag + "-usonly.example.org", tag + "-directory");
        assertThat(suggestions(f.euUser(), usIp)).doesNotContain("\"label\":\"" + usIp + "\"");
        assertThat(suggestions(f.euUser(), f.ip())).contains("\"label\":\"" + f.ip() + "\"");
    }

    @Test
    void unscopedUser_getsEverything() throws Exception {
        String all = suggestions(f.allUser(), tag);
        assertThat(all).contains(tag + "-usonly.exe", tag + "-usonly-svc", tag + "-usonly.example.org", tag + "-directory", tag + "-tool.exe");
        assertThat(suggestions(f.allUser(), usIp)).contains("\"label\":\"" + usIp + "\"");
    }
}
