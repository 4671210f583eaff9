package dev.rampart.portal.vulnerabilities;

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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Remediation activities: requested from a recommendation's page within the requester's device groups, their progress
 * follows the devices fixed since, they complete by system confirmation when none is left or by hand, and readers see
 * only activities whose devices they may all see.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemediationActivitiesIT extends AbstractPortalIT {
    static final String P = "rmed";
    @Autowired
    ApplicationContext ctx;
    @Autowired
    EventStore events;

    Seeded f;
    List<String> devices;
    String configId;
    String page;
    long euGroup;
    WebSession euManager;
    WebSession allManager;
    WebSession reader;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, P);
        devices = List.of(f.euDevice(), f.euDevice().replace("-eu1.", "-eu2."), f.usDevice(), f.usDevice().replace("-us1.", "-us2."));
        euGroup = ctx.getBean(DeviceGroups.class).all().stream().filter(g -> g.name().equals(P + " EU devices")).findFirst().orElseThrow().id();
        List<String> manage = List.of("SECURITY_DATA_READ", "VULNERABILITY_MANAGEMENT_READ", "REMEDIATION_HANDLING_MANAGE");
        List<String> eu = List.of("endpoint", "vulnerability");
        ScopeFixture.account(ctx, P + "-eum", manage, eu, List.of(euGroup));
        ScopeFixture.account(ctx, P + "-allm", manage, List.of(), List.of());
        ScopeFixture.account(ctx, P + "-eur", List.of("SECURITY_DATA_READ", "VULNERABILITY_MANAGEMENT_READ"), eu, List.of(euGroup));
        euManager = WebSession.signIn(port, P + "-eum", ScopeFixture.PASSWORD);
        allManager = WebSession.signIn(port, P + "-allm", ScopeFixture.PASSWORD);
        reader = WebSession.signIn(port, P + "-eur", ScopeFixture.PASSWORD);
    }

    /** A new configuration check that all four fixture devices fail. */
    private void newCheck() {
        configId = "scid-" + P + ThreadLocalRandom.current().nextInt(10_000, 99_999);
        page = "/recommendations/config/" + configId;
        Table kb = events.table("DeviceTvmSecureConfigurationAssessmentKB");
        events.write(s -> {
            s.appender("DeviceTvmSecureConfigurationAssessmentKB").append(row(kb, Map.of("ConfigurationId", configId,
                    "ConfigurationName", "Require " + P + " signing " + configId, "ConfigurationCategory", "Network", "ConfigurationImpact", 6.0)));
            return null;
        });
        for (String d : devices) {
            assess(d, false, Instant.now().minusSeconds(600));
        }
    }

    private void assess(String device, boolean compliant, Instant at) {
        Table cfg = events.table("DeviceTvmSecureConfigurationAssessment");
        events.write(s -> {
            s.appender("DeviceTvmSecureConfigurationAssessment").append(row(cfg, Map.of("DeviceId", Seeded.id(device), "DeviceName", device,
                    "OSPlatform", "Windows11", "Timestamp", at, "ConfigurationId", configId, "ConfigurationCategory", "Network",
                    "IsApplicable", true, "IsCompliant", compliant)));
            return null;
        });
    }

    private static Object[] row(Table t, Map<String, Object> values) {
        Object[] r = new Object[t.columns().size()];
        values.forEach((k, v) -> r[t.indexOf(k)] = v);
        return r;
    }

    private static String tomorrow() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
    }

    private String activities(WebSession s) {
        return s.get("/remediation/activities?recommendation=config/" + configId).body();
    }

    @Test
    void progress_followsFixedDevices_untilSystemConfirmation() {
        newCheck();
        HttpResponse<String> r = euManager.post(page + "/remediation", WebSession.form("priority", "HIGH", "due", tomorrow(), "groups", euGroup,
                "notes", "Roll out the GPO to the EU sites."));
        assertThat(r.statusCode()).as(r.body()).isIn(302, 303);
        assertThat(r.headers().firstValue("Location").orElse("")).contains("Remediation+requested+for+2+exposed+devices");
        assertThat(activities(euManager)).contains("Require " + P + " signing", "High", P + " EU devices", "0% <span class=\"muted small\">(2 left)", "Active");
        assess(f.euDevice(), true, Instant.now().minusSeconds(60));
        assertThat(activities(euManager)).contains("50% <span class=\"muted small\">(1 left)");
        assess(devices.get(1), true, Instant.now().minusSeconds(30));
        String done = activities(euManager);
        assertThat(done).contains("100%", "Completed", "System confirmation").doesNotContain("Mark complete</button>");
        // The page of the recommendation lists the activity too.
        assertThat(allManager.get(page).body()).contains("Remediation activities (1)", "System confirmation");
        assertThat(allManager.get("/remediation/activities/export.csv?recommendation=config/" + configId).body())
                .contains("Require " + P + " signing", ",High," + P + " EU devices," + tomorrow() + ",2,0,100,completed," + P + "-eum,");
    }

    @Test
    void allDevices_isSeenOnlyByReadersOfEveryDevice_andMarkedCompleteByHand() {
        newCheck();
        assertThat(allManager.post(page + "/remediation", WebSession.form("priority", "ATTENTION_REQUIRED", "notes", "Please review"))
                .statusCode()).isIn(302, 303);
        assertThat(activities(allManager)).contains("All devices", "Attention required", "Mark complete</button>");
        assertThat(activities(reader)).doesNotContain("All devices").contains("No remediation activities match");
        long id = Long.parseLong(activities(allManager).replaceAll("(?s).*/remediation/activities/(\\d+)/complete.*", "$1"));
        // A group-scoped manager may not complete an activity over every device.
        assertThat(euManager.post("/remediation/activities/" + id + "/complete", Map.of()).statusCode()).isIn(403, 404);
        assertThat(allManager.post("/remediation/activities/" + id + "/complete", Map.of()).statusCode()).isIn(302, 303);
        assertThat(activities(allManager)).contains("Completed", P + "-allm").doesNotContain("Mark complete</button>");
        assertThat(allManager.post("/remediation/activities/" + id + "/complete", Map.of()).headers().firstValue("Location").orElse(""))
                .contains("error=").contains("already+marked+complete");
    }

    @Test
    void badInput_namesTheField() {
        newCheck();
        HttpResponse<String> past = euManager.post(page + "/remediation", WebSession.form("priority", "HIGH", "due", "2020-01-01", "groups", euGroup));
        assertThat(past.statusCode()).isEqualTo(422);
        assertThat(past.body()).contains("The due date 2020-01-01 has passed");
        HttpResponse<String> noDue = euManager.post(page + "/remediation", WebSession.form("priority", "LOW", "groups", euGroup));
        assertThat(noDue.body()).contains("Choose a due date, or the priority");
        HttpResponse<String> noGroup = euManager.post(page + "/remediation", WebSession.form("priority", "LOW", "due", tomorrow()));
        assertThat(noGroup.body()).contains("Choose the device groups to remediate.");
        HttpResponse<String> bad = euManager.post(page + "/remediation", WebSession.form("priority", "URGENT", "due", "next week", "groups", "abc"));
        assertThat(bad.body()).contains("Choose a priority", "is not a date (yyyy-mm-dd)", "is not a device group id");
        assertThat(activities(euManager)).contains("No remediation activities match");
        // Nothing to fix in the chosen groups: refused rather than "completed" from the start.
        assess(f.euDevice(), true, Instant.now().minusSeconds(60));
        assess(devices.get(1), true, Instant.now().minusSeconds(60));
        HttpResponse<String> nothing = euManager.post(page + "/remediation", WebSession.form("priority", "LOW", "due", tomorrow(), "groups", euGroup));
        assertThat(nothing.statusCode()).isEqualTo(422);
        assertThat(nothing.body()).contains("No device in the chosen groups is exposed to this recommendation.");
    }

    @Test
    void progress_countsOnlyTheDevicesAskedFor() {
        newCheck();
        assess(f.euDevice(), true, Instant.now().minusSeconds(300));
        // Only eu2 is exposed when asked.
        assertThat(euManager.post(page + "/remediation", WebSession.form("priority", "MEDIUM", "due", tomorrow(), "groups", euGroup)).statusCode())
                .isIn(302, 303);
        // eu1 regresses: that is not the activity's device, its progress stays at 0 of 1 rather than going negative.
        assess(f.euDevice(), false, Instant.now().minusSeconds(60));
        assertThat(activities(euManager)).contains("0% <span class=\"muted small\">(1 left)");
        assess(devices.get(1), true, Instant.now().minusSeconds(30));
        assertThat(activities(euManager)).contains("100%", "System confirmation");
    }

    @Test
    void withoutRemediationHandling_noFormAndPostIsForbidden() {
        newCheck();
        assertThat(reader.get(page).body()).contains("Remediation activities (0)").doesNotContain("Request remediation</button>");
        assertThat(reader.post(page + "/remediation", WebSession.form("priority", "HIGH", "due", tomorrow(), "groups", euGroup)).statusCode())
                .isEqualTo(403);
        assertThat(euManager.get(page).body()).contains("Request remediation</button>");
    }
}
