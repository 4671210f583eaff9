package dev.rampart.portal.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.HuntingSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WindowsChannelEventsTest {
    private final JsonMapper json = JsonMapper.builder().build();
    private final EventMapper mapper = new WindowsMapper(HuntingSchema.get());

    @Test
    @SuppressWarnings("unchecked")
    void objectAccess4663_isDeviceEventWithSubjectProcessAndObjectFields() {
        Mapping m = mapper.map(json.readTree("""
                {"Channel":"Security","EventID":4663,"Hostname":"ws1.corp.local","TimeCreated":"2025-01-02T03:04:05Z",
                 "SubjectUserName":"alice","SubjectDomainName":"CORP","ProcessName":"C:\\\\Windows\\\\System32\\\\rundll32.exe",
                 "ProcessId":"0x1a4","ObjectName":"C:\\\\Windows\\\\NTDS\\\\ntds.dit","AccessMask":"0x1"}"""));
        Mapping.Row row = ((Mapping.Rows) m).rows().get(0);
        assertThat(row.table()).isEqualTo("DeviceEvents");
        assertThat(row.values()).containsEntry("ActionType", "ObjectAccessAttempted")
                .containsEntry("InitiatingProcessAccountName", "alice")
                .containsEntry("InitiatingProcessFolderPath", "C:\\Windows\\System32\\rundll32.exe")
                .containsEntry("InitiatingProcessId", 420L);
        assertThat((Map<String, Object>) row.values().get("AdditionalFields")).containsEntry("ObjectName", "C:\\Windows\\NTDS\\ntds.dit")
                .containsEntry("AccessMask", "0x1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void directoryReplication4662_keepsPropertiesWithTheRightsForRules() {
        Mapping m = mapper.map(json.readTree("""
                {"Channel":"Security","EventID":4662,"Hostname":"dc1.corp.local","TimeCreated":"2025-01-02T03:04:05Z",
                 "SubjectUserName":"alice","SubjectDomainName":"CORP","AccessMask":"0x100",
                 "Properties":"%%7688\\r\\n{1131f6aa-9c07-11d1-f79f-00c04fc2dcd2}"}"""));
        Mapping.Row row = ((Mapping.Rows) m).rows().get(0);
        assertThat(row.table()).isEqualTo("IdentityDirectoryEvents");
        assertThat(row.values()).containsEntry("ActionType", "Directory Services replication").containsEntry("AccountName", "alice");
        assertThat((Map<String, Object>) row.values().get("AdditionalFields")).containsEntry("AccessMask", "0x100")
                .hasEntrySatisfying("Properties", p -> assertThat((String) p).contains("1131f6aa-9c07-11d1-f79f-00c04fc2dcd2"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void applicationAndUnnamedSystemEvents_areChannelAndIdWithTheirProvider() {
        Mapping app = mapper.map(json.readTree("""
                {"Channel":"Application","EventID":15457,"SourceName":"MSSQLSERVER","Hostname":"sql1","TimeCreated":"2025-01-02T03:04:05Z",
                 "Data":"xp_cmdshell"}"""));
        Mapping.Row row = ((Mapping.Rows) app).rows().get(0);
        assertThat(row.values()).containsEntry("ActionType", "Application15457");
        assertThat((Map<String, Object>) row.values().get("AdditionalFields")).containsEntry("ProviderName", "MSSQLSERVER")
                .containsEntry("Data", "xp_cmdshell");

        Mapping sys = mapper.map(json.readTree("""
                {"winlog":{"channel":"System","provider_name":"Microsoft-Windows-Kernel-General","event_id":16,"computer_name":"ws1",
                 "event_data":{"HiveName":"x"}},"@timestamp":"2025-01-02T03:04:05Z"}"""));
        Mapping.Row sysRow = ((Mapping.Rows) sys).rows().get(0);
        assertThat(sysRow.values()).containsEntry("ActionType", "System16");
        assertThat((Map<String, Object>) sysRow.values().get("AdditionalFields")).containsEntry("ProviderName", "Microsoft-Windows-Kernel-General");
    }

    @Test
    void securityEventWithoutMapping_isStillSkippedWithReason() {
        Mapping m = mapper.map(json.readTree("""
                {"Channel":"Security","EventID":4658,"Hostname":"ws1","TimeCreated":"2025-01-02T03:04:05Z"}"""));
        assertThat(m).isInstanceOf(Mapping.Skipped.class);
        assertThat(((Mapping.Skipped) m).reason()).contains("4658");
    }

    @Test
    @SuppressWarnings("unchecked")
    void defenderAntivirus1116_isAntivirusDetectionWithFieldNamesWithoutSpaces() {
        Mapping m = mapper.map(json.readTree("""
                {"Channel":"Microsoft-Windows-Windows Defender/Operational","EventID":1116,"Hostname":"ws1",
                 "TimeCreated":"2025-01-02T03:04:05Z","Threat Name":"Virus:DOS/EICAR_Test_File","Source Name":"Real-Time Protection",
                 "Process Name":"C:\\\\Windows\\\\explorer.exe"}"""));
        Mapping.Row row = ((Mapping.Rows) m).rows().get(0);
        assertThat(row.values()).containsEntry("ActionType", "AntivirusDetection")
                .containsEntry("InitiatingProcessFolderPath", "C:\\Windows\\explorer.exe");
        assertThat((Map<String, Object>) row.values().get("AdditionalFields")).containsEntry("ThreatName", "Virus:DOS/EICAR_Test_File")
                .containsEntry("SourceName", "Real-Time Protection");
    }

    @Test
    @SuppressWarnings("unchecked")
    void classicPowerShell400_joinsUnnamedDataItemsIntoData() {
        Mapping m = mapper.map(json.readTree("""
                {"Event":{"System":{"Provider":{"#attributes":{"Name":"PowerShell"}},"EventID":400,"Channel":"Windows PowerShell",
                 "Computer":"ws1","TimeCreated":{"#attributes":{"SystemTime":"2025-01-02T03:04:05Z"}}},
                 "EventData":{"Data":["Available","None","NewEngineState=Available\\n\\tHostName=ConsoleHost\\n\\tEngineVersion=2.0"]}}}"""));
        Mapping.Row row = ((Mapping.Rows) m).rows().get(0);
        assertThat(row.values()).containsEntry("ActionType", "PowerShellEngineStarted");
        assertThat((String) ((Map<String, Object>) row.values().get("AdditionalFields")).get("Data"))
                .isEqualTo("Available\nNone\nNewEngineState=Available\n\tHostName=ConsoleHost\n\tEngineVersion=2.0");
    }

    @Test
    @SuppressWarnings("unchecked")
    void classicPowerShell800_fromWinlogbeatParams_joinsParamsIntoData() {
        Mapping m = mapper.map(json.readTree("""
                {"winlog":{"channel":"Windows PowerShell","event_id":800,"computer_name":"ws1",
                 "event_data":{"param1":"Compress-Archive -Path x","param2":"HostApplication=powershell.exe"}},
                 "@timestamp":"2025-01-02T03:04:05Z"}"""));
        Mapping.Row row = ((Mapping.Rows) m).rows().get(0);
        assertThat(row.values()).containsEntry("ActionType", "PowerShellPipelineExecuted");
        assertThat((Map<String, Object>) row.values().get("AdditionalFields"))
                .containsEntry("Data", "Compress-Archive -Path x\nHostApplication=powershell.exe");
    }

    @Test
    @SuppressWarnings("unchecked")
    void system7036_serviceStateChange_isDeviceEventWithParams() {
        Mapping m = mapper.map(json.readTree("""
                {"Channel":"System","SourceName":"Service Control Manager","EventID":7036,"Hostname":"ws1",
                 "TimeCreated":"2025-01-02T03:04:05Z","param1":"Microsoft Defender Antivirus Service","param2":"stopped"}"""));
        Mapping.Row row = ((Mapping.Rows) m).rows().get(0);
        assertThat(row.values()).containsEntry("ActionType", "ServiceStateChanged");
        assertThat((Map<String, Object>) row.values().get("AdditionalFields")).containsEntry("param1", "Microsoft Defender Antivirus Service")
                .containsEntry("param2", "stopped");
    }

    @Test
    @SuppressWarnings("unchecked")
    void codeIntegrity3077_isNamedByChannelAndId() {
        Mapping m = mapper.map(json.readTree("""
                {"Channel":"Microsoft-Windows-CodeIntegrity/Operational","EventID":3077,"Hostname":"ws1",
                 "TimeCreated":"2025-01-02T03:04:05Z","File Name Buffer":"\\\\Device\\\\evil.sys","RequestedPolicy":"12"}"""));
        Mapping.Row row = ((Mapping.Rows) m).rows().get(0);
        assertThat(row.values()).containsEntry("ActionType", "CodeIntegrity3077");
        assertThat((Map<String, Object>) row.values().get("AdditionalFields")).containsEntry("FileNameBuffer", "\\Device\\evil.sys")
                .containsEntry("RequestedPolicy", "12");
    }
}
