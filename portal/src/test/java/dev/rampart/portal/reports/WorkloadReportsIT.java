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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

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
    @Autowired
    ObjectMapper json;
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
        Table entra = events.table("EntraIdSignInEvents");
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
            // Entra ID: one failure of the same person (UPN in other case), one success.
            s.appender("EntraIdSignInEvents").append(row(entra, now, Map.of("AccountUpn", P.toUpperCase() + "-DC-USER@" + P + ".example", "ErrorCode", 50126)));
            s.appender("EntraIdSignInEvents").append(row(entra, now, Map.of("AccountUpn", P + "-dc-user@" + P + ".example", "ErrorCode", 0)));
            // A request for multifactor authentication interrupts a sign-in; it is not a failure.
            s.appender("EntraIdSignInEvents").append(row(entra, now, Map.of("AccountUpn", P + "-dc-user@" + P + ".example", "ErrorCode", 50074)));
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
    void identities_countFailedSignInsBySourceAndAccount_insideTheScope() {
        String scoped = eu.get("/reports/identities.csv?days=7").body();
        // EU analyst: two failed device logons of wrep-admin, one success; identity workload is outside the grant.
        assertThat(scoped).contains("summary,Sign-in attempts,3\r\n", "summary,Failed sign-ins,2\r\n", "Top accounts by failed sign-ins,wrep-admin,2\r\n",
                "Failed sign-ins by source,Devices,2\r\n").doesNotContain("wrep-dc-user", "Domain controllers", "Entra ID");
        String global = all.get("/reports/identities.csv?days=7").body();
        // 40 failed logons at domain controllers and one failed Entra ID sign-in of the same UPN.
        assertThat(global).contains("Top accounts by failed sign-ins,wrep-dc-user@wrep.example,41\r\n", "Failure reasons,WrongPassword,",
                "Failure reasons,Invalid username or password,", "Failed sign-ins by source,Entra ID,");
        String page = all.get("/reports/identities?days=7").body();
        assertThat(page).contains("Identities report", "wrep-dc-user@wrep.example", "Failure reasons", SignIns.DEFINITION);
    }

    @Test
    void failedSignIns_sameFigureOnHomeSecurityReportAndIdentitiesReport() throws Exception {
        for (String user : new String[] {f.euUser(), f.allUser()}) {
            WebSession s = user.equals(f.euUser()) ? eu : all;
            String ids = s.get("/reports/identities.csv?days=7").body();
            long identities = Long.parseLong(ids.replaceAll("(?s).*summary,Failed sign-ins,(\\d+)\r\n.*", "$1"));
            String[] lines = s.get("/reports/general.csv?days=7").body().split("\r\n");
            int col = java.util.Arrays.asList(lines[0].split(",")).indexOf("Failed sign-ins");
            long general = 0;
            for (int i = 1; i < lines.length; i++) {
                general += Long.parseLong(lines[i].split(",")[col]);
            }
            String home = null;
            for (JsonNode c : json.readTree(get("/api/v1/home/cards", user, ScopeFixture.PASSWORD).body()).get("cards")) {
                if (c.get("id").asString().equals("sign-in-failures")) {
                    home = c.get("kpis").get(0).get("value").asString().replace(",", "");
                }
            }
            assertThat(identities).isPositive();
            assertThat(general).as("security report").isEqualTo(identities);
            assertThat(Long.parseLong(home)).as("home card").isEqualTo(identities);
        }
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
        assertThat(ids).contains("Top accounts by failed sign-ins", "wrep-dc-user@wrep.example");
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
