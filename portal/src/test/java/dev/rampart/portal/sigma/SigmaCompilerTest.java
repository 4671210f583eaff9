package dev.rampart.portal.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.CompileOptions;
import dev.rampart.kql.KqlCompiler;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SigmaCompilerTest {
    private static SigmaCompiler.Result compile(String yaml) throws Exception {
        return SigmaCompiler.compile(SigmaParser.parse(yaml, "test.yml"));
    }

    @Test
    void processCreation_modifiersAndOneOf_compileToWhere() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Test whoami
                id: 11111111-1111-1111-1111-111111111111
                author: Rampart tests
                level: high
                tags: [attack.discovery, attack.t1033]
                logsource: {category: process_creation, product: windows}
                detection:
                  selection_img:
                    - Image|endswith: '\\\\whoami.exe'
                    - OriginalFileName: 'whoami.exe'
                  selection_cli:
                    CommandLine|contains|all: ['/priv', '/all']
                  filter:
                    ParentImage|startswith: 'C:\\\\Program Files\\\\'
                  condition: 1 of selection_* and not filter
                """);
        assertThat(r.reason()).isNull();
        assertThat(r.kql()).isEqualTo("DeviceProcessEvents\n| where (FolderPath endswith @\"\\whoami.exe\""
                + " or ProcessVersionInfoOriginalFileName =~ @\"whoami.exe\""
                + " or ProcessCommandLine contains @\"/priv\" and ProcessCommandLine contains @\"/all\")"
                + " and not(InitiatingProcessFolderPath startswith @\"C:\\Program Files\\\")");
    }

    @Test
    void registrySet_normalisesHiveAndDword() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Test registry
                logsource: {category: registry_set, product: windows}
                detection:
                  sel:
                    TargetObject|startswith: 'HKLM\\\\System\\\\CurrentControlSet\\\\Services\\\\'
                    Details: 'DWORD (0x00000004)'
                  condition: sel
                """);
        assertThat(r.kql()).isEqualTo("DeviceRegistryEvents\n| where " + SigmaTargets.REGISTRY_PATH
                + " startswith @\"HKEY_LOCAL_MACHINE\\System\\ControlSet001\\Services\\\" and RegistryValueData =~ @\"4\"");
    }

    @Test
    void innerWildcard_becomesCaseInsensitiveRegex_andWindashExpands() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Test regex
                logsource: {category: process_creation, product: windows}
                detection:
                  sel:
                    CommandLine|windash|contains: ' -enc '
                    Image: 'C:\\\\*\\\\rundll32.exe'
                  condition: sel
                """);
        assertThat(r.kql()).contains("FolderPath matches regex @\"(?is)^C:\\\\.*\\\\rundll32\\.exe$\"")
                .contains("ProcessCommandLine contains @\" -enc \" or ProcessCommandLine contains @\" /enc \"");
    }

    @Test
    void securityService_eventIdBecomesActionType() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Test logon
                logsource: {product: windows, service: security}
                detection:
                  sel:
                    EventID: 4625
                    LogonType: 3
                  condition: sel
                """);
        assertThat(r.kql()).isEqualTo("DeviceLogonEvents\n| where ActionType == @\"LogonFailed\" and LogonType =~ @\"Network\"");
    }

    @Test
    void processAccess_routesToDeviceEventsWithAdditionalFields() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Test lsass
                logsource: {category: process_access, product: windows}
                detection:
                  sel:
                    TargetImage|endswith: '\\\\lsass.exe'
                    GrantedAccess: '0x1fffff'
                  condition: sel
                """);
        assertThat(r.kql()).isEqualTo("DeviceEvents\n| where ActionType == @\"OpenProcessApiCall\"\n"
                + "| where FolderPath endswith @\"\\lsass.exe\" and tostring(AdditionalFields.GrantedAccess) =~ @\"0x1fffff\"");
    }

    @Test
    void unsupported_givesReason() throws Exception {
        assertThat(compile("""
                title: T
                logsource: {category: process_creation, product: windows}
                detection:
                  sel: {CommandLine|expand: '%x%'}
                  condition: sel
                """).reason()).isEqualTo("modifier |expand is not supported");
        assertThat(compile("""
                title: T
                logsource: {category: webserver}
                detection:
                  sel: {cs-uri-query|contains: 'x'}
                  condition: sel
                """).reason()).isEqualTo("log source category webserver has no hunting table");
        assertThat(compile("""
                title: T
                logsource: {category: process_creation, product: windows}
                detection:
                  sel: {Image: x}
                  condition: sel | count() > 5
                """).reason()).contains("aggregation");
    }

    @Test
    void techniques_comeFromAttackTags() throws Exception {
        SigmaRule rule = SigmaParser.parse("""
                title: T
                tags: [attack.execution, attack.t1059.001, attack.T1218]
                logsource: {category: process_creation}
                detection: {sel: {Image: x}, condition: sel}
                """, "t");
        assertThat(rule.techniques()).containsExactly("T1059.001", "T1218");
    }

    @Test
    void fieldref_comparesTwoColumnsOfTheRow() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Test fieldref
                logsource: {category: process_creation, product: windows}
                detection:
                  selection:
                    Image|endswith: '\\\\notepad.exe'
                  filter:
                    Image|fieldref: ParentImage
                  condition: selection and not filter
                """);
        assertThat(r.reason()).isNull();
        assertThat(r.kql()).isEqualTo("DeviceProcessEvents\n| where FolderPath endswith @\"\\notepad.exe\""
                + " and not(FolderPath =~ InitiatingProcessFolderPath)");
    }

    @Test
    void fieldref_withStartswith_andNumericColumn_comparesAsText() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Test fieldref numeric
                logsource: {category: process_creation, product: windows}
                detection:
                  sel:
                    CommandLine|fieldref|startswith: ParentCommandLine
                    ProcessId|fieldref: ParentProcessId
                  condition: sel
                """);
        assertThat(r.kql()).isEqualTo("DeviceProcessEvents\n| where ProcessCommandLine startswith InitiatingProcessCommandLine"
                + " and tostring(ProcessId) =~ tostring(InitiatingProcessId)");
    }

    @Test
    void fieldref_betweenRawAndTransformedField_isRefusedWithReason() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Test fieldref basename
                logsource: {category: process_creation, product: windows}
                detection:
                  sel:
                    Image|fieldref: GrandParentImage
                  condition: sel
                """);
        assertThat(r.ok()).isFalse();
        assertThat(r.reason()).contains("|fieldref compares GrandParentImage with a field stored in another form");
    }

    @Test
    void keywordSelection_searchesEveryStringColumnAndAdditionalFields() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Test keywords
                logsource: {product: windows, category: sysmon_status}
                detection:
                  keywords:
                    - 'config state changed'
                  condition: keywords
                """);
        assertThat(r.reason()).isNull();
        assertThat(r.kql()).startsWith("DeviceEvents\n| where ActionType in (@\"SysmonServiceStateChanged\", @\"SysmonConfigurationChanged\")\n| where ")
                .contains("DeviceName contains @\"config state changed\"")
                .contains("FolderPath contains @\"config state changed\"")
                .contains("AdditionalFields contains @\"config state changed\"")
                .doesNotContain("ActionType contains");
    }

    @Test
    void sysmonEvent16_routesToConfigurationChangeDeviceEvents() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Sysmon Configuration Change
                logsource: {product: windows, service: sysmon}
                detection:
                  selection:
                    EventID: 16
                  filter:
                    ConfigurationFileHash: 'SHA256=ABC'
                  condition: selection and not filter
                """);
        assertThat(r.kql()).isEqualTo("DeviceEvents\n| where ActionType == @\"SysmonConfigurationChanged\""
                + " and not(tostring(AdditionalFields.ConfigurationFileHash) =~ @\"SHA256=ABC\")");
    }

    @Test
    void cidr_ipv4_becomesOctetPrefixes() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Test cidr
                logsource: {category: network_connection, product: windows}
                detection:
                  sel:
                    DestinationIp|cidr: ['10.0.0.0/8', '172.16.0.0/14', '192.168.1.0/24', '1.2.3.4/31', '8.8.8.8/32']
                  condition: sel
                """);
        assertThat(r.reason()).isNull();
        assertThat(r.kql()).isEqualTo("DeviceNetworkEvents\n| where RemoteIP startswith @\"10.\""
                + " or RemoteIP startswith @\"172.16.\" or RemoteIP startswith @\"172.17.\" or RemoteIP startswith @\"172.18.\""
                + " or RemoteIP startswith @\"172.19.\" or RemoteIP startswith @\"192.168.1.\""
                + " or RemoteIP == @\"1.2.3.4\" or RemoteIP == @\"1.2.3.5\" or RemoteIP == @\"8.8.8.8\"");
    }

    @Test
    void securityObjectAccess4663_routesToAuditDeviceEvents() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: NTDS access
                logsource: {product: windows, service: security}
                detection:
                  selection:
                    EventID: 4663
                    ObjectName|endswith: '\\\\ntds.dit'
                  filter:
                    ProcessName|endswith: '\\\\lsass.exe'
                  condition: selection and not filter
                """);
        assertThat(r.reason()).isNull();
        assertThat(r.kql()).isEqualTo("DeviceEvents\n| where ActionType == @\"ObjectAccessAttempted\""
                + " and tostring(AdditionalFields.ObjectName) endswith @\"\\ntds.dit\""
                + " and not(InitiatingProcessFolderPath endswith @\"\\lsass.exe\")");
    }

    @Test
    void windefend_keepsSourceNameTest_andRoutesToAntivirusDetection() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: AMSI detection
                logsource: {product: windows, service: windefend}
                detection:
                  selection:
                    EventID: 1116
                    SourceName: 'AMSI'
                  condition: selection
                """);
        assertThat(r.kql()).isEqualTo("DeviceEvents\n| where ActionType == @\"AntivirusDetection\""
                + " and tostring(AdditionalFields.SourceName) =~ @\"AMSI\"");
    }

    @Test
    void linuxFileEvent_compilesToDeviceFileEvents_butLinuxAuditdIsRefused() throws Exception {
        SigmaCompiler.Result file = compile("""
                title: Linux cron file
                logsource: {product: linux, category: file_event}
                detection:
                  selection:
                    TargetFilename|startswith: '/etc/cron.d/'
                  condition: selection
                """);
        assertThat(file.kql()).isEqualTo("DeviceFileEvents\n| where FolderPath startswith @\"/etc/cron.d/\"");
        SigmaCompiler.Result auditd = compile("""
                title: auditd
                logsource: {product: linux, service: auditd}
                detection:
                  selection:
                    type: EXECVE
                  condition: selection
                """);
        assertThat(auditd.reason()).contains("only Windows events and Linux/macOS process, file and network events are mapped");
    }

    @Test
    void antivirusCategory_readsDefenderDetections() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: AV webshell
                logsource: {category: antivirus}
                detection:
                  selection:
                    Signature|contains: 'Webshell'
                    Filename|endswith: '.aspx'
                  condition: selection
                """);
        assertThat(r.kql()).isEqualTo("DeviceEvents\n| where ActionType == @\"AntivirusDetection\"\n| where"
                + " tostring(AdditionalFields.ThreatName) contains @\"Webshell\" and tostring(AdditionalFields.Path) endswith @\".aspx\"");
    }

    @Test
    void classicPowerShell_categoryAndServiceWithoutEventId_readData() throws Exception {
        SigmaCompiler.Result start = compile("""
                title: PS2 downgrade
                logsource: {product: windows, category: ps_classic_start}
                detection:
                  selection:
                    Data|contains: 'EngineVersion=2.'
                  condition: selection
                """);
        assertThat(start.kql()).isEqualTo("DeviceEvents\n| where ActionType == @\"PowerShellEngineStarted\"\n| where"
                + " tostring(AdditionalFields.Data) contains @\"EngineVersion=2.\"");
        SigmaCompiler.Result service = compile("""
                title: WSMan provider
                logsource: {product: windows, service: powershell-classic}
                detection:
                  selection:
                    Data|contains: 'ProviderName=WSMan'
                  condition: selection
                """);
        assertThat(service.kql()).isEqualTo("DeviceEvents\n| where ActionType in (@\"PowerShellEngineStarted\","
                + " @\"PowerShellPipelineExecuted\", @\"PowerShellProviderStarted\")\n| where"
                + " tostring(AdditionalFields.Data) contains @\"ProviderName=WSMan\"");
    }

    @Test
    void systemServiceEvents_7045And7036_shareDeviceEvents_andKeepTheProviderTest() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Service
                logsource: {product: windows, service: system}
                detection:
                  selection:
                    Provider_Name: 'Service Control Manager'
                    EventID: [7045, 7036]
                    param1|contains: 'Defender'
                  condition: selection
                """);
        assertThat(r.kql()).isEqualTo("DeviceEvents\n| where tostring(AdditionalFields.ProviderName) =~ @\"Service Control Manager\""
                + " and (ActionType == @\"ServiceInstalled\" or ActionType == @\"ServiceStateChanged\")"
                + " and tostring(AdditionalFields.param1) contains @\"Defender\"");
    }

    @Test
    void applicationLog_routesByProviderAndEventId() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: MSSQL xp_cmdshell
                logsource: {product: windows, service: application}
                detection:
                  selection:
                    Provider_Name: MSSQLSERVER
                    EventID: 15457
                    Data|contains: xp_cmdshell
                  condition: selection
                """);
        assertThat(r.reason()).isNull();
        assertThat(r.kql()).isEqualTo("DeviceEvents\n| where tostring(AdditionalFields.ProviderName) =~ @\"MSSQLSERVER\""
                + " and ActionType == @\"Application15457\" and tostring(AdditionalFields.Data) contains @\"xp_cmdshell\"");
    }

    @Test
    void systemEventWithoutAName_isSystemAndIdWithItsProvider() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Vulnerable driver
                logsource: {product: windows, service: system}
                detection:
                  selection:
                    Provider_Name: Microsoft-Windows-Kernel-General
                    EventID: 16
                  condition: selection
                """);
        assertThat(r.kql()).isEqualTo("DeviceEvents\n| where tostring(AdditionalFields.ProviderName) =~ @\"Microsoft-Windows-Kernel-General\""
                + " and ActionType == @\"System16\"");
    }

    @Test
    void correlationEventCount_summarisesTheBaseRulePerGroupAndWindow() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Failed logon
                name: failed_logon
                logsource: {product: windows, service: security}
                detection:
                  selection: {EventID: 4625}
                  condition: selection
                ---
                title: Many failed logons
                id: 0e95725d-7320-415d-80f7-004da920fc11
                correlation:
                  type: event_count
                  rules: [failed_logon]
                  group-by: [TargetUserName]
                  timespan: 5m
                  condition: {gte: 10}
                level: high
                """);
        assertThat(r.reason()).isNull();
        assertThat(r.kql()).isEqualTo("DeviceLogonEvents\n| where ActionType == @\"LogonFailed\"\n| project Timestamp, SigmaRule = @\"failed_logon\","
                + " AccountName\n| summarize Timestamp = max(Timestamp), EventCount = count() by AccountName, Window = bin(Timestamp, 5m)"
                + "\n| where EventCount >= 10");
    }

    @Test
    void correlationTemporal_unionsTheBaseRulesAndRequiresAllInTheWindow() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Recon
                name: recon
                logsource: {product: windows, category: process_creation}
                detection:
                  selection: {Image|endswith: '\\whoami.exe'}
                  condition: selection
                ---
                title: Failed logon
                name: failed
                logsource: {product: windows, service: security}
                detection:
                  selection: {EventID: 4625}
                  condition: selection
                ---
                title: Recon then failed logon
                id: 3a1f0a35-8d4e-4f0e-9d55-1f0c4d0d2c11
                correlation:
                  type: temporal
                  rules: [recon, failed]
                  group-by: [Computer]
                  timespan: 1h
                """);
        assertThat(r.reason()).isNull();
        assertThat(r.kql()).startsWith("union (DeviceProcessEvents\n").contains("| project Timestamp, SigmaRule = @\"recon\", DeviceName)")
                .endsWith("| summarize Timestamp = max(Timestamp), Rules = dcount(SigmaRule), EventCount = count() by DeviceName,"
                        + " Window = bin(Timestamp, 1h)\n| where Rules == 2");
    }

    @Test
    void correlation_unsupportedTypeOrMissingBaseRule_isRefusedWithTheReason() throws Exception {
        assertThat(compile("""
                title: Ordered
                id: 4b1f0a35-8d4e-4f0e-9d55-1f0c4d0d2c11
                correlation: {type: temporal_ordered, rules: [a, b], timespan: 1h}
                """).reason()).contains("temporal_ordered").contains("order");
        assertThat(compile("""
                title: Elsewhere
                id: 5b1f0a35-8d4e-4f0e-9d55-1f0c4d0d2c11
                correlation: {type: event_count, rules: [other_file_rule], group-by: [User], timespan: 5m, condition: {gte: 3}}
                """).reason()).contains("[other_file_rule]").contains("same file");
    }

    @Test
    void operationalChannelService_routesEventIdsToChannelActionTypes_andNoIdToTheWholeChannel() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: CI block
                logsource: {product: windows, service: codeintegrity-operational}
                detection:
                  selection:
                    EventID: [3033, 3034]
                  filter:
                    FileNameBuffer|endswith: '\\\\dtrace.dll'
                  condition: selection and not filter
                """);
        assertThat(r.kql()).isEqualTo("DeviceEvents\n| where (ActionType == @\"CodeIntegrity3033\" or ActionType == @\"CodeIntegrity3034\")"
                + " and not(tostring(AdditionalFields.FileNameBuffer) endswith @\"\\dtrace.dll\")");
        SigmaCompiler.Result noId = compile("""
                title: CI any
                logsource: {product: windows, service: codeintegrity-operational}
                detection:
                  selection:
                    FileNameBuffer|endswith: '.sys'
                  condition: selection
                """);
        assertThat(noId.kql()).isEqualTo("DeviceEvents\n| where ActionType matches regex @\"^CodeIntegrity[0-9]+$\"\n| where"
                + " tostring(AdditionalFields.FileNameBuffer) endswith @\".sys\"");
    }

    @Test
    void keywordSelectionWithAll_requiresEveryKeyword() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Exchange export
                logsource: {product: windows, service: msexchange-management}
                detection:
                  keywords:
                    '|all':
                      - 'New-MailboxExportRequest'
                      - ' -Mailbox '
                  condition: keywords
                """);
        assertThat(r.reason()).isNull();
        String where = r.kql().substring(r.kql().lastIndexOf("| where ") + 8);
        String[] groups = where.split(" and ");
        assertThat(groups).hasSize(2);
        assertThat(groups[0]).contains("AdditionalFields contains @\"New-MailboxExportRequest\"").doesNotContain("-Mailbox ");
        assertThat(groups[1]).contains("AdditionalFields contains @\" -Mailbox \"").doesNotContain("New-MailboxExportRequest");
    }

    @Test
    void genericDnsCategory_readsEndpointDnsQueries_andRefusesFieldsNotKept() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: DNS TXT exfil
                logsource: {category: dns}
                detection:
                  selection:
                    query|endswith: '.evil.example'
                  condition: selection
                """);
        assertThat(r.kql()).isEqualTo("DeviceEvents\n| where ActionType == @\"DnsQueryResponse\"\n| where RemoteUrl endswith @\".evil.example\"");
        SigmaCompiler.Result type = compile("""
                title: DNS TXT
                logsource: {category: dns}
                detection:
                  selection:
                    record_type: TXT
                  condition: selection
                """);
        assertThat(type.reason()).isEqualTo("field record_type is not kept for DNS queries (only query and answer)");
    }

    @Test
    void valueListOnAdditionalField_isOneRegexThatReadsTheFieldOnce() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Module cmdlets
                logsource: {product: windows, category: ps_module}
                detection:
                  selection:
                    Payload|contains: ['Add-Persistence', 'Get-Keystrokes', 'Invoke-Mimikatz']
                  condition: selection
                """);
        assertThat(r.kql()).isEqualTo("DeviceEvents\n| where ActionType == @\"PowerShellModuleLogged\"\n| where coalesce(tolower(tostring("
                + "AdditionalFields.Payload)) matches regex @\"add\\-persistence|get\\-keystrokes|invoke\\-mimikatz\", false)");
        String sql = KqlCompiler.compile(r.kql(), CompileOptions.defaults(Instant.EPOCH).withDefaultWindow(null)).sql();
        // Each extraction parses the row's JSON again in the event store: a list must cost one, not one per value.
        assertThat(sql.split("json_extract_string", -1)).hasSize(2);
    }

    @Test
    void valueListOnAdditionalField_keepsAnchorsCaseAndWildcardsApart() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Module mixed
                logsource: {product: windows, category: ps_module}
                detection:
                  exact: {Payload: ['A.b', 'c']}
                  prefix: {Payload|startswith: ['Start-', 'Stop(']}
                  suffix: {Payload|endswith: ['.PS1', '.psm1']}
                  cased: {Payload|contains|cased: ['X', 'Y']}
                  wild: {Payload|contains: ['a*b', 'c?d']}
                  condition: 1 of *
                """);
        assertThat(r.kql()).endsWith("| where coalesce(tolower(tostring(AdditionalFields.Payload)) matches regex"
                + " @\"^a\\.b$|^c$|^start\\-|^stop\\(|\\.ps1$|\\.psm1$\", false)"
                + " or coalesce(tostring(AdditionalFields.Payload) matches regex @\"X|Y\", false)"
                + " or coalesce(tostring(AdditionalFields.Payload) matches regex @\"(?is)(?:a.*b)|(?:c.d)\", false)");
    }

    @Test
    void valueListOnColumn_staysOneTestPerValue() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Column list
                logsource: {product: windows, category: process_creation}
                detection:
                  selection: {CommandLine|contains: ['-enc', '-nop']}
                  condition: selection
                """);
        assertThat(r.kql()).endsWith("| where ProcessCommandLine contains @\"-enc\" or ProcessCommandLine contains @\"-nop\"");
    }

    @Test
    void negatedValueListOnAdditionalField_missingFieldStaysFalseInsideNot() throws Exception {
        SigmaCompiler.Result r = compile("""
                title: Not module
                logsource: {product: windows, category: ps_module}
                detection:
                  selection: {Payload|contains: ['a', 'b']}
                  condition: not selection
                """);
        assertThat(r.kql()).endsWith("| where not(coalesce(tolower(tostring(AdditionalFields.Payload)) matches regex @\"a|b\", false))");
    }

    @Test
    void longValueListOnAdditionalField_splitsIntoBoundedRegexes() throws Exception {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            values.append(i == 0 ? "" : ", ").append(String.format("'%064x'", i));
        }
        SigmaCompiler.Result r = compile("""
                title: Hash list
                logsource: {product: windows, category: ps_module}
                detection:
                  selection: {Payload|contains: [%s]}
                  condition: selection
                """.formatted(values));
        assertThat(r.reason()).isNull();
        List<String> patterns = Pattern.compile("matches regex @\"([^\"]*)\"").matcher(r.kql()).results().map(m -> m.group(1)).toList();
        assertThat(patterns).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(TextAlternation.MAX_PATTERN));
        assertThat(String.join("|", patterns).split("\\|")).hasSize(1000);
    }
}
