package dev.rampart.portal.response.liveresponse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.DeviceGroupMembership;
import dev.rampart.portal.access.DeviceGroups;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.response.sensors.ReferenceSensor;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live response end to end: the reference sensor runs in this JVM against the test portal over HTTP, on a temporary
 * folder, and analysts drive it through the console pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveResponseIT extends AbstractPortalIT {
    private static final String P = "lrit";
    private static final String HOST1 = "lrit-host-1", HOST2 = "lrit-host-2", HOST3 = "lrit-host-3";
    private static final Pattern SESSION = Pattern.compile("/live-response/(\\d+)$");

    @Autowired
    ApplicationContext ctx;
    @Autowired
    LiveResponseJob job;

    private final List<ReferenceSensor> sensors = new ArrayList<>();
    private Path caseDir;
    private String adv, basic;

    @BeforeAll
    void setUp() throws Exception {
        EventStore events = ctx.getBean(EventStore.class);
        Table info = events.table("DeviceInfo");
        Instant now = Instant.now();
        events.write(s -> {
            for (String[] d : List.of(new String[] {HOST1, "lrit-host1.eu.lrit.example"}, new String[] {HOST2, "lrit-host2.eu.lrit.example"},
                    new String[] {HOST3, "lrit-host3.us.lrit.example"})) {
                Object[] r = new Object[info.columns().size()];
                r[info.indexOf("Timestamp")] = now.minus(Duration.ofMinutes(5));
                r[info.indexOf("DeviceId")] = d[0];
                r[info.indexOf("DeviceName")] = d[1];
                r[info.indexOf("OSPlatform")] = "Linux";
                s.appender("DeviceInfo").append(r);
            }
            return null;
        });
        long eu = ctx.getBean(DeviceGroups.class).create(new DeviceGroups.Input(P + " EU", "EU", "SEMI_ALL_FOLDERS", 1,
                Map.of("DOMAIN", List.of("eu.lrit.example")))).id();
        ctx.getBean(DeviceGroupMembership.class).refresh();
        adv = ScopeFixture.account(ctx, P + "-adv", List.of("SECURITY_DATA_READ", "BASIC_LIVE_RESPONSE_MANAGE", "ADVANCED_LIVE_RESPONSE_MANAGE",
                "FILE_COLLECTION_MANAGE"), List.of(), List.of(eu));
        basic = ScopeFixture.account(ctx, P + "-basic", List.of("SECURITY_DATA_READ", "BASIC_LIVE_RESPONSE_MANAGE"), List.of(), List.of(eu));

        caseDir = Files.createTempDirectory("lrit-case");
        Files.createDirectories(caseDir.resolve("sub"));
        Files.writeString(caseDir.resolve("evidence.txt"), "malicious payload");
        admin().post("/settings/live-response", WebSession.form("enabled", "true"));
        for (String[] d : List.of(new String[] {HOST1, "lrit-host1.eu.lrit.example"}, new String[] {HOST2, "lrit-host2.eu.lrit.example"})) {
            String token = JsonMapper.builder().build().readTree(post("/api/v1/sensors/enrolment-tokens", "application/json", "{\"label\":\"lrit\"}", "admin",
                    ADMIN_PASSWORD).body()).get("token").asString();
            sensors.add(ReferenceSensor.connect(List.of("--portal=http://127.0.0.1:" + port, "--token=" + token, "--device-id=" + d[0],
                    "--device-name=" + d[1], "--state-dir=" + Files.createTempDirectory("lrit-state"), "--start-folder=" + caseDir,
                    "--search-root=" + caseDir)));
        }
    }

    @AfterAll
    void stopSensors() {
        sensors.forEach(ReferenceSensor::close);
    }

    private WebSession admin() {
        return WebSession.signIn(port, "admin", ADMIN_PASSWORD);
    }

    private static long start(WebSession s, String device) {
        HttpResponse<String> r = s.post("/live-response/sessions", WebSession.form("deviceId", device));
        String location = r.headers().firstValue("Location").orElse("");
        Matcher m = SESSION.matcher(location);
        assertThat(m.find()).as("redirect to a session, got " + location).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Types a command and waits until the session has no command waiting or running; returns the transcript. */
    private static String type(WebSession s, long session, String line) throws InterruptedException {
        HttpResponse<String> r = s.postHtmx("/live-response/" + session + "/commands", WebSession.form("commandLine", line));
        assertThat(r.headers().firstValue("X-Accepted")).as(line + ": " + r.body()).contains("true");
        long deadline = System.currentTimeMillis() + 30_000;
        String body = r.body();
        while (body.contains("every 1s") && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            body = s.getHtmx("/live-response/" + session + "?fragment=log").body();
        }
        assertThat(body).as("still running after 30 s").doesNotContain("every 1s");
        return body;
    }

    private static String lastEntry(String transcript) {
        return transcript.substring(transcript.lastIndexOf("class=\"lr-entry\""));
    }

    @Test
    void console_runsBasicCommandsOnTheHost_andKeepsTheFolder() throws Exception {
        WebSession a = WebSession.signIn(port, adv, ScopeFixture.PASSWORD);
        long id = start(a, HOST1);
        try {
            assertThat(lastEntry(type(a, id, "dir"))).contains("Completed").contains(">sub<").contains(">evidence.txt<");
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest("malicious payload".getBytes(StandardCharsets.UTF_8)));
            assertThat(lastEntry(type(a, id, "fileinfo evidence.txt"))).contains(sha);
            String got = lastEntry(type(a, id, "getfile evidence.txt"));
            Matcher file = Pattern.compile("/live-response/commands/(\\d+)/file").matcher(got);
            assertThat(file.find()).as(got).isTrue();
            assertThat(new String(a.getBytes(file.group()).body(), StandardCharsets.UTF_8)).isEqualTo("malicious payload");
            assertThat(lastEntry(type(a, id, "processes " + ProcessHandle.current().pid() + " -output json"))).contains("\"PID\" : " + ProcessHandle.current().pid());
            type(a, id, "cd sub");
            assertThat(a.get("/live-response/" + id).body()).contains(caseDir.resolve("sub").toString());
            assertThat(lastEntry(type(a, id, "findfile evidence.txt"))).contains(caseDir.resolve("evidence.txt").toString());
            assertThat(lastEntry(type(a, id, "registry HKLM\\Software"))).contains("Failed").contains("the registry exists only on Windows");

            HttpResponse<String> typo = a.postHtmx("/live-response/" + id + "/commands", WebSession.form("commandLine", "dri"));
            assertThat(typo.headers().firstValue("X-Accepted")).contains("false");
            assertThat(typo.body()).contains("column 1: unknown command 'dri' (did you mean dir?)");
            assertThat(lastEntry(type(a, id, "help dir"))).contains("Usage: dir [folder]");
        } finally {
            a.post("/live-response/" + id + "/end", Map.of());
        }
        assertThat(a.get("/action-center/live-response").body()).contains("fileinfo evidence.txt").contains("Manual live response action")
                .contains("/live-response/" + id + "?all=true");
        WebSession none = WebSession.signIn(port, ScopeFixture.account(ctx, P + "-reader", List.of("SECURITY_DATA_READ"), List.of(), List.of()),
                ScopeFixture.PASSWORD);
        assertThat(none.get("/action-center/live-response").statusCode()).isEqualTo(403);
        assertThat(none.get("/action-center/history").body()).doesNotContain("href=\"/action-center/live-response\"");
        HttpResponse<String> after = a.postHtmx("/live-response/" + id + "/commands", WebSession.form("commandLine", "dir"));
        assertThat(after.body()).contains("has ended");
        Integer audited = ctx.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT COUNT(*) FROM audit_event WHERE action = 'liveresponse.command' AND details LIKE ?").param("session " + id + " %").query(Integer.class).single();
        assertThat(audited).as("accepted commands are audited, refused ones are not").isEqualTo(8);
    }

    @Test
    void permissions_scopeOwnerAdvancedAndFileCollection_areCheckedOnTheServer() throws Exception {
        WebSession b = WebSession.signIn(port, basic, ScopeFixture.PASSWORD);
        WebSession a = WebSession.signIn(port, adv, ScopeFixture.PASSWORD);
        assertThat(b.post("/live-response/sessions", WebSession.form("deviceId", HOST3)).headers().firstValue("Location").orElse(""))
                .contains("error=").contains("needs+Basic+live+response");
        long mine = start(b, HOST2);
        try {
            HttpResponse<String> second = a.post("/live-response/sessions", WebSession.form("deviceId", HOST2));
            assertThat(java.net.URLDecoder.decode(second.headers().firstValue("Location").orElse(""), StandardCharsets.UTF_8))
                    .contains("already has an open live response session (" + mine + ", started by " + basic + ")");
            HttpResponse<String> foreign = a.postHtmx("/live-response/" + mine + "/commands", WebSession.form("commandLine", "dir"));
            assertThat(foreign.headers().firstValue("X-Accepted")).contains("false");
            assertThat(foreign.body()).contains("belongs to " + basic);
            assertThat(a.get("/live-response/" + mine).body()).contains("you can follow it but not type into it");
            for (String line : List.of("getfile evidence.txt", "run x.sh", "remediate file evidence.txt", "collect")) {
                HttpResponse<String> r = b.postHtmx("/live-response/" + mine + "/commands", WebSession.form("commandLine", line));
                assertThat(r.headers().firstValue("X-Accepted")).as(line).contains("false");
                assertThat(r.body()).as(line).containsAnyOf("needs Advanced live response (manage)", "needs File collection (manage)");
            }
            assertThat(lastEntry(type(b, mine, "connections"))).contains("Completed");
        } finally {
            b.post("/live-response/" + mine + "/end", Map.of());
        }
        WebSession none = WebSession.signIn(port, ScopeFixture.account(ctx, P + "-none", List.of("SECURITY_DATA_READ"), List.of(), List.of()),
                ScopeFixture.PASSWORD);
        assertThat(none.get("/live-response").statusCode()).isEqualTo(403);
        assertThat(none.get("/live-response/" + mine).statusCode()).isEqualTo(403);
    }

    @Test
    void library_uploadNeedsAdvanced_runNeedsScriptsOn_andRunsTheScript() throws Exception {
        WebSession a = WebSession.signIn(port, adv, ScopeFixture.PASSWORD);
        WebSession b = WebSession.signIn(port, basic, ScopeFixture.PASSWORD);
        byte[] script = "echo \"hello $1\"\n".getBytes(StandardCharsets.UTF_8);
        assertThat(b.postMultipart("/settings/live-response/library", Map.of("description", "x"), "file", "lrit-hello.sh", script).statusCode())
                .isEqualTo(403);
        assertThat(a.postMultipart("/settings/live-response/library", Map.of("description", "Greets", "parameters", "name"), "file", "lrit-hello.sh", script)
                .headers().firstValue("Location").orElse("")).contains("notice=");
        long id = start(a, HOST1);
        try {
            assertThat(lastEntry(type(a, id, "library"))).contains("lrit-hello.sh").contains("Greets");
            HttpResponse<String> off = a.postHtmx("/live-response/" + id + "/commands", WebSession.form("commandLine", "run lrit-hello.sh -parameters world"));
            assertThat(off.body()).contains("running scripts is turned off");
            admin().post("/settings/live-response", WebSession.form("enabled", "true", "scriptsEnabled", "true"));
            assertThat(lastEntry(type(a, id, "run lrit-hello.sh -parameters world"))).contains("hello world");
            assertThat(lastEntry(type(a, id, "putfile lrit-hello.sh"))).contains("Completed");
            assertThat(lastEntry(type(a, id, "putfile lrit-hello.sh"))).contains("use -overwrite");
            HttpResponse<String> missing = a.postHtmx("/live-response/" + id + "/commands", WebSession.form("commandLine", "run nothing.sh"));
            assertThat(missing.body()).contains("the library holds no file named nothing.sh");
        } finally {
            admin().post("/settings/live-response", WebSession.form("enabled", "true"));
            a.post("/live-response/" + id + "/end", Map.of());
        }
    }

    @Test
    void api_startsTypesReadsAndEnds_withProblemsNamingTheField() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        HttpResponse<String> started = post("/api/v1/live-response/sessions", "application/json", "{\"deviceId\":\"" + HOST1 + "\"}", adv, ScopeFixture.PASSWORD);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        long id = json.readTree(started.body()).get("id").asLong();
        try {
            HttpResponse<String> typo = post("/api/v1/live-response/sessions/" + id + "/commands", "application/json", "{\"commandLine\":\"dir a b\"}",
                    adv, ScopeFixture.PASSWORD);
            assertThat(typo.statusCode()).isEqualTo(400);
            assertThat(json.readTree(typo.body()).get("field").asString()).isEqualTo("commandLine");
            assertThat(json.readTree(typo.body()).get("detail").asString()).contains("column 7: dir takes 0 to 1 argument, got 2");
            HttpResponse<String> sent = post("/api/v1/live-response/sessions/" + id + "/commands", "application/json", "{\"commandLine\":\"getfile evidence.txt\"}",
                    adv, ScopeFixture.PASSWORD);
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            long cmd = json.readTree(sent.body()).get("id").asLong();
            tools.jackson.databind.JsonNode c = json.readTree(get("/api/v1/live-response/commands/" + cmd, adv, ScopeFixture.PASSWORD).body());
            for (int i = 0; i < 100 && !c.get("status").asString().equals("COMPLETED"); i++) {
                Thread.sleep(200);
                c = json.readTree(get("/api/v1/live-response/commands/" + cmd, adv, ScopeFixture.PASSWORD).body());
            }
            assertThat(c.get("status").asString()).as(c.toString()).isEqualTo("COMPLETED");
            assertThat(get(c.get("file").get("download").asString(), adv, ScopeFixture.PASSWORD).body()).isEqualTo("malicious payload");
            assertThat(get("/api/v1/live-response/sessions/" + id, basic, ScopeFixture.PASSWORD).body()).contains("getfile evidence.txt");
            assertThat(WebSession.signIn(port, adv, ScopeFixture.PASSWORD).get("/action-center/live-response").body()).contains("Live response action (API)");
            assertThat(get(c.get("file").get("download").asString(), basic, ScopeFixture.PASSWORD).statusCode()).isEqualTo(403);
        } finally {
            HttpResponse<String> ended = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/v1/live-response/sessions/" + id)))
                    .header("Authorization", basic(adv, ScopeFixture.PASSWORD)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(json.readTree(ended.body()).get("status").asString()).isEqualTo("ended");
            HttpResponse<String> again = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/v1/live-response/sessions/" + id)))
                    .header("Authorization", basic(adv, ScopeFixture.PASSWORD)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).isEqualTo(409);
        }
    }

    @Test
    void idleSession_endsAfter30Minutes_andTurningLiveResponseOffEndsTheRest() throws Exception {
        WebSession a = WebSession.signIn(port, adv, ScopeFixture.PASSWORD);
        long idle = start(a, HOST1);
        job.expire(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusMinutes(31));
        assertThat(a.get("/live-response/" + idle).body()).contains("inactive for 30 minutes");
        long other = start(a, HOST1);
        admin().post("/settings/live-response", WebSession.form());
        try {
            assertThat(a.get("/live-response/" + other).body()).contains("live response was turned off");
            assertThat(java.net.URLDecoder.decode(a.post("/live-response/sessions", WebSession.form("deviceId", HOST1)).headers().firstValue("Location")
                    .orElse(""), StandardCharsets.UTF_8)).contains("Live response is turned off");
        } finally {
            admin().post("/settings/live-response", WebSession.form("enabled", "true"));
        }
    }
}
