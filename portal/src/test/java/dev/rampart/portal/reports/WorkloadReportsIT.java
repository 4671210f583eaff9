package dev.rampart.portal.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.access.ScopeFixture.Seeded;
import dev.rampart.portal.events.EventStore;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Endpoints and Identities reports count seeded events inside the reader's data scope, and the CSV and PDF
 * exports carry the same figures as the page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkloadReportsIT extends AbstractPortalIT {
    static final String P = "wrep";
    @Autowired
    ApplicationContext ctx;
    @Autowired
    EventStore events;
    Seeded f;
    WebSession eu;
    WebSession all;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, P);
        String eu2 = f.euDevice().replace("-eu1.", "-eu2.");
        Instant now = Instant.now().minus(Duration.ofMinutes(5));
        Table info = events.table("DeviceInfo");
        Table idl = events.table("IdentityLogonEvents");
        Table dl = events.table("DeviceLogonEvents");
        events.write(s -> {
            // Newer DeviceInfo records: the report reads each device's latest state.
            s.appender("DeviceInfo").append(row(info, now, Map.of("DeviceName", f.euDevice(), "DeviceId", Seeded.id(f.euDevice()),
                    "OSPlatform", "Windows11", "SensorHealthState", "Active", "OnboardingStatus", "Onboarded")));
            s.appender("DeviceInfo").append(row(info, now, Map.of("DeviceName", eu2, "DeviceId", Seeded.id(eu2),
                    "OSPlatform", "Windows10", "SensorHealthState", "Inactive", "OnboardingStatus", "Onboarded")));
            for (int i = 0; i < 40; i++) {
                s.appender("IdentityLogonEvents").append(row(idl, now, Map.of("AccountUpn", P + "-dc-user@" + P + ".example", "ActionType", "LogonFailed",
                        "FailureReason", "WrongPassword")));
            }
            s.appender("DeviceLogonEvents").append(row(dl, now, Map.of("DeviceName", f.euDevice(), "DeviceId", Seeded.id(f.euDevice()),
                    "AccountName", P + "-admin", "ActionType", "LogonSuccess")));
            return null;
        });
        eu = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD);
        all = WebSession.signIn(port, f.allUser(), ScopeFixture.PASSWORD);
    }

    private static Object[] row(Table t, Instant ts, Map<String, Object> values) {
        Object[] r = new Object[t.columns().size()];
        r[t.indexOf("Timestamp")] = ts;
        values.forEach((k, v) -> r[t.indexOf(k)] = v);
        return r;
    }

    @Test
    void endpoints_countLatestDeviceStateInsideTheScope() {
        String csv = eu.get("/reports/endpoints.csv?days=7").body();
        assertThat(csv).contains("summary,Devices seen,2\r\n", "summary,Sensor active,1\r\n", "summary,Sensor inactive or impaired,1\r\n",
                "summary,Onboarded,2\r\n", "summary,Devices with alerts,1\r\n", "OS platforms,Windows11,1\r\n", "OS platforms,Windows10,1\r\n",
                "Sensor health,Inactive,1\r\n");
        // Only the EU alert's device, never the US one.
        assertThat(csv).contains("Devices with alerts," + f.euDevice().split("\\.")[0]).doesNotContain("-us1");
        String page = eu.get("/reports/endpoints?days=7").body();
        assertThat(page).contains("Endpoints report", "Sensor health", "OS platforms", "Windows10", "Generate PDF", "data-chart");
        assertThat(all.get("/reports/endpoints.csv?days=7").body()).contains("OS platforms,Linux");
    }

    @Test
    void identities_countFailedLogonsBySourceAndAccount_insideTheScope() {
        String scoped = eu.get("/reports/identities.csv?days=7").body();
        // EU analyst: two failed device logons of wrep-admin, one success; identity workload is outside the grant.
        assertThat(scoped).contains("summary,Logon attempts,3\r\n", "summary,Failed logons,2\r\n", "Top accounts by failed logons,wrep-admin,2\r\n",
                "Failed logons by source,Devices,2\r\n").doesNotContain("wrep-dc-user", "Domain controllers");
        String global = all.get("/reports/identities.csv?days=7").body();
        assertThat(global).contains("Top accounts by failed logons,wrep-dc-user@wrep.example,40\r\n", "Failure reasons,WrongPassword,");
        String page = all.get("/reports/identities?days=7").body();
        assertThat(page).contains("Identities report", "wrep-dc-user@wrep.example", "Failure reasons");
    }

    @Test
    void pdf_carriesTheFiguresAndIsAudited() throws Exception {
        HttpResponse<byte[]> r = eu.getBytes("/reports/endpoints.pdf?days=7");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        String text = text(r.body());
        assertThat(text).contains("Rampart - Endpoints report", "Devices seen", "Sensor health", "Windows10", "Generated");
        assertThat(text).containsPattern("Sensor active\\s*1");
        String ids = text(all.getBytes("/reports/identities.pdf?days=7").body());
        assertThat(ids).contains("Top accounts by failed logons", "wrep-dc-user@wrep.example");
        long audited = ctx.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT count(*) FROM audit_event WHERE action = 'report.export' AND actor = ? AND target_id = 'identities'")
                .param(f.allUser()).query(Long.class).single();
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void generalReport_branchesOnlyIntoWorkloadsWithDataInScope() {
        assertThat(eu.get("/reports?days=7").body()).contains("class=\"report-branch\" href=\"/reports/endpoints?days=7\"")
                .doesNotContain("class=\"report-branch\" href=\"/reports/identities");
        assertThat(all.get("/reports?days=7").body()).contains("class=\"report-branch\" href=\"/reports/identities?days=7\"");
    }

    @Test
    void unknownReport_is404_andNoDataPermissionIs403() {
        assertThat(all.get("/reports/nosuch").statusCode()).isEqualTo(404);
        ctx.getBean(dev.rampart.portal.access.UserAccounts.class).create("wrep-nodata", "No data", null, ScopeFixture.PASSWORD, java.util.List.of());
        WebSession none = WebSession.signIn(port, "wrep-nodata", ScopeFixture.PASSWORD);
        assertThat(none.get("/reports/endpoints").statusCode()).isEqualTo(403);
        assertThat(none.getBytes("/reports/identities.pdf").statusCode()).isEqualTo(403);
    }

    private static String text(byte[] pdf) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        try {
            PdfTextExtractor x = new PdfTextExtractor(reader);
            StringBuilder b = new StringBuilder();
            for (int p = 1; p <= reader.getNumberOfPages(); p++) {
                b.append(x.getTextFromPage(p)).append('\n');
            }
            return b.toString();
        } finally {
            reader.close();
        }
    }
}
