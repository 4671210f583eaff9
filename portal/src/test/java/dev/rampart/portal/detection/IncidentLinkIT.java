package dev.rampart.portal.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.SystemIdentity;
import dev.rampart.portal.access.UserAccounts;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.IncidentChange;
import dev.rampart.portal.incidents.IncidentService;
import dev.rampart.portal.incidents.IncidentStatus;
import dev.rampart.portal.incidents.Classification;
import dev.rampart.portal.incidents.Determination;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/** Advanced hunting's "link to incident": selected result rows become manual alerts on a new or an existing incident. */
class IncidentLinkIT extends AbstractPortalIT {
    @Autowired
    IncidentService incidents;
    @Autowired
    UserAccounts users;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** Rows 0 and 1 share device and user, row 2 is another device and user, row 3 names no asset. */
    String query() {
        return "datatable(Timestamp:datetime, DeviceName:string, AccountUpn:string, RemoteIP:string, Note:string) [\n"
                + "datetime(2026-11-01T10:00:00Z), 'lnk-a-" + run + "', 'a-" + run + "@it.example', '203.0.113.5', 'one',\n"
                + "datetime(2026-11-01T10:05:00Z), 'lnk-a-" + run + "', 'a-" + run + "@it.example', '203.0.113.6', 'two',\n"
                + "datetime(2026-11-01T10:10:00Z), 'lnk-b-" + run + "', 'b-" + run + "@it.example', '203.0.113.7', 'three',\n"
                + "datetime(2026-11-01T10:15:00Z), '', '', '203.0.113.8', 'four']";
    }

    static String resultId(HttpResponse<String> run) {
        assertThat(run.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("/hunting/results/([0-9a-f-]{36})/export\\.csv").matcher(run.body());
        assertThat(m.find()).as(run.body()).isTrue();
        return m.group(1);
    }

    static HttpResponse<String> link(WebSession s, String id, String rows, String target, String incidentId) {
        return s.postHtmx("/hunting/results/" + id + "/link-incident", WebSession.form("rows", rows, "target", target, "incidentId", incidentId,
                "title", "Suspicious tool use", "severity", "HIGH", "category", "EXECUTION", "description", "Found while hunting",
                "recommendedActions", "Isolate the device", "col_device", "DeviceName", "col_user", "AccountUpn", "col_ip", "RemoteIP"));
    }

    static long incidentOf(HttpResponse<String> done) {
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        Matcher m = Pattern.compile("Linked to incident (\\d+)").matcher(done.body());
        assertThat(m.find()).as(done.body()).isTrue();
        return Long.parseLong(m.group(1));
    }

    List<Alert> alertsOf(long incident) {
        SecurityContextHolder.getContext().setAuthentication(SystemIdentity.authentication("link-it"));
        try {
            return incidents.alertsOf(incident);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void link_toNewIncident_makesOneManualAlertPerAssetCombination_withTheRowsAsEvidence() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String id = resultId(admin.postHtmx("/hunting/run", WebSession.form("query", query(), "timespan", "P1D")));

        HttpResponse<String> form = admin.postHtmx("/hunting/results/" + id + "/link-incident/form", WebSession.form("rows", "0,1,2"));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("3 selected rows become manual alerts")
                .containsPattern("name=\"col_device\"[\\s\\S]*?<option value=\"DeviceName\" selected")
                .containsPattern("name=\"col_ip\"[\\s\\S]*?<option value=\"RemoteIP\" selected");

        long incident = incidentOf(link(admin, id, "0,1,2", "new", ""));
        List<Alert> alerts = alertsOf(incident);
        assertThat(alerts).hasSize(2).allSatisfy(a -> {
            assertThat(a.detectionSource()).isEqualTo("manual");
            assertThat(a.title()).isEqualTo("Suspicious tool use");
            assertThat(a.severity().name()).isEqualTo("HIGH");
            assertThat(a.recommendedActions()).isEqualTo("Isolate the device");
        });
        Alert first = alerts.stream().filter(a -> a.evidence().stream().anyMatch(e -> e.key().contains("lnk-a-" + run))).findFirst().orElseThrow();
        assertThat(first.firstActivity()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(first.lastActivity()).isEqualTo(Instant.parse("2026-11-01T10:05:00Z"));
        assertThat(first.evidence()).extracting(e -> e.type()).contains(EntityType.DEVICE, EntityType.USER, EntityType.IP);
        assertThat(first.evidence()).filteredOn(e -> e.type() == EntityType.IP).hasSize(2);
    }

    @Test
    void link_toExistingIncident_addsTheAlerts_andRefusesAClosedOne() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String id = resultId(admin.postHtmx("/hunting/run", WebSession.form("query", query(), "timespan", "P1D")));
        long incident = incidentOf(link(admin, id, "0", "new", ""));

        assertThat(incidentOf(link(admin, id, "2", "existing", String.valueOf(incident)))).isEqualTo(incident);
        assertThat(alertsOf(incident)).hasSize(2);

        SecurityContextHolder.getContext().setAuthentication(SystemIdentity.authentication("link-it"));
        incidents.update(incident, IncidentChange.none().withStatus(IncidentStatus.RESOLVED)
                .withClassification(Classification.TRUE_POSITIVE, Determination.MALWARE).withResolvingComment("done"));
        SecurityContextHolder.clearContext();
        HttpResponse<String> closed = link(admin, id, "1", "existing", String.valueOf(incident));
        assertThat(closed.statusCode()).isEqualTo(422);
        assertThat(closed.body()).contains("Incident number: incident " + incident + " is resolved; choose an open incident or a new one")
                .contains("value=\"Suspicious tool use\"");
        assertThat(alertsOf(incident)).hasSize(2);
    }

    @Test
    void link_rowWithoutAnImpactedAsset_namesTheRow_andCreatesNothing() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String id = resultId(admin.postHtmx("/hunting/run", WebSession.form("query", query(), "timespan", "P1D")));
        HttpResponse<String> r = link(admin, id, "0,3", "new", "");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("Selected rows: row 4 has no value in DeviceName, AccountUpn; every linked row needs an impacted asset");

        HttpResponse<String> noAsset = admin.postHtmx("/hunting/results/" + id + "/link-incident", WebSession.form("rows", "0",
                "target", "new", "title", "t", "severity", "LOW", "category", "EXECUTION", "col_ip", "RemoteIP"));
        assertThat(noAsset.statusCode()).isEqualTo(422);
        assertThat(noAsset.body()).contains("map at least one impacted asset");
    }

    @Test
    void link_numberWithNewIncident_isRefused_andAnEvictedResultSaysSo() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String id = resultId(admin.postHtmx("/hunting/run", WebSession.form("query", query(), "timespan", "P1D")));
        HttpResponse<String> both = link(admin, id, "0", "new", "42");
        assertThat(both.statusCode()).isEqualTo(422);
        assertThat(both.body()).contains("Incident number: choose “Link to an existing incident” to use incident 42");

        HttpResponse<String> gone = link(admin, UUID.randomUUID().toString(), "0", "new", "");
        assertThat(gone.statusCode()).isEqualTo(422);
        assertThat(gone.body()).contains("This result is no longer kept; run the query again");
    }

    @Test
    void link_byAScopedAnalyst_refusesDevicesOutsideTheirGroups() {
        var fx = dev.rampart.portal.access.ScopeFixture.seed(context, "lnk" + run);
        WebSession eu = WebSession.signIn(port, fx.euUser(), dev.rampart.portal.access.ScopeFixture.PASSWORD);
        String q = "datatable(Timestamp:datetime, DeviceName:string) [datetime(2026-11-01T10:00:00Z), '" + fx.euDevice() + "', "
                + "datetime(2026-11-01T10:05:00Z), '" + fx.usDevice() + "']";
        String id = resultId(eu.postHtmx("/hunting/run", WebSession.form("query", q, "timespan", "P1D")));
        HttpResponse<String> us = eu.postHtmx("/hunting/results/" + id + "/link-incident", WebSession.form("rows", "0,1", "target", "new",
                "title", "t", "severity", "LOW", "category", "EXECUTION", "col_device", "DeviceName"));
        assertThat(us.statusCode()).isEqualTo(422);
        assertThat(us.body()).contains("row 2 names device " + fx.usDevice() + ", outside the device groups where your roles grant Alerts (manage)");
        HttpResponse<String> own = eu.postHtmx("/hunting/results/" + id + "/link-incident", WebSession.form("rows", "0", "target", "new",
                "title", "t", "severity", "LOW", "category", "EXECUTION", "col_device", "DeviceName"));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void link_needsAlertsManage_andTheGridOffersItOnlyThen() {
        if (!users.exists("link-reader")) {
            users.create("link-reader", "Reader", null, "link-reader-password", List.of("security-reader"));
        }
        WebSession reader = WebSession.signIn(port, "link-reader", "link-reader-password");
        HttpResponse<String> ran = reader.postHtmx("/hunting/run", WebSession.form("query", query(), "timespan", "P1D"));
        String id = resultId(ran);
        assertThat(ran.body()).doesNotContain("link-incident-btn").doesNotContain("sel-row");
        assertThat(link(reader, id, "0", "new", "").statusCode()).isEqualTo(403);

        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        HttpResponse<String> mine = admin.postHtmx("/hunting/run", WebSession.form("query", query(), "timespan", "P1D"));
        assertThat(mine.body()).contains("id=\"link-incident-btn\"").contains("class=\"sel-row\" value=\"3\"");
        // Another user's result is not there to link: the panel says so, and nothing is created.
        HttpResponse<String> other = link(admin, id, "0", "new", "");
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.body()).contains("This result is no longer kept").doesNotContain("Linked to incident");
    }

    @Test
    void grid_sortedRows_carryTheirPositionInTheResult() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String id = resultId(admin.postHtmx("/hunting/run", WebSession.form("query", query(), "timespan", "P1D")));
        HttpResponse<String> sorted = admin.getHtmx("/hunting/results/" + id + "?sort=Note&desc=false");
        // Note ascending: four, one, three, two → rows 3, 0, 2, 1.
        Matcher m = Pattern.compile("class=\"sel-row\" value=\"(\\d+)\"").matcher(sorted.body());
        StringBuilder order = new StringBuilder();
        while (m.find()) {
            order.append(m.group(1));
        }
        assertThat(order.toString()).isEqualTo("3021");
    }
}
