package dev.rampart.portal.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.access.ScopeFixture.Seeded;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The device timeline searches, keeps to a range of days, links each event to a hunt around it, and exports as CSV. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceTimelineIT extends AbstractPortalIT {
    static final String P = "dtl";
    @Autowired
    ApplicationContext ctx;
    @Autowired
    JdbcClient jdbc;
    Seeded f;
    WebSession all;
    String base;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, P);
        all = WebSession.signIn(port, f.allUser(), ScopeFixture.PASSWORD);
        base = "/devices/" + Seeded.id(f.euDevice()) + "/timeline";
    }

    @Test
    void search_andDays_narrowTheEvents() {
        // The fixture's device ran dtl-tool.exe, connected to cdn.dtl-shared.example.net and had a failed logon.
        String found = all.getHtmx(base + "?q=" + P + "-tool").body();
        // (The action-type menu lists every type; the rows hold only the matches.)
        assertThat(found).contains(P + "-tool.exe", "<td>ProcessCreated</td>").doesNotContain("<td>ConnectionSuccess</td>", "<td>LogonFailed</td>");
        // The fixture's day: shortly after midnight UTC it seeds the evening before, so "today" would miss its rows.
        String today = f.day().toString();
        assertThat(all.getHtmx(base + "?from=" + today + "&to=" + today).body()).contains("<td>ProcessCreated</td>", "<td>ConnectionSuccess</td>");
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        assertThat(all.getHtmx(base + "?from=" + tomorrow).body()).contains("No events for this device with these filters");
        assertThat(all.getHtmx(base + "?from=" + today + "&to=2020-01-01").statusCode()).isEqualTo(400);
        assertThat(all.getHtmx(base + "?from=yesterday").statusCode()).isEqualTo(400);
        // Each event links to a hunt of its table on this device around its time.
        assertThat(found).contains("/hunting?q=DeviceProcessEvents%0A%7C+where+DeviceId+%3D%3D+%22" + Seeded.id(f.euDevice()));
    }

    @Test
    void export_holdsTheFilteredEvents_andIsAudited() {
        HttpResponse<String> r = all.get(base + ".csv?q=" + P + "-tool");
        assertThat(r.statusCode()).isEqualTo(200);
        String[] lines = r.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("Timestamp,Table,ActionType,Details,InitiatingProcessFileName,InitiatingProcessAccountName");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains("DeviceProcessEvents,ProcessCreated", P + "-tool.exe");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'device.timeline.export' AND target_id = ?").params(Seeded.id(f.euDevice()))
                .query(Long.class).single()).isEqualTo(1);
        // Out of the reader's scope: unknown.
        WebSession eu = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD);
        assertThat(eu.get("/devices/" + Seeded.id(f.usDevice()) + "/timeline.csv").statusCode()).isEqualTo(404);
    }
}
