package dev.rampart.portal.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.events.EventStore;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class IngestFormatIT extends AbstractPortalIT {
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    EventStore events;

    private long count(String sql) throws Exception {
        try (Connection c = events.openReadConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private HttpResponse<String> ingest(String path, String body) throws Exception {
        return post(path, "application/x-ndjson", body, "admin", ADMIN_PASSWORD);
    }

    @Test
    void formatWindows_auto_routesEventsToTablesAndReportsSkippedLines() throws Exception {
        String body = """
                {"EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","Hostname":"fmt-it-1","UtcTime":"2026-01-05 10:00:00.000","ProcessGuid":"{p1}","ProcessId":"10","Image":"C:\\\\Windows\\\\System32\\\\cmd.exe","CommandLine":"cmd /c ver"}
                {"EventID":11,"Channel":"Microsoft-Windows-Sysmon/Operational","Hostname":"fmt-it-1","UtcTime":"2026-01-05 10:00:01.000","ProcessGuid":"{p1}","ProcessId":"10","Image":"C:\\\\Windows\\\\System32\\\\cmd.exe","TargetFilename":"C:\\\\Temp\\\\fmt-it.txt"}
                {"EventID":5,"Channel":"Microsoft-Windows-Sysmon/Operational","Hostname":"fmt-it-1","UtcTime":"2026-01-05 10:00:02.000"}
                """;
        HttpResponse<String> r = ingest("/api/v1/ingest/auto?format=windows", body);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode a = json.readTree(r.body());
        assertThat(a.get("accepted").asLong()).isEqualTo(2);
        assertThat(a.get("skipped").asLong()).isEqualTo(1);
        assertThat(a.get("skippedLines").get(0).get("line").asLong()).isEqualTo(3);
        assertThat(a.get("rowsByTable").get("DeviceFileEvents").asLong()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM DeviceFileEvents WHERE DeviceName = 'fmt-it-1' AND InitiatingProcessCommandLine = 'cmd /c ver'"))
                .isEqualTo(1);
    }

    @Test
    void formatWindows_invalidLine_rejectsBatchWithLineNumber() throws Exception {
        String body = """
                {"EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","Hostname":"fmt-it-2","Image":"C:\\\\a.exe"}
                {"no":"event"}
                """;
        HttpResponse<String> r = ingest("/api/v1/ingest/auto?format=sysmon", body);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode p = json.readTree(r.body());
        assertThat(p.get("errors").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM DeviceProcessEvents WHERE DeviceName = 'fmt-it-2'")).isZero();
    }

    @Test
    void formatDefenderExport_storesRowInCategoryTable() throws Exception {
        String body = "{\"time\":\"2026-01-05T10:00:00Z\",\"category\":\"AdvancedHunting-DeviceNetworkEvents\",\"properties\":"
                + "{\"Timestamp\":\"2026-01-05T10:00:00Z\",\"DeviceName\":\"fmt-it-3\",\"RemotePort\":443,\"ActionType\":\"ConnectionSuccess\"}}\n";
        HttpResponse<String> r = ingest("/api/v1/ingest/auto?format=defender-export", body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(count("SELECT RemotePort FROM DeviceNetworkEvents WHERE DeviceName = 'fmt-it-3'")).isEqualTo(443);
    }

    @Test
    void unknownFormat_is400ListingFormats() throws Exception {
        HttpResponse<String> r = ingest("/api/v1/ingest/auto?format=syslog", "{}\n");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json.readTree(r.body()).get("formats").toString()).contains("windows", "defender-export", "native");
    }
}
