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
import java.util.List;
import java.util.Map;
import dev.rampart.portal.web.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Email & collaboration and Cloud apps reports: figures from the seeded mail, post-delivery, click and cloud-app
 * rows, the same figures in CSV and PDF, exports audited, and the permission and scope rules (mail needs mail metadata
 * read; a scope without a workload sees none of its rows and gets no link to its report).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailAndCloudReportsIT extends AbstractPortalIT {
    static final String P = "mcrep";
    static final String SENDER = "billing@" + P + "-mail.example";
    static final String VICTIM = P + "-victim@corp.example";
    static final String APP = P + " Files App";
    @Autowired
    ApplicationContext ctx;
    @Autowired
    EventStore events;
    Seeded f;
    WebSession admin;
    WebSession eu;
    WebSession noMail;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, P);
        Instant now = Instant.now().minus(Duration.ofMinutes(5));
        Table mail = events.table("EmailEvents");
        Table post = events.table("EmailPostDeliveryEvents");
        Table click = events.table("UrlClickEvents");
        Table att = events.table("EmailAttachmentInfo");
        Table cloud = events.table("CloudAppEvents");
        events.write(s -> {
            for (int i = 0; i < 90; i++) {
                // 60 delivered, 20 phish blocked, 10 malware junked; all inbound from one sender to the victim.
                String action = i < 60 ? "Delivered" : i < 80 ? "Blocked" : "Junked";
                String threat = i < 60 ? null : i < 80 ? "Phish" : "Malware, Spam";
                s.appender("EmailEvents").append(row(mail, now, Map.of("NetworkMessageId", P + "-nmi-" + i, "SenderFromAddress", SENDER,
                        "SenderFromDomain", P + "-mail.example", "RecipientEmailAddress", VICTIM, "EmailDirection", "Inbound",
                        "DeliveryAction", action, "DeliveryLocation", i < 60 ? "Inbox/Folder" : "Quarantine", "ThreatTypes", threat == null ? "" : threat)));
            }
            for (int i = 0; i < 3; i++) {
                s.appender("EmailPostDeliveryEvents").append(row(post, now, Map.of("NetworkMessageId", P + "-nmi-" + i, "ActionType", "Phish ZAP",
                        "Action", "Moved to quarantine", "RecipientEmailAddress", VICTIM)));
            }
            for (int i = 0; i < 7; i++) {
                s.appender("UrlClickEvents").append(row(click, now, Map.of("Url", "https://docs." + P + "-links.example/a/" + i, "ActionType",
                        i == 0 ? "ClickBlocked" : "ClickAllowed", "AccountUpn", VICTIM, "NetworkMessageId", P + "-nmi-" + i)));
            }
            s.appender("EmailAttachmentInfo").append(row(att, now, Map.of("NetworkMessageId", P + "-nmi-1", "FileName", "x." + P, "FileType", P)));
            for (int i = 0; i < 80; i++) {
                s.appender("CloudAppEvents").append(row(cloud, now, Map.of("Application", APP, "ActionType", i < 5 ? "SetAdminRole" : "FileDownloaded",
                        "AccountDisplayName", P + " Cloud User", "AccountObjectId", P + "-oid", "IsAdminOperation", i < 5,
                        "IsAnonymousProxy", i == 79, "CountryCode", "NL", "IPCategory", i < 70 ? "Corporate" : "")));
            }
            return null;
        });
        admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        eu = WebSession.signIn(port, f.euUser(), ScopeFixture.PASSWORD);
        // The global analyst's role reads security data but not mail metadata.
        noMail = WebSession.signIn(port, f.allUser(), ScopeFixture.PASSWORD);
    }

    private static Object[] row(Table t, Instant ts, Map<String, Object> values) {
        Object[] r = new Object[t.columns().size()];
        r[t.indexOf("Timestamp")] = ts;
        values.forEach((k, v) -> r[t.indexOf(k)] = v);
        return r;
    }

    @Test
    void emailReport_countsFlowThreatsSendersRecipientsZapAndClicks() {
        String csv = admin.get("/reports/email.csv?days=7").body();
        assertThat(csv).contains("Top senders," + SENDER + ",90\r\n", "Top sender domains," + P + "-mail.example,90\r\n",
                "Top targeted recipients," + VICTIM + ",30\r\n", "\"Post-delivery actions (ZAP and remediation)\",\"Phish ZAP (Moved to quarantine)\",3\r\n",
                "Clicked URL domains,docs." + P + "-links.example,7\r\n", "Attachment types," + P + ",1\r\n");
        assertThat(csv).containsPattern("Threats by type,Phish,\\d+").containsPattern("Threats by type,Malware,\\d+").containsPattern("Threats by type,Spam,\\d+");
        assertThat(csv).containsPattern("daily: Delivered,\\d{4}-\\d{2}-\\d{2},\\d+").containsPattern("summary,Blocked clicks,[1-9]");
        String page = admin.get("/reports/email?days=7").body();
        assertThat(page).contains("Email &amp; collaboration report", "Threats by type", "Top targeted recipients", SENDER, "data-chart", "Generate PDF");
    }

    @Test
    void cloudAppsReport_countsActivityPerAppUsersAdminAndOutsideActivity() {
        String csv = admin.get("/reports/cloudapps.csv?days=7").body();
        assertThat(csv).contains("Activities by app," + APP + ",80\r\n", "Most active users," + P + " Cloud User,80\r\n",
                "Admin activity," + APP + ": SetAdminRole,5\r\n", "Users active from outside the corporate network," + P + " Cloud User,10\r\n");
        assertThat(csv).containsPattern("daily: " + APP + ",\\d{4}-\\d{2}-\\d{2},80");
        String page = admin.get("/reports/cloudapps?days=7").body();
        assertThat(page).contains("Cloud apps report", "Activities by app", APP, "data-chart");
    }

    @Test
    void pdfExports_carryTheFigures_andBothExportsAreAudited() throws Exception {
        HttpResponse<byte[]> r = admin.getBytes("/reports/email.pdf?days=7");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(text(r.body())).contains("Rampart - Email & collaboration report", "Top senders", SENDER, "Threats by type");
        assertThat(text(admin.getBytes("/reports/cloudapps.pdf?days=7").body())).contains("Cloud apps report", APP);
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
        long pdfs = jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'report.export' AND actor = 'admin' AND target_id IN ('email', 'cloudapps')")
                .query(Long.class).single();
        assertThat(pdfs).isGreaterThanOrEqualTo(2);
        admin.get("/reports/cloudapps.csv?days=14");
        long csvs = jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'report.csv' AND actor = 'admin' AND target_id = 'cloudapps' AND details LIKE '%14 days%'")
                .query(Long.class).single();
        assertThat(csvs).isGreaterThanOrEqualTo(1);
    }

    @Test
    void emailReport_needsMailMetadataRead() {
        assertThat(noMail.get("/reports/email?days=7").statusCode()).isEqualTo(403);
        assertThat(noMail.get("/reports/email.csv?days=7").statusCode()).isEqualTo(403);
        assertThat(noMail.getBytes("/reports/email.pdf?days=7").statusCode()).isEqualTo(403);
        // The same reader's scope covers cloud apps.
        assertThat(noMail.get("/reports/cloudapps.csv?days=7").body()).contains(APP);
    }

    @Test
    void scopeWithoutTheWorkload_seesNoneOfItsRows_andNoLinkToItsReport() {
        assertThat(eu.get("/reports/cloudapps.csv?days=7").body()).contains("summary,Activities,0\r\n").doesNotContain(APP);
        String general = eu.get("/reports?days=7").body();
        assertThat(general).doesNotContain("href=\"/reports/cloudapps?days=7\"", "href=\"/reports/email?days=7\"");
        String adminGeneral = admin.get("/reports?days=7").body();
        assertThat(adminGeneral).contains("class=\"report-branch\" href=\"/reports/cloudapps?days=7\"", "class=\"report-branch\" href=\"/reports/email?days=7\"");
        // Mail data exists for this reader's scope, but without mail metadata (read) no link is offered.
        assertThat(noMail.get("/reports?days=7").body()).contains("href=\"/reports/cloudapps?days=7\"").doesNotContain("href=\"/reports/email?days=7\"");
    }

    @Test
    void reportsDrawTheirCharts_inTheBrowser() {
        try (Browser b = new Browser(1440, 900)) {
            b.signIn(url(""), "admin", ADMIN_PASSWORD);
            for (String kind : List.of("email", "cloudapps")) {
                b.driver.get(url("/reports/" + kind + "?days=7"));
                b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".report-chart canvas")));
                assertThat(b.driver.findElement(By.cssSelector(".page-header")).getText()).contains("Generate PDF", "Export CSV");
                assertThat(b.driver.findElements(By.cssSelector(".card table.grid")).size()).isGreaterThanOrEqualTo(5);
                b.shot("report-" + kind);
            }
        }
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
