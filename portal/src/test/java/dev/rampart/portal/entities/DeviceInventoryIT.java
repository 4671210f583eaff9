package dev.rampart.portal.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.DeviceGroups;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.access.ScopeFixture.Seeded;
import dev.rampart.portal.events.EventStore;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Assets › Devices: each device's risk level is the highest severity of its active alerts; the list filters by risk,
 * device group and IP address, sorts the riskiest first, counts for the quick filters and exports what it shows,
 * all inside the reader's device groups.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceInventoryIT extends AbstractPortalIT {
    static final String P = "dinv";
    @Autowired
    ApplicationContext ctx;
    @Autowired
    EventStore events;
    @Autowired
    DeviceGroups groups;
    Seeded f;
    WebSession eu;
    WebSession all;
    String eu2;
    String us2;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, P);
        eu2 = f.euDevice().replace("-eu1.", "-eu2.");
        us2 = f.usDevice().replace("-us1.", "-us2.");
        Table net = events.table("DeviceNetworkInfo");
        Instant now = Instant.now().minus(Duration.ofMinutes(5));
        events.write(s -> {
            s.appender("DeviceNetworkInfo").append(netRow(net, now, eu2, "10.99.5.7"));
            s.appender("DeviceNetworkInfo").append(netRow(net, now, us2, "10.99.5.70"));
            return null;
        });
        eu = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD);
        all = WebSession.signIn(port, f.allUser(), ScopeFixture.PASSWORD);
    }

    private static Object[] netRow(Table t, Instant ts, String device, String ip) {
        Object[] r = new Object[t.columns().size()];
        r[t.indexOf("Timestamp")] = ts;
        r[t.indexOf("DeviceName")] = device;
        r[t.indexOf("DeviceId")] = Seeded.id(device);
        r[t.indexOf("IPAddresses")] = "[{\"IPAddress\":\"" + ip + "\",\"SubnetPrefix\":24,\"AddressType\":\"Private\"}]";
        return r;
    }

    private static String body(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void riskLevel_isHighestActiveAlertSeverity_riskiestFirst_andCountedInScope() {
        String page = body(eu.get("/devices?q=" + P + "-"));
        // The EU analyst sees two devices: eu1 carries the high-severity EU alert and comes first.
        assertThat(page).contains("2 of 2 devices").doesNotContain(P + "-us1");
        assertThat(page.indexOf(f.euDevice())).isLessThan(page.indexOf(eu2));
        assertThat(page).containsPattern("sev sev-high\"[^>]*>High</span> <span class=\"muted small\">\\(1\\)");
        assertThat(page).contains("<span class=\"quick-value\">1</span><span class=\"quick-label\">High risk</span>");
        assertThat(body(eu.get("/devices?risk=High"))).contains(f.euDevice()).doesNotContain(eu2).contains("1 of 2 devices");
        assertThat(body(eu.get("/devices?risk=No+known+risks"))).contains(eu2).doesNotContain(f.euDevice());
        assertThat(body(all.get("/devices?q=" + P + "-&risk=High"))).contains(f.euDevice(), f.usDevice()).doesNotContain(eu2, us2);
        // By name eu2 would come before us1: the high-risk us1 comes first all the same.
        String global = body(all.get("/devices?q=" + P + "-"));
        assertThat(global.indexOf(f.usDevice())).isPositive().isLessThan(global.indexOf(eu2));
        // The device page says the same.
        assertThat(body(eu.get("/devices/" + Seeded.id(f.euDevice())))).containsPattern("Risk level</th><td><span class=\"sev sev-high\">High</span> "
                + "<span class=\"muted small\">1 active alert</span>");
    }

    @Test
    void homeCard_listsTheRiskiestDevicesOfTheScope() throws Exception {
        String cards = get("/api/v1/home/cards", f.euUser(), ScopeFixture.PASSWORD).body();
        String card = cards.substring(cards.indexOf("\"id\":\"devices-at-risk\""));
        card = card.substring(0, card.indexOf("\"id\":", 10) < 0 ? card.length() : card.indexOf("\"id\":", 10));
        assertThat(card).contains("\"value\":\"1\"", f.euDevice()).doesNotContain(eu2, f.usDevice());
    }

    @Test
    void resolvingTheAlert_clearsTheRisk() {
        // Outside the EU group and the other tests' "dinv-" searches.
        String host = "dinvres-1.lab.example";
        var correlator = ctx.getBean(dev.rampart.portal.incidents.Correlator.class);
        Instant t = Instant.now().minusSeconds(60);
        events.write(s -> {
            Table info = events.table("DeviceInfo");
            Object[] r = new Object[info.columns().size()];
            r[info.indexOf("Timestamp")] = t;
            r[info.indexOf("DeviceName")] = host;
            r[info.indexOf("DeviceId")] = Seeded.id(host);
            s.appender("DeviceInfo").append(r);
            return null;
        });
        var alert = dev.rampart.portal.access.SystemIdentity.run("dinv-it", () -> correlator.raise(new dev.rampart.portal.incidents.NewAlert("ra",
                P + " medium alert", "d", dev.rampart.portal.incidents.Severity.MEDIUM, dev.rampart.portal.incidents.Category.EXECUTION,
                java.util.List.of(), "x", "microsoftDefenderForEndpoint", P + "-rule2", null, t, t,
                java.util.List.of(dev.rampart.portal.incidents.Evidence.of(dev.rampart.portal.incidents.EntityType.DEVICE, host, "suspicious",
                        java.util.List.of())))));
        assertThat(body(all.get("/devices?q=dinvres-"))).contains("sev sev-medium");
        assertThat(all.post("/alerts/" + alert.id(), WebSession.form("status", "resolved")).statusCode()).isIn(200, 302, 303);
        assertThat(body(all.get("/devices?q=dinvres-"))).doesNotContain("sev sev-medium").contains("No known risks");
    }

    @Test
    void groupFilter_andGroupChoices_stayInsideTheScope() {
        long euGroup = groups.all().stream().filter(g -> g.name().equals(P + " EU devices")).findFirst().orElseThrow().id();
        String grouped = body(all.get("/devices?q=" + P + "-&group=" + euGroup));
        assertThat(grouped).contains(f.euDevice(), eu2).doesNotContain(f.usDevice(), us2);
        assertThat(grouped).contains("<td>" + P + " EU devices</td>");
        // The EU analyst is offered only the group they may see; the global analyst every group.
        String euPage = body(eu.get("/devices"));
        assertThat(euPage).contains(">" + P + " EU devices</option>").doesNotContain("Ungrouped devices (default)</option>");
        assertThat(body(all.get("/devices"))).contains("Ungrouped devices (default)</option>", ">" + P + " EU devices</option>");
        // A group id outside the EU analyst's scope lists nothing of it.
        long other = groups.all().stream().filter(g -> g.isDefault()).findFirst().orElseThrow().id();
        assertThat(body(eu.get("/devices?q=" + P + "-&group=" + other))).doesNotContain(P + "-us").contains("0 of 2 devices");
    }

    @Test
    void search_byIpAddress_exactOrPrefix() {
        assertThat(body(all.get("/devices?q=10.99.5.7"))).contains(eu2).doesNotContain(us2);
        assertThat(body(all.get("/devices?q=10.99.5."))).contains(eu2, us2);
        assertThat(body(eu.get("/devices?q=10.99.5."))).contains(eu2).doesNotContain(us2);
    }

    @Test
    void export_holdsTheFilteredRows_inTheListsOrder() {
        HttpResponse<String> r = all.get("/devices/export.csv?q=" + P + "-&risk=High&sort=DeviceName&desc=true");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String[] lines = r.body().split("\r\n");
        assertThat(lines[0]).startsWith("Device name,Device ID,Criticality,Mitigation,Risk level,Active alerts,Exposure level");
        assertThat(lines).hasSize(3);
        // Names descending: us1 before eu1.
        assertThat(lines[1]).startsWith(f.usDevice() + ",");
        assertThat(lines[2]).startsWith(f.euDevice() + "," + Seeded.id(f.euDevice()) + ",,,High,1,");
        assertThat(r.headers().firstValue("X-Total-Count")).hasValue("2");
        assertThat(eu.get("/devices/export.csv?q=" + P + "-").body()).doesNotContain(P + "-us");
    }

    @Test
    void badFilterValues_areIgnoredNotErrors() {
        assertThat(body(all.get("/devices?q=" + P + "-&sort=DROP+TABLE&group=abc&page=-3"))).contains(f.euDevice());
    }
}
