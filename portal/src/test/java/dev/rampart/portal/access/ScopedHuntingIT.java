package dev.rampart.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.events.EventStore;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A user whose only role assignment is scoped to the EU device group and the endpoint data source sees, in every
 * query shape, only the rows of EU devices, and no table of another workload; an unscoped user sees all rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopedHuntingIT extends AbstractPortalIT {
    static final String DOMAIN = "scopetest.example";
    static final String PASSWORD = "scoped-hunting-pw-1234";
    static final String EU_USER = "sh-eu-analyst";
    static final String ALL_USER = "sh-all-analyst";
    static final String EU_ALL_SOURCES_USER = "sh-eu-all-sources";

    @Autowired
    EventStore events;
    @Autowired
    ObjectMapper json;
    @Autowired
    UserAccounts users;
    @Autowired
    RoleAdministration roleAdmin;
    @Autowired
    RoleAssignments assignments;
    @Autowired
    DeviceGroups deviceGroups;
    @Autowired
    DeviceGroupMembership membership;
    @Autowired
    dev.rampart.portal.incidents.Correlator correlator;
    @Autowired
    dev.rampart.portal.incidents.AlertHuntingTables alertTables;

    @BeforeAll
    void seed() {
        Instant now = Instant.now();
        Table info = events.table("DeviceInfo");
        Table proc = events.table("DeviceProcessEvents");
        Table net = events.table("DeviceNetworkEvents");
        Table logon = events.table("IdentityLogonEvents");
        events.write(s -> {
            for (String d : List.of("eu1.eu", "eu2.eu", "us1.us", "us2.us")) {
                String name = d + "." + DOMAIN;
                boolean eu = d.startsWith("eu");
                s.appender("DeviceInfo").append(row(info, now.minus(Duration.ofHours(2)), name, "OSPlatform", "Windows11"));
                for (int i = 0; i < (eu ? 3 : 5); i++) {
                    s.appender("DeviceProcessEvents").append(row(proc, now.minus(Duration.ofMinutes(10 + i)), name, "FileName", "cmd.exe"));
                }
                s.appender("DeviceNetworkEvents").append(row(net, now.minus(Duration.ofMinutes(5)), name, "RemoteIP", "10.0.0.1"));
            }
            Object[] l = new Object[logon.columns().size()];
            l[logon.indexOf("Timestamp")] = now.minus(Duration.ofMinutes(3));
            l[logon.indexOf("AccountName")] = "someone";
            l[logon.indexOf("DeviceName")] = "eu1.eu." + DOMAIN;
            s.appender("IdentityLogonEvents").append(l);
            return null;
        });
        DeviceGroup eu = deviceGroups.create(new DeviceGroups.Input("SH EU devices", "EU offices", "SEMI_ALL_FOLDERS", 1,
                Map.of("DOMAIN", List.of("eu." + DOMAIN))));
        membership.refresh();
        Roles.Role tier1 = roleAdmin.create(new RoleAdministration.Input("SH Tier-1 analyst", "EU only",
                List.of("SECURITY_DATA_READ", "ALERTS_MANAGE"), Map.of()));
        users.create(EU_USER, "EU analyst", null, PASSWORD, List.of());
        users.create(ALL_USER, "Global analyst", null, PASSWORD, List.of());
        assignments.create(tier1.id(), new RoleAssignments.Input("EU endpoint", List.of(EU_USER), List.of(), List.of("endpoint"), List.of(eu.id())));
        assignments.create(tier1.id(), new RoleAssignments.Input("Everything", List.of(ALL_USER), List.of(), List.of(), List.of()));
        users.create(EU_ALL_SOURCES_USER, "EU analyst, every source", null, PASSWORD, List.of());
        assignments.create(tier1.id(), new RoleAssignments.Input("EU every source", List.of(EU_ALL_SOURCES_USER), List.of(), List.of(), List.of(eu.id())));
    }

    private static Object[] row(Table t, Instant ts, String deviceName, String column, Object value) {
        Object[] r = new Object[t.columns().size()];
        r[t.indexOf("Timestamp")] = ts;
        r[t.indexOf("DeviceName")] = deviceName;
        r[t.indexOf("DeviceId")] = "id-" + deviceName;
        r[t.indexOf(column)] = value;
        return r;
    }

    private JsonNode run(String user, String query) throws Exception {
        HttpResponse<String> r = post("/api/v1/hunting/run", "application/json", json.writeValueAsString(Map.of("Query", query)), user, PASSWORD);
        assertThat(r.statusCode()).as(query + " → " + r.body()).isEqualTo(200);
        return json.readTree(r.body()).get("results");
    }

    private long scalar(String user, String query) throws Exception {
        JsonNode rows = run(user, query);
        assertThat(rows.size()).as(query).isEqualTo(1);
        return rows.get(0).properties().iterator().next().getValue().asLong();
    }

    private List<String> strings(String user, String query) throws Exception {
        List<String> out = new ArrayList<>();
        run(user, query).forEach(r -> out.add(r.properties().iterator().next().getValue().asString()));
        return out.stream().sorted().toList();
    }

    @Test
    void count_coversOnlyTheScopedDevices() throws Exception {
        assertThat(scalar(EU_USER, "DeviceProcessEvents | count")).isEqualTo(6);
        assertThat(scalar(ALL_USER, "DeviceProcessEvents | where DeviceName endswith '" + DOMAIN + "' | count")).isEqualTo(16);
        assertThat(strings(EU_USER, "DeviceProcessEvents | summarize by DeviceName"))
                .containsExactly("eu1.eu." + DOMAIN, "eu2.eu." + DOMAIN);
    }

    @Test
    void everyQueryShape_staysInsideTheScope() throws Exception {
        assertThat(scalar(EU_USER, "union DeviceProcessEvents, DeviceNetworkEvents | count")).isEqualTo(8);
        assertThat(scalar(EU_USER, "union withsource=T Device* | where DeviceName endswith '" + DOMAIN + "' | count")).isEqualTo(10);
        assertThat(strings(EU_USER, "DeviceNetworkEvents | join kind=inner (DeviceProcessEvents) on DeviceId | distinct DeviceName"))
                .containsExactly("eu1.eu." + DOMAIN, "eu2.eu." + DOMAIN);
        assertThat(scalar(EU_USER, "let t = DeviceProcessEvents; t | summarize dcount(DeviceId)")).isEqualTo(2);
        assertThat(scalar(EU_USER, "let m = materialize(DeviceProcessEvents | project DeviceId); m | count")).isEqualTo(6);
        assertThat(scalar(EU_USER, "print n = toscalar(DeviceProcessEvents | count)")).isEqualTo(6);
        assertThat(scalar(EU_USER, "DeviceInfo | summarize dcount(DeviceId)")).isEqualTo(2);
        assertThat(scalar(EU_USER, "DeviceProcessEvents | where DeviceName startswith 'us' | count")).isZero();
    }

    @Test
    void alertTables_showOnlyTheAlertsOfScopedDevices() throws Exception {
        for (String d : List.of("eu1.eu", "us1.us")) {
            var ev = java.util.List.of(dev.rampart.portal.incidents.Evidence.of(dev.rampart.portal.incidents.EntityType.DEVICE, d + "." + DOMAIN,
                    "suspicious", List.of()));
            Instant at = Instant.now().minusSeconds(60);
            correlator.raise(new dev.rampart.portal.incidents.NewAlert("da", "SH alert on " + d, "d", dev.rampart.portal.incidents.Severity.LOW,
                    dev.rampart.portal.incidents.Category.EXECUTION, List.of(), "customDetection", "microsoftDefenderForEndpoint", "sh", null, at, at, ev,
                    List.of(new dev.rampart.portal.incidents.SourceEvent("DeviceProcessEvents", "id-" + d + "." + DOMAIN, "1", at))));
        }
        alertTables.sync();
        assertThat(strings(ALL_USER, "AlertInfo | where Title startswith 'SH alert on' | project Title"))
                .containsExactly("SH alert on eu1.eu", "SH alert on us1.us");
        assertThat(strings(EU_ALL_SOURCES_USER, "AlertInfo | where Title startswith 'SH alert on' | project Title"))
                .containsExactly("SH alert on eu1.eu");
        assertThat(strings(EU_ALL_SOURCES_USER, "AlertEvidence | where Title startswith 'SH alert on' | project DeviceName"))
                .containsExactly("eu1.eu." + DOMAIN);
    }

    @Test
    void otherWorkloads_areHiddenFromTheScopedUser() throws Exception {
        HttpResponse<String> r = post("/api/v1/hunting/run", "application/json",
                json.writeValueAsString(Map.of("Query", "IdentityLogonEvents | count")), EU_USER, PASSWORD);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("identity").contains("data source");
        assertThat(scalar(ALL_USER, "IdentityLogonEvents | where DeviceName endswith '" + DOMAIN + "' | count")).isEqualTo(1);
    }

    @Test
    void unscopedAssignment_seesEveryDevice() throws Exception {
        assertThat(scalar(ALL_USER, "DeviceInfo | where DeviceName endswith '" + DOMAIN + "' | summarize dcount(DeviceId)")).isEqualTo(4);
    }
}
