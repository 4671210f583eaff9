package dev.rampart.portal.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.SystemIdentity;
import dev.rampart.portal.access.UserAccounts;
import dev.rampart.portal.entities.EntityFixture;
import dev.rampart.portal.events.EventStore;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ReportsIT extends AbstractPortalIT {
    @Autowired
    EventStore store;
    @Autowired
    Reports reports;
    @Autowired
    UserAccounts users;

    @Test
    void generalReport_countsTodaysTelemetry_andExportsCsv() {
        // Figures keep to the reader's data scope; the portal's own identity reads everything.
        Reports.General before = SystemIdentity.run("reports-it", () -> reports.general(7));
        new EntityFixture(store, "rptit");
        Reports.General after = SystemIdentity.run("reports-it", () -> reports.general(7));
        assertThat(after.dates()).hasSize(7);
        assertThat(after.totalEvents() - before.totalEvents()).isGreaterThanOrEqualTo(9);
        assertThat(after.failedSignIns().total() - before.failedSignIns().total()).isEqualTo(1);

        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String page = admin.get("/reports?days=7").body();
        assertThat(page).contains("Security report", "last 7 days", "data-chart", "Export CSV");
        var csv = admin.get("/reports/general.csv?days=30");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines().count()).isEqualTo(31);
        assertThat(csv.body()).startsWith("date,").contains("Failed sign-ins");
    }

    @Test
    void unknownRange_fallsBackToFourteenDays() {
        assertThat(reports.general(999).days()).isEqualTo(14);
    }

    @Test
    void reports_needSecurityDataRead() {
        users.create("rptit-nodata", "No data", null, "Rptit-nodata-pw-123456!", Set.of());
        WebSession s = WebSession.signIn(port, "rptit-nodata", "Rptit-nodata-pw-123456!");
        assertThat(s.get("/reports").statusCode()).isEqualTo(403);
        assertThat(s.get("/reports/general.csv").statusCode()).isEqualTo(403);
    }
}
