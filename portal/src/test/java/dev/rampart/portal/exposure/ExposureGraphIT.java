package dev.rampart.portal.exposure;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The exposure graph built from sign-ins, the directory, vulnerabilities and critical asset levels; the attack paths it
 * yields on the pages and in hunting, and what a reader limited to some devices sees of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExposureGraphIT extends AbstractPortalIT {
    static final String P = "expo";
    static final String CVE = "CVE-2099-4242";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    @Autowired
    ApplicationContext ctx;
    @Autowired
    EventStore events;
    @Autowired
    ExposureGraphService graph;

    Seeded f;
    String eu2;
    String us2;
    WebSession admin;
    WebSession eu;
    WebSession none;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, P);
        eu2 = f.euDevice().replace("-eu1.", "-eu2.");
        Instant now = Instant.now();
        Table info = events.table("DeviceInfo");
        Table logon = events.table("DeviceLogonEvents");
        Table identity = events.table("IdentityInfo");
        Table vul = events.table("DeviceTvmSoftwareVulnerabilities");
        Table idl = events.table("IdentityLogonEvents");
        us2 = f.usDevice().replace("-us1.", "-us2.");
        Table kb = events.table("DeviceTvmSoftwareVulnerabilitiesKB");
        events.write(s -> {
            for (String d : List.of(f.euDevice(), f.usDevice(), us2)) {
                s.appender("DeviceInfo").append(ScopeFixture.row(info, now.minusSeconds(60), d, Map.of("IsInternetFacing", true, "OSPlatform", "WindowsServer2022")));
            }
            s.appender("IdentityInfo").append(identity(identity, now, "alice", "S-1-5-21-77-1001", 0, "[]", "[\"" + P + " Helpdesk\"]"));
            s.appender("IdentityInfo").append(identity(identity, now, "root", "S-1-5-21-77-1002", 4, "[\"Global Administrator\"]", "[]"));
            s.appender("DeviceLogonEvents").append(logon(logon, now, f.euDevice(), "alice", "S-1-5-21-77-1001", "RemoteInteractive", true));
            s.appender("DeviceLogonEvents").append(logon(logon, now, eu2, "alice", "S-1-5-21-77-1001", "Network", true));
            s.appender("DeviceLogonEvents").append(logon(logon, now, f.euDevice(), "root", "S-1-5-21-77-1002", "Interactive", false));
            s.appender("DeviceLogonEvents").append(logon(logon, now, f.usDevice(), "root", "S-1-5-21-77-1002", "Interactive", false));
            // A local account that shares root's name: another SID, so not root.
            s.appender("DeviceLogonEvents").append(logon(logon, now, us2, "root", "S-1-5-21-999-500", "Interactive", true));
            // A domain administrator whose credentials sit on us1; us2 answers domain logons, so it is a domain controller.
            s.appender("IdentityInfo").append(identity(identity, now, "da", "S-1-5-21-77-1003", 0, "[]", "[\"Domain Admins\"]"));
            s.appender("DeviceLogonEvents").append(logon(logon, now, f.usDevice(), "da", "S-1-5-21-77-1003", "CachedInteractive", false));
            Object[] dcLogon = new Object[idl.columns().size()];
            dcLogon[idl.indexOf("Timestamp")] = now.minusSeconds(300);
            dcLogon[idl.indexOf("ActionType")] = "LogonSuccess";
            dcLogon[idl.indexOf("AccountUpn")] = P + "-da@" + P + ".example";
            dcLogon[idl.indexOf("Protocol")] = "Kerberos";
            dcLogon[idl.indexOf("DestinationDeviceName")] = us2.toUpperCase();
            s.appender("IdentityLogonEvents").append(dcLogon);
            Object[] v = new Object[vul.columns().size()];
            v[vul.indexOf("DeviceId")] = Seeded.id(f.euDevice());
            v[vul.indexOf("DeviceName")] = f.euDevice();
            v[vul.indexOf("SoftwareName")] = P + "_server";
            v[vul.indexOf("CveId")] = CVE;
            v[vul.indexOf("VulnerabilitySeverityLevel")] = "High";
            s.appender("DeviceTvmSoftwareVulnerabilities").append(v);
            Object[] k = new Object[kb.columns().size()];
            k[kb.indexOf("CveId")] = CVE;
            k[kb.indexOf("CvssScore")] = 8.8;
            k[kb.indexOf("IsExploitAvailable")] = true;
            k[kb.indexOf("VulnerabilitySeverityLevel")] = "High";
            k[kb.indexOf("VulnerabilityDescription")] = "Remote code execution in " + P + " server";
            s.appender("DeviceTvmSoftwareVulnerabilitiesKB").append(k);
            return null;
        });
        long euGroup = ctx.getBean(DeviceGroups.class).all().stream().filter(g -> g.name().equals(P + " EU devices")).findFirst().orElseThrow().id();
        ScopeFixture.account(ctx, P + "-admin", List.of("SECURITY_DATA_READ", "EXPOSURE_MANAGEMENT_READ", "EXPOSURE_MANAGEMENT_MANAGE", "VULNERABILITY_MANAGEMENT_READ",
                "CORE_SECURITY_SETTINGS_READ", "CORE_SECURITY_SETTINGS_MANAGE"), List.of(), List.of());
        ScopeFixture.account(ctx, P + "-scoped", List.of("SECURITY_DATA_READ", "EXPOSURE_MANAGEMENT_READ"), List.of(), List.of(euGroup));
        ScopeFixture.account(ctx, P + "-none", List.of("SECURITY_DATA_READ"), List.of(), List.of());
        ScopeFixture.account(ctx, P + "-noid", List.of("SECURITY_DATA_READ", "EXPOSURE_MANAGEMENT_READ", "VULNERABILITY_MANAGEMENT_READ"),
                List.of("endpoint", "exposure", "vulnerability"), List.of());
        admin = WebSession.signIn(port, P + "-admin", ScopeFixture.PASSWORD);
        eu = WebSession.signIn(port, P + "-scoped", ScopeFixture.PASSWORD);
        none = WebSession.signIn(port, P + "-none", ScopeFixture.PASSWORD);
        assertThat(admin.post("/devices/" + Seeded.id(eu2) + "/criticality", WebSession.form("level", "VERY_HIGH")).statusCode()).isIn(302, 303);
        graph.rebuildAfterLoad();
    }

    private static Object[] identity(Table t, Instant ts, String who, String sid, int criticality, String roles, String groups) {
        Object[] r = new Object[t.columns().size()];
        r[t.indexOf("Timestamp")] = ts;
        r[t.indexOf("AccountObjectId")] = P + "-oid-" + who;
        r[t.indexOf("AccountUpn")] = P + "-" + who + "@" + P + ".example";
        r[t.indexOf("AccountName")] = P + "-" + who;
        r[t.indexOf("AccountDisplayName")] = P + " " + who;
        r[t.indexOf("OnPremSid")] = sid;
        r[t.indexOf("CriticalityLevel")] = criticality;
        r[t.indexOf("AssignedRoles")] = roles;
        r[t.indexOf("GroupMembership")] = groups;
        return r;
    }

    private static Object[] logon(Table t, Instant ts, String device, String who, String sid, String type, boolean admin) {
        Object[] r = new Object[t.columns().size()];
        r[t.indexOf("Timestamp")] = ts.minusSeconds(120);
        r[t.indexOf("DeviceId")] = Seeded.id(device);
        r[t.indexOf("DeviceName")] = device;
        r[t.indexOf("ActionType")] = "LogonSuccess";
        r[t.indexOf("LogonType")] = type;
        r[t.indexOf("AccountName")] = P + "-" + who;
        r[t.indexOf("AccountDomain")] = "CORP";
        r[t.indexOf("AccountSid")] = sid;
        r[t.indexOf("IsLocalAdmin")] = admin;
        return r;
    }

    private List<AttackPaths.Path> mine() {
        // Other tests' domain controllers share the Domain Admins group: keep the paths made of this test's assets.
        return graph.current().paths().stream().filter(p -> p.nodes().stream().allMatch(n -> n.label().equals(ExposureGraph.GROUP) || n.name().startsWith(P)))
                .toList();
    }

    private List<String> hunt(String user, String query) throws Exception {
        HttpResponse<String> r = post("/api/v1/hunting/run", "application/json", JSON.writeValueAsString(Map.of("Query", query)), user, ScopeFixture.PASSWORD);
        assertThat(r.statusCode()).as(query + " → " + r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        JSON.readTree(r.body()).get("results").forEach(x -> out.add(x.properties().iterator().next().getValue().asString()));
        return out;
    }

    @Test
    void rebuild_findsCredentialAndLateralMovementPaths_withTheirRecommendations() {
        List<AttackPaths.Path> paths = mine();
        assertThat(paths).extracting(p -> p.entry().name() + " > " + String.join(" > ", p.nodes().stream().skip(1).map(n -> n.name()).toList()))
                .containsExactlyInAnyOrder(f.euDevice() + " > " + P + " root", f.usDevice() + " > " + P + " root",
                        f.euDevice() + " > " + P + " alice > " + eu2, f.usDevice() + " > " + P + " da",
                        f.usDevice() + " > " + P + " da > Domain Admins > " + us2);
        assertThat(paths.stream().filter(p -> p.target().name().equals(us2)).findFirst().orElseThrow().name())
                .isEqualTo("Internet-facing device allows lateral movement to a domain controller");
        // The local account named like root is a node of its own, critical to nobody.
        ExposureGraph.Node local = graph.current().graph().nodeByKey(ExposureGraph.USER, "s-1-5-21-999-500").orElseThrow();
        assertThat(local.name()).isEqualTo("corp\\" + P + "-root");
        assertThat(local.critical()).isFalse();
        AttackPaths.Path lateral = paths.stream().filter(p -> p.target().name().equals(eu2)).findFirst().orElseThrow();
        assertThat(lateral.name()).isEqualTo("Internet-facing device with high-severity vulnerabilities allows lateral movement to a critical device");
        assertThat(lateral.target().criticalityLabel()).isEqualTo("Very high");
        assertThat(lateral.recommendations()).extracting(AttackPaths.Recommendation::text).containsSubsequence(
                "Remediate " + CVE + " (High, CVSS 8.8)",
                "Limit what reaches this device from the internet to the services it must offer",
                "Stop interactive sign-ins of " + P + " alice on " + f.euDevice() + " and sign out its sessions: its credentials stay cached there",
                "Remove the local administrator rights of " + P + " alice on " + eu2);
        // The Global Administrator role makes root critical; the user has no edge of its own to follow.
        AttackPaths.Path credentials = paths.stream().filter(p -> p.entry().name().equals(f.usDevice()) && p.target().name().equals(P + " root"))
                .findFirst().orElseThrow();
        assertThat(credentials.name()).isEqualTo("Internet-facing device holds credentials of a critical user");
        assertThat(credentials.target().criticalityRules()).contains("Global Administrator");
    }

    @Test
    void huntingTables_holdTheGraph_forReadersOfEveryDevice_only() throws Exception {
        String edges = "ExposureGraphEdges | where SourceNodeName == '" + f.euDevice() + "' and EdgeLabel == 'has credentials of' "
                + "| project TargetNodeName | order by TargetNodeName asc";
        assertThat(hunt(P + "-admin", edges)).containsExactly(P + " alice", P + " root");
        assertThat(hunt(P + "-admin", "ExposureGraphNodes | where NodeName == '" + P + " root' "
                + "| project c = tostring(NodeProperties.rawData.criticalityLevel.criticalityLevel)")).containsExactly("0");
        assertThat(hunt(P + "-admin", "ExposureGraphEdges | where EdgeLabel == 'affecting' and SourceNodeName == '" + CVE + "' | project TargetNodeName"))
                .containsExactly(f.euDevice());
        // The graph names every device and copies identity data: a reader limited to EU devices, or without identity
        // data, gets none of it.
        assertThat(hunt(P + "-scoped", "ExposureGraphEdges | count | project tostring(Count)")).containsExactly("0");
        assertThat(hunt(P + "-scoped", "ExposureGraphNodes | count | project tostring(Count)")).containsExactly("0");
        assertThat(hunt(P + "-noid", "ExposureGraphNodes | count | project tostring(Count)")).containsExactly("0");
        // Every device's CVEs reach the table, not only the few the graph keeps in memory.
        assertThat(hunt(P + "-admin", "ExposureGraphNodes | where NodeLabel == 'Cve' and NodeName == '" + CVE + "' "
                + "| project tostring(NodeProperties.rawData.cvssScore)")).containsExactly("8.8");
    }

    @Test
    void pages_showPathsWithinTheReadersDevices() throws Exception {
        String all = admin.get("/exposure/attack-paths?q=" + P).body();
        assertThat(all).contains(f.euDevice(), f.usDevice(), eu2, "Internet-facing device holds credentials of a critical user");
        String scoped = eu.get("/exposure/attack-paths?q=" + P).body();
        assertThat(scoped).contains(f.euDevice(), eu2).doesNotContain(f.usDevice());

        AttackPaths.Path lateral = mine().stream().filter(p -> p.target().name().equals(eu2)).findFirst().orElseThrow();
        assertThat(admin.get("/exposure/attack-paths/" + lateral.id()).body()).contains("Entry point · Device", "can authenticate to", "local administrator");
        assertThat(admin.get("/exposure/attack-paths/" + lateral.id() + "?tab=recommendations").body()).contains("Remediate " + CVE);
        // Without Vulnerability management (read) the CVEs are left out.
        assertThat(eu.get("/exposure/attack-paths/" + lateral.id() + "?tab=recommendations").body()).doesNotContain(CVE).contains("local administrator rights");
        assertThat(eu.get("/exposure/map?device=" + Seeded.id(f.euDevice())).body()).doesNotContain(CVE).doesNotContain("high or critical");
        // Without identity data there is no user on the map and no path (every path goes through a user).
        assertThat(JSON.readTree(get("/api/v1/exposure/attack-paths", P + "-noid", ScopeFixture.PASSWORD).body()).get("count").asInt()).isZero();
        AttackPaths.Path us = mine().stream().filter(p -> p.entry().name().equals(f.usDevice())).findFirst().orElseThrow();
        assertThat(eu.get("/exposure/attack-paths/" + us.id()).statusCode()).isEqualTo(404);

        String map = admin.get("/exposure/map?device=" + Seeded.id(f.euDevice())).body();
        assertThat(map).contains(P + " alice", "has credentials of", CVE, "1 high or critical, 1 with a known exploit, highest CVSS 8.8");
        assertThat(eu.get("/exposure/map?device=" + Seeded.id(f.usDevice())).body()).contains("No such asset in the exposure graph you can see");
        ExposureGraph.Node root = graph.current().graph().nodeByKey(ExposureGraph.USER, P + "-root@" + P + ".example").orElseThrow();
        String json = eu.get("/exposure/map/" + root.id() + "/graph.json").body();
        assertThat(json).contains(f.euDevice()).doesNotContain(f.usDevice());
        assertThat(admin.get("/exposure/map?user=" + P + "-root@" + P + ".example").body()).contains(f.usDevice(), "Global Administrator");
    }

    @Test
    void api_listsThePathsTheCallerMaySee() throws Exception {
        JsonNode all = JSON.readTree(get("/api/v1/exposure/attack-paths", P + "-admin", ScopeFixture.PASSWORD).body());
        JsonNode scoped = JSON.readTree(get("/api/v1/exposure/attack-paths", P + "-scoped", ScopeFixture.PASSWORD).body());
        List<String> allEntries = new ArrayList<>();
        all.get("value").forEach(p -> allEntries.add(p.get("entryPoint").get("nodeName").asString()));
        List<String> scopedEntries = new ArrayList<>();
        scoped.get("value").forEach(p -> scopedEntries.add(p.get("entryPoint").get("nodeName").asString()));
        assertThat(allEntries).contains(f.euDevice(), f.usDevice());
        assertThat(scopedEntries).contains(f.euDevice()).doesNotContain(f.usDevice());
        AttackPaths.Path us = mine().stream().filter(p -> p.entry().name().equals(f.usDevice())).findFirst().orElseThrow();
        JsonNode one = JSON.readTree(get("/api/v1/exposure/attack-paths/" + us.id(), P + "-admin", ScopeFixture.PASSWORD).body());
        assertThat(one.get("target").get("criticality").asString()).isEqualTo("Very high");
        assertThat(one.get("edges").get(0).get("label").asString()).isEqualTo("has credentials of");
        assertThat(get("/api/v1/exposure/attack-paths/" + us.id(), P + "-scoped", ScopeFixture.PASSWORD).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/exposure/choke-points", P + "-none", ScopeFixture.PASSWORD).statusCode()).isEqualTo(403);
    }

    @Test
    void incidentCard_marksTheIncidentsEntryPoint_forExposureReadersOnly() {
        long incident = f.euAlert().incidentId();
        String card = admin.get("/exposure/incidents/" + incident + "/card").body();
        assertThat(card).contains(f.euDevice(), "Internet-facing", "Entry point of", "to 2 critical assets");
        HttpResponse<String> plain = none.get("/exposure/incidents/" + incident + "/card");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).isBlank();
        assertThat(admin.get("/incidents/" + incident + "?tab=summary").body()).contains("hx-get=\"/exposure/incidents/" + incident + "/card\"");
        // The same card on the device and user pages.
        assertThat(admin.get("/devices/" + Seeded.id(f.euDevice())).body()).contains("/exposure/assets/card?device=" + Seeded.id(f.euDevice()));
        assertThat(admin.get("/exposure/assets/card?device=" + Seeded.id(f.euDevice())).body()).contains("This device", "Entry point of", "Exposure map");
        assertThat(admin.get("/exposure/assets/card?user=" + P + "-root@" + P + ".example").body()).contains("This user", "Target of");
        assertThat(admin.get("/exposure/assets/card?device=no-such-device").body()).contains("Not in the exposure graph you can see");
        assertThat(none.get("/exposure/assets/card?device=" + Seeded.id(f.euDevice())).body()).isBlank();
    }

    @Test
    void withoutExposureManagement_pagesAreRefused_andRebuildNeedsManage() {
        assertThat(none.get("/exposure/attack-paths").statusCode()).isEqualTo(403);
        assertThat(none.get("/exposure/map?device=" + Seeded.id(f.euDevice())).statusCode()).isEqualTo(403);
        assertThat(eu.post("/exposure/graph/rebuild", Map.of()).statusCode()).isEqualTo(403);
        assertThat(eu.get("/exposure/attack-paths").body()).doesNotContain("Rebuild graph");
        HttpResponse<String> r = admin.post("/exposure/graph/rebuild", Map.of());
        assertThat(r.statusCode()).isIn(302, 303);
        assertThat(admin.get("/exposure/attack-paths").body()).containsAnyOf("Rebuilding the exposure graph", "The exposure graph is being built already");
        assertThat(none.get("/").body()).doesNotContain("/exposure/attack-paths");
        assertThat(none.getHtmx("/home/cards/attack-paths").statusCode()).isEqualTo(403);
        assertThat(admin.getHtmx("/home/cards/attack-paths").body()).contains("attack paths", "entry points", "critical assets reachable");
    }
}
