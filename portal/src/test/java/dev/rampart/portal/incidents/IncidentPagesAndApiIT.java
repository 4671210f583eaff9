package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.web.Browser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

class IncidentPagesAndApiIT extends AbstractPortalIT {
    @Autowired
    Correlator correlator;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void system() {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("pages-it", "x", "PERM_SECURITY_DATA_READ"));
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    /** Two linked alerts on one device (a multi-stage incident) and returns the incident id. */
    private long story() {
        Instant t = Instant.now().minusSeconds(3600);
        String host = "ws-story-" + run + ".corp.example";
        String ip = "198.18." + (Math.floorMod(run.hashCode(), 62500) / 250) + "." + (Math.floorMod(run.hashCode(), 250) + 1);
        List<Evidence> ev = List.of(Evidence.of(EntityType.DEVICE, host, "suspicious", List.of()),
                Evidence.of(EntityType.USER, "victim" + run + "@corp.example", "suspicious", List.of()),
                Evidence.of(EntityType.IP, ip, "malicious", List.of("destination")));
        Alert a1 = correlator.raise(new NewAlert("ra", "Office application WINWORD.EXE started powershell.exe", "Macro", Severity.HIGH,
                Category.EXECUTION, List.of("T1204.002"), "microsoftDefenderForEndpoint", "microsoftDefenderForEndpoint", "office-spawns-shell",
                "Isolate", t, t.plusSeconds(5), ev));
        Alert a2 = correlator.raise(new NewAlert("ra", "LSASS memory dump with comsvcs MiniDump", "Dump", Severity.HIGH,
                Category.CREDENTIAL_ACCESS, List.of("T1003.001"), "microsoftDefenderForEndpoint", "microsoftDefenderForEndpoint", "lsass-dump-comsvcs",
                "Reset", t.plusSeconds(600), t.plusSeconds(610), ev.subList(0, 2)));
        assertThat(a2.incidentId()).isEqualTo(a1.incidentId());
        return a1.incidentId();
    }

    private HttpResponse<String> patch(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", basic("admin", ADMIN_PASSWORD))
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void api_listsPatchesAndCommentsInGraphShapes() throws Exception {
        long id = story();
        HttpResponse<String> one = get("/api/v1/incidents/" + id + "?$expand=alerts", "admin", ADMIN_PASSWORD);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).contains("\"displayName\":\"Multi-stage incident involving Execution & Credential access on one endpoint\"",
                "\"status\":\"active\"", "\"severity\":\"high\"", "\"@odata.type\":\"#microsoft.graph.security.deviceEvidence\"", "\"reasonLinked\"");

        HttpResponse<String> list = get("/api/v1/incidents?$top=2&$filter=" + enc("status eq 'active' and severity eq 'high'"), "admin", ADMIN_PASSWORD);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"@odata.count\"", "\"value\"");

        HttpResponse<String> bad = get("/api/v1/incidents?$filter=" + enc("colour eq 'red'"), "admin", ADMIN_PASSWORD);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"$filter\"");

        HttpResponse<String> badPatch = patch("/api/v1/incidents/" + id, "{\"status\":\"sleeping\"}");
        assertThat(badPatch.statusCode()).isEqualTo(400);
        assertThat(badPatch.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(badPatch.body()).contains("\"field\":\"status\"");

        HttpResponse<String> ok = patch("/api/v1/incidents/" + id, "{\"status\":\"inProgress\",\"assignedTo\":\"analyst@corp.example\","
                + "\"classification\":\"truePositive\",\"determination\":\"malware\",\"customTags\":[\"ransomware-watch\"]}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"status\":\"inProgress\"", "\"assignedTo\":\"analyst@corp.example\"", "\"customTags\":[\"ransomware-watch\"]");

        HttpResponse<String> c = post("/api/v1/incidents/" + id + "/comments", "application/json", "{\"comment\":\"Isolated the device.\"}",
                "admin", ADMIN_PASSWORD);
        assertThat(c.statusCode()).isEqualTo(201);
        assertThat(c.body()).contains("Isolated the device.");

        HttpResponse<String> alerts = get("/api/v1/alerts_v2?$top=5&$filter=" + enc("assignedTo eq 'analyst@corp.example'"), "admin", ADMIN_PASSWORD);
        assertThat(alerts.body()).contains("\"incidentId\":\"" + id + "\"", "\"assignedTo\":\"analyst@corp.example\"");
    }

    @Test
    void api_withoutPermission_isForbidden() throws Exception {
        assertThat(get("/api/v1/incidents", "nobody-" + run, "x").statusCode()).isEqualTo(401);
    }

    @Test
    void pages_renderQueueIncidentTabsAlertAndRules() throws Exception {
        long id = story();
        WebSession web = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        assertThat(web.get("/incidents").body()).contains("Multi-stage incident involving Execution", "New");
        for (String tab : List.of("story", "alerts", "assets", "activity")) {
            HttpResponse<String> r = web.get("/incidents/" + id + "?tab=" + tab);
            assertThat(r.statusCode()).as(tab).isEqualTo(200);
        }
        assertThat(web.get("/incidents/" + id + "?tab=alerts").body()).contains("Linked to incident " + id);
        assertThat(web.get("/incidents/" + id + "/graph.json").body()).contains("198.18.");
        HttpResponse<String> resolved = web.post("/incidents/" + id, WebSession.form("status", "resolved", "tab", "activity",
                "assignedTo", "", "classification", "truePositive", "determination", "multiStagedAttack", "resolvingComment", "Contained"));
        assertThat(resolved.statusCode()).isEqualTo(302);
        assertThat(web.get("/incidents/" + id + "?tab=activity").body()).contains("all alerts resolved");
        assertThat(web.get("/alerts?status=resolved&days=0").body()).contains("LSASS memory dump");
        assertThat(web.get("/detection/rules").body()).contains("LSASS memory dumped with comsvcs.dll");
    }

    @Test
    void browser_queueAndIncidentPage() {
        long id = story();
        try (Browser b = new Browser(1440, 900)) {
            b.signIn(url(""), "admin", ADMIN_PASSWORD);
            b.driver.get(url("/incidents"));
            b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table.grid")));
            b.shot("incidents-queue");
            b.driver.get(url("/incidents/" + id));
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#incident-graph canvas")));
            b.shot("incident-story");
            b.driver.get(url("/incidents/" + id + "?tab=alerts"));
            assertThat(b.driver.getPageSource()).contains("Reason linked");
            b.shot("incident-alerts");
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
