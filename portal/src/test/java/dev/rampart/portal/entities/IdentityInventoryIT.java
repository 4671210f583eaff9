package dev.rampart.portal.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.access.ScopeFixture.Seeded;
import dev.rampart.portal.events.EventStore;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Assets › Identities filters the directory by department, identity risk, account state and active alerts, counts for
 * the quick filters, sorts the riskiest first on request and exports what it shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityInventoryIT extends AbstractPortalIT {
    static final String P = "iinv";
    @Autowired
    ApplicationContext ctx;
    @Autowired
    EventStore events;
    @Autowired
    JdbcClient jdbc;
    Seeded f;
    WebSession all;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, P);
        Table info = events.table("IdentityInfo");
        events.write(s -> {
            // The fixture's identity alert names iinv-someone@iinv.example.
            s.appender("IdentityInfo").append(row(info, Map.of("AccountObjectId", P + "-1", "AccountUpn", P + "-someone@" + P + ".example",
                    "AccountName", P + "-someone", "AccountDisplayName", P + " Someone", "Department", P + " Finance", "RiskLevel", "High",
                    "IsAccountEnabled", true, "IdentityEnvironment", "Hybrid")));
            s.appender("IdentityInfo").append(row(info, Map.of("AccountObjectId", P + "-2", "AccountUpn", P + "-other@" + P + ".example",
                    "AccountName", P + "-other", "AccountDisplayName", P + " Other", "Department", P + " Sales", "RiskLevel", "Low",
                    "IsAccountEnabled", false, "IdentityEnvironment", "Cloud")));
            return null;
        });
        all = WebSession.signIn(port, f.allUser(), ScopeFixture.PASSWORD);
    }

    private static Object[] row(Table t, Map<String, Object> values) {
        Object[] r = new Object[t.columns().size()];
        r[t.indexOf("Timestamp")] = Instant.now().minusSeconds(120);
        values.forEach((k, v) -> r[t.indexOf(k)] = v);
        return r;
    }

    private String page(String query) {
        HttpResponse<String> r = all.get("/identities?q=" + P + "&" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void filters_keepTheMatchingAccounts() {
        assertThat(page("")).contains(P + " Someone", P + " Other", "2 of ");
        assertThat(page("department=" + P + "+Finance")).contains(P + " Someone").doesNotContain(P + " Other");
        assertThat(page("risk=High")).contains(P + " Someone").doesNotContain(P + " Other");
        assertThat(page("enabled=no")).contains(P + " Other", "<span class=\"pill warn\">Disabled</span>").doesNotContain(P + " Someone");
        assertThat(page("environment=Cloud")).contains(P + " Other").doesNotContain(P + " Someone");
        // The medium identity alert of the fixture names iinv-someone.
        assertThat(page("alerts=active")).contains(P + " Someone", "sev sev-medium\">Medium</span> <span class=\"muted small\">(1)")
                .doesNotContain(P + " Other");
    }

    @Test
    void sortByIdentityRisk_putsTheRiskiestFirst() {
        String byName = page("sort=AccountDisplayName");
        assertThat(byName.indexOf(P + " Other")).isLessThan(byName.indexOf(P + " Someone"));
        String byRisk = page("sort=RiskLevel&desc=true");
        assertThat(byRisk.indexOf(P + " Someone")).isLessThan(byRisk.indexOf(P + " Other"));
    }

    @Test
    void export_holdsTheFilteredAccounts_andIsAudited() {
        HttpResponse<String> r = all.get("/identities/export.csv?q=" + P + "&enabled=yes");
        String[] lines = r.body().split("\r\n");
        assertThat(lines[0]).startsWith("Name,UPN,Account name,Department,Job title,Identity risk,Active alerts");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).startsWith(P + " Someone," + P + "-someone@" + P + ".example," + P + "-someone," + P + " Finance,,High,1,Medium,Yes,Hybrid,");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'identities.export' AND actor = ?").params(f.allUser())
                .query(Long.class).single()).isPositive();
    }
}
