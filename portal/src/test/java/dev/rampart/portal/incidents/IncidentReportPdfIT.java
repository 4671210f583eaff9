package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The incident report PDF: generated over the API and the page, parsed back, sections and limits checked. */
class IncidentReportPdfIT extends AbstractPortalIT {
    @Autowired
    Correlator correlator;
    @Autowired
    IncidentService incidents;
    @Autowired
    JdbcClient jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void system() {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("report-it", "x", "PERM_SECURITY_DATA_READ",
                "PERM_ALERTS_MANAGE", dev.rampart.portal.access.SystemIdentity.AUTHORITY));
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    /** 15 devices and 110 files over two alerts (125 evidence items); device 00 is in both alerts. */
    private long bigIncident() {
        Instant t = Instant.now().minusSeconds(3 * 3600);
        List<Evidence> first = new ArrayList<>();
        for (int d = 0; d < 15; d++) {
            first.add(Evidence.of(EntityType.DEVICE, String.format("dev%02d-%s", d, run), "suspicious", List.of()));
        }
        for (int f = 0; f < 110; f++) {
            first.add(Evidence.of(EntityType.FILE, String.format("f-%s-%03d.dll", run, f), "suspicious", List.of()));
        }
        Alert a1 = correlator.raise(new NewAlert("ra", "Worm spread over SMB " + run, "", Severity.HIGH, Category.LATERAL_MOVEMENT,
                List.of("T1021.002"), "custom", "microsoftDefenderForEndpoint", "report-lm", "", t, t.plusSeconds(30), first));
        Alert a2 = correlator.raise(new NewAlert("ra", "Ransom note dropped " + run, "", Severity.HIGH, Category.IMPACT, List.of("T1486"), "custom",
                "microsoftDefenderForEndpoint", "report-impact", "", t.plusSeconds(900), t.plusSeconds(960),
                List.of(Evidence.of(EntityType.DEVICE, "dev00-" + run, "malicious", List.of()))));
        assertThat(a2.incidentId()).isEqualTo(a1.incidentId());
        incidents.comment(a1.incidentId(), "Started containment " + run);
        return a1.incidentId();
    }

    private HttpResponse<byte[]> api(String path, String user, String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (user != null) {
            b.header("Authorization", basic(user, password));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(byte[] pdf, int[] pages) throws Exception {
        PdfReader reader = new PdfReader(pdf);
        try {
            pages[0] = reader.getNumberOfPages();
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            StringBuilder all = new StringBuilder();
            for (int p = 1; p <= pages[0]; p++) {
                all.append(extractor.getTextFromPage(p)).append('\n');
            }
            return all.toString();
        } finally {
            reader.close();
        }
    }

    private static int count(String s, String regex) {
        return (int) Pattern.compile(regex).matcher(s).results().count();
    }

    @Test
    void apiReport_chosenSections_capsAssetsAt10AndEvidenceAt100_withHeaderAndPageXofY() throws Exception {
        long id = bigIncident();

        HttpResponse<byte[]> r = api("/api/v1/incidents/" + id + "/report.pdf?sections=overview,assets,evidence", "admin", ADMIN_PASSWORD);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("incident-" + id + "-report.pdf");
        // Kept under target/ to look at.
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "reports"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "reports", "incident-report-assets.pdf"), r.body());
        int[] pages = new int[1];
        String text = text(r.body(), pages);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "reports", "incident-report-assets.txt"), text);
        assertThat(pages[0]).isGreaterThanOrEqualTo(2);
        assertThat(text).contains("Incident " + id, "Generated ", "Page 1 of " + pages[0], "Page " + pages[0] + " of " + pages[0]);
        assertThat(text).contains("Overview", "Impacted assets", "Devices (15)", "5 more devices not listed.", "Evidence (125)",
                "25 more evidence items not listed.", "Lateral movement, Impact");
        assertThat(text).doesNotContain("Attack story", "Related alerts", "Activity log", "Started containment " + run);
        // Tables are extracted after the paragraphs of a page, so rows are recognised by their shape: asset rows are
        // "name alerts verdict", evidence rows "type entity verdict".
        assertThat(count(text, "(?m)^\\s*dev\\d\\d-" + run + " \\d+ (Malicious|Suspicious)")).isEqualTo(10);
        assertThat(text.indexOf("dev00-" + run + " 2 Malicious")).as("the device in both alerts comes first")
                .isLessThan(text.indexOf("dev01-" + run + " 1 Suspicious"));
        assertThat(count(text, "Device dev\\d\\d-" + run)).isEqualTo(15);
        assertThat(count(text, "File f-" + run + "-\\d{3}\\.dll")).isEqualTo(100 - 15);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'incident.report.export' AND target_id = ? AND actor = 'admin'")
                .param(String.valueOf(id)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void pageReport_otherSections_holdStoryAlertsAndActivityOnly() throws Exception {
        long id = bigIncident();
        WebSession web = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        assertThat(web.get("/incidents/" + id).body()).contains("Export report", "action=\"/incidents/" + id + "/report.pdf\"",
                "name=\"section\" value=\"evidence\"");

        HttpResponse<String> page = web.get("/incidents/" + id + "/report.pdf?section=story&section=alerts&section=activity");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(page.body()).startsWith("%PDF-");

        HttpResponse<byte[]> r = api("/api/v1/incidents/" + id + "/report.pdf?sections=story&sections=alerts&sections=activity", "admin", ADMIN_PASSWORD);
        int[] pages = new int[1];
        String text = text(r.body(), pages);
        assertThat(text).contains("Attack story", "Lateral movement (1) > Impact (1)", "Worm spread over SMB " + run, "T1486",
                "Related alerts (2)", "Activity log", "Started containment " + run, "Page 1 of " + pages[0]);
        assertThat(text).doesNotContain("Impacted assets", "Evidence (", "Property");
    }

    @Test
    void apiReport_errors_areProblemsNamingTheField() throws Exception {
        long id = bigIncident();
        HttpResponse<byte[]> bad = api("/api/v1/incidents/" + id + "/report.pdf?sections=secrets", "admin", ADMIN_PASSWORD);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(new String(bad.body())).contains("\"field\":\"sections\"");
        HttpResponse<byte[]> missing = api("/api/v1/incidents/987654321/report.pdf", "admin", ADMIN_PASSWORD);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new String(missing.body())).contains("Incident 987654321 was not found");
        assertThat(api("/api/v1/incidents/" + id + "/report.pdf", null, null).statusCode()).isEqualTo(401);
    }
}
