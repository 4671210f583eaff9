package dev.rampart.portal.criticalassets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.DeviceGroups;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.access.ScopeFixture.Seeded;
import dev.rampart.portal.events.EventStore;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Critical asset management: custom classifications match devices by name, domain, tag or platform; the predefined
 * domain-controller classification finds the devices that answer domain logons; a level set on a device wins; the
 * device list and device page show and filter by the level; changes need Core security settings (manage).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CriticalAssetsIT extends AbstractPortalIT {
    static final String P = "crit";
    @Autowired
    ApplicationContext ctx;
    @Autowired
    EventStore events;
    @Autowired
    JdbcClient jdbc;

    Seeded f;
    String eu2;
    String us2;
    WebSession admin;
    WebSession euAdmin;
    WebSession reader;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, P);
        eu2 = f.euDevice().replace("-eu1.", "-eu2.");
        us2 = f.usDevice().replace("-us1.", "-us2.");
        Table idl = events.table("IdentityLogonEvents");
        events.write(s -> {
            Object[] r = new Object[idl.columns().size()];
            r[idl.indexOf("Timestamp")] = Instant.now().minusSeconds(600);
            r[idl.indexOf("ActionType")] = "LogonSuccess";
            r[idl.indexOf("AccountUpn")] = "someone@" + P + ".example";
            r[idl.indexOf("Protocol")] = "Kerberos";
            // The domain controller that answered the logon, named in upper case and fully qualified.
            r[idl.indexOf("DestinationDeviceName")] = eu2.toUpperCase();
            s.appender("IdentityLogonEvents").append(r);
            return null;
        });
        long euGroup = ctx.getBean(DeviceGroups.class).all().stream().filter(g -> g.name().equals(P + " EU devices")).findFirst().orElseThrow().id();
        List<String> manage = List.of("SECURITY_DATA_READ", "CORE_SECURITY_SETTINGS_READ", "CORE_SECURITY_SETTINGS_MANAGE");
        ScopeFixture.account(ctx, P + "-admin", manage, List.of(), List.of());
        ScopeFixture.account(ctx, P + "-euadmin", manage, List.of("endpoint"), List.of(euGroup));
        ScopeFixture.account(ctx, P + "-reader", List.of("SECURITY_DATA_READ", "CORE_SECURITY_SETTINGS_READ"), List.of(), List.of());
        admin = WebSession.signIn(port, P + "-admin", ScopeFixture.PASSWORD);
        euAdmin = WebSession.signIn(port, P + "-euadmin", ScopeFixture.PASSWORD);
        reader = WebSession.signIn(port, P + "-reader", ScopeFixture.PASSWORD);
    }

    private long classification(String name) {
        return jdbc.sql("SELECT id FROM critical_asset_classification WHERE name = ?").params(name).query(Long.class).single();
    }

    private String devices(WebSession s, String query) {
        return s.get("/devices?q=" + P + "-" + query).body();
    }

    @Test
    void customClassification_matchesByName_andTheHighestLevelWins() {
        HttpResponse<String> r = admin.post("/settings/critical-assets", WebSession.form("name", P + " finance servers", "level", "VERY_HIGH",
                "names", P + "-eu1*, nothing-else", "platforms", "Windows11"));
        assertThat(r.statusCode()).as(r.body()).isIn(302, 303);
        String list = devices(admin, "&critical=any");
        assertThat(list).contains(f.euDevice()).containsPattern("title=\"" + P + " finance servers\">Very high</span>");
        assertThat(admin.get("/settings/critical-assets").body()).contains(P + " finance servers", "Very high", "Custom");
        // The incident of the alert on that device carries the "Critical asset" tag, and its Assets tab marks the device.
        String incident = admin.get("/incidents/" + f.euAlert().incidentId() + "?tab=assets").body();
        assertThat(incident).contains("pill pill-system\" title=\"Impacted critical assets: " + P + "-eu1\">Critical asset</span>")
                .contains("<span class=\"crit\" title=\"Critical asset\">Very high</span>");
        // A second, lower classification matching the same device does not lower it.
        assertThat(admin.post("/settings/critical-assets", WebSession.form("name", P + " windows", "level", "LOW", "platforms", "Windows11"))
                .statusCode()).isIn(302, 303);
        assertThat(devices(admin, "&critical=VERY_HIGH")).contains(f.euDevice());
        // Turned off, it no longer classifies; deleted, it is gone.
        long id = classification(P + " finance servers");
        assertThat(admin.post("/settings/critical-assets/" + id + "/enabled", WebSession.form("enabled", false)).statusCode()).isIn(302, 303);
        assertThat(devices(admin, "&critical=VERY_HIGH")).doesNotContain(f.euDevice());
        // The lower classification still matches it.
        assertThat(admin.get("/incidents/" + f.euAlert().incidentId() + "?tab=assets").body()).contains("title=\"Critical asset\">Low</span>");
        assertThat(admin.post("/settings/critical-assets/" + id + "/delete", Map.of()).statusCode()).isIn(302, 303);
        assertThat(jdbc.sql("SELECT count(*) FROM critical_asset_classification WHERE id = ?").params(id).query(Long.class).single()).isZero();
        admin.post("/settings/critical-assets/" + classification(P + " windows") + "/delete", Map.of());
    }

    @Test
    void domainControllers_areFoundFromDomainLogons_andAPredefinedOneCannotBeDeleted() {
        long dc = jdbc.sql("SELECT id FROM critical_asset_classification WHERE predefined_key = 'domain-controller'").query(Long.class).single();
        // Re-saving the level recomputes now rather than at the next minute.
        assertThat(admin.post("/settings/critical-assets/" + dc, WebSession.form("level", "HIGH")).statusCode()).isIn(302, 303);
        assertThat(devices(admin, "&critical=HIGH")).contains(eu2).doesNotContain(f.euDevice());
        assertThat(admin.get("/devices/" + Seeded.id(eu2)).body()).contains("<span class=\"crit\">High</span> <span class=\"muted small\">Domain controller</span>");
        assertThat(admin.post("/settings/critical-assets/" + dc + "/delete", Map.of()).headers().firstValue("Location").orElse(""))
                .contains("is+predefined");
        assertThat(jdbc.sql("SELECT count(*) FROM critical_asset_classification WHERE id = ?").params(dc).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void levelSetOnTheDevice_winsOverClassifications_andStaysInScope() {
        assertThat(admin.post("/settings/critical-assets", WebSession.form("name", P + " us", "level", "HIGH", "names", P + "-us1*")).statusCode())
                .isIn(302, 303);
        assertThat(admin.post("/devices/" + Seeded.id(f.usDevice()) + "/criticality", WebSession.form("level", "LOW")).statusCode()).isIn(302, 303);
        assertThat(admin.get("/devices/" + Seeded.id(f.usDevice())).body()).contains("<span class=\"crit\">Low</span> <span class=\"muted small\">Set by " + P + "-admin");
        assertThat(devices(admin, "&critical=LOW")).contains(f.usDevice());
        // Cleared, the classification applies again.
        assertThat(admin.post("/devices/" + Seeded.id(f.usDevice()) + "/criticality", WebSession.form("level", "")).statusCode()).isIn(302, 303);
        assertThat(devices(admin, "&critical=HIGH")).contains(f.usDevice());
        // An EU-scoped administrator cannot reach the US device.
        assertThat(euAdmin.post("/devices/" + Seeded.id(f.usDevice()) + "/criticality", WebSession.form("level", "LOW")).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'critical-asset.device.set' AND target_id = ?")
                .params(Seeded.id(f.usDevice())).query(Long.class).single()).isEqualTo(1);
        admin.post("/settings/critical-assets/" + classification(P + " us") + "/delete", Map.of());
    }

    @Test
    void badInput_namesTheFields() {
        HttpResponse<String> r = admin.post("/settings/critical-assets", WebSession.form("name", "", "level", "TOP"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("Name the classification.", "Choose a level", "Give at least one device name, domain, tag or OS platform");
        HttpResponse<String> many = admin.post("/settings/critical-assets", WebSession.form("name", P + " many", "level", "LOW",
                "names", "a,b,c,d,e,f,g,h,i,j,k"));
        assertThat(many.body()).contains("At most 10 values per property; 11 given.");
        assertThat(jdbc.sql("SELECT count(*) FROM critical_asset_classification WHERE name = ?").params(P + " many").query(Long.class).single()).isZero();
    }

    @Test
    void readersSeeButCannotChange() {
        String page = reader.get("/settings/critical-assets").body();
        assertThat(page).contains("Domain controller", "Predefined").doesNotContain("Add classification");
        assertThat(reader.post("/settings/critical-assets", WebSession.form("name", "x", "level", "LOW", "names", "x")).statusCode()).isEqualTo(403);
        assertThat(reader.post("/devices/" + Seeded.id(f.euDevice()) + "/criticality", WebSession.form("level", "LOW")).statusCode()).isEqualTo(403);
        assertThat(reader.get("/devices/" + Seeded.id(f.euDevice())).body()).doesNotContain("Criticality level");
        WebSession analyst = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD);
        assertThat(analyst.get("/settings/critical-assets").statusCode()).isEqualTo(403);
    }
}
