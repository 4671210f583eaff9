package dev.rampart.portal.ingest;

import dev.rampart.kql.schema.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the benchmark's process rows as Sysmon process-create events (event 1) in the winlogbeat shape, so the
 * Windows mapper and the native NDJSON path are measured on the same processes.
 */
final class BenchFormatSample {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    private BenchFormatSample() {
    }

    static void writeSysmon(Table t, List<Object[]> rows, OutputStream out) throws IOException {
        ObjectMapper json = JsonMapper.builder().build();
        int ts = t.indexOf("Timestamp"), dev = t.indexOf("DeviceName"), folder = t.indexOf("FolderPath"), cmd = t.indexOf("ProcessCommandLine");
        int pid = t.indexOf("ProcessId"), sha1 = t.indexOf("SHA1"), md5 = t.indexOf("MD5"), sha256 = t.indexOf("SHA256");
        int acct = t.indexOf("AccountName"), dom = t.indexOf("AccountDomain"), integ = t.indexOf("ProcessIntegrityLevel");
        int pFolder = t.indexOf("InitiatingProcessFolderPath"), pCmd = t.indexOf("InitiatingProcessCommandLine"), pPid = t.indexOf("InitiatingProcessId");
        long n = 0;
        for (Object[] r : rows) {
            n++;
            try (JsonGenerator g = json.createGenerator(new NoClose(out))) {
                LocalDateTime time = (LocalDateTime) r[ts];
                g.writeStartObject();
                g.writeStringProperty("@timestamp", ISO.format(time));
                g.writeName("winlog");
                g.writeStartObject();
                g.writeStringProperty("channel", "Microsoft-Windows-Sysmon/Operational");
                g.writeStringProperty("provider_name", "Microsoft-Windows-Sysmon");
                g.writeNumberProperty("event_id", 1);
                g.writeStringProperty("computer_name", str(r[dev]));
                g.writeNumberProperty("record_id", n);
                g.writeName("event_data");
                g.writeStartObject();
                g.writeStringProperty("UtcTime", UTC_TIME.format(time));
                g.writeStringProperty("ProcessGuid", "{" + n + "}");
                g.writeStringProperty("ProcessId", str(r[pid]));
                g.writeStringProperty("Image", str(r[folder]));
                g.writeStringProperty("CommandLine", str(r[cmd]));
                g.writeStringProperty("User", str(r[dom]) + "\\" + str(r[acct]));
                g.writeStringProperty("IntegrityLevel", str(r[integ]));
                g.writeStringProperty("Hashes", "SHA1=" + str(r[sha1]) + ",MD5=" + str(r[md5]) + ",SHA256=" + str(r[sha256]));
                g.writeStringProperty("ParentProcessGuid", "{p" + n + "}");
                g.writeStringProperty("ParentProcessId", str(r[pPid]));
                g.writeStringProperty("ParentImage", str(r[pFolder]));
                g.writeStringProperty("ParentCommandLine", str(r[pCmd]));
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
            }
            out.write('\n');
        }
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static final class NoClose extends java.io.FilterOutputStream {
        NoClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

}
