package dev.rampart.portal.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.HuntingSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SysmonSensorEventsTest {
    private final JsonMapper json = JsonMapper.builder().build();
    private final EventMapper mapper = new WindowsMapper(HuntingSchema.get());

    private Mapping.Row map(String event) {
        return ((Mapping.Rows) mapper.map(json.readTree(event))).rows().get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> additional(Mapping.Row row) {
        return (Map<String, Object>) row.values().get("AdditionalFields");
    }

    @Test
    void sysmon16_configurationChange_isDeviceEventWithConfigurationInAdditionalFields() {
        Mapping.Row row = map("""
                {"Event":{"System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-Sysmon"}},"EventID":16,
                 "Channel":"Microsoft-Windows-Sysmon/Operational","Computer":"dc1.corp.local","EventRecordID":11738,
                 "TimeCreated":{"#attributes":{"SystemTime":"2025-10-24T23:33:08.092105Z"}}},
                 "EventData":{"UtcTime":"2025-10-24 23:33:08.088","Configuration":"C:\\\\Users\\\\a\\\\sysmonconfig.xml",
                 "ConfigurationFileHash":"SHA256=B977"}}}""");
        assertThat(row.table()).isEqualTo("DeviceEvents");
        assertThat(row.values()).containsEntry("ActionType", "SysmonConfigurationChanged");
        assertThat(additional(row)).containsEntry("Configuration", "C:\\Users\\a\\sysmonconfig.xml")
                .containsEntry("ConfigurationFileHash", "SHA256=B977");
    }

    @Test
    void sysmon4_serviceStateChange_isDeviceEventWithState() {
        Mapping.Row row = map("""
                {"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":4,"Hostname":"ws1","UtcTime":"2025-10-24 23:33:08.088",
                 "State":"Stopped","Version":"15.0"}""");
        assertThat(row.values()).containsEntry("ActionType", "SysmonServiceStateChanged");
        assertThat(additional(row)).containsEntry("State", "Stopped");
    }

    @Test
    void sysmon5_processTerminated_isStillSkippedWithReason() {
        Mapping m = mapper.map(json.readTree("""
                {"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":5,"Hostname":"ws1","UtcTime":"2025-10-24 23:33:08.088"}"""));
        assertThat(m).isEqualTo(Mapping.skip("no hunting table for Sysmon event 5 (process terminated)"));
    }
}
