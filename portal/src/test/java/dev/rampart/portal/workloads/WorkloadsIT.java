package dev.rampart.portal.workloads;

import static dev.rampart.portal.WebSession.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.SystemIdentity;
import dev.rampart.portal.entities.EntityFixture;
import dev.rampart.portal.entities.EntitySearch;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.notifications.Notifications;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Settings › Workloads end to end: a workload that is off disappears from navigation, home cards, search and report
 * links, and its pages and API answer 404 saying why; trials run out on their date and the hourly check tells the
 * administrators. Every test puts the workloads back to the installation default, because the context is shared.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkloadsIT extends AbstractPortalIT {
    @Autowired
    Workloads workloads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventStore store;
    @Autowired
    EntitySearch search;
    @Autowired
    AuditLog audit;
    @Autowired
    Notifications notifications;

    WebSession admin;
    EntityFixture fx;
    String tag;

    @BeforeAll
    void data() {
        tag = "wlit" + UUID.randomUUID().toString().substring(0, 6);
        fx = new EntityFixture(store, tag);
        while (!search.rebuild()) {
            Thread.onSpinWait();
        }
        admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
    }

    private OffsetDateTime started;

    @org.junit.jupiter.api.BeforeEach
    void mark() {
        started = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
    }

    @AfterEach
    void backToDefaults() {
        jdbc.sql("DELETE FROM workload_state").update();
    }

    /** Posts a change as the settings page does and follows the redirect back to it, like a browser. */
    private java.net.http.HttpResponse<String> change(String workload, String action) {
        var r = admin.post("/settings/workloads/" + workload + "/" + action, form());
        return r.statusCode() == 302 ? admin.get(r.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "")) : r;
    }

    private void setTrialEnd(Workload w, Instant end) {
        jdbc.sql("UPDATE workload_state SET trial_ends_at = ? WHERE workload = ?").params(OffsetDateTime.ofInstant(end, ZoneOffset.UTC), w.id()).update();
    }

    private List<AuditLog.Entry> auditFor(String action, Workload w) {
        return audit.search(new AuditLog.Filter(null, action, "workload", started, null), 1, 100).entries().stream()
                .filter(e -> e.targetId().equals(w.id())).toList();
    }

    @Test
    void newInstallation_hasTheCoreWorkloadsOn() {
        assertThat(workloads.enabled()).isEqualTo(EnumSet.of(Workload.ENDPOINT, Workload.EMAIL, Workload.IDENTITY, Workload.CLOUD_APPS,
                Workload.EXPOSURE_MANAGEMENT, Workload.THREAT_INTELLIGENCE));
        String page = admin.get("/settings/workloads").body();
        assertThat(page).contains("6 of 8 workloads on", "Installation default", "Start trial");
    }

    @Test
    void disablingEndpoints_hidesItsNavCardsSearchAndReportLinks_andItsPagesAnswer404() throws Exception {
        String home = admin.get("/").body();
        assertThat(home).contains("href=\"/devices\"", "href=\"/reports/endpoints\"", "data-card=\"devices-by-os\"");
        assertThat(admin.getHtmx("/search/suggest?q=" + tag).body()).contains("/devices/" + fx.deviceId);
        assertThat(admin.get("/devices").statusCode()).isEqualTo(200);

        var r = change("endpoint", "disable");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Endpoints is disabled");

        home = admin.get("/").body();
        assertThat(home).doesNotContain("href=\"/devices\"", "href=\"/reports/endpoints\"", "href=\"/settings/sensors\"", "data-card=\"devices-by-os\"",
                "data-card=\"top-processes\"");
        assertThat(home).contains("href=\"/identities\"", "href=\"/reports/identities\"");
        String suggest = admin.getHtmx("/search/suggest?q=" + tag).body();
        // Users and files are also email and identity entities, which stay on.
        assertThat(suggest).doesNotContain("/devices/" + fx.deviceId).contains("/users/", "/files/" + fx.sha1);
        assertThat(get("/api/v1/search?q=" + tag, "admin", ADMIN_PASSWORD).body()).doesNotContain("\"type\":\"device\"").contains("\"type\":\"user\"");
        assertThat(admin.getHtmx("/search/suggest?q=Devices").body()).doesNotContain("href=\"/devices\"");
        assertThat(admin.get("/reports").body()).doesNotContain("/reports/endpoints");

        var page = admin.get("/devices");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("Endpoints is not enabled on this installation", "Settings › Workloads");
        assertThat(admin.get("/devices/" + fx.deviceId).statusCode()).isEqualTo(404);
        assertThat(admin.get("/reports/endpoints").statusCode()).isEqualTo(404);
        assertThat(admin.getBytes("/reports/endpoints.csv").statusCode()).isEqualTo(404);
        assertThat(admin.getHtmx("/home/cards/devices-by-os").statusCode()).isEqualTo(404);
        assertThat(admin.postHtmx("/home/cards/devices-by-os/add", form()).statusCode()).isEqualTo(404);
        assertThat(auditFor("workload.disable", Workload.ENDPOINT)).isNotEmpty();

        change("endpoint", "enable");
        assertThat(admin.get("/devices").statusCode()).isEqualTo(200);
        assertThat(admin.get("/").body()).contains("href=\"/devices\"", "data-card=\"devices-by-os\"");
    }

    @Test
    void workloadsApi_saysWhatIsOn() throws Exception {
        SystemIdentity.run("wlit", () -> workloads.disable(Workload.ENDPOINT));
        var api = get("/api/v1/workloads", "admin", ADMIN_PASSWORD);
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("{\"id\":\"endpoint\",\"name\":\"Endpoints\",\"state\":\"disabled\",\"enabled\":false");
        assertThat(api.body()).contains("{\"id\":\"identity\",\"name\":\"Identities\",\"state\":\"enabled\",\"enabled\":true");
    }

    @Test
    void trial_turnsTheWorkloadOnFor90Days_thenOffOnItsDate_withWarningAndExpiryNotifications() {
        change("identity", "disable");
        assertThat(admin.get("/identities").statusCode()).isEqualTo(404);

        var r = change("identity", "trial");
        Workloads.Status s = workloads.status(Workload.IDENTITY);
        assertThat(s.onTrial()).isTrue();
        assertThat(Duration.between(s.trialStartedAt(), s.trialEndsAt())).isEqualTo(Duration.ofDays(90));
        assertThat(s.daysLeft(workloads.now())).isEqualTo(90);
        assertThat(r.body()).contains("Identities trial started", "90 days left", "End trial");
        assertThat(admin.get("/identities").statusCode()).isEqualTo(200);
        assertThat(admin.get("/").body()).contains("href=\"/identities\"");

        // Three days before the end: one warning to the administrators, not repeated by the next check.
        setTrialEnd(Workload.IDENTITY, Instant.now().plus(Duration.ofDays(3)).minusSeconds(60));
        Workloads.TrialCheck first = SystemIdentity.run("wlit", workloads::checkTrials);
        assertThat(first.warned()).containsExactly(Workload.IDENTITY);
        assertThat(SystemIdentity.run("wlit", workloads::checkTrials).warned()).isEmpty();
        assertThat(admin.get("/settings/workloads").body()).contains("3 days left");
        assertThat(notifications.list("admin", EnumSet.of(Permission.SYSTEM_SETTINGS_MANAGE), false, 0, 20))
                .anyMatch(n -> n.title().equals("Identities trial ends in 3 days") && n.kind() == Notifications.Kind.WARNING);

        // The end date passes: off at once, before any check runs.
        setTrialEnd(Workload.IDENTITY, Instant.now().minusSeconds(5));
        assertThat(workloads.isEnabled(Workload.IDENTITY)).isFalse();
        assertThat(admin.get("/identities").statusCode()).isEqualTo(404);
        assertThat(admin.get("/").body()).doesNotContain("href=\"/identities\"", "data-card=\"sign-in-failures\"");
        assertThat(admin.get("/settings/workloads").body()).contains("Trial expired");

        Workloads.TrialCheck expiry = SystemIdentity.run("wlit", workloads::checkTrials);
        assertThat(expiry.expired()).containsExactly(Workload.IDENTITY);
        assertThat(SystemIdentity.run("wlit", workloads::checkTrials).expired()).isEmpty();
        assertThat(auditFor("workload.trial.expired", Workload.IDENTITY)).hasSize(1);
        assertThat(notifications.list("admin", EnumSet.of(Permission.SYSTEM_SETTINGS_MANAGE), false, 0, 20))
                .anyMatch(n -> n.title().equals("Identities trial has ended"));
    }

    @Test
    void endTrialEarly_turnsTheWorkloadOff_andIsAudited() {
        change("ot-iot", "trial");
        assertThat(workloads.isEnabled(Workload.OT_IOT)).isTrue();
        assertThat(change("ot-iot", "end-trial").body()).contains("OT / IoT trial ended");
        assertThat(workloads.isEnabled(Workload.OT_IOT)).isFalse();
        assertThat(auditFor("workload.trial.start", Workload.OT_IOT)).isNotEmpty();
        assertThat(auditFor("workload.trial.end", Workload.OT_IOT)).isNotEmpty();
    }

    @Test
    void refusedChanges_sayWhy() {
        var r = admin.post("/settings/workloads/endpoint/trial", form());
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("Endpoints is already enabled");
        assertThat(admin.post("/settings/workloads/ot-iot/end-trial", form()).body()).contains("OT / IoT has no running trial to end");
        assertThat(admin.post("/settings/workloads/no-such-workload/enable", form()).statusCode()).isEqualTo(404);
    }
}
