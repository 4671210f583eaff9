package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A query returning several tables (fork, facet, several statements) shows a tab per table, each a full result. */
class HuntingMultipleResultsIT extends AbstractPortalIT {

    @Test
    void fork_showsATabPerBranch_andEachTabIsItsOwnResult() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        HttpResponse<String> run = admin.postHtmx("/hunting/run", WebSession.form(
                "query", "range x from 1 to 30 step 1 | fork (where x > 25 | as Big) (summarize n = count() | as Total)", "timespan", "P1D"));
        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(run.body()).contains("result-tabs").contains(">Big <span class=\"muted small\">5</span>").contains(">Total <span class=\"muted small\">1</span>");

        Matcher m = Pattern.compile("hx-get=\"/hunting/results/([0-9a-f-]{36})\\?size=50\"").matcher(run.body());
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertThat(ids).hasSize(2);
        String total = admin.get("/hunting/results/" + ids.get(1) + "?size=50").body();
        assertThat(total).contains("<th data-col=\"n\"").contains("<span class=\"cell\">30</span>").contains("1 item");
        assertThat(admin.get("/hunting/results/" + ids.get(1) + "/export.csv").body().strip()).isEqualTo("n\n30".replace("\n", System.lineSeparator()).replace("\r", ""));
    }

    @Test
    void cellsBetween60And500Characters_renderWithTheirFullTextAsTitle() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String text = "cmd.exe /c " + "x".repeat(90);
        HttpResponse<String> run = admin.postHtmx("/hunting/run", WebSession.form("query", "print c = '" + text + "'", "timespan", "P1D"));
        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(run.body()).contains("title=\"" + text + "\"");
    }

    @Test
    void oneTable_showsNoTabs() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        HttpResponse<String> run = admin.postHtmx("/hunting/run", WebSession.form("query", "print a = 1", "timespan", "P1D"));
        assertThat(run.body()).doesNotContain("result-tabs");
    }
}
