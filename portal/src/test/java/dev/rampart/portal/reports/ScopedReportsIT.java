package dev.rampart.portal.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.access.ScopeFixture.Seeded;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The general report of a user scoped to EU devices counts only EU telemetry and EU alerts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopedReportsIT extends AbstractPortalIT {
    @Autowired
    ApplicationContext ctx;
    Seeded f;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, "srep");
    }

    /** The value of {@code column} on the day the fixture was seeded, from the report CSV. */
    private String today(String csv, String column) {
        List<String> lines = csv.lines().toList();
        int i = Arrays.asList(lines.get(0).split(",")).indexOf(column);
        assertThat(i).as(lines.get(0)).isPositive();
        String row = lines.stream().filter(l -> l.startsWith(f.day().toString())).findFirst().orElseThrow(() -> new AssertionError(csv));
        return row.split(",")[i];
    }

    @Test
    void report_countsOnlyScopedTelemetryAndAlerts() {
        WebSession eu = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD);
        String csv = eu.get("/reports/general.csv?days=7").body();
        assertThat(today(csv, "Active devices")).isEqualTo("2");
        assertThat(today(csv, "Failed sign-ins")).isEqualTo("2");
        assertThat(today(csv, "events: endpoint")).isEqualTo("8");
        String page = eu.get("/reports?days=7").body();
        assertThat(page).contains("srep EU alert").doesNotContain("srep US alert").doesNotContain("srep identity alert");

        WebSession all = WebSession.signIn(port, f.allUser(), ScopeFixture.PASSWORD);
        assertThat(Long.parseLong(today(all.get("/reports/general.csv?days=7").body(), "Active devices"))).isGreaterThanOrEqualTo(4);
    }
}
