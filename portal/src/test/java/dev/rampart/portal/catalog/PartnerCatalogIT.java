package dev.rampart.portal.catalog;

import static dev.rampart.portal.WebSession.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.BuiltInRole;
import dev.rampart.portal.access.UserAccounts;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerCatalogIT extends AbstractPortalIT {
    static final String PASSWORD = "catalog-password-1234";

    @Autowired
    PartnerCatalog catalog;
    @Autowired
    ProfessionalServices services;
    @Autowired
    UserAccounts users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    dev.rampart.portal.response.sensors.SensorRegistry sensors;

    WebSession admin;
    WebSession reader;
    String readerName;

    @BeforeAll
    void signIn() {
        admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        readerName = "catalog-reader-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(readerName, "Catalog reader", null, PASSWORD, List.of(BuiltInRole.SECURITY_READER.id()));
        reader = WebSession.signIn(port, readerName, PASSWORD);
    }

    private static List<String> rows(String html) {
        return Pattern.compile("data-partner=\"([^\"]+)\"").matcher(html).results().map(m -> m.group(1)).toList();
    }

    private static List<String> integrations(String html) {
        return Pattern.compile("data-integration=\"([^\"]+)\"").matcher(html).results().map(m -> m.group(1)).toList();
    }

    private long auditCount(String action, String targetId) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE action = ? AND target_id = ?").params(action, targetId).query(Long.class).single();
    }

    @Test
    void defaultTab_listsRampartsOwnIntegrations_withStatusAndConfigureLinks() {
        String body = admin.get("/partners").body();
        assertThat(integrations(body)).contains("format-native", "format-windows", "format-sysmon", "format-defender-export", "sso-oidc",
                "api-clients", "sigma", "indicators-csv", "notifications", "sensors");
        assertThat(body).contains("Ingest formats", "Connectors", "Notification channels", "Response connectors",
                "href=\"/settings/sso\"", "href=\"/settings/sensors\"", "Enabled", "Available");
    }

    @Test
    void userWithoutAnyRole_stillSeesEveryTab() {
        String name = "catalog-norole-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(name, "Catalog no role", null, PASSWORD, List.of());
        WebSession plain = WebSession.signIn(port, name, PASSWORD);
        for (String tab : List.of("integrations", "technology", "services")) {
            assertThat(plain.get("/partners?tab=" + tab).statusCode()).as(tab).isEqualTo(200);
        }
        assertThat(plain.post("/partners/integrations/sensors/test", form()).statusCode()).isEqualTo(403);
    }

    @Test
    void ingestFormatTest_parsesTheBuiltInSampleThroughTheRealMapper_andIsAudited() {
        long before = auditCount("catalog.integration.test", "format-defender-export");
        var r = admin.post("/partners/integrations/format-defender-export/test", form("sample", ""));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("data-test-ok=\"true\"", "1 row for DeviceNetworkEvents", "produced 1 row from 1 event");
        assertThat(auditCount("catalog.integration.test", "format-defender-export")).isEqualTo(before + 1);
        assertThat(admin.post("/partners/integrations/format-sysmon/test", form("sample", "")).body())
                .contains("data-test-ok=\"true\"", "1 row for DeviceNetworkEvents");
        assertThat(admin.post("/partners/integrations/format-windows/test", form("sample", "")).body())
                .contains("data-test-ok=\"true\"", "1 row for DeviceProcessEvents");
    }

    @Test
    void ingestFormatTest_withABrokenSample_failsWithAReadableReason() {
        String body = reader.post("/partners/integrations/format-defender-export/test",
                form("sample", "{\"category\":\"AdvancedHunting-NoSuchTable\",\"properties\":{}}\n{not json")).body();
        assertThat(body).contains("data-test-ok=\"false\"", "test failed",
                "Line 1: invalid field category — \"AdvancedHunting-NoSuchTable\" names no hunting table", "Line 2: not JSON");
    }

    @Test
    void notificationTest_sendsANotificationToTheCaller() {
        long before = jdbc.sql("SELECT count(*) FROM notification WHERE target_user = ? AND title = 'Test notification'").param(readerName)
                .query(Long.class).single();
        String body = reader.post("/partners/integrations/notifications/test", form()).body();
        assertThat(body).contains("data-test-ok=\"true\"", "Sent a test notification to " + readerName);
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE target_user = ? AND title = 'Test notification'").param(readerName)
                .query(Long.class).single()).isEqualTo(before + 1);
    }

    @Test
    void sigmaTest_compilesTheSampleRule_withoutImportingIt() {
        String body = reader.post("/partners/integrations/sigma/test", form("sample", "")).body();
        assertThat(body).contains("data-test-ok=\"true\"", "Compiled to KQL over DeviceProcessEvents", "whoami.exe");
    }

    @Test
    void sensorTest_reportsEnrolledAndHealthySensorsFromTheRegistry() {
        long enrolled = sensors.all().stream().filter(s -> !s.revoked()).count();
        String body = admin.post("/partners/integrations/sensors/test", form()).body();
        if (enrolled == 0) {
            assertThat(body).contains("data-test-ok=\"false\"", "No sensor is enrolled");
        } else {
            assertThat(body).contains(enrolled + " sensor" + (enrolled == 1 ? "" : "s") + " enrolled", "Last heartbeat");
        }
    }

    @Test
    void sigmaTest_withAnInvalidRule_failsNamingTheProblem() {
        String body = reader.post("/partners/integrations/sigma/test", form("sample", "title: broken\ndetection: [unclosed")).body();
        assertThat(body).contains("data-test-ok=\"false\"", "The rule is not valid Sigma");
    }

    @Test
    void testsNeedingMorePermission_areRefusedOnTheServer_andUnknownIntegrationsAre404() {
        assertThat(reader.post("/partners/integrations/sso-oidc/test", form()).statusCode()).isEqualTo(403);
        assertThat(reader.get("/partners").body()).contains("Needs more permissions");
        assertThat(admin.post("/partners/integrations/no-such-thing/test", form()).statusCode()).isEqualTo(404);
        assertThat(admin.post("/partners/integrations/api-clients/test", form()).statusCode()).isEqualTo(404);
    }

    @Test
    void technologyTab_keepsTheVendorList_withFiltersAndSearch() {
        String body = admin.get("/partners?tab=technology").body();
        assertThat(Pattern.compile("data-category=\"").matcher(body).results().count()).isEqualTo(11);
        assertThat(rows(body)).hasSize(catalog.all().size());
        assertThat(rows(admin.get("/partners?tab=technology&category=siem").body())).contains("Wazuh").doesNotContain("MISP");
        assertThat(rows(admin.get("/partners?tab=technology&q=palo+alto&category=sse").body())).containsExactly("Prisma Access");
    }

    @Test
    void unknownTabOrCategory_isRefused_namingTheParameter() {
        var r = admin.get("/partners?tab=technology&category=nope");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("category: \"nope\" is not a category");
        assertThat(admin.get("/partners?tab=other").body()).contains("tab: \"other\" is not a tab");
        assertThat(admin.get("/partners?tab=services&q=" + "x".repeat(101)).statusCode()).isEqualTo(400);
    }

    @Test
    void services_seededFromTheStarterList_readableByEveryone() {
        String body = reader.get("/partners?tab=services").body();
        assertThat(rows(body)).contains("Mandiant Incident Response");
        assertThat(body).doesNotContain("Add a professional service", "/delete");
        assertThat(rows(reader.get("/partners?tab=services&category=mdr").body())).contains("Expel MDR").doesNotContain("NCC Group");
    }

    @Test
    void services_adminAddsEditsAndDeletes_audited() {
        String name = "IT Response " + UUID.randomUUID().toString().substring(0, 8);
        var created = admin.post("/partners/services", form("name", name, "vendor", "Example Firm", "category", "ir",
                "description", "Round-the-clock responders.", "link", "https://firm.example/ir"));
        assertThat(created.statusCode()).isEqualTo(302);
        var s = services.all().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        assertThat(s.updatedBy()).isEqualTo("admin");
        assertThat(rows(reader.get("/partners?tab=services").body())).contains(name);
        assertThat(admin.get("/partners?tab=services&edit=" + s.id()).body()).contains("Edit " + name, "value=\"https://firm.example/ir\"");

        assertThat(admin.post("/partners/services/" + s.id(), form("name", name, "vendor", "Example Firm", "category", "advisory",
                "description", "Assessments now.", "link", "https://firm.example/a")).statusCode()).isEqualTo(302);
        assertThat(services.require(s.id()).category()).isEqualTo("advisory");

        assertThat(admin.post("/partners/services/" + s.id() + "/delete", form()).statusCode()).isEqualTo(302);
        assertThat(services.find(s.id())).isEmpty();
        String id = Long.toString(s.id());
        assertThat(auditCount("catalog.service.create", id) + auditCount("catalog.service.update", id) + auditCount("catalog.service.delete", id))
                .isEqualTo(3);
    }

    @Test
    void services_badInput_isRefusedWithFieldErrors_andNothingIsStored() {
        int before = services.all().size();
        var r = admin.post("/partners/services", form("name", "Mandiant Incident Response", "vendor", "", "category", "zzz",
                "description", "x", "link", "http://plain.example"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("Name: \"Mandiant Incident Response\" is already listed.", "Vendor: required.",
                "Category: \"zzz\" is not a category.", "Link: enter an https:// address");
        assertThat(services.all()).hasSize(before);
    }

    @Test
    void services_changesNeedSystemSettingsManage() {
        long id = services.all().get(0).id();
        assertThat(reader.post("/partners/services", form("name", "x", "vendor", "y", "category", "ir", "description", "d",
                "link", "https://x.example")).statusCode()).isEqualTo(403);
        assertThat(reader.post("/partners/services/" + id + "/delete", form()).statusCode()).isEqualTo(403);
        assertThat(services.find(id)).isPresent();
        assertThat(admin.post("/partners/services/987654321/delete", form()).statusCode()).isEqualTo(404);
    }
}
