package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** The acceptance harness commands on the shared portal's event store. */
class HuntingHarnessIT extends AbstractPortalIT {
    @Autowired
    HuntCorpusCommand huntCorpus;
    @Autowired
    KqlConformanceCommand conformance;

    @TempDir
    Path dir;

    private String run(dev.rampart.portal.cli.Command c, List<String> args) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertThat(c.run(args, new PrintStream(buf, true, StandardCharsets.UTF_8))).isZero();
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void huntCorpus_reportsTheStageEachFileReached_andCountsExternalDataApart() throws Exception {
        Files.writeString(dir.resolve("a-ok.kql"), "DeviceProcessEvents | where FileName == 'x' | take 5");
        Files.writeString(dir.resolve("b-parse.kql"), "DeviceProcessEvents | where (");
        Files.writeString(dir.resolve("c-compile.kql"), "DeviceProcessEvents | project NoSuchColumn");
        // Only the file is missing: counted apart, not as a failure.
        Files.writeString(dir.resolve("d-external.kql"), "let Bad = externaldata(Sha1: string)[@\"https://feeds-"
                + UUID.randomUUID() + ".example.net/sha1.txt\"] with (format=\"txt\");\n"
                + "DeviceFileEvents | where SHA1 in (Bad) | take 3");
        // The file is missing and the rest would not compile either: a compile failure.
        Files.writeString(dir.resolve("e-external-and-broken.kql"), "let Bad = externaldata(Sha1: string)[@\"https://feeds.example.net/x.txt\"];\n"
                + "Bad | project Nope");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/f-ok.kql"), "DeviceInfo | summarize count() by OSPlatform");
        Files.writeString(dir.resolve("notes.md"), "not a query");

        String out = run(huntCorpus, List.of(dir.toString(), "--no-demo", "--timeout=30"));

        assertThat(out).containsPattern("(?m)^a-ok\\.kql\tok\t\\d+\t\\d+\t$")
                .containsPattern("(?m)^b-parse\\.kql\tparse\t0\t\\d+\t.*line 1, column \\d+")
                .containsPattern("(?m)^c-compile\\.kql\tcompile\t0\t\\d+\tUnknown column 'NoSuchColumn'")
                .containsPattern("(?m)^d-external\\.kql\tcompile\t0\t\\d+\texternaldata 'https://feeds-.*is not available.*external-data-allow")
                .containsPattern("(?m)^e-external-and-broken\\.kql\tcompile\t0\t\\d+\tUnknown column 'Nope'")
                .containsPattern("(?m)^sub/f-ok\\.kql\tok\t")
                .contains("failures by reason:").contains("compile: UNKNOWN_COLUMN").doesNotContain("notes.md");
        assertThat(out.strip().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo("parsed 5/6 compiled 2/6 executed 2/6 external 1");
    }

    @Test
    void huntCorpus_withoutADirectory_explainsUsage() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertThat(huntCorpus.run(List.of(dir.resolve("absent").toString()), new PrintStream(buf, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("no directory").contains("usage: hunt-corpus DIR");
    }

    @Test
    void kqlConformance_comparesWithTheExpectedTables_andListsFailures() throws Exception {
        Path file = dir.resolve("cases.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"id\":\"mod-1\",\"query\":\"print r = -14 % 12\",\"columns\":[\"r\"],\"rows\":[[\"10\"]],\"order_insensitive\":false}",
                "{\"id\":\"dt-1\",\"query\":\"datatable(t:datetime, n:long)[datetime(2017-01-01), 1, datetime(2017-01-02), 2] | where n > 1\","
                        + "\"columns\":[\"t\",\"n\"],\"rows\":[[\"2017-01-02 00:00:00.0000000\",\"2\"]],\"order_insensitive\":false}",
                "{\"id\":\"bag-1\",\"query\":\"print d = dynamic({'b':2,'a':[1,2]})\",\"columns\":[\"d\"],"
                        + "\"rows_rendered\":[[\"{'a':[1,2],'b':2}\"]],\"rows\":[[\"x\"]],\"order_insensitive\":false}",
                "{\"id\":\"wrong-1\",\"query\":\"print x = 1 + 1\",\"columns\":[\"x\"],\"rows\":[[\"3\"]],\"order_insensitive\":false}",
                ""));
        String out = run(conformance, List.of(file.toString()));
        assertThat(out).contains("FAIL wrong-1 [compare: values] row 1: expected [3], got [2]").doesNotContain("FAIL mod-1")
                .doesNotContain("FAIL dt-1").doesNotContain("FAIL bag-1");
        assertThat(out.strip().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo("conformance: passed 3/4");
    }
}
