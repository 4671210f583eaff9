package dev.rampart.portal.ingest;

import dev.rampart.kql.schema.Column;
import dev.rampart.kql.schema.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * Deterministic, realistic {@code DeviceProcessEvents} rows for the ingest benchmark: a few hundred devices,
 * users and binaries recur (as in real telemetry) while command lines, ids and times vary per row.
 */
final class ProcessEventSample {
    private static final String[][] BINARIES = {
        {"powershell.exe", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0", "Microsoft Corporation", "Windows PowerShell"},
        {"cmd.exe", "C:\\Windows\\System32", "Microsoft Corporation", "Windows Command Processor"},
        {"svchost.exe", "C:\\Windows\\System32", "Microsoft Corporation", "Host Process for Windows Services"},
        {"chrome.exe", "C:\\Program Files\\Google\\Chrome\\Application", "Google LLC", "Google Chrome"},
        {"msedge.exe", "C:\\Program Files (x86)\\Microsoft\\Edge\\Application", "Microsoft Corporation", "Microsoft Edge"},
        {"OUTLOOK.EXE", "C:\\Program Files\\Microsoft Office\\root\\Office16", "Microsoft Corporation", "Microsoft Outlook"},
        {"rundll32.exe", "C:\\Windows\\System32", "Microsoft Corporation", "Windows host process (Rundll32)"},
        {"conhost.exe", "C:\\Windows\\System32", "Microsoft Corporation", "Console Window Host"},
        {"git.exe", "C:\\Program Files\\Git\\cmd", "The Git Development Community", "Git for Windows"},
        {"python.exe", "C:\\Users\\Public\\Python311", "Python Software Foundation", "Python"},
    };
    private static final String[] INTEGRITY = {"Low", "Medium", "High", "System"};
    private static final String[] ELEVATION = {"TokenElevationTypeDefault", "TokenElevationTypeFull", "TokenElevationTypeLimited"};

    private final Table table;
    private final Random random;
    private final LocalDateTime start;
    private final String[] devices = new String[300];
    private final String[] deviceIds = new String[300];
    private final String[] users = new String[500];
    private final String[] sids = new String[500];
    private final String[][] hashes = new String[BINARIES.length * 40][];
    private long row;

    ProcessEventSample(Table table, long seed, LocalDateTime start) {
        this.table = table;
        this.random = new Random(seed);
        this.start = start;
        for (int i = 0; i < devices.length; i++) {
            devices[i] = String.format("ws-%04d.corp.contoso.com", i);
            deviceIds[i] = hex(20);
        }
        for (int i = 0; i < users.length; i++) {
            users[i] = "user" + i;
            sids[i] = "S-1-5-21-1004336348-1177238915-682003330-" + (1100 + i);
        }
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = new String[] {hex(20), hex(32), hex(16), Long.toString(20_000 + random.nextInt(5_000_000)), "10.0." + (19041 + i) + ".1"};
        }
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The next row in column order, with the Java types {@code TableAppender} takes. */
    Object[] next() {
        long n = row++;
        List<Column> cols = table.columns();
        Object[] v = new Object[cols.size()];
        int bin = random.nextInt(hashes.length);
        String[] b = BINARIES[bin % BINARIES.length];
        String[] h = hashes[bin];
        int parentBin = random.nextInt(hashes.length);
        String[] pb = BINARIES[parentBin % BINARIES.length];
        String[] ph = hashes[parentBin];
        int device = random.nextInt(devices.length);
        int user = random.nextInt(users.length);
        LocalDateTime ts = start.plusNanos(n * 1_200_000_000L + random.nextInt(1_000_000) * 1000L);
        long pid = 1000 + random.nextInt(60000);
        long parentPid = 1000 + random.nextInt(60000);
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (cols.get(i).name()) {
                case "Timestamp" -> ts;
                case "DeviceId" -> deviceIds[device];
                case "DeviceName" -> devices[device];
                case "ActionType" -> "ProcessCreated";
                case "FileName", "ProcessVersionInfoOriginalFileName", "ProcessVersionInfoInternalFileName" -> b[0];
                case "FolderPath" -> b[1] + "\\" + b[0];
                case "SHA1" -> h[0];
                case "SHA256" -> h[1];
                case "MD5" -> h[2];
                case "FileSize" -> Long.parseLong(h[3]);
                case "ProcessVersionInfoCompanyName" -> b[2];
                case "ProcessVersionInfoProductName", "ProcessVersionInfoFileDescription" -> b[3];
                case "ProcessVersionInfoProductVersion" -> h[4];
                case "ProcessId" -> pid;
                case "ProcessCommandLine" -> commandLine(b[0], user);
                case "ProcessIntegrityLevel" -> INTEGRITY[random.nextInt(INTEGRITY.length)];
                case "ProcessTokenElevation" -> ELEVATION[random.nextInt(ELEVATION.length)];
                case "ProcessCreationTime" -> ts;
                case "AccountDomain", "InitiatingProcessAccountDomain" -> "contoso";
                case "AccountName", "InitiatingProcessAccountName" -> users[user];
                case "AccountSid", "InitiatingProcessAccountSid" -> sids[user];
                case "AccountUpn", "InitiatingProcessAccountUpn" -> users[user] + "@contoso.com";
                case "LogonId", "InitiatingProcessLogonId" -> 100_000L + user;
                case "InitiatingProcessIntegrityLevel" -> "Medium";
                case "InitiatingProcessTokenElevation" -> "TokenElevationTypeLimited";
                case "InitiatingProcessSHA1" -> ph[0];
                case "InitiatingProcessSHA256" -> ph[1];
                case "InitiatingProcessMD5" -> ph[2];
                case "InitiatingProcessFileName", "InitiatingProcessVersionInfoOriginalFileName",
                     "InitiatingProcessVersionInfoInternalFileName" -> pb[0];
                case "InitiatingProcessFileSize" -> Long.parseLong(ph[3]);
                case "InitiatingProcessVersionInfoCompanyName" -> pb[2];
                case "InitiatingProcessVersionInfoProductName", "InitiatingProcessVersionInfoFileDescription" -> pb[3];
                case "InitiatingProcessVersionInfoProductVersion" -> ph[4];
                case "InitiatingProcessId" -> parentPid;
                case "InitiatingProcessCommandLine" -> commandLine(pb[0], user);
                case "InitiatingProcessCreationTime" -> ts.minusSeconds(random.nextInt(86_400));
                case "InitiatingProcessFolderPath" -> pb[1] + "\\" + pb[0];
                case "InitiatingProcessParentId" -> 4L + random.nextInt(1000);
                case "InitiatingProcessParentFileName" -> "explorer.exe";
                case "InitiatingProcessParentCreationTime" -> ts.minusDays(1);
                case "InitiatingProcessSignerType" -> "OsVendor";
                case "InitiatingProcessSignatureStatus" -> "Valid";
                case "ReportId" -> n;
                case "AdditionalFields" -> n % 10 == 0 ? "{\"ProcessStartKey\":" + (n * 7919) + "}" : null;
                case "InitiatingProcessSessionId", "CreatedProcessSessionId" -> 1L + user % 4;
                case "IsInitiatingProcessRemoteSession", "IsProcessRemoteSession" -> Boolean.FALSE;
                default -> null;
            };
        }
        return v;
    }

    private String commandLine(String exe, int user) {
        return switch (exe) {
            case "powershell.exe" -> "powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\\Users\\user" + user
                    + "\\AppData\\Local\\Temp\\script" + random.nextInt(100_000) + ".ps1";
            case "cmd.exe" -> "cmd.exe /c \"dir C:\\Users\\user" + user + "\\Documents > %TEMP%\\out" + random.nextInt(1000) + ".txt\"";
            case "chrome.exe", "msedge.exe" -> "\"" + exe + "\" --type=renderer --field-trial-handle=" + random.nextInt(1 << 30)
                    + " --lang=en-US --renderer-client-id=" + random.nextInt(500);
            default -> exe + " " + random.nextInt(10_000);
        };
    }

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    /** Writes rows as NDJSON in the native schema (nulls omitted, datetimes as ISO-8601 UTC). */
    static void writeNdjson(Table table, Iterable<Object[]> rows, OutputStream out) throws IOException {
        List<Column> cols = table.columns();
        try (JsonGenerator g = RowDecoder.JSON.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8)) {
            for (Object[] r : rows) {
                g.writeStartObject();
                for (int i = 0; i < r.length; i++) {
                    Object v = r[i];
                    if (v == null) {
                        continue;
                    }
                    g.writeName(cols.get(i).name());
                    if (v instanceof Long l) {
                        g.writeNumber(l);
                    } else if (v instanceof Boolean bool) {
                        g.writeBoolean(bool);
                    } else if (v instanceof LocalDateTime t) {
                        g.writeString(ISO.format(t));
                    } else {
                        g.writeString(v.toString());
                    }
                }
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
    }
}
