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

    /**
     * The daily values of {@code column} in the report CSV, folded by sum or max: the fixture's events lie minutes
     * to hours before now, so shortly after midnight UTC they fall on yesterday.
     */
    private static String fold(String csv, String column, boolean max) {
        List<String> lines = csv.lines().toList();
        int i = Arrays.asList(lines.get(0).split(",")).indexOf(column);
        assertThat(i).as(lines.get(0)).isPositive();
        var values = lines.stream().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[i]));
        return String.valueOf(max ? values.max().orElse(0) : values.sum());
    }

    @Test
    void report_countsOnlyScopedTelemetryAndAlerts() {
        WebSession eu = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD);
        String csv = eu.get("/reports/general.csv?days=7").body();
        assertThat(fold(csv, "Active devices", true)).isEqualTo("2");
        assertThat(fold(csv, "Failed sign-ins", false)).isEqualTo("2");
        assertThat(fold(csv, "events: endpoint", false)).isEqualTo("8");
        String page = eu.get("/reports?days=7").body();
        assertThat(page).contains("srep EU alert").doesNotContain("srep US alert").doesNotContain("srep identity alert");

        WebSession all = WebSession.signIn(port, f.allUser(), ScopeFixture.PASSWORD);
        assertThat(Long.parseLong(fold(all.get("/reports/general.csv?days=7").body(), "Active devices", true))).isGreaterThanOrEqualTo(4);
    }
}
