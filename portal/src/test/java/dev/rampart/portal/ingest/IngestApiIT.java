package dev.rampart.portal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.BuiltInRole;
import dev.rampart.portal.access.UserAccounts;
import dev.rampart.portal.events.EventStore;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

class IngestApiIT extends AbstractPortalIT {
    private static final String NDJSON = "application/x-ndjson";
    private static final String READER = "ingest-it-reader";
    private static final String OPERATOR = "ingest-it-operator";
    private static final String PASSWORD = "ingest-it-password";
    // Each test writes to its own table so that tests stay independent of order and of each other.
    private final ObjectMapper json = JsonMapper.builder().build();

    @Autowired
    UserAccounts users;
    @Autowired
    EventStore events;
    @Autowired
    AuditLog audit;

    @BeforeEach
    void accounts() {
        if (!users.exists(READER)) {
            users.create(READER, "Reader", null, PASSWORD, List.of(BuiltInRole.SECURITY_READER.id()));
            users.create(OPERATOR, "Operator", null, PASSWORD, List.of(BuiltInRole.SECURITY_OPERATOR.id()));
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = events.openReadConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private HttpResponse<String> ingest(String table, String body, String user) throws Exception {
        return post("/api/v1/ingest/" + table, NDJSON, body, user, user.equals("admin") ? ADMIN_PASSWORD : PASSWORD);
    }

    @Test
    void ingest_goodBatch_isStoredQueryableAndAudited() throws Exception {
        String body = """
                {"Timestamp":"2026-01-05T10:00:00Z","DeviceName":"ws-it-1","ActionType":"ProcessCreated","FileSize":1234,"IsProcessRemoteSession":false}
                {"TimeGenerated":"2026-01-05T12:00:00+02:00","DeviceName":"ws-it-2","ProcessId":"4242","AdditionalFields":{"k":"v"}}
                """;
        HttpResponse<String> r = ingest("DeviceProcessEvents", body, "admin");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(r.body());
        assertThat(answer.get("table").asString()).isEqualTo("DeviceProcessEvents");
        assertThat(answer.get("accepted").asLong()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM DeviceProcessEvents WHERE DeviceName LIKE 'ws-it-%' AND Timestamp = TIMESTAMP '2026-01-05 10:00:00'")).isEqualTo(2);
        assertThat(count("SELECT ProcessId FROM DeviceProcessEvents WHERE DeviceName = 'ws-it-2'")).isEqualTo(4242);
        assertThat(audit.recent(20, 0)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("events.ingest");
            assertThat(e.targetId()).isEqualTo("DeviceProcessEvents");
            assertThat(e.actor()).isEqualTo("admin");
        });
    }

    @Test
    void ingest_badLine_reportsLineAndFieldAndStoresNothing() throws Exception {
        String body = """
                {"Timestamp":"2026-01-05T10:00:00Z","DeviceName":"bad-batch-1","FileSize":10}
                {"Timestamp":"2026-01-05T10:00:01Z","DeviceName":"bad-batch-2"}
                {"Timestamp":"2026-01-05T10:00:02Z","DeviceName":"bad-batch-3","FileSize":"abc"}
                {"Timestamp":"not a time","DeviceName":"bad-batch-4"}
                {"DeviceName":"bad-batch-5"}
                """;
        HttpResponse<String> r = ingest("DeviceFileEvents", body, "admin");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(c -> assertThat(c).startsWith("application/problem+json"));
        JsonNode p = json.readTree(r.body());
        assertThat(p.get("title").asString()).isEqualTo("Invalid events");
        assertThat(p.get("status").asInt()).isEqualTo(400);
        assertThat(p.get("detail").asString()).startsWith("2 of 5 lines rejected");
        JsonNode errors = p.get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("line").asLong()).isEqualTo(3);
        assertThat(errors.get(0).get("field").asString()).isEqualTo("FileSize");
        assertThat(errors.get(0).get("message").asString()).isEqualTo("expected long, got string \"abc\"");
        assertThat(errors.get(1).get("line").asLong()).isEqualTo(4);
        assertThat(errors.get(1).get("field").asString()).isEqualTo("Timestamp");
        assertThat(count("SELECT count(*) FROM DeviceFileEvents WHERE DeviceName LIKE 'bad-batch-%'")).isZero();
    }

    @Test
    void ingest_invalidJson_reportsLineWithoutField() throws Exception {
        HttpResponse<String> r = ingest("DeviceNetworkEvents", "{\"DeviceName\":\"x\"}\n{\"DeviceName\": \n", "admin");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = json.readTree(r.body()).get("errors").get(0);
        assertThat(e.get("line").asLong()).isEqualTo(2);
        assertThat(e.get("field").isNull()).isTrue();
        assertThat(e.get("message").asString()).startsWith("invalid JSON");
    }

    @Test
    void ingest_unknownTable_is404NamingTableAndHint() throws Exception {
        HttpResponse<String> r = ingest("DeviceProcesEvents", "{}", "admin");
        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode p = json.readTree(r.body());
        assertThat(p.get("table").asString()).isEqualTo("DeviceProcesEvents");
        assertThat(p.get("hint").asString()).isEqualTo("DeviceProcessEvents");
        assertThat(p.get("detail").asString()).contains("DeviceProcesEvents").contains("Did you mean 'DeviceProcessEvents'?");
    }

    @Test
    void ingest_declaredLengthOverLimit_is413BeforeReading() throws Exception {
        String head = "POST /api/v1/ingest/DeviceEvents HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + basic("admin", ADMIN_PASSWORD)
                + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: 100000000\r\nConnection: close\r\n\r\n{\"DeviceName\":\"x\"}\n";
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Read the answer, not to end of stream: the container may keep draining the unsent body.
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            String text = "";
            int n;
            while (!text.contains("\"limit\"") && (n = in.read(buf)) > 0) {
                answer.write(buf, 0, n);
                text = answer.toString(StandardCharsets.UTF_8);
            }
            assertThat(text).startsWith("HTTP/1.1 413");
            assertThat(text).contains("application/problem+json").contains("rampart.ingest-max-bytes");
        }
        assertThat(count("SELECT count(*) FROM DeviceEvents")).isZero();
    }

    @Test
    void ingest_gzipBody_isDecompressed() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write("{\"DeviceName\":\"gz-1\"}\n{\"DeviceName\":\"gz-2\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(url("/api/v1/ingest/DeviceRegistryEvents")))
                .header("Content-Type", NDJSON).header("Content-Encoding", "gzip")
                .header("Authorization", basic("admin", ADMIN_PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM DeviceRegistryEvents WHERE DeviceName LIKE 'gz-%'")).isEqualTo(2);
    }

    @Test
    void ingest_unauthenticated_is401() throws Exception {
        HttpResponse<String> r = post("/api/v1/ingest/DeviceEvents", NDJSON, "{\"DeviceName\":\"x\"}", null, null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(count("SELECT count(*) FROM DeviceEvents")).isZero();
    }

    @Test
    void ingest_readerRole_is403() throws Exception {
        HttpResponse<String> r = ingest("DeviceEvents", "{\"DeviceName\":\"x\"}", READER);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(c -> assertThat(c).startsWith("application/problem+json"));
        assertThat(count("SELECT count(*) FROM DeviceEvents")).isZero();
    }

    @Test
    void ingest_operatorRole_isAllowed() throws Exception {
        HttpResponse<String> r = ingest("DeviceLogonEvents", "{\"DeviceName\":\"op-1\"}", OPERATOR);
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void tables_listsEveryHuntingTableWithWorkloadAndCount() throws Exception {
        assertThat(ingest("DeviceImageLoadEvents", "{\"DeviceName\":\"t1\"}\n{\"DeviceName\":\"t2\"}\n", "admin").statusCode()).isEqualTo(200);
        HttpResponse<String> r = get("/api/v1/tables", READER, PASSWORD);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode tables = json.readTree(r.body());
        assertThat(tables).hasSize(65);
        JsonNode images = null;
        for (JsonNode t : tables) {
            if (t.get("name").asString().equals("DeviceImageLoadEvents")) {
                images = t;
            }
        }
        assertThat(images).isNotNull();
        assertThat(images.get("workload").asString()).isEqualTo("endpoint");
        assertThat(images.get("rows").asLong()).isEqualTo(2);
    }

    @Test
    void tables_unauthenticated_is401() throws Exception {
        assertThat(get("/api/v1/tables", null, null).statusCode()).isEqualTo(401);
    }
}
