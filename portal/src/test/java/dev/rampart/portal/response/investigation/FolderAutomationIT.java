package dev.rampart.portal.response.investigation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.DeviceGroupMembership;
import dev.rampart.portal.access.DeviceGroups;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.incidents.Alert;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Correlator;
import dev.rampart.portal.incidents.EntityType;
import dev.rampart.portal.incidents.Evidence;
import dev.rampart.portal.incidents.NewAlert;
import dev.rampart.portal.incidents.Severity;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Folder-based Semi automation levels decide per file whether quarantine runs at once; the investigation graph shows verdicts. */
class FolderAutomationIT extends AbstractPortalIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Correlator correlator;
    @Autowired
    EventStore events;
    @Autowired
    DeviceGroups groups;
    @Autowired
    DeviceGroupMembership membership;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void semiNonTempFolders_quarantinesATempFileAtOnce_butWaitsForAFileInProgramFiles() throws Exception {
        String host = device("air-nt-" + run, "SEMI_NON_TEMP_FOLDERS");
        JsonNode temp = investigate(host, "C:\\Users\\ann\\AppData\\Local\\Temp\\7zS1\\setup.exe");
        assertThat(temp.get("actions").get(0).get("status").asString()).isEqualTo("PENDING");
        assertThat(temp.get("log").toString()).contains("is a temporary folder, remediated automatically");
        JsonNode kept = investigate(host, "C:\\Program Files\\Vendor\\agent.exe");
        assertThat(kept.get("actions").get(0).get("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(kept.get("state").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(kept.get("log").toString()).contains("is not a temporary folder, waits for approval");
    }

    @Test
    void semiCoreFolders_waitsForAFileUnderWindows_butQuarantinesADownloadAtOnce() throws Exception {
        String host = device("air-core-" + run, "SEMI_CORE_FOLDERS");
        JsonNode core = investigate(host, "C:\\Windows\\System32\\spool\\drivers\\x64\\evil.dll");
        assertThat(core.get("actions").get(0).get("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(core.get("log").toString()).contains("is a core (system) folder");
        JsonNode download = investigate(host, "C:\\Users\\bob\\Downloads\\invoice.exe");
        assertThat(download.get("actions").get(0).get("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void semiCoreFolders_fileNeverSeenOnTheDevice_waitsForApproval() throws Exception {
        String host = device("air-unk-" + run, "SEMI_CORE_FOLDERS");
        JsonNode inv = investigate(host, null);
        assertThat(inv.get("actions").get(0).get("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(inv.get("log").toString()).contains("folder unknown");
    }

    @Test
    void investigationPage_hasTheGraph_andItsDataColoursTheMaliciousFile() throws Exception {
        String host = device("air-graph-" + run, "FULL");
        JsonNode inv = investigate(host, "C:\\Users\\ann\\Downloads\\x.exe");
        long id = inv.get("id").asLong();
        WebSession web = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String page = web.get("/investigations/" + id).body();
        assertThat(page).contains("id=\"investigation-graph\"", "/investigations/" + id + "/graph.json", "class=\"stack\"");
        JsonNode g = JSON.readTree(web.get("/investigations/" + id + "/graph.json").body());
        assertThat(g.get("nodes").toString()).contains(host, "Dropper ran " + host, "\"verdict\":\"Malicious\"", "#c62828");
        assertThat(g.get("links").toString()).contains("\"source\":\"a:" + inv.get("alertId").asString() + "\"");
        assertThat(web.get("/investigations/987654321/graph.json").statusCode()).isEqualTo(404);
    }

    /** Investigates an alert naming a blocked file on the host, the file (if {@code folder}) seen there in that folder. */
    private JsonNode investigate(String host, String folder) throws Exception {
        String sha = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        JsonNode ind = json(post("/api/v1/indicators", "application/json", "{\"type\":\"FileSha256\",\"value\":\"" + sha + "\",\"action\":\"BlockAndRemediate\"}",
                "admin", ADMIN_PASSWORD), 201);
        assertThat(ind.get("id").asLong()).isPositive();
        if (folder != null) {
            Table t = events.table("DeviceFileEvents");
            events.write(s -> {
                Object[] r = new Object[t.columns().size()];
                r[t.indexOf("Timestamp")] = Instant.now().minusSeconds(300);
                r[t.indexOf("DeviceId")] = "id-" + host;
                r[t.indexOf("DeviceName")] = host;
                r[t.indexOf("SHA256")] = sha;
                r[t.indexOf("FolderPath")] = folder;
                r[t.indexOf("ActionType")] = "FileCreated";
                s.appender("DeviceFileEvents").append(r);
                return null;
            });
        }
        Alert alert = alert(host, Evidence.of(EntityType.FILE, sha, "suspicious", List.of()));
        return json(post("/api/v1/investigations", "application/json", "{\"alertId\":\"" + alert.id() + "\"}", "admin", ADMIN_PASSWORD), 201);
    }

    private String device(String name, String level) {
        Table info = events.table("DeviceInfo");
        events.write(s -> {
            Object[] r = new Object[info.columns().size()];
            r[info.indexOf("Timestamp")] = Instant.now().minusSeconds(60);
            r[info.indexOf("DeviceId")] = "id-" + name;
            r[info.indexOf("DeviceName")] = name;
            r[info.indexOf("OSPlatform")] = "Windows11";
            s.appender("DeviceInfo").append(r);
            return null;
        });
        groups.create(new DeviceGroups.Input("AIR " + name, "", level, null, Map.of("NAME", List.of(name))));
        membership.refresh();
        return name;
    }

    private Alert alert(String host, Evidence entity) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("air-it", "x", "PERM_SECURITY_DATA_READ",
                "PERM_ALERTS_MANAGE", dev.rampart.portal.access.SystemIdentity.AUTHORITY));
        try {
            Instant t = Instant.now().minusSeconds(600);
            return correlator.raise(new NewAlert("ra", "Dropper ran " + host, "", Severity.HIGH, Category.EXECUTION, List.of("T1204"), "custom",
                    "microsoftDefenderForEndpoint", "air-it", "", t, t.plusSeconds(5),
                    List.of(Evidence.of(EntityType.DEVICE, host, "suspicious", List.of()), entity), List.of()));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }
}
