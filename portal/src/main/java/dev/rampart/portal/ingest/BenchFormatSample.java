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
 * Writes the benchmark's process rows in the shapes the source-format mappers read — Sysmon process-create events
 * (event 1) as winlogbeat, NXLog and OTRF write them, Security 4688 and Defender streaming export records — so every
 * mapper and the native NDJSON path are measured on the same processes.
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

    /** The shapes a mapper reads, each written from the same process rows: name, format, writer. */
    enum Shape {
        SYSMON_WINLOGBEAT("sysmon-winlogbeat", "windows"),
        SYSMON_NXLOG("sysmon-nxlog", "windows"),
        OTRF("otrf", "windows"),
        SECURITY_4688("windows-security", "windows"),
        DEFENDER_EXPORT("defender-export", "defender-export");

        final String label;
        final String format;

        Shape(String label, String format) {
            this.label = label;
            this.format = format;
        }
    }

    /** Writes the rows in {@code shape}; {@code nativeNdjson} (the same rows as native lines) feeds the Defender export records. */
    static void write(Shape shape, Table t, List<Object[]> rows, java.nio.file.Path nativeNdjson, OutputStream out) throws IOException {
        switch (shape) {
            case SYSMON_WINLOGBEAT -> writeSysmon(t, rows, out);
            case DEFENDER_EXPORT -> writeDefenderExport(nativeNdjson, out);
            default -> writeFlat(shape, t, rows, out);
        }
    }

    /**
     * Flat event-data lines: NXLog's {@code im_msvistalog} JSON (Hostname, EventTime, SourceName, EventID, fields at
     * the top), the OTRF datasets' shape (the same plus TimeCreated, Message with the rendered text, Task...), and
     * Security 4688 process creation in NXLog shape (hex ids, token elevation and mandatory label codes).
     */
    private static void writeFlat(Shape shape, Table t, List<Object[]> rows, OutputStream out) throws IOException {
        ObjectMapper json = JsonMapper.builder().build();
        int ts = t.indexOf("Timestamp"), dev = t.indexOf("DeviceName"), folder = t.indexOf("FolderPath"), cmd = t.indexOf("ProcessCommandLine");
        int pid = t.indexOf("ProcessId"), sha1 = t.indexOf("SHA1"), md5 = t.indexOf("MD5"), sha256 = t.indexOf("SHA256");
        int acct = t.indexOf("AccountName"), dom = t.indexOf("AccountDomain"), integ = t.indexOf("ProcessIntegrityLevel");
        int pFolder = t.indexOf("InitiatingProcessFolderPath"), pCmd = t.indexOf("InitiatingProcessCommandLine"), pPid = t.indexOf("InitiatingProcessId");
        long n = 0;
        for (Object[] r : rows) {
            n++;
            LocalDateTime time = (LocalDateTime) r[ts];
            java.util.Map<String, Object> e = new java.util.LinkedHashMap<>();
            e.put("EventTime", UTC_TIME.format(time).substring(0, 19));
            e.put("Hostname", str(r[dev]));
            e.put("RecordNumber", n);
            if (shape == Shape.SECURITY_4688) {
                e.put("SourceName", "Microsoft-Windows-Security-Auditing");
                e.put("Channel", "Security");
                e.put("EventID", 4688);
                e.put("SubjectUserName", str(r[acct]));
                e.put("SubjectDomainName", str(r[dom]));
                e.put("SubjectLogonId", "0x3e7");
                e.put("NewProcessId", "0x" + Long.toHexString(r[pid] == null ? 0 : ((Number) r[pid]).longValue()));
                e.put("NewProcessName", str(r[folder]));
                e.put("TokenElevationType", "%%1936");
                e.put("ProcessId", "0x" + Long.toHexString(r[pPid] == null ? 0 : ((Number) r[pPid]).longValue()));
                e.put("CommandLine", str(r[cmd]));
                e.put("TargetUserName", "-");
                e.put("ParentProcessName", str(r[pFolder]));
                e.put("MandatoryLabel", "S-1-16-12288");
            } else {
                e.put("SourceName", "Microsoft-Windows-Sysmon");
                e.put("Channel", "Microsoft-Windows-Sysmon/Operational");
                e.put("EventID", 1);
                e.put("UtcTime", UTC_TIME.format(time));
                e.put("ProcessGuid", "{" + n + "}");
                e.put("ProcessId", str(r[pid]));
                e.put("Image", str(r[folder]));
                e.put("CommandLine", str(r[cmd]));
                e.put("CurrentDirectory", "C:\\Windows\\system32\\");
                e.put("User", str(r[dom]) + "\\" + str(r[acct]));
                e.put("IntegrityLevel", str(r[integ]));
                e.put("Hashes", "SHA1=" + str(r[sha1]) + ",MD5=" + str(r[md5]) + ",SHA256=" + str(r[sha256]));
                e.put("ParentProcessGuid", "{p" + n + "}");
                e.put("ParentProcessId", str(r[pPid]));
                e.put("ParentImage", str(r[pFolder]));
                e.put("ParentCommandLine", str(r[pCmd]));
            }
            if (shape == Shape.OTRF) {
                e.remove("EventTime");
                e.put("TimeCreated", UTC_TIME.format(time));
                e.put("Task", "1");
                e.put("@version", "1");
                e.put("Message", "Process Create:\r\nRuleName: -\r\nUtcTime: " + UTC_TIME.format(time) + "\r\nImage: " + str(r[folder])
                        + "\r\nCommandLine: " + str(r[cmd]) + "\r\nUser: " + str(r[dom]) + "\\" + str(r[acct]));
            }
            out.write(json.writeValueAsBytes(e));
            out.write('\n');
        }
    }

    /** Streaming API records wrapping each native line: {@code {"time":..,"category":"AdvancedHunting-<Table>","properties":{..}}}. */
    private static void writeDefenderExport(java.nio.file.Path nativeNdjson, OutputStream out) throws IOException {
        byte[] head = "{\"category\":\"AdvancedHunting-DeviceProcessEvents\",\"operationName\":\"Publish\",\"properties\":"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(nativeNdjson)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                out.write(head);
                out.write(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.write('}');
                out.write('\n');
            }
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
