package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.RoleAdministration;
import dev.rampart.portal.access.RoleAssignments;
import dev.rampart.portal.access.Roles;
import dev.rampart.portal.access.UserAccounts;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.detection.DetectionEngine;
import dev.rampart.portal.detection.DetectionRule;
import dev.rampart.portal.detection.DetectionRules;
import dev.rampart.portal.detection.EntityMapping;
import dev.rampart.portal.detection.Frequency;
import dev.rampart.portal.detection.RuleDraft;
import dev.rampart.portal.incidents.Severity;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The query resources report: runs from the portal, the API and detection rules are recorded with their interface and
 * CPU; analysts see their own runs, administrators and security readers see everyone's; a used-up CPU quota
 * refuses runs with 429 and Retry-After.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryResourcesIT extends AbstractPortalIT {
    static final String PASSWORD = "Query-resources-pw-1234!";
    final String tag = UUID.randomUUID().toString().substring(0, 8);
    final String ann = "qr-ann-" + tag;
    final String bob = "qr-bob-" + tag;
    final String cat = "qr-cat-" + tag;
    final String dan = "qr-dan-" + tag;

    @Autowired
    UserAccounts users;
    @Autowired
    RoleAdministration roleAdmin;
    @Autowired
    RoleAssignments assignments;
    @Autowired
    HuntingRuns runs;
    @Autowired
    DetectionRules rules;
    @Autowired
    DetectionEngine engine;

    @BeforeAll
    void analysts() {
        Roles.Role hunter = roleAdmin.create(new RoleAdministration.Input("QR hunter " + tag, "Hunting only",
                List.of("SECURITY_DATA_READ"), Map.of()));
        for (String u : List.of(ann, bob, cat, dan)) {
            users.create(u, u, null, PASSWORD, List.of());
        }
        assignments.create(hunter.id(), new RoleAssignments.Input("QR all " + tag, List.of(ann, bob, cat, dan), List.of(), List.of(), List.of()));
    }

    private String query(String who) {
        return "range x from 1 to 3 step 1 | extend Who = \"" + who + "\"";
    }

    private HttpResponse<String> api(String user, String kql) throws Exception {
        return post("/api/v1/hunting/run", "application/json", "{\"Query\": \"" + kql.replace("\"", "\\\"") + "\", \"Timespan\": \"P1D\"}",
                user, PASSWORD);
    }

    @Test
    void report_showsOwnRunsToAnalysts_everyonesToAdmins_withInterfacesPortalApiAndDetection() throws Exception {
        WebSession annWeb = WebSession.signIn(port, ann, PASSWORD);
        assertThat(annWeb.postHtmx("/hunting/run", WebSession.form("query", query("ann-portal"), "timespan", "P7D")).body())
                .contains("CPU ");
        assertThat(api(ann, query("ann-api")).statusCode()).isEqualTo(200);
        WebSession bobWeb = WebSession.signIn(port, bob, PASSWORD);
        bobWeb.postHtmx("/hunting/run", WebSession.form("query", query("bob-portal"), "timespan", "P7D"));
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                new org.springframework.security.authentication.TestingAuthenticationToken("qr-rule-author-" + tag, "x",
                        "PERM_SECURITY_DATA_READ", "PERM_DETECTION_TUNING_MANAGE", dev.rampart.portal.access.SystemIdentity.AUTHORITY));
        DetectionRule rule;
        try {
            rule = rules.create(new RuleDraft("QR rule " + tag, "DeviceProcessEvents | where FileName == \"qr-" + tag + ".exe\" "
                + "| project Timestamp, DeviceId, DeviceName, ReportId", Frequency.HOUR_1, "QR", "IT rule", Severity.LOW, Category.EXECUTION,
                List.of(), "", EntityMapping.automatic(), false));
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
        assertThat(engine.run(rule, "manual").status()).isEqualTo("completed");

        Instant from = Instant.now().minus(Duration.ofHours(1));
        assertThat(runs.runs(ann, null, from, 0, 10)).extracting(HuntingRuns.Run::iface).containsExactlyInAnyOrder("portal", "api");
        assertThat(runs.runs(ann, null, from, 0, 10)).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo("completed");
            assertThat(r.cpuMs()).isNotNegative();
        });
        HuntingRuns.Run detection = runs.runs(null, HuntingRuns.DETECTION, from, 0, 500).stream()
                .filter(r -> r.actor().equals("QR rule " + tag)).findFirst().orElseThrow();
        assertThat(detection.timespan()).isEqualTo("PT720H");
        assertThat(detection.username()).isEqualTo("qr-rule-author-" + tag);

        String annPage = annWeb.get("/reports/query-resources").body();
        assertThat(annPage).contains("your runs").contains(ann).doesNotContain(bob).doesNotContain("QR rule " + tag)
                .contains("<td>Portal</td>").contains("<td>API</td>");
        String adminPage = WebSession.signIn(port, "admin", ADMIN_PASSWORD).get("/reports/query-resources?iface=custom+detection").body();
        assertThat(adminPage).contains("everyone's runs").contains("QR rule " + tag).contains("<td>Custom detection</td>")
                .doesNotContain("<td>Portal</td>");
        String adminAll = WebSession.signIn(port, "admin", ADMIN_PASSWORD).get("/reports/query-resources").body();
        assertThat(adminAll).contains(ann).contains(bob);

        long bobRun = runs.runs(bob, null, from, 0, 1).get(0).id();
        assertThat(annWeb.get("/hunting?run=" + bobRun).statusCode()).as("another analyst's run stays private").isEqualTo(404);
        assertThat(bobWeb.get("/hunting?run=" + bobRun).body()).contains("bob-portal");
        assertThat(WebSession.signIn(port, "admin", ADMIN_PASSWORD).get("/hunting?run=" + detection.id()).body()).contains("qr-" + tag + ".exe");
    }

    @Test
    void usedUpQuota_isRefusedWith429AndRetryAfter_andRecordedAsThrottled() throws Exception {
        runs.record(HuntingRuns.API, cat, cat, "heavy", null, "completed", Duration.ofMinutes(61), Duration.ofMinutes(40));
        HttpResponse<String> r = api(cat, query("cat"));
        assertThat(r.statusCode()).isEqualTo(429);
        long retry = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retry).isBetween(1L, 86_400L);
        assertThat(r.body()).contains("Hunting quota used up").contains("You can run queries again in");
        assertThat(WebSession.signIn(port, cat, PASSWORD).postHtmx("/hunting/run", WebSession.form("query", query("cat"))).body())
                .contains("Quota used up").contains("You can run queries again in");
        assertThat(runs.runs(cat, null, Instant.now().minus(Duration.ofHours(1)), 0, 10)).extracting(HuntingRuns.Run::state)
                .containsExactly("throttled", "throttled", "completed");
    }

    @Test
    void pastTenPercent_theRunCarriesAQuotaWarning() throws Exception {
        runs.record(HuntingRuns.PORTAL, dan, dan, "medium", null, "completed", Duration.ofSeconds(40), Duration.ofSeconds(30));
        HttpResponse<String> r = api(dan, query("dan"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("of your 15-minute hunting CPU quota").contains("\"cpuTimeMs\"");
        assertThat(WebSession.signIn(port, dan, PASSWORD).get("/reports/query-resources").body()).contains("alert-warn quota-standing");
    }
}
