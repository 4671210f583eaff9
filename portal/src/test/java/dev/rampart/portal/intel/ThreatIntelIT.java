package dev.rampart.portal.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.kql.schema.Table;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Correlator;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.NewAlert;
import dev.rampart.portal.incidents.Severity;
import dev.rampart.portal.incidents.SourceEvent;
import dev.rampart.portal.response.indicators.Indicator;
import dev.rampart.portal.response.indicators.IndicatorAction;
import dev.rampart.portal.response.indicators.IndicatorType;
import dev.rampart.portal.response.indicators.Indicators;
import dev.rampart.portal.response.indicators.IocMatcher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Threat intelligence end to end: a STIX bundle uploaded on the settings page gives profiles, a technique matrix and a
 * report; its indicator becomes an Audit indicator whose telemetry match links the report to alerts, seen through
 * each reader's data scope; permissions and bad files are refused with the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreatIntelIT extends AbstractPortalIT {
    @Autowired
    ApplicationContext ctx;
    @Autowired
    IocMatcher ioc;
    @Autowired
    Indicators indicators;
    @Autowired
    Correlator correlator;
    @Autowired
    EventStore events;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    // ATT&CK-shaped ids no real technique uses, so other tests' alerts do not count in.
    private final String technique = "T8" + (100 + Math.abs(run.hashCode()) % 900);
    private final String cve = "CVE-2099-" + (10000 + Math.abs(run.hashCode()) % 90000);
    // Addresses only this class's events use (the fixture's own address is shared by other fixtures' devices).
    private final String ip = "198.18." + (Math.abs(run.hashCode()) % 250) + "." + (1 + Math.abs((run + "a").hashCode()) % 250);
    private final String analystIp = "198.18.251." + (1 + Math.abs(run.hashCode()) % 250);
    private final String usOnlyIp = "198.19." + (Math.abs(run.hashCode()) % 250) + "." + (1 + Math.abs((run + "b").hashCode()) % 250);
    private ScopeFixture.Seeded f;
    private String groupId;
    private String reportId;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, "tiit" + run.substring(0, 4));
        groupId = "intrusion-set--" + uuid();
        // The EU and US devices run software exposed to the report's CVE and connect to its first address; only the US
        // device connects to the second.
        Table tvm = events.table("DeviceTvmSoftwareVulnerabilities");
        Table net = events.table("DeviceNetworkEvents");
        events.write(s -> {
            for (String[] d : List.of(new String[] {f.euDevice(), ip}, new String[] {f.usDevice(), ip}, new String[] {f.usDevice(), usOnlyIp})) {
                Object[] row = new Object[net.columns().size()];
                row[net.indexOf("Timestamp")] = Instant.now().minus(Duration.ofMinutes(10));
                row[net.indexOf("DeviceId")] = ScopeFixture.Seeded.id(d[0]);
                row[net.indexOf("DeviceName")] = d[0];
                row[net.indexOf("RemoteIP")] = d[1];
                row[net.indexOf("ActionType")] = "ConnectionSuccess";
                s.appender("DeviceNetworkEvents").append(row);
            }
            for (String d : List.of(f.euDevice(), f.usDevice())) {
                Object[] row = new Object[tvm.columns().size()];
                row[tvm.indexOf("DeviceId")] = ScopeFixture.Seeded.id(d);
                row[tvm.indexOf("DeviceName")] = d;
                row[tvm.indexOf("SoftwareVendor")] = "tiit";
                row[tvm.indexOf("SoftwareName")] = "viewer";
                row[tvm.indexOf("CveId")] = cve;
                row[tvm.indexOf("VulnerabilitySeverityLevel")] = "High";
                s.appender("DeviceTvmSoftwareVulnerabilities").append(row);
            }
            return null;
        });
        reportId = "report--" + uuid();
    }

    @Test
    void upload_givesProfilesMatrixAndReport_andTheIndicatorsTelemetryMatchShowsThroughEachScope() throws Exception {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        HttpResponse<String> r = admin.postMultipart("/settings/threat-intelligence", Map.of("createIndicators", "true"), "file", "ti-" + run + ".json", bundle());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Imported ti-" + run + ".json: 13 objects from 1 file", "2 indicators created",
                "indicator--", "pattern not used: file:name has no indicator type");
        Indicator made = indicators.find(IndicatorType.IP, ip).orElseThrow();
        // Entity pages ask which imported intelligence names their value.
        assertThat(admin.get("/ips/" + ip).body()).contains("/threat-intelligence/named?value=" + ip);
        String named = admin.getHtmx("/threat-intelligence/named?value=" + ip).body();
        assertThat(named).contains("Threat intelligence", "C2 of " + run, "Report " + run);
        assertThat(admin.getHtmx("/threat-intelligence/named?value=192.0.2.254").body()).doesNotContain("card-title");
        // Readers of security data hear of the new report.
        assertThat(get("/api/v1/notifications", f.euUser(), ScopeFixture.PASSWORD).body()).contains("Report " + run);
        assertThat(made.action()).isEqualTo(IndicatorAction.AUDIT);
        assertThat(made.source()).isEqualTo("Threat intelligence: ti-" + run + ".json");

        // The same file again changes nothing.
        assertThat(admin.postMultipart("/settings/threat-intelligence", Map.of(), "file", "ti-" + run + ".json", bundle()).body())
                .contains("0 added, 0 updated, 13 unchanged");

        // An alert tagged with the sub-technique, on an EU device.
        Instant t = Instant.now().minus(Duration.ofMinutes(5));
        var tagged = correlator.raise(new NewAlert("ti", "TI " + run + " scripted", "d", Severity.MEDIUM, Category.EXECUTION, List.of(technique + ".001"), "x",
                "microsoftDefenderForEndpoint", "tiit-" + run, null, t, t, List.of(Evidence.of(EntityType.DEVICE, f.euDevice(), "suspicious", List.of())),
                List.of(new SourceEvent("DeviceProcessEvents", ScopeFixture.Seeded.id(f.euDevice()), "1", t))));

        assertThat(admin.get("/alerts/" + tagged.id()).body()).contains("<a href=\"/threat-intelligence/profiles/" + technique + ".001\"><span class=\"mono\">"
                + technique + ".001</span> Parent " + run + ": Scripted " + run + "</a>");
        String profile = admin.get("/threat-intelligence/profiles/" + groupId).body();
        assertThat(profile).contains("Group " + run, "Spider " + run, technique + ".001", "Scripted " + run, "Execution " + run, "Report " + run);
        assertThat(profile).contains("/alerts?status=&days=30&technique=" + technique + ".001");
        assertThat(admin.get("/alerts?status=&days=30&technique=" + technique).body()).contains("TI " + run + " scripted", "Technique " + technique);
        assertThat(admin.get("/alerts?status=&days=30&technique=" + technique + "9").body()).doesNotContain("TI " + run + " scripted");

        String matrix = admin.get("/threat-intelligence/attack?profile=" + groupId).body();
        assertThat(matrix).contains("Execution " + run, "Parent " + run);
        assertThat(matrix).containsPattern("attack-cell attack-alerted attack-uncovered attack-marked\"\\s+href=\"/threat-intelligence/profiles/" + technique + "\"");
        assertThat(admin.get("/threat-intelligence/profiles?kind=actors&q=spider+" + run).body()).contains("Group " + run);

        // The indicator matches the four fixture devices' connections: one alert per device.
        ioc.match(List.of("DeviceNetworkEvents"));
        String all = WebSession.signIn(port, f.allUser(), ScopeFixture.PASSWORD).get("/threat-analytics/" + reportId + "?tab=assets").body();
        assertThat(all).contains(f.euDevice(), f.usDevice());
        String eu = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD).get("/threat-analytics/" + reportId + "?tab=assets").body();
        assertThat(eu).contains(f.euDevice()).doesNotContain(f.usDevice());
        String incidents = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD).get("/threat-analytics/" + reportId + "?tab=incidents").body();
        assertThat(incidents).contains("/incidents/").doesNotContain(f.usDevice());
        String list = admin.get("/threat-analytics?q=report+" + run).body();
        assertThat(list).contains("Report " + run);
        assertThat(admin.get("/threat-analytics/" + reportId + "?tab=indicators").body()).contains(ip, "#" + made.id());
        // Indicators that raised alerts count per reader: the US-only address shows for the global analyst alone.
        assertThat(list).contains("2 / 2");
        assertThat(WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD).get("/threat-analytics?q=report+" + run).body()).contains("1 / 2");
        // Recommended actions: the mitigation of the technique the report's group uses.
        assertThat(admin.get("/threat-analytics/" + reportId + "?tab=actions").body()).contains("Script blocking " + run, technique + ".001 Scripted " + run);
        assertThat(admin.get("/threat-intelligence/profiles/" + technique + ".001").body()).contains("Mitigations (1)", "Script blocking " + run);
        // Exposure: both devices for the administrator; a reader without Vulnerability management (read) is told why not.
        assertThat(admin.get("/threat-analytics/" + reportId + "?tab=exposure").body()).contains(cve, "<strong>2</strong>");
        assertThat(WebSession.signIn(port, f.allUser(), ScopeFixture.PASSWORD).get("/threat-analytics/" + reportId + "?tab=exposure").body())
                .contains("Device exposure needs Vulnerability management (read).").doesNotContain("<strong>2</strong>");
    }

    @AfterAll
    void removeIndicators() {
        // Indicators outlive the class in the shared database; these would keep matching the addresses above.
        jdbc.sql("DELETE FROM indicator WHERE indicator_value IN (?, ?, ?)").params(ip, usOnlyIp, analystIp).update();
    }

    @Test
    void import_neverChangesAnAnalystsIndicator_skipsCertificateAudit_andKeepsTheNewerVersion() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        admin.post("/settings/indicators", WebSession.form("type", "IP", "value", analystIp, "action", "BLOCK", "severity", "High", "title", "Analyst " + run));
        Indicator analysts = indicators.find(IndicatorType.IP, analystIp).orElseThrow();
        String indicator = "indicator--" + uuid(30);
        String v2 = small(indicator, "2024-06-01T00:00:00Z", "Renamed " + run);
        HttpResponse<String> r = admin.postMultipart("/settings/threat-intelligence", Map.of("createIndicators", "true"), "file", "v2.json",
                v2.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("2 added", "0 indicators created", "cannot be Audit (alert only)");
        Indicator after = indicators.find(IndicatorType.IP, analystIp).orElseThrow();
        assertThat(after.action()).isEqualTo(IndicatorAction.BLOCK);
        assertThat(after.title()).isEqualTo("Analyst " + run);
        assertThat(jdbc.sql("SELECT count(*) FROM intel_indicator_link WHERE stix_id = ? AND indicator_id = ?").params(indicator, analysts.id())
                .query(Long.class).single()).isEqualTo(1);

        // An older copy of the same objects changes nothing.
        HttpResponse<String> old = admin.postMultipart("/settings/threat-intelligence", Map.of("createIndicators", "true"), "file", "v1.json",
                small(indicator, "2024-01-01T00:00:00Z", "Original " + run).getBytes(StandardCharsets.UTF_8));
        assertThat(old.body()).contains("0 added, 0 updated, 2 unchanged");
        assertThat(admin.get("/threat-intelligence/profiles/" + "intrusion-set--" + uuid(31)).body()).contains("Renamed " + run).doesNotContain("Original " + run);
    }

    @Test
    void matrix_showsOneAttackDomainAtATime() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String bundle = """
                {"type":"bundle","id":"bundle--%1$s","objects":[
                 {"type":"x-mitre-tactic","id":"x-mitre-tactic--%2$s","modified":"2024-01-01T00:00:00Z","name":"Ent exec %6$s","x_mitre_shortname":"exec-%6$s",
                  "x_mitre_domains":["enterprise-attack"],"external_references":[{"source_name":"mitre-attack","external_id":"TA7%7$s"}]},
                 {"type":"x-mitre-tactic","id":"x-mitre-tactic--%3$s","modified":"2024-01-01T00:00:00Z","name":"Mob exec %6$s","x_mitre_shortname":"exec-%6$s",
                  "x_mitre_domains":["mobile-attack"],"external_references":[{"source_name":"mitre-mobile-attack","external_id":"TA6%7$s"}]},
                 {"type":"attack-pattern","id":"attack-pattern--%4$s","modified":"2024-01-01T00:00:00Z","name":"Ent technique %6$s","x_mitre_domains":["enterprise-attack"],
                  "kill_chain_phases":[{"kill_chain_name":"mitre-attack","phase_name":"exec-%6$s"}],"external_references":[{"source_name":"mitre-attack","external_id":"T7%7$s"}]},
                 {"type":"attack-pattern","id":"attack-pattern--%5$s","modified":"2024-01-01T00:00:00Z","name":"Mob technique %6$s","x_mitre_domains":["mobile-attack"],
                  "kill_chain_phases":[{"kill_chain_name":"mitre-mobile-attack","phase_name":"exec-%6$s"}],"external_references":[{"source_name":"mitre-mobile-attack","external_id":"T6%7$s"}]}]}
                """.formatted(uuid(40), uuid(41), uuid(42), uuid(43), uuid(44), run, technique.substring(2));
        assertThat(admin.postMultipart("/settings/threat-intelligence", Map.of(), "file", "domains.json", bundle.getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(200);
        String enterprise = admin.get("/threat-intelligence/attack").body();
        assertThat(enterprise).contains("Ent exec " + run, "Ent technique " + run, "name=\"domain\"").doesNotContain("Mob exec " + run, "Mob technique " + run);
        String mobile = admin.get("/threat-intelligence/attack?domain=mobile-attack").body();
        assertThat(mobile).contains("Mob exec " + run, "Mob technique " + run).doesNotContain("Ent exec " + run, "Ent technique " + run);
    }

    // An activity group and an indicator naming the analyst's address and a certificate thumbprint.
    private String small(String indicator, String modified, String name) {
        return """
                {"type":"bundle","id":"bundle--%1$s","objects":[
                 {"type":"intrusion-set","id":"intrusion-set--%2$s","created":"2020-01-01T00:00:00Z","modified":"%3$s","name":"%4$s"},
                 {"type":"indicator","id":"%5$s","created":"2020-01-01T00:00:00Z","modified":"%3$s","pattern":"[ipv4-addr:value = '%6$s' OR x509-certificate:hashes.'SHA-1' = '%7$s']"}]}
                """.formatted(uuid(32), uuid(31), modified, name, indicator, analystIp, "ab".repeat(20));
    }

    @Test
    void permissions_readersSeeManagersImport_andIndicatorsNeedDetectionTuning() throws Exception {
        String reader = ScopeFixture.account(ctx, "tiit-read-" + run, List.of("SECURITY_DATA_READ"), List.of(), List.of());
        String settings = ScopeFixture.account(ctx, "tiit-set-" + run, List.of("SECURITY_DATA_READ", "CORE_SECURITY_SETTINGS_READ",
                "CORE_SECURITY_SETTINGS_MANAGE"), List.of(), List.of());
        String nobody = ScopeFixture.account(ctx, "tiit-none-" + run, List.of("CORE_SECURITY_SETTINGS_READ"), List.of(), List.of());
        WebSession r = WebSession.signIn(port, reader, ScopeFixture.PASSWORD);
        assertThat(r.get("/threat-analytics").statusCode()).isEqualTo(200);
        assertThat(r.get("/threat-intelligence/attack").statusCode()).isEqualTo(200);
        assertThat(r.get("/settings/threat-intelligence").statusCode()).isEqualTo(403);
        assertThat(r.postMultipart("/settings/threat-intelligence", Map.of(), "file", "x.json", bundle()).statusCode()).isEqualTo(403);
        assertThat(post("/api/v1/threat-intelligence/imports", "application/json", "{}", reader, ScopeFixture.PASSWORD).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/threat-intelligence/reports", reader, ScopeFixture.PASSWORD).statusCode()).isEqualTo(200);

        WebSession s = WebSession.signIn(port, settings, ScopeFixture.PASSWORD);
        HttpResponse<String> refused = s.postMultipart("/settings/threat-intelligence", Map.of("createIndicators", "true"), "file", "x.json", bundle());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("creating indicators needs Detection tuning (manage)");
        assertThat(s.get("/settings/threat-intelligence").body()).contains("Needs Detection tuning (manage).");

        WebSession n = WebSession.signIn(port, nobody, ScopeFixture.PASSWORD);
        assertThat(n.get("/threat-analytics").statusCode()).isEqualTo(403);
        assertThat(n.get("/threat-intelligence/profiles/" + groupId).statusCode()).isEqualTo(403);
    }

    @Test
    void api_importsAndReadsProfilesAndReports() throws Exception {
        HttpResponse<String> imported = post("/api/v1/threat-intelligence/imports?name=api-" + run + "&createIndicators=false", "application/json",
                new String(bundle(), StandardCharsets.UTF_8), "admin", ADMIN_PASSWORD);
        assertThat(imported.statusCode()).isEqualTo(201);
        assertThat(imported.body()).contains("\"source\":\"api-" + run + ".json\"", "\"objects\":13");
        String profile = get("/api/v1/threat-intelligence/profiles/" + groupId, "admin", ADMIN_PASSWORD).body();
        assertThat(profile).contains("\"name\":\"Group " + run + "\"", "\"id\":\"" + technique + ".001\"", "\"tactic\":\"Execution " + run + "\"",
                "\"detectionRules\":0");
        assertThat(get("/api/v1/threat-intelligence/profiles?kind=techniques&q=" + technique, "admin", ADMIN_PASSWORD).body()).contains("Parent " + run);
        assertThat(get("/api/v1/threat-intelligence/reports?q=report+" + run, "admin", ADMIN_PASSWORD).body()).contains("\"id\":\"" + reportId + "\"");
        String search = get("/api/v1/search?q=spider+" + run, "admin", ADMIN_PASSWORD).body();
        assertThat(search).contains("\"type\":\"intel\"", "Group " + run, "/threat-intelligence/profiles/" + groupId);
        assertThat(get("/api/v1/search?q=" + technique + ".001", "admin", ADMIN_PASSWORD).body()).contains(technique + ".001 Scripted " + run);
        HttpResponse<String> badKind = get("/api/v1/threat-intelligence/profiles?kind=people", "admin", ADMIN_PASSWORD);
        assertThat(badKind.statusCode()).isEqualTo(422);
        assertThat(badKind.body()).contains("\"field\":\"kind\"", "unknown kind 'people'");
        assertThat(get("/api/v1/threat-intelligence/reports/report--" + uuid(), "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(404);
        HttpResponse<String> broken = post("/api/v1/threat-intelligence/imports", "application/json", "[1, 2", "admin", ADMIN_PASSWORD);
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(broken.body()).contains("import.json: line 1, column");
    }

    @Test
    void upload_badFiles_sayWhatIsWrongAndImportNothing() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        HttpResponse<String> broken = admin.postMultipart("/settings/threat-intelligence", Map.of(), "file", "broken.json",
                "{\"type\": \"bundle\", \"objects\": [ {\"type\": \"tool\", }]}".getBytes(StandardCharsets.UTF_8));
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(broken.body()).contains("Import failed: nothing was imported: broken.json: line 1, column 50: not JSON");
        HttpResponse<String> zip = admin.postMultipart("/settings/threat-intelligence", Map.of(), "file", "empty.zip", new byte[] {80, 75, 5, 6, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThat(zip.statusCode()).isEqualTo(422);
        assertThat(zip.body()).contains("empty.zip holds no .json file");
        assertThat(admin.get("/threat-analytics/report--" + uuid()).statusCode()).isEqualTo(404);
    }

    private byte[] bundle() {
        String tactic = "x-mitre-tactic--" + uuid(1);
        String parent = "attack-pattern--" + uuid(2);
        String sub = "attack-pattern--" + uuid(3);
        String indicator = "indicator--" + uuid(4);
        String json = """
                {"type":"bundle","id":"bundle--%1$s","objects":[
                 {"type":"x-mitre-tactic","id":"%2$s","created":"2020-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","name":"Execution %7$s",
                  "x_mitre_shortname":"execution-%7$s","external_references":[{"source_name":"mitre-attack","external_id":"TA8%8$s"}]},
                 {"type":"x-mitre-matrix","id":"x-mitre-matrix--%9$s","created":"2020-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","name":"Test %7$s","tactic_refs":["%2$s"]},
                 {"type":"attack-pattern","id":"%3$s","created":"2020-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","name":"Parent %7$s",
                  "kill_chain_phases":[{"kill_chain_name":"mitre-attack","phase_name":"execution-%7$s"}],"external_references":[{"source_name":"mitre-attack","external_id":"%10$s"}]},
                 {"type":"attack-pattern","id":"%4$s","created":"2020-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","name":"Scripted %7$s","x_mitre_is_subtechnique":true,
                  "kill_chain_phases":[{"kill_chain_name":"mitre-attack","phase_name":"execution-%7$s"}],"external_references":[{"source_name":"mitre-attack","external_id":"%10$s.001"}]},
                 {"type":"intrusion-set","id":"%5$s","created":"2020-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","name":"Group %7$s","aliases":["Group %7$s","Spider %7$s"],
                  "description":"[Group %7$s](https://attack.mitre.org/groups/G8%8$s) runs scripts.(Citation: Somebody 2020)"},
                 {"type":"relationship","id":"relationship--%11$s","created":"2020-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","relationship_type":"uses","source_ref":"%5$s","target_ref":"%4$s"},
                 {"type":"relationship","id":"relationship--%12$s","created":"2020-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","relationship_type":"subtechnique-of","source_ref":"%4$s","target_ref":"%3$s"},
                 {"type":"indicator","spec_version":"2.1","id":"%6$s","created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","name":"C2 of %7$s",
                  "pattern":"[ipv4-addr:value = '%13$s' OR file:name = 'dropper.exe']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"},
                 {"type":"indicator","spec_version":"2.1","id":"indicator--%18$s","created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z",
                  "pattern":"[ipv4-addr:value = '%19$s']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z"},
                 {"type":"report","spec_version":"2.1","id":"%14$s","created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","name":"Report %7$s",
                  "report_types":["threat-actor"],"published":"2024-02-01T00:00:00Z","object_refs":["%5$s","%6$s","indicator--%18$s","vulnerability--%16$s"]},
                 {"type":"course-of-action","id":"course-of-action--%20$s","created":"2020-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z",
                  "name":"Script blocking %7$s","external_references":[{"source_name":"mitre-attack","external_id":"M9%8$s"}]},
                 {"type":"relationship","id":"relationship--%21$s","created":"2020-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z",
                  "relationship_type":"mitigates","source_ref":"course-of-action--%20$s","target_ref":"%4$s"},
                 {"type":"vulnerability","spec_version":"2.1","id":"vulnerability--%16$s","created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z",
                  "name":"%17$s","external_references":[{"source_name":"cve","external_id":"%17$s"}]},
                 {"type":"identity","id":"identity--%15$s","created":"2020-01-01T00:00:00Z","modified":"2020-01-01T00:00:00Z","name":"Tester","identity_class":"organization"}]}
                """.formatted(uuid(5), tactic, parent, sub, groupId, indicator, run, technique.substring(2), "x-mitre-matrix".isEmpty() ? "" : uuid(6), technique,
                uuid(7), uuid(8), ip, reportId, uuid(9), uuid(10), cve, uuid(11), usOnlyIp, uuid(12), uuid(13));
        return json.getBytes(StandardCharsets.UTF_8);
    }

    // Stable per run and slot, so the same bundle uploaded twice is the same objects.
    private String uuid(int slot) {
        return UUID.nameUUIDFromBytes((run + "/" + slot).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }
}
