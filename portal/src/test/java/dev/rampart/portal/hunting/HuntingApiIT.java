package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.events.EventStore;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class HuntingApiIT extends AbstractPortalIT {
    @Autowired
    EventStore events;
    @Autowired
    ObjectMapper json;

    String device;

    @BeforeEach
    void seed() {
        device = "hunt-" + UUID.randomUUID().toString().substring(0, 8) + ".corp.example";
        Table t = events.table("DeviceProcessEvents");
        Instant now = Instant.now();
        events.write(s -> {
            var a = s.appender("DeviceProcessEvents");
            a.append(row(t, now.minus(Duration.ofHours(1)), "powershell.exe", "powershell.exe -enc SQBFAFgA", 111L));
            a.append(row(t, now.minus(Duration.ofHours(2)), "cmd.exe", "cmd.exe /c whoami", 222L));
            a.append(row(t, now.minus(Duration.ofDays(10)), "rundll32.exe", "rundll32.exe payload.dll,Start", 333L));
            return null;
        });
    }

    private Object[] row(Table t, Instant ts, String file, String cmd, long size) {
        Object[] r = new Object[t.columns().size()];
        r[t.indexOf("Timestamp")] = ts;
        r[t.indexOf("DeviceName")] = device;
        r[t.indexOf("DeviceId")] = "dev-" + device.hashCode();
        r[t.indexOf("ActionType")] = "ProcessCreated";
        r[t.indexOf("FileName")] = file;
        r[t.indexOf("ProcessCommandLine")] = cmd;
        r[t.indexOf("FileSize")] = size;
        return r;
    }

    private HttpResponse<String> run(String query, String timespan) throws Exception {
        String body = json.writeValueAsString(timespan == null ? java.util.Map.of("Query", query) : java.util.Map.of("Query", query, "Timespan", timespan));
        return post("/api/v1/hunting/run", "application/json", body, "admin", ADMIN_PASSWORD);
    }

    @Test
    void legacyRun_answersStatsSchemaAndResults_forScriptsWrittenAgainstIt() throws Exception {
        HttpResponse<String> r = post("/api/advancedhunting/run", "application/json", json.writeValueAsString(java.util.Map.of("Query",
                "DeviceProcessEvents | where DeviceName == \"" + device + "\" | summarize n = count() by FileName | order by FileName asc")),
                "admin", ADMIN_PASSWORD);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("Schema").get(1).get("Name").asString()).isEqualTo("n");
        assertThat(body.get("Schema").get(1).get("Type").asString()).isEqualTo("Int64");
        // The last 30 days, as the legacy API reads: the 10-day-old rundll32 run is in.
        assertThat(body.get("Results")).extracting(n -> n.get("FileName").asString()).containsExactly("cmd.exe", "powershell.exe", "rundll32.exe");
        assertThat(body.get("Stats").has("ExecutionTime")).isTrue();
        HttpResponse<String> bad = post("/api/advancedhunting/run", "application/json", "{\"Query\": \"DeviceProcessEvents | wher x\"}",
                "admin", ADMIN_PASSWORD);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(post("/api/advancedhunting/run", "application/json", "{\"Query\": \"print 1\"}", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void run_returnsGraphShape_withTypedSchema() throws Exception {
        HttpResponse<String> r = run("DeviceProcessEvents\n| where DeviceName == \"" + device + "\" and FileName =~ \"POWERSHELL.EXE\"\n"
                + "| project Timestamp, DeviceName, FileName, FileSize", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("schema").get(0).get("name").asString()).isEqualTo("Timestamp");
        assertThat(body.get("schema").get(0).get("type").asString()).isEqualTo("DateTime");
        assertThat(body.get("schema").get(3).get("type").asString()).isEqualTo("Int64");
        assertThat(body.get("results")).hasSize(1);
        assertThat(body.get("results").get(0).get("FileName").asString()).isEqualTo("powershell.exe");
        assertThat(body.get("results").get(0).get("FileSize").asLong()).isEqualTo(111L);
        assertThat(body.get("results").get(0).get("Timestamp").asString()).endsWith("Z");
    }

    @Test
    void run_queryReturningSeveralTables_answersTheOthersInAdditionalResults() throws Exception {
        HttpResponse<String> r = run("DeviceProcessEvents | where DeviceName == \"" + device + "\"\n"
                + "| fork (summarize n = count()) (where FileName == \"cmd.exe\" | project FileName, FileSize | as Cmd)", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("results").get(0).get("n").asLong()).isEqualTo(3);
        JsonNode more = body.get("additionalResults");
        assertThat(more).hasSize(1);
        assertThat(more.get(0).get("name").asString()).isEqualTo("Cmd");
        assertThat(more.get(0).get("schema").get(1).get("type").asString()).isEqualTo("Int64");
        assertThat(more.get(0).get("results").get(0).get("FileSize").asLong()).isEqualTo(222L);
        assertThat(more.get(0).get("stats").get("rowCount").asInt()).isEqualTo(1);
        assertThat(json.readTree(run("DeviceProcessEvents | take 1", null).body()).has("additionalResults")).isFalse();
    }

    @Autowired
    HuntingFunctions functions;
    @Autowired
    HuntingService hunting;

    @Test
    void functions_areListed_andRunCallsASavedOneByName() throws Exception {
        String name = "ApiFn_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                new org.springframework.security.authentication.UsernamePasswordAuthenticationToken("admin", "n/a",
                        java.util.List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("PERM_SECURITY_DATA_READ"))));
        try {
            functions.save("admin", 0, name, "API", "Processes of one device", "device:string",
                    "DeviceProcessEvents | where DeviceName == device | project FileName, FileSize", false, hunting.visibleSchema());
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
        HttpResponse<String> list = get("/api/v1/hunting/functions", "admin", ADMIN_PASSWORD);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode body = json.readTree(list.body());
        assertThat(body.get("builtInFunctions").toString()).contains("FileProfile");
        JsonNode mine = null;
        for (JsonNode f : body.get("savedFunctions")) {
            if (f.get("name").asString().equals(name)) {
                mine = f;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("parameters").asString()).isEqualTo("device:string");
        assertThat(mine.get("returns").asString()).isEqualTo("table (FileName:string, FileSize:long)");
        assertThat(mine.get("isShared").asBoolean()).isFalse();
        assertThat(mine.get("createdBy").asString()).isEqualTo("admin");

        HttpResponse<String> r = run(name + "('" + device + "') | order by FileSize asc", "P30D");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode rows = json.readTree(r.body()).get("results");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("FileName").asString()).isEqualTo("powershell.exe");
    }

    @Test
    void run_timespan_limitsTheWindow() throws Exception {
        String q = "DeviceProcessEvents | where DeviceName == \"" + device + "\" | count";
        assertThat(json.readTree(run(q, "P7D").body()).get("results").get(0).get("Count").asLong()).isEqualTo(2);
        assertThat(json.readTree(run(q, "P30D").body()).get("results").get(0).get("Count").asLong()).isEqualTo(3);
    }

    @Test
    void run_timespanEndingInThePast_excludesLaterEvents() throws Exception {
        String q = "DeviceProcessEvents | where DeviceName == \"" + device + "\" | count";
        String end = Instant.now().minus(Duration.ofMinutes(90)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        // Events at now-1h, now-2h and now-10d: a window ending 90 minutes ago keeps the last two.
        assertThat(json.readTree(run(q, "P30D/" + end).body()).get("results").get(0).get("Count").asLong()).isEqualTo(2);
        assertThat(json.readTree(run(q, "P1D/" + end).body()).get("results").get(0).get("Count").asLong()).isEqualTo(1);
    }

    @Test
    void run_syntaxError_isProblemWithLineAndColumn() throws Exception {
        HttpResponse<String> r = run("DeviceProcessEvents\n| where FileName ==", null);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode p = json.readTree(r.body());
        assertThat(p.get("line").asInt()).isEqualTo(2);
        assertThat(p.get("column").asInt()).isPositive();
        assertThat(p.get("detail").asString()).contains("line 2");
    }

    @Test
    void run_unknownColumn_suggestsNearestName() throws Exception {
        HttpResponse<String> r = run("DeviceProcessEvents | where DeviceNmae == 'x'", null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json.readTree(r.body()).get("detail").asString()).contains("DeviceName");
    }

    @Test
    void run_withoutCredentials_is401() throws Exception {
        HttpResponse<String> r = post("/api/v1/hunting/run", "application/json", "{\"Query\":\"DeviceInfo | take 1\"}", null, null);
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void run_badTimespan_namesIt() throws Exception {
        HttpResponse<String> r = run("DeviceInfo | take 1", "last week");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json.readTree(r.body()).get("detail").asString()).contains("'last week'");
    }

    @Test
    void openApi_documentsTheHuntingEndpoint() throws Exception {
        HttpResponse<String> r = get("/api/v1/openapi.json", "admin", ADMIN_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = json.readTree(r.body());
        assertThat(doc.get("info").get("title").asString()).isEqualTo("Rampart API");
        assertThat(doc.get("paths").get("/api/v1/hunting/run").get("post").get("summary").asString()).isEqualTo("Run a KQL hunting query");
        assertThat(get("/api/v1/openapi.json", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void externaldata_readsTheExternalDataFolder_neverTheInternet() throws Exception {
        java.nio.file.Path dir = DATA_DIR.resolve("external-data").resolve("intel.example.org").resolve("lists");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("bad-hashes.csv"), "Sha1,Name\naaaa,one\nbbbb,two\n");
        HttpResponse<String> ok = run("externaldata(Sha1:string, Name:string)[@\"https://intel.example.org/lists/bad-hashes.csv\"]"
                + " with (format=\"csv\", ignoreFirstRecord=true)\n| count", null);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json.readTree(ok.body()).get("results").get(0).get("Count").asLong()).isEqualTo(2);

        HttpResponse<String> refused = run("externaldata(x:string)[@\"https://elsewhere.example.net/feed.csv\"] | count", null);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).get("detail").asString()).contains("https://elsewhere.example.net/feed.csv");

        HttpResponse<String> traversal = run("externaldata(x:string)[@\"https://intel.example.org/../../../../etc/passwd\"] | count", null);
        assertThat(traversal.statusCode()).isEqualTo(400);
    }
}
