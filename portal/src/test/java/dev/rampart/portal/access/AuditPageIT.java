package dev.rampart.portal.access;

import static dev.rampart.portal.WebSession.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditPageIT extends AbstractPortalIT {
    private static final String ACTION = "test.auditpage";

    @Autowired
    AuditLog audit;

    private WebSession admin;

    @BeforeAll
    void recordSixtyEntries() {
        for (int i = 1; i <= 60; i++) {
            audit.recordAs(i % 2 == 0 ? "auditpage-even" : "auditpage-odd", ACTION, "widget", "w-" + i,
                    i == 60 ? "=HYPERLINK(\"http://evil\"), \"quoted\"" : "entry " + i);
        }
        admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
    }

    @Test
    void page_filtersByAction_newestFirst_andPages() {
        HttpResponse<String> first = admin.get("/settings/audit?action=" + ACTION);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("1–50 of 60 entries matching the filter", "Page 1 of 2", "w-60");
        assertThat(first.body().indexOf(">w-60<")).isLessThan(first.body().indexOf(">w-59<"));
        assertThat(first.body()).doesNotContain(">w-10<");

        HttpResponse<String> second = admin.get("/settings/audit?action=" + ACTION + "&page=2");
        assertThat(second.body()).contains("51–60 of 60", ">w-10<", ">w-1<").doesNotContain(">w-11<");
        assertThat(first.body()).contains("href=\"/settings/audit?action=" + ACTION + "&amp;page=2\"");
    }

    @Test
    void page_filtersByActorAndTimeRange() {
        assertThat(admin.get("/settings/audit?action=" + ACTION + "&actor=EVEN").body()).contains("of 30 entries");
        assertThat(admin.get("/settings/audit?action=" + ACTION + "&to=2000-01-01").body()).contains("No entries match this filter");
        assertThat(admin.get("/settings/audit?action=" + ACTION + "&from=2000-01-01T00:00").body()).contains("of 60 entries");
        assertThat(admin.get("/settings/audit?from=yesterday").body()).contains("From \"yesterday\" is not a time");
    }

    @Test
    void export_writesFilteredCsvWithFormulasNeutralised() {
        HttpResponse<String> r = admin.get("/settings/audit/export?action=" + ACTION + "&targetType=widget");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(c -> assertThat(c).startsWith("text/csv"));
        assertThat(r.headers().firstValue("Content-Disposition")).hasValueSatisfying(c -> assertThat(c).contains("attachment"));
        List<String> lines = r.body().lines().toList();
        assertThat(lines).hasSize(61);
        assertThat(lines.get(0)).isEqualTo(AuditCsv.HEADER);
        assertThat(lines.get(1)).contains(",auditpage-even," + ACTION + ",widget,w-60,\"'=HYPERLINK(\"\"http://evil\"\"), \"\"quoted\"\"\"");
        assertThat(audit.search(new AuditLog.Filter("admin", "audit.export", null, null, null), 1, 10).total()).isPositive();
    }

    @Test
    void auditLog_isReadOnly() {
        assertThat(admin.post("/settings/audit", form("action", ACTION)).statusCode()).isEqualTo(405);
    }
}
