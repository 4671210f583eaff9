package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.access.ScopeFixture.Seeded;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The alert queue filters by status and severity (several at once), category, service and detection source,
 * assignment and entity, and exports what it shows as CSV, within the reader's scope.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertQueueIT extends AbstractPortalIT {
    static final String P = "aqit";
    @Autowired
    ApplicationContext ctx;
    @Autowired
    JdbcClient jdbc;
    Seeded f;
    WebSession eu;
    WebSession all;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, P);
        eu = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD);
        all = WebSession.signIn(port, f.allUser(), ScopeFixture.PASSWORD);
    }

    private String queue(WebSession s, String query) {
        HttpResponse<String> r = s.get("/alerts?q=" + P + "&" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void severityAndSourceFilters_combine() {
        // The fixture raised two high endpoint alerts (EU, US) and one medium identity alert.
        assertThat(queue(all, "severity=high&severity=medium")).contains(P + " EU alert", P + " US alert", P + " identity alert");
        assertThat(queue(all, "severity=medium")).contains(P + " identity alert").doesNotContain(P + " EU alert");
        assertThat(queue(all, "service=microsoftDefenderForIdentity")).contains(P + " identity alert").doesNotContain(P + " US alert");
        assertThat(queue(all, "category=CredentialAccess")).contains(P + " identity alert").doesNotContain(P + " EU alert");
        assertThat(queue(all, "entity=" + f.usDevice().toUpperCase())).contains(P + " US alert").doesNotContain(P + " EU alert", P + " identity alert");
        assertThat(queue(all, "entity=" + P + "-someone")).contains(P + " identity alert").doesNotContain(P + " US alert");
        assertThat(queue(all, "entity=" + f.ip())).contains(P + " EU alert", P + " US alert");
        // The EU analyst never sees the US alert, whatever the filter.
        assertThat(queue(eu, "entity=" + f.usDevice())).doesNotContain(P + " US alert");
    }

    @Test
    void statusFilter_defaultsToOpen_andAnEmptyChoiceMeansAny() {
        String id = f.euAlert().id();
        all.post("/alerts/" + id, WebSession.form("status", "resolved", "comment", "done"));
        assertThat(queue(all, "")).doesNotContain(P + " EU alert").contains(P + " US alert");
        assertThat(queue(all, "status=&status=resolved")).contains(P + " EU alert").doesNotContain(P + " US alert");
        assertThat(queue(all, "status=")).contains(P + " EU alert", P + " US alert");
        all.post("/alerts/" + id, WebSession.form("status", "new"));
    }

    @Test
    void assignedToMe_keepsTheCallersAlerts() {
        all.post("/alerts/" + f.usAlert().id(), WebSession.form("assignedTo", f.allUser()));
        assertThat(queue(all, "assigned=me")).contains(P + " US alert").doesNotContain(P + " EU alert");
        assertThat(queue(all, "assigned=unassigned")).contains(P + " EU alert").doesNotContain(P + " US alert");
    }

    @Test
    void export_holdsTheFilteredAlerts_andIsAudited() {
        HttpResponse<String> r = all.get("/alerts/export.csv?q=" + P + "&severity=high&status=");
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> lines = List.of(r.body().split("\r\n"));
        assertThat(lines.get(0)).startsWith("Alert ID,Title,Severity,Status,Category,Service source,Detection source,Incident");
        assertThat(lines).hasSize(3);
        assertThat(r.body()).contains(f.euAlert().id() + "," + P + " EU alert,High,", f.usAlert().id()).doesNotContain("identity alert");
        assertThat(eu.get("/alerts/export.csv?q=" + P + "&status=").body()).contains(P + " EU alert").doesNotContain(P + " US alert");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'alerts.export' AND actor = ?").params(f.allUser())
                .query(Long.class).single()).isPositive();
    }
}
