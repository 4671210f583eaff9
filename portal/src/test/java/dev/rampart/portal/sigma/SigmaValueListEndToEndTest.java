package dev.rampart.portal.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.core.RampartProperties;
import dev.rampart.portal.ingest.format.EventFormats;
import dev.rampart.portal.ingest.format.FormatIngestor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * A Sigma rule with a long value list over a field kept in AdditionalFields, run on PowerShell module-logging events
 * with payloads of a realistic size, in an event store with a small memory limit: one test per value used to parse
 * the JSON once per value and ran out of memory.
 */
class SigmaValueListEndToEndTest {
    private static final int EVENTS = 150;
    private static RuleRunner runner;

    @BeforeAll
    static void load() throws Exception {
        runner = new RuleRunner(new RampartProperties(Path.of("unused"), 30, "256MB", 1, DataSize.ofMegabytes(64)));
        String filler = "CommandInvocation(Out-Null): \\\"Out-Null\\\"\\r\\nParameterBinding(Out-Null): name=\\\"InputObject\\\"\\r\\n".repeat(150);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < EVENTS; i++) {
            String payload = switch (i) {
                case 7 -> "CommandInvocation(iNvOkE-MiMiKaTz): x\\r\\n" + filler;
                case 42 -> filler + "Get-KEYSTROKES";
                case 99 -> null;
                default -> filler;
            };
            lines.append("{\"Channel\":\"Microsoft-Windows-PowerShell/Operational\",\"EventID\":4103,\"Hostname\":\"ws1\",")
                    .append("\"TimeCreated\":\"2025-01-02T03:04:05Z\",\"ContextInfo\":\"Host Application = powershell.exe\"")
                    .append(payload == null ? "" : ",\"Payload\":\"" + payload + "\"").append("}\n");
        }
        FormatIngestor.Result r = runner.ingest(new EventFormats().require("windows"), new ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(r.rows()).isEqualTo(EVENTS);
    }

    @AfterAll
    static void close() throws Exception {
        runner.close();
    }

    /** Two hundred cmdlet-like names, the two that occur in the events among them. */
    private static String rule(String condition) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 198; i++) {
            values.add("'Invoke-Tool" + i + "'");
        }
        values.add(60, "'Invoke-Mimikatz'");
        values.add(150, "'Get-Keystrokes'");
        return """
                title: long list
                logsource: {product: windows, category: ps_module}
                detection:
                  selection:
                    Payload|contains: [%s]
                  condition: %s
                """.formatted(String.join(", ", values), condition);
    }

    private static int matches(String yaml) throws Exception {
        SigmaCompiler.Result r = SigmaCompiler.compile(SigmaParser.parse(yaml, "t.yml"));
        assertThat(r.reason()).isNull();
        return runner.matches(r.kql(), 1000);
    }

    @Test
    void longValueListOnModulePayload_runsInSmallMemory_andMatchesIgnoringCase() throws Exception {
        assertThat(matches(rule("selection"))).isEqualTo(2);
    }

    @Test
    void negatedLongValueList_keepsEventsWithoutThePayloadField() throws Exception {
        assertThat(matches(rule("not selection"))).isEqualTo(EVENTS - 2);
    }
}
