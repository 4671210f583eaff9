package dev.rampart.portal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.core.RampartProperties;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class BenchIngestCommandTest {
    @TempDir
    Path dataDir;

    @Test
    void run_smallRun_printsBothRatesAndRatio() throws Exception {
        // The generated rows go through the validating NDJSON path, which rejects the run if any row were invalid.
        BenchIngestCommand bench = new BenchIngestCommand(new RampartProperties(dataDir, 30, "512MB", 1, DataSize.ofMegabytes(1)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = bench.run(List.of("3000"), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines[lines.length - 1]).matches("bench-ingest: ndjson \\d+ rows/s vs appender \\d+ rows/s = \\d+\\.\\d% \\(target >= 50%\\)");
        assertThat(dataDir).isEmptyDirectory();
    }

    @Test
    void run_windowsFormat_mapsEveryGeneratedEvent_andPrintsRatioToNative() throws Exception {
        // measureFormat fails the run if the mapper stored nothing, so a passing run proves the generated Sysmon lines map.
        BenchIngestCommand bench = new BenchIngestCommand(new RampartProperties(dataDir, 30, "512MB", 1, DataSize.ofMegabytes(1)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = bench.run(List.of("2000", "--format=windows"), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines[lines.length - 1]).matches("bench-ingest: windows \\d+ events/s vs native ndjson \\d+ rows/s = \\d+\\.\\d%");
        assertThat(bench.run(List.of("10", "--format=cef"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).isEqualTo(2);
    }

    @Test
    void run_mappers_storesEveryEventOfEveryShape_andPrintsARatioPerMapper() throws Exception {
        // A mapper that skipped or rejected any generated line fails the run, so exit 0 means each shape mapped in full.
        BenchIngestCommand bench = new BenchIngestCommand(new RampartProperties(dataDir, 30, "512MB", 1, DataSize.ofMegabytes(1)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = bench.run(List.of("1500", "--mappers"), new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        for (String shape : List.of("sysmon-winlogbeat", "sysmon-nxlog", "otrf", "windows-security", "defender-export")) {
            assertThat(text).containsPattern("bench-ingest: " + shape + " +[\\d,]+ events/s vs native ndjson +[\\d,]+ rows/s = ratio \\d+\\.\\d\\d");
        }
        String[] lines = text.strip().split("\n");
        assertThat(lines[lines.length - 1]).matches("bench-ingest: mappers vs native ndjson \\d+ rows/s: sysmon-winlogbeat \\d\\.\\d\\d, .*defender-export \\d\\.\\d\\d");
        assertThat(dataDir).isEmptyDirectory();
    }
}
