package dev.rampart.portal.response.sensors;

import dev.rampart.portal.events.EventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Live response for the demo's simulated devices: answers from the device's own telemetry in the event store (the
 * processes and connections of its last day, the files and folders its file events name, its registry events), so a
 * session shows the same world as hunting. Commands that would change or upload something are refused with a reason.
 */
final class SimulatedShell {
    /** Files the device's telemetry names: file events and the images of started processes. */
    private static final String FILES = "(SELECT FolderPath, FileName, FileSize, SHA1, SHA256, MD5, Timestamp FROM DeviceFileEvents WHERE DeviceId = ? "
            + "UNION ALL SELECT FolderPath, FileName, FileSize, SHA1, SHA256, MD5, Timestamp FROM DeviceProcessEvents WHERE DeviceId = ?)";
    private final EventStore events;
    private final String deviceId;
    private final boolean windows;
    private String cwd;

    SimulatedShell(EventStore events, String deviceId, String osPlatform, String start) {
        this.events = events;
        this.deviceId = deviceId;
        this.windows = osPlatform == null || osPlatform.toLowerCase(Locale.ROOT).startsWith("windows");
        this.cwd = start != null ? start : windows ? "C:\\" : "/";
    }

    String cwd() {
        return cwd;
    }

    Map<String, Object> run(String command, List<String> args) {
        try {
            return switch (command) {
                case "processes" -> processes(args.isEmpty() ? null : args.get(0));
                case "connections" -> HostShell.table("Connections of the last day of telemetry", List.of("Protocol", "Local address", "Remote address", "State",
                        "PID", "Process"), rows("SELECT Protocol, LocalIP || ':' || LocalPort, RemoteIP || ':' || RemotePort, "
                        + "CASE WHEN ActionType = 'ListeningConnectionCreated' THEN 'LISTEN' ELSE 'ESTABLISHED' END, InitiatingProcessId, InitiatingProcessFileName "
                        + "FROM DeviceNetworkEvents WHERE DeviceId = ? AND Timestamp >= (SELECT max(Timestamp) FROM DeviceNetworkEvents WHERE DeviceId = ?) - INTERVAL 1 DAY "
                        + "ORDER BY Timestamp DESC LIMIT 500", deviceId, deviceId));
                case "cd" -> cd(args.get(0));
                case "dir" -> dir(args.isEmpty() ? cwd : resolve(args.get(0)));
                case "fileinfo" -> fileinfo(resolve(args.get(0)));
                case "findfile" -> HostShell.table(null, List.of("Path", "Bytes", "Last seen (UTC)"), rows("SELECT CASE WHEN lower(FolderPath) LIKE '%' || lower(FileName) "
                        + "THEN FolderPath ELSE FolderPath || ? || FileName END, arg_max(FileSize, Timestamp), max(Timestamp) FROM " + FILES
                        + " WHERE regexp_full_match(FileName, ?, 'i') GROUP BY 1 ORDER BY 1 LIMIT 500", sep(), deviceId, deviceId,
                        args.get(0).contains("*") || args.get(0).contains("?") ? HostShell.glob(args.get(0)) : java.util.regex.Pattern.quote(args.get(0))));
                case "registry" -> HostShell.table(null, List.of("Key", "Value", "Data", "Last written (UTC)"), rows("SELECT RegistryKey, RegistryValueName, "
                        + "arg_max(RegistryValueData, Timestamp), max(Timestamp) FROM DeviceRegistryEvents WHERE DeviceId = ? AND starts_with(lower(RegistryKey), lower(?)) "
                        + "GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 1000", deviceId, args.get(0)));
                case "persistence" -> HostShell.table("Run keys written in the telemetry", List.of("Type", "Location", "Entry"), rows("SELECT 'Registry run key', "
                        + "RegistryKey, RegistryValueName || ' = ' || arg_max(RegistryValueData, Timestamp) FROM DeviceRegistryEvents WHERE DeviceId = ? "
                        + "AND (RegistryKey ILIKE '%\\CurrentVersion\\Run%' OR RegistryKey ILIKE '%\\Services\\%') GROUP BY RegistryKey, RegistryValueName "
                        + "ORDER BY 2 LIMIT 1000", deviceId));
                case "getfile", "collect" -> HostShell.failed("the simulated sensor holds no file contents to upload");
                case "run", "putfile" -> HostShell.failed("the simulated sensor does not run scripts or store files; connect a reference sensor "
                        + "(java -jar rampart.jar sensor) to a real host for that");
                default -> HostShell.failed(command + " is not simulated on demo devices");
            };
        } catch (SQLException e) {
            return HostShell.failed("the event store could not answer: " + e.getMessage());
        }
    }

    private String sep() {
        return windows ? "\\" : "/";
    }

    private String resolve(String p) {
        String s = p.replace(windows ? '/' : '\\', windows ? '\\' : '/');
        boolean absolute = windows ? s.matches("^[A-Za-z]:\\\\.*") || s.matches("^[A-Za-z]:$") : s.startsWith("/");
        String path = absolute ? s : cwd + (cwd.endsWith(sep()) ? "" : sep()) + s;
        List<String> parts = new ArrayList<>();
        for (String part : path.split(windows ? "\\\\" : "/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.size() > (windows ? 1 : 0)) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(part);
            }
        }
        String joined = String.join(sep(), parts);
        return windows ? (parts.size() <= 1 ? joined + "\\" : joined) : "/" + joined;
    }

    /** Files last seen under {@code folder} (any depth): full path → [bytes, last seen]. */
    private Map<String, List<Object>> filesUnder(String folder) throws SQLException {
        Map<String, List<Object>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String prefix = folder.endsWith(sep()) ? folder : folder + sep();
        for (List<Object> r : rows("SELECT CASE WHEN lower(FolderPath) LIKE '%' || lower(FileName) THEN FolderPath ELSE FolderPath || ? || FileName END AS p, "
                + "arg_max(FileSize, Timestamp), max(Timestamp) FROM " + FILES + " WHERE starts_with(lower(FolderPath), lower(?)) "
                + "GROUP BY 1 LIMIT 20000", sep(), deviceId, deviceId, prefix)) {
            out.put(String.valueOf(r.get(0)), r.subList(1, 3));
        }
        return out;
    }

    private Map<String, Object> cd(String target) throws SQLException {
        String p = resolve(target);
        boolean root = windows ? p.length() <= 3 : p.equals("/");
        if (!root && filesUnder(p).isEmpty()) {
            return HostShell.failed("no such folder in this device's telemetry: " + p);
        }
        cwd = p;
        return HostShell.ok("Current folder: " + cwd);
    }

    private Map<String, Object> dir(String folder) throws SQLException {
        String prefix = folder.endsWith(sep()) ? folder : folder + sep();
        TreeSet<String> folders = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        List<List<Object>> files = new ArrayList<>();
        for (Map.Entry<String, List<Object>> e : filesUnder(folder).entrySet()) {
            String rest = e.getKey().substring(Math.min(prefix.length(), e.getKey().length()));
            int slash = rest.indexOf(sep());
            if (slash > 0) {
                folders.add(rest.substring(0, slash));
            } else if (!rest.isEmpty()) {
                files.add(List.of(rest, "file", e.getValue().get(0) == null ? "" : e.getValue().get(0), String.valueOf(e.getValue().get(1))));
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        folders.forEach(f -> rows.add(List.of(f, "folder", "", "")));
        rows.addAll(files);
        return HostShell.table("Folder " + folder + " (files this device's telemetry names)", List.of("Name", "Type", "Bytes", "Modified (UTC)"), rows);
    }

    private Map<String, Object> fileinfo(String path) throws SQLException {
        int cut = path.lastIndexOf(sep());
        String name = path.substring(cut + 1);
        List<List<Object>> r = rows("SELECT ?, arg_max(FileSize, Timestamp), min(Timestamp), max(Timestamp), '', arg_max(SHA1, Timestamp), "
                + "arg_max(SHA256, Timestamp), arg_max(MD5, Timestamp) FROM " + FILES + " WHERE lower(FileName) = lower(?) "
                + "AND (lower(FolderPath) = lower(?) OR lower(FolderPath) = lower(?)) HAVING count(*) > 0", path, deviceId, deviceId, name, path,
                path.substring(0, Math.max(0, cut)));
        return r.isEmpty() ? HostShell.failed("no such file in this device's telemetry: " + path)
                : HostShell.table(null, List.of("Path", "Bytes", "Created (UTC)", "Modified (UTC)", "Owner", "SHA1", "SHA256", "MD5"), r);
    }

    private Map<String, Object> processes(String filter) throws SQLException {
        String f = filter == null ? "" : filter;
        return HostShell.table("Processes started in the last day of telemetry", List.of("PID", "PPID", "User", "Name", "Command line", "Started (UTC)"),
                rows("SELECT ProcessId, InitiatingProcessId, AccountName, FileName, ProcessCommandLine, min(Timestamp) FROM DeviceProcessEvents "
                        + "WHERE DeviceId = ? AND Timestamp >= (SELECT max(Timestamp) FROM DeviceProcessEvents WHERE DeviceId = ?) - INTERVAL 1 DAY "
                        + "AND (? = '' OR CAST(ProcessId AS VARCHAR) = ? OR (NOT regexp_full_match(?, '[0-9]+') AND contains(lower(FileName), lower(?)))) "
                        + "GROUP BY ALL ORDER BY 6 DESC LIMIT 500", deviceId, deviceId, f, f, f, f));
    }

    private List<List<Object>> rows(String sql, Object... params) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = events.openReadConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        row.add(v == null ? "" : v instanceof Number ? v : String.valueOf(v));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }
}
