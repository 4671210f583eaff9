package dev.rampart.portal.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.HuntingSchema;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

@SuppressWarnings("unchecked")
class WindowsMapperTest {
    private final JsonMapper json = JsonMapper.builder().build();
    private final WindowsMapper mapper = new WindowsMapper(HuntingSchema.get());

    private Mapping map(String line) {
        return mapper.map(json.readTree(line));
    }

    private static Map<String, Object> only(Mapping m) {
        assertThat(m).isInstanceOf(Mapping.Rows.class);
        return ((Mapping.Rows) m).rows().get(0).values();
    }

    private static String table(Mapping m) {
        return ((Mapping.Rows) m).rows().get(0).table();
    }

    @Test
    void sysmonProcessCreate_flatNxlog_mapsColumnsAndLineageFromParentCreate() {
        map("""
                {"EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","Hostname":"WS-01.corp.example","UtcTime":"2024-03-01 10:00:00.000",
                 "ProcessGuid":"{aaaa}","ProcessId":"100","Image":"C:\\\\Windows\\\\explorer.exe","CommandLine":"explorer.exe",
                 "ParentProcessGuid":"{root}","ParentImage":"C:\\\\Windows\\\\System32\\\\userinit.exe","ParentProcessId":"90",
                 "User":"CORP\\\\alice","IntegrityLevel":"Medium","Hashes":"SHA1=AB,MD5=CD,SHA256=EF,IMPHASH=99"}""");
        Mapping child = map("""
                {"EventID":1,"Channel":"Microsoft-Windows-Sysmon/Operational","Hostname":"WS-01.corp.example","UtcTime":"2024-03-01 10:00:05.123",
                 "RecordNumber":77,"ProcessGuid":"{bbbb}","ProcessId":"200","Image":"C:\\\\Windows\\\\System32\\\\cmd.exe",
                 "CommandLine":"cmd.exe /c whoami","OriginalFileName":"Cmd.Exe","CurrentDirectory":"C:\\\\Users\\\\alice\\\\",
                 "ParentProcessGuid":"{aaaa}","ParentImage":"C:\\\\Windows\\\\explorer.exe","ParentProcessId":"100",
                 "ParentCommandLine":"explorer.exe","User":"CORP\\\\alice","IntegrityLevel":"High","Hashes":"SHA256=0A0B"}""");
        assertThat(table(child)).isEqualTo("DeviceProcessEvents");
        Map<String, Object> r = only(child);
        assertThat(r).containsEntry("ActionType", "ProcessCreated").containsEntry("FileName", "cmd.exe")
                .containsEntry("FolderPath", "C:\\Windows\\System32\\cmd.exe").containsEntry("ProcessCommandLine", "cmd.exe /c whoami")
                .containsEntry("ProcessId", 200L).containsEntry("AccountDomain", "CORP").containsEntry("AccountName", "alice")
                .containsEntry("ProcessVersionInfoOriginalFileName", "Cmd.Exe").containsEntry("SHA256", "0a0b")
                .containsEntry("InitiatingProcessFileName", "explorer.exe").containsEntry("InitiatingProcessId", 100L)
                .containsEntry("InitiatingProcessCommandLine", "explorer.exe").containsEntry("InitiatingProcessSHA1", "ab")
                .containsEntry("InitiatingProcessIntegrityLevel", "Medium").containsEntry("InitiatingProcessParentFileName", "userinit.exe")
                .containsEntry("DeviceName", "ws-01.corp.example").containsEntry("ReportId", 77L)
                .containsEntry("Timestamp", LocalDateTime.of(2024, 3, 1, 10, 0, 5, 123_000_000));
        assertThat((Map<String, Object>) r.get("AdditionalFields")).containsEntry("CurrentDirectory", "C:\\Users\\alice\\");
    }

    @Test
    void sysmonRegistrySet_winlogbeat_splitsKeyAndValueAndNormalisesHive() {
        Map<String, Object> r = only(map("""
                {"@timestamp":"2024-03-01T11:00:00.000Z","winlog":{"channel":"Microsoft-Windows-Sysmon/Operational","event_id":13,
                 "computer_name":"ws-02","record_id":5,"event_data":{"EventType":"SetValue","Image":"C:\\\\Tools\\\\evil.exe",
                 "TargetObject":"HKLM\\\\System\\\\CurrentControlSet\\\\Services\\\\x\\\\Start","Details":"DWORD (0x00000002)"}}}"""));
        assertThat(r).containsEntry("ActionType", "RegistryValueSet")
                .containsEntry("RegistryKey", "HKEY_LOCAL_MACHINE\\System\\ControlSet001\\Services\\x")
                .containsEntry("RegistryValueName", "Start").containsEntry("RegistryValueData", "2").containsEntry("RegistryValueType", "Dword")
                .containsEntry("InitiatingProcessFileName", "evil.exe");
    }

    @Test
    void sysmonNetworkInbound_xmlJsonShape_swapsLocalAndRemote() {
        Mapping m = map("""
                {"Event":{"System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-Sysmon"}},"EventID":3,"Channel":"Microsoft-Windows-Sysmon/Operational",
                 "Computer":"srv-1","TimeCreated":{"#attributes":{"SystemTime":"2024-03-01T12:00:00Z"}},"EventRecordID":9},
                 "EventData":{"Initiated":"false","Protocol":"tcp","SourceIp":"10.0.0.9","SourcePort":"50000","DestinationIp":"10.0.0.1",
                 "DestinationPort":"445","Image":"System"}}}""");
        assertThat(table(m)).isEqualTo("DeviceNetworkEvents");
        assertThat(only(m)).containsEntry("ActionType", "InboundConnectionAccepted").containsEntry("RemoteIP", "10.0.0.9")
                .containsEntry("LocalPort", 445L).containsEntry("Protocol", "Tcp");
    }

    @Test
    void processAccess_goesToDeviceEventsWithSourceAsInitiator() {
        Mapping m = map("""
                {"EventID":10,"Channel":"Microsoft-Windows-Sysmon/Operational","Hostname":"ws-03","UtcTime":"2024-03-01 13:00:00.000",
                 "SourceImage":"C:\\\\Temp\\\\dump.exe","SourceProcessId":"300","TargetImage":"C:\\\\Windows\\\\system32\\\\lsass.exe",
                 "TargetProcessId":"700","GrantedAccess":"0x1FFFFF","CallTrace":"ntdll.dll+1"}""");
        assertThat(table(m)).isEqualTo("DeviceEvents");
        Map<String, Object> r = only(m);
        assertThat(r).containsEntry("ActionType", "OpenProcessApiCall").containsEntry("FileName", "lsass.exe")
                .containsEntry("InitiatingProcessFileName", "dump.exe").containsEntry("InitiatingProcessId", 300L);
        assertThat((Map<String, Object>) r.get("AdditionalFields")).containsEntry("GrantedAccess", "0x1FFFFF");
    }

    @Test
    void securityLogonFailed_mapsLogonTypeAndFailureReason() {
        Mapping m = map("""
                {"EventID":4625,"Channel":"Security","Hostname":"dc-1","TimeCreated":"2024-03-01 14:00:00.000","TargetUserName":"bob",
                 "TargetDomainName":"CORP","LogonType":"3","IpAddress":"192.0.2.7","IpPort":"0","Status":"0xc000006d","SubStatus":"0xc000006a",
                 "AuthenticationPackageName":"NTLM"}""");
        assertThat(table(m)).isEqualTo("DeviceLogonEvents");
        assertThat(only(m)).containsEntry("ActionType", "LogonFailed").containsEntry("LogonType", "Network")
                .containsEntry("AccountName", "bob").containsEntry("RemoteIP", "192.0.2.7").containsEntry("FailureReason", "0xc000006a")
                .containsEntry("Protocol", "NTLM");
    }

    @Test
    void security4688_hexIdsAndMandatoryLabel() {
        Map<String, Object> r = only(map("""
                {"EventID":4688,"Channel":"Security","Hostname":"ws-4","TimeCreated":"2024-03-01 15:00:00","NewProcessName":"C:\\\\x\\\\a.exe",
                 "NewProcessId":"0x1a74","ProcessId":"0xc08","ParentProcessName":"C:\\\\Windows\\\\System32\\\\cmd.exe","CommandLine":"a.exe",
                 "MandatoryLabel":"S-1-16-12288","TokenElevationType":"%%1937","SubjectUserName":"alice","SubjectDomainName":"CORP","TargetUserName":"-"}"""));
        assertThat(r).containsEntry("ProcessId", 6772L).containsEntry("InitiatingProcessId", 3080L).containsEntry("ProcessIntegrityLevel", "High")
                .containsEntry("ProcessTokenElevation", "Full").containsEntry("AccountName", "alice").containsEntry("InitiatingProcessFileName", "cmd.exe");
    }

    @Test
    void kerberosTicket_goesToIdentityLogonEvents() {
        Mapping m = map("""
                {"EventID":4769,"Channel":"Security","Hostname":"dc-1.corp","TimeCreated":"2024-03-01 16:00:00","TargetUserName":"alice@CORP",
                 "ServiceName":"cifs/srv","IpAddress":"::ffff:10.1.1.5","Status":"0x0"}""");
        assertThat(table(m)).isEqualTo("IdentityLogonEvents");
        assertThat(only(m)).containsEntry("ActionType", "LogonSuccess").containsEntry("Protocol", "Kerberos").containsEntry("IPAddress", "10.1.1.5");
    }

    @Test
    void unmappedEvent_isSkippedWithReason_andNonEventIsInvalid() {
        assertThat(map("{\"EventID\":5,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Hostname\":\"h\"}"))
                .isEqualTo(new Mapping.Skipped("no hunting table for Sysmon event 5 (process terminated)"));
        assertThat(map("{\"EventID\":4658,\"Channel\":\"Security\"}")).isInstanceOf(Mapping.Skipped.class);
        assertThat(map("{\"hello\":1}")).isInstanceOf(Mapping.Invalid.class);
    }
}
