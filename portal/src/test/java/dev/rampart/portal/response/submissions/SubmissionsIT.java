package dev.rampart.portal.response.submissions;

import static dev.rampart.portal.WebSession.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.AlertStatus;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Correlator;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.NewAlert;
import dev.rampart.portal.incidents.Severity;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Submissions end to end through the real portal: analysis verdicts and reasons, follow-ups, pages, bad input. */
class SubmissionsIT extends AbstractPortalIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventStore events;
    @Autowired
    Correlator correlator;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void submit_hashWithBlockIndicator_isMalicious_auditedAndNotified() throws Exception {
        String sha = sha256("blocked-" + run);
        json(post("/api/v1/indicators", "application/json", "{\"type\":\"FileSha256\",\"value\":\"" + sha + "\",\"action\":\"Block\",\"title\":\"Known loader "
                + run + "\"}", "admin", ADMIN_PASSWORD), 201);
        JsonNode created = json(post("/api/v1/submissions", "application/json", "{\"type\":\"file\",\"claim\":\"falsePositive\",\"value\":\"" + sha
                + "\",\"notes\":\"User says it is our tool\"}", "admin", ADMIN_PASSWORD), 201);
        long id = created.get("id").asLong();
        JsonNode done = awaitCompleted(id);
        assertThat(done.get("verdict").asString()).isEqualTo("MALICIOUS");
        assertThat(done.get("result").asString()).contains("Threats found", "should stay blocked");
        assertThat(done.get("findings").toString()).contains("matches indicator", "Known loader " + run);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'submission.create' AND target_id = ?").param(String.valueOf(id))
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT title FROM notification WHERE target_user = 'admin' AND link = ?").param("/submissions/" + id)
                .query(String.class).list()).containsExactly("Submission analysed: Malicious");
    }

    @Test
    void unknownHash_seenOnOneDevice_isUnknown_thenAllowIndicatorFromTheResult_makesReanalysisClean() throws Exception {
        String sha = sha256("unknown-" + run);
        fileEvent("sub-dev-" + run, sha, "C:\\Tools\\tool.exe");
        long id = json(post("/api/v1/submissions", "application/json", "{\"type\":\"file\",\"claim\":\"falsePositive\",\"value\":\"" + sha.toUpperCase()
                + "\"}", "admin", ADMIN_PASSWORD), 201).get("id").asLong();
        JsonNode done = awaitCompleted(id);
        assertThat(done.get("verdict").asString()).isEqualTo("UNKNOWN");
        assertThat(done.get("findings").toString()).contains("was seen on 1 device in the estate (rare)");

        JsonNode ind = json(post("/api/v1/submissions/" + id + "/indicator", "application/json", "{\"indicatorType\":\"FILE_SHA256\",\"value\":\"" + sha
                + "\",\"action\":\"Allow\"}", "admin", ADMIN_PASSWORD), 201);
        JsonNode indicator = json(get("/api/v1/indicators/" + ind.get("indicatorId").asLong(), "admin", ADMIN_PASSWORD), 200);
        assertThat(indicator.get("action").asString()).isEqualTo("ALLOW");
        assertThat(indicator.get("source").asString()).isEqualTo("submission " + id);

        json(post("/api/v1/submissions/" + id + "/reanalyse", "application/json", "", "admin", ADMIN_PASSWORD), 202);
        JsonNode again = awaitCompleted(id);
        assertThat(again.get("verdict").asString()).isEqualTo("CLEAN");
        assertThat(again.get("result").asString()).startsWith("Allowed due to organizational overrides");
        assertThat(again.get("followUps").get(0).get("kind").asString()).isEqualTo("indicator");
    }

    @Test
    void emailUpload_phishing_isSuspicious_andBlockingItsAttachment_makesTheNextSubmissionMalicious() throws Exception {
        String attachment = "invoice-" + run + ".pdf.exe";
        byte[] eml = EmailAnalysisTest.phish(attachment).getBytes(StandardCharsets.UTF_8);
        long id = json(upload(eml, "falseNegative"), 201).get("id").asLong();
        JsonNode done = awaitCompleted(id);
        assertThat(done.get("verdict").asString()).isEqualTo("SUSPICIOUS");
        assertThat(done.get("email").get("from").asString()).isEqualTo("alerts@pay-portal.example");
        assertThat(done.get("name").asString()).isEqualTo("Action required: salary update");
        String findings = done.get("findings").toString();
        assertThat(findings).contains("DMARC=fail", "Reply-To collect@another-domain.example", "display-name spoofing", "hides an executable type");
        String attachmentSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(EmailAnalysisTest.PAYLOAD));
        assertThat(done.get("artifacts").toString()).contains(attachmentSha, "http://203.0.113.9/payroll", "pay-portal.example");

        json(post("/api/v1/submissions/" + id + "/indicator", "application/json", "{\"indicatorType\":\"FileSha256\",\"value\":\"" + attachmentSha
                + "\",\"action\":\"Block\"}", "admin", ADMIN_PASSWORD), 201);
        long second = json(upload(eml, "falseNegative"), 201).get("id").asLong();
        assertThat(awaitCompleted(second).get("verdict").asString()).isEqualTo("MALICIOUS");
    }

    @Test
    void email_linkingToABlockedDomain_isMalicious() throws Exception {
        String domain = "bad-" + run + ".example";
        json(post("/api/v1/indicators", "application/json", "{\"type\":\"DomainName\",\"value\":\"" + domain + "\",\"action\":\"Block\"}", "admin",
                ADMIN_PASSWORD), 201);
        String eml = String.join("\r\n", "From: Bob <bob@fabrikam.example>", "To: ann@contoso.example", "Subject: Docs " + run, "", "See https://files." + domain
                + "/share/1 today.", "");
        long id = json(upload(eml.getBytes(StandardCharsets.UTF_8), "falseNegative"), 201).get("id").asLong();
        JsonNode done = awaitCompleted(id);
        assertThat(done.get("verdict").asString()).isEqualTo("MALICIOUS");
        assertThat(done.get("findings").toString()).contains("Link https://files." + domain + "/share/1 matches indicator");
    }

    @Test
    void detectionFalsePositive_tuningRuleFromTheResult_resolvesTheNextSameAlert() throws Exception {
        String host = "sub-fp-" + run;
        Alert a = raise(host, "Admin tool flagged " + run);
        long id = json(post("/api/v1/submissions", "application/json", "{\"type\":\"detection\",\"claim\":\"fp\",\"value\":\"" + a.id() + "\"}", "admin",
                ADMIN_PASSWORD), 201).get("id").asLong();
        JsonNode done = awaitCompleted(id);
        assertThat(done.get("alertId").asString()).isEqualTo(a.id());
        assertThat(done.get("findings").toString()).contains("Admin tool flagged " + run);

        JsonNode rule = json(post("/api/v1/submissions/" + id + "/tuning-rule", "application/json", "{\"action\":\"resolve\",\"sameDeviceOnly\":true}",
                "admin", ADMIN_PASSWORD), 201);
        assertThat(rule.get("action").asString()).isEqualTo("resolve");
        assertThat(raise(host, "Admin tool flagged " + run).status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(raise("other-" + host, "Admin tool flagged " + run).status()).isNotEqualTo(AlertStatus.RESOLVED);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'submission.tuning' AND target_id = ?").param(String.valueOf(id))
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void alertPage_offersSubmission_prefilledWithTheAlert() throws Exception {
        Alert a = raise("sub-link-" + run, "Flagged installer " + run);
        WebSession web = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String link = "/submissions/new?type=detection&value=" + a.id();
        assertThat(web.get("/alerts/" + a.id()).body()).contains("href=\"" + link + "\"");
        String form = web.get(link).body();
        assertThat(form).contains("value=\"" + a.id() + "\"");
    }

    @Test
    void badInput_isAProblemNamingTheField_andNothingIsStored() throws Exception {
        long before = jdbc.sql("SELECT count(*) FROM submission").query(Long.class).single();
        assertField(post("/api/v1/submissions", "application/json", "{\"type\":\"file\",\"claim\":\"fp\",\"value\":\"not-a-hash\"}", "admin", ADMIN_PASSWORD),
                400, "value");
        assertField(post("/api/v1/submissions", "application/json", "{\"type\":\"url\",\"claim\":\"fp\",\"value\":\"ftp://x\"}", "admin", ADMIN_PASSWORD),
                400, "value");
        assertField(post("/api/v1/submissions", "application/json", "{\"type\":\"file\",\"value\":\"" + sha256("x") + "\"}", "admin", ADMIN_PASSWORD),
                400, "claim");
        assertField(post("/api/v1/submissions", "application/json", "{\"type\":\"mailbox\",\"claim\":\"fp\"}", "admin", ADMIN_PASSWORD), 400, "type");
        assertField(post("/api/v1/submissions", "application/json", "{\"type\":\"detection\",\"claim\":\"fp\",\"value\":\"nope-" + run + "\"}", "admin",
                ADMIN_PASSWORD), 404, "value");
        assertField(upload("no headers at all\n".getBytes(StandardCharsets.UTF_8), "fp"), 400, "file");
        assertThat(jdbc.sql("SELECT count(*) FROM submission").query(Long.class).single()).isEqualTo(before);
        assertThat(get("/api/v1/submissions/987654321", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(404);
    }

    @Test
    void pages_submitThroughTheForm_thenListFiltersAndDetailShowTheVerdict() throws Exception {
        WebSession web = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        assertThat(web.get("/submissions/new").body()).contains("Reason for submitting", "Email message (.eml");
        HttpResponse<String> bad = web.post("/submissions", form("type", "URL", "claim", "FALSE_POSITIVE", "value", "nope"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("Not submitted: value must be an http:// or https:// URL");

        String url = "https://portal-" + run + ".example/login";
        HttpResponse<String> r = web.post("/submissions", form("type", "URL", "claim", "FALSE_NEGATIVE", "value", url, "notes", "Reported by Ann"));
        assertThat(r.statusCode()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        String verdict = awaitCompleted(id).get("verdict").asString();

        String detail = web.get("/submissions/" + id).body();
        assertThat(detail).contains(url, "Why this verdict", "Reported by Ann", "Create indicator", "Re-analyse");
        assertThat(web.get("/submissions?type=URL&submittedBy=adm&verdict=" + verdict).body()).contains("href=\"/submissions/" + id + "\"");
        assertThat(web.get("/submissions?type=EMAIL").body()).doesNotContain("href=\"/submissions/" + id + "\"");
        assertThat(web.get("/submissions?days=1&status=COMPLETED").body()).contains("href=\"/submissions/" + id + "\"", "href=\"/submissions/new\"");
        assertThat(web.get("/submissions?verdict=BOGUS").statusCode()).isEqualTo(400);
    }

    private static void assertField(HttpResponse<String> r, int status, String field) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(JSON.readTree(r.body()).get("field").asString()).isEqualTo(field);
    }

    JsonNode awaitCompleted(long id) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonNode s = json(get("/api/v1/submissions/" + id, "admin", ADMIN_PASSWORD), 200);
            if (!s.get("status").asString().equals("PENDING")) {
                assertThat(s.get("status").asString()).as(s.toString()).isEqualTo("COMPLETED");
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("submission " + id + " still pending after 10 s");
    }

    HttpResponse<String> upload(byte[] eml, String claim) throws Exception {
        String boundary = "----sub" + run;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nemail\r\n").getBytes(StandardCharsets.UTF_8));
        b.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"claim\"\r\n\r\n" + claim + "\r\n").getBytes(StandardCharsets.UTF_8));
        b.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"reported.eml\"\r\nContent-Type: message/rfc822\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        b.write(eml);
        b.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/submissions"))).header("Authorization", basic("admin", ADMIN_PASSWORD))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(b.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void fileEvent(String device, String sha, String path) {
        Table t = events.table("DeviceFileEvents");
        events.write(s -> {
            Object[] r = new Object[t.columns().size()];
            r[t.indexOf("Timestamp")] = Instant.now().minusSeconds(120);
            r[t.indexOf("DeviceId")] = "id-" + device;
            r[t.indexOf("DeviceName")] = device;
            r[t.indexOf("SHA256")] = sha;
            r[t.indexOf("FolderPath")] = path;
            r[t.indexOf("FileName")] = path.substring(path.lastIndexOf('\\') + 1);
            r[t.indexOf("ActionType")] = "FileCreated";
            s.appender("DeviceFileEvents").append(r);
            return null;
        });
    }

    private Alert raise(String host, String title) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("sub-it", "x", "PERM_SECURITY_DATA_READ",
                "PERM_ALERTS_MANAGE", dev.rampart.portal.access.SystemIdentity.AUTHORITY));
        try {
            Instant t = Instant.now().minusSeconds(300);
            return correlator.raise(new NewAlert("sb", title, "", Severity.MEDIUM, Category.EXECUTION, List.of(), "custom",
                    "microsoftDefenderForEndpoint", "sub-it-" + run, "", t, t.plusSeconds(5),
                    List.of(Evidence.of(EntityType.DEVICE, host, "suspicious", List.of())), List.of()));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }
}
