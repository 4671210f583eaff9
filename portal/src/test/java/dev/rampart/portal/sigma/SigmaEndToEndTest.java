package dev.rampart.portal.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.core.RampartProperties;
import dev.rampart.portal.ingest.format.EventFormats;
import dev.rampart.portal.ingest.format.FormatIngestor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Windows events through the ingest mapper into a real event store, then compiled Sigma rules run on them. */
class SigmaEndToEndTest {
    private static RuleRunner runner;

    private static final String EVENTS = """
            {"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Hostname":"ws1","UtcTime":"2025-01-02 03:04:05.000","ProcessGuid":"{a1}","ProcessId":"10","Image":"C:\\\\Tools\\\\Loop.exe","ParentImage":"c:\\\\tools\\\\loop.EXE","CommandLine":"loop","User":"CORP\\\\alice","ParentUser":"CORP\\\\alice"}
            {"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Hostname":"ws1","UtcTime":"2025-01-02 03:04:06.000","ProcessGuid":"{a2}","ProcessId":"11","Image":"C:\\\\Windows\\\\notepad.exe","ParentImage":"C:\\\\Windows\\\\explorer.exe","CommandLine":"notepad","User":"CORP\\\\bob","ParentUser":"CORP\\\\alice"}
            {"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":16,"Hostname":"ws1","UtcTime":"2025-01-02 03:04:07.000","Configuration":"C:\\\\Users\\\\a\\\\sysmonconfig-trace.xml","ConfigurationFileHash":"SHA256=B977"}
            {"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":3,"Hostname":"ws1","UtcTime":"2025-01-02 03:04:08.000","Image":"C:\\\\a.exe","Initiated":"true","Protocol":"tcp","SourceIp":"10.0.0.5","SourcePort":"5000","DestinationIp":"172.20.1.1","DestinationPort":"445"}
            {"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":3,"Hostname":"ws1","UtcTime":"2025-01-02 03:04:09.000","Image":"C:\\\\a.exe","Initiated":"true","Protocol":"tcp","SourceIp":"10.0.0.5","SourcePort":"5001","DestinationIp":"172.32.0.1","DestinationPort":"445"}
            {"Channel":"Security","EventID":4663,"Hostname":"dc1","TimeCreated":"2025-01-02T03:04:10Z","SubjectUserName":"eve","ProcessName":"C:\\\\Temp\\\\x.exe","ObjectName":"C:\\\\Windows\\\\NTDS\\\\ntds.dit","AccessMask":"0x1"}
            {"Channel":"Security","EventID":4663,"Hostname":"dc1","TimeCreated":"2025-01-02T03:04:11Z","SubjectUserName":"eve","ProcessName":"C:\\\\Temp\\\\x.exe","ObjectName":"C:\\\\Temp\\\\notes.txt","AccessMask":"0x1"}
            {"Channel":"Microsoft-Windows-Windows Defender/Operational","EventID":1116,"Hostname":"ws1","TimeCreated":"2025-01-02T03:04:12Z","Threat Name":"Trojan:PowerShell/Amsi","Source Name":"AMSI"}
            {"Channel":"Microsoft-Windows-Windows Defender/Operational","EventID":1116,"Hostname":"ws1","TimeCreated":"2025-01-02T03:04:13Z","Threat Name":"Virus:DOS/EICAR_Test_File","Source Name":"Real-Time Protection"}
            {"Channel":"Security","EventID":4625,"Hostname":"ws2","TimeCreated":"2025-01-02T03:05:01Z","TargetUserName":"mallory","LogonType":"3","IpAddress":"10.0.0.9"}
            {"Channel":"Security","EventID":4625,"Hostname":"ws2","TimeCreated":"2025-01-02T03:05:21Z","TargetUserName":"mallory","LogonType":"3","IpAddress":"10.0.0.9"}
            {"Channel":"Security","EventID":4625,"Hostname":"ws2","TimeCreated":"2025-01-02T03:05:41Z","TargetUserName":"mallory","LogonType":"3","IpAddress":"10.0.0.9"}
            {"Channel":"Security","EventID":4625,"Hostname":"ws2","TimeCreated":"2025-01-02T03:06:01Z","TargetUserName":"trent","LogonType":"3","IpAddress":"10.0.0.9"}
            {"Channel":"Application","EventID":15457,"SourceName":"MSSQLSERVER","Hostname":"sql1","TimeCreated":"2025-01-02T03:07:00Z","Data":"xp_cmdshell,0,1"}
            {"Channel":"Application","EventID":15457,"SourceName":"OtherApp","Hostname":"sql1","TimeCreated":"2025-01-02T03:07:01Z","Data":"xp_cmdshell,0,1"}
            """;

    @BeforeAll
    static void load() throws Exception {
        runner = new RuleRunner(new RampartProperties(Path.of("unused"), 30, "256MB", 1, DataSize.ofMegabytes(1)));
        FormatIngestor.Result r = runner.ingest(new EventFormats().require("windows"),
                new ByteArrayInputStream(EVENTS.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.skipped()).isZero();
        assertThat(r.rows()).isEqualTo(15);
    }

    @AfterAll
    static void close() throws Exception {
        runner.close();
    }

    private static int matches(String yaml) throws Exception {
        SigmaCompiler.Result r = SigmaCompiler.compile(SigmaParser.parse(yaml, "t.yml"));
        assertThat(r.reason()).isNull();
        return runner.matches(r.kql(), 100);
    }

    @Test
    void fieldref_matchesOnlyTheRowWhoseTwoFieldsAreEqualIgnoringCase() throws Exception {
        assertThat(matches("""
                title: same image as parent
                logsource: {category: process_creation, product: windows}
                detection: {sel: {Image|fieldref: ParentImage}, condition: sel}
                """)).isEqualTo(1);
        assertThat(matches("""
                title: other user than parent
                logsource: {category: process_creation, product: windows}
                detection: {sel: {Image|endswith: '.exe'}, same: {User|fieldref: ParentUser}, condition: sel and not same}
                """)).isEqualTo(1);
    }

    @Test
    void sysmon16_andKeywords_matchTheConfigurationChange() throws Exception {
        assertThat(matches("""
                title: Sysmon Configuration Change
                logsource: {product: windows, service: sysmon}
                detection: {selection: {EventID: 16}, condition: selection}
                """)).isEqualTo(1);
        assertThat(matches("""
                title: keyword hit
                logsource: {product: windows, category: sysmon_status}
                detection: {keywords: ['sysmonconfig-TRACE'], condition: keywords}
                """)).isEqualTo(1);
        assertThat(matches("""
                title: keyword miss
                logsource: {product: windows, category: sysmon_status}
                detection: {keywords: ['no-such-text'], condition: keywords}
                """)).isZero();
    }

    @Test
    void cidr_matchesInsideTheRangeOnly() throws Exception {
        assertThat(matches("""
                title: private 172
                logsource: {category: network_connection, product: windows}
                detection: {sel: {DestinationIp|cidr: '172.16.0.0/12'}, condition: sel}
                """)).isEqualTo(1);
    }

    @Test
    void securityAudit_andDefenderAntivirus_rulesReadTheirRows() throws Exception {
        assertThat(matches("""
                title: ntds access
                logsource: {product: windows, service: security}
                detection: {sel: {EventID: 4663, ObjectName|endswith: '\\\\ntds.dit', ProcessName|startswith: 'C:\\\\Temp\\\\'}, condition: sel}
                """)).isEqualTo(1);
        assertThat(matches("""
                title: amsi
                logsource: {product: windows, service: windefend}
                detection: {sel: {EventID: 1116, SourceName: 'AMSI'}, condition: sel}
                """)).isEqualTo(1);
        assertThat(matches("""
                title: eicar
                logsource: {category: antivirus}
                detection: {sel: {Signature|contains: 'EICAR'}, condition: sel}
                """)).isEqualTo(1);
    }

    @Test
    void applicationRule_matchesOnlyTheNamedProvidersEvent() throws Exception {
        assertThat(matches("""
                title: xp_cmdshell enabled
                logsource: {product: windows, service: application}
                detection: {selection: {Provider_Name: MSSQLSERVER, EventID: 15457, Data|contains: xp_cmdshell}, condition: selection}
                """)).isEqualTo(1);
    }

    @Test
    void eventCountCorrelation_returnsTheUserOverTheThresholdInTheWindowOnly() throws Exception {
        String yaml = """
                title: Failed logon
                name: failed_logon
                logsource: {product: windows, service: security}
                detection: {selection: {EventID: 4625}, condition: selection}
                ---
                title: Several failed logons for one user
                id: 6c1f0a35-8d4e-4f0e-9d55-1f0c4d0d2c11
                correlation: {type: event_count, rules: [failed_logon], group-by: [TargetUserName], timespan: 10m, condition: {gte: 3}}
                """;
        assertThat(matches(yaml)).isEqualTo(1);
        assertThat(matches(yaml.replace("gte: 3", "gte: 4"))).isZero();
    }
}
