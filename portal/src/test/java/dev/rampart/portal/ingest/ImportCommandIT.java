package dev.rampart.portal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.events.EventStore;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

class ImportCommandIT extends AbstractPortalIT {
    @Autowired
    ImportCommand command;
    @Autowired
    EventStore events;
    @Autowired
    AuditLog audit;
    @TempDir
    Path dir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return command.run(List.of(args), new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private long count(String sql) throws Exception {
        try (Connection c = events.openReadConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String rows(String device, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("{\"Timestamp\":\"2026-02-01T00:00:00Z\",\"DeviceName\":\"").append(device).append("\",\"RemotePort\":").append(i).append("}\n");
        }
        return b.toString();
    }

    @Test
    void import_zipAndGzip_storesEveryEntryAndEndsEachFilesProgressBarAtFullShare() throws Exception {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        Path zip = dir.resolve("events.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new java.util.zip.ZipEntry("one.ndjson"));
            z.write(rows("zip1-" + run, 120).getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new java.util.zip.ZipEntry("README.md"));
            z.write("not events".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new java.util.zip.ZipEntry("two.json"));
            z.write(rows("zip2-" + run, 80).getBytes(StandardCharsets.UTF_8));
        }
        Path gz = dir.resolve("more.ndjson.gz");
        try (OutputStream z = new GZIPOutputStream(Files.newOutputStream(gz))) {
            z.write(rows("gz-" + run, 50).getBytes(StandardCharsets.UTF_8));
        }

        int code = run("--table", "DeviceNetworkEvents", zip.toString(), gz.toString());

        assertThat(code).isZero();
        assertThat(count("SELECT count(*) FROM DeviceNetworkEvents WHERE DeviceName LIKE '%-" + run + "'")).isEqualTo(250);
        assertThat(output()).contains("import: " + zip + "!README.md: not a JSON lines entry, not read")
                .containsPattern("import: " + java.util.regex.Pattern.quote(zip.toString()) + " \\[#{30}\\] 100% 200 lines, ")
                .containsPattern("import: " + java.util.regex.Pattern.quote(gz.toString()) + " \\[#{30}\\] 100% 50 lines, ");
        String[] lines = output().strip().split("\n");
        assertThat(lines[lines.length - 1]).startsWith("import: 250 rows into DeviceNetworkEvents from 3 files in ");
    }

    @Test
    void import_files_storesRowsAuditsAndPrintsSummary() throws Exception {
        Path a = Files.writeString(dir.resolve("a.ndjson"), rows("import-a", 300));
        Path b = dir.resolve("b.ndjson.gz");
        try (OutputStream z = new GZIPOutputStream(Files.newOutputStream(b))) {
            z.write(rows("import-b", 200).getBytes(StandardCharsets.UTF_8));
        }

        int code = run("--table", "DeviceNetworkEvents", a.toString(), b.toString());

        assertThat(code).isZero();
        assertThat(count("SELECT count(*) FROM DeviceNetworkEvents WHERE DeviceName IN ('import-a', 'import-b')")).isEqualTo(500);
        String[] lines = output().strip().split("\n");
        assertThat(lines[lines.length - 1]).matches("import: 500 rows into DeviceNetworkEvents from 2 files in [0-9.]+ s \\([0-9]+ rows/s\\)");
        assertThat(audit.recent(50, 0)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("events.import");
            assertThat(e.targetId()).isEqualTo("DeviceNetworkEvents");
            assertThat(e.details()).isEqualTo("300 events imported from " + a);
            assertThat(e.actor()).startsWith("cli:");
        });
    }

    @Test
    void import_fileWithBadLine_rejectsThatFileOnlyAndPrintsFileLineField() throws Exception {
        Path good = Files.writeString(dir.resolve("good.ndjson"), rows("import-good", 10));
        Path bad = Files.writeString(dir.resolve("bad.ndjson"), rows("import-bad", 3) + "{\"RemotePort\":\"http\"}\n" + rows("import-bad", 2));

        int code = run("--table=DeviceNetworkEvents", good.toString(), bad.toString());

        assertThat(code).isEqualTo(1);
        assertThat(output()).contains(bad + ":4: RemotePort: expected int, got string \"http\"");
        assertThat(output()).contains("import: " + bad + " rejected: 1 of 6 lines invalid; nothing stored from this file");
        assertThat(output()).contains("import: 10 rows into DeviceNetworkEvents from 1 file in ").contains("; 1 of 2 files rejected");
        assertThat(count("SELECT count(*) FROM DeviceNetworkEvents WHERE DeviceName = 'import-good'")).isEqualTo(10);
        assertThat(count("SELECT count(*) FROM DeviceNetworkEvents WHERE DeviceName = 'import-bad'")).isZero();
    }

    @Test
    void import_unknownTable_namesNearestAndImportsNothing() throws Exception {
        Path f = Files.writeString(dir.resolve("x.ndjson"), rows("import-x", 1));
        assertThat(run("--table", "DeviceNetworkEvent", f.toString())).isEqualTo(2);
        assertThat(output()).contains("No hunting table named 'DeviceNetworkEvent'. Did you mean 'DeviceNetworkEvents'?");
    }

    @Test
    void import_missingFile_failsBeforeImporting() throws Exception {
        Path f = Files.writeString(dir.resolve("y.ndjson"), rows("import-y", 1));
        assertThat(run("--table", "DeviceNetworkEvents", f.toString(), dir.resolve("missing.ndjson").toString())).isEqualTo(2);
        assertThat(output()).contains("cannot read");
        assertThat(count("SELECT count(*) FROM DeviceNetworkEvents WHERE DeviceName = 'import-y'")).isZero();
    }
}
