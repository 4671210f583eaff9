package dev.rampart.portal.response.sensors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The host's tables for live response on Linux: sockets from /proc/net, kernel modules, systemd units, cron, autostart. */
final class HostTables {
    private static final String[] TCP_STATES = {"", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT",
            "LAST_ACK", "LISTEN", "CLOSING"};

    private HostTables() {
    }

    record Run(int exit, String output) {
    }

    static Map<String, Object> connections() throws IOException {
        Path net = Path.of("/proc/net");
        if (!Files.isDirectory(net)) {
            return HostShell.failed("connections reads /proc/net, which this device (" + System.getProperty("os.name") + ") does not have");
        }
        Map<String, String> owners = socketOwners();
        List<List<Object>> rows = new ArrayList<>();
        for (String proto : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path f = net.resolve(proto);
            if (!Files.isReadable(f)) {
                continue;
            }
            List<String> lines = Files.readAllLines(f);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] c = line.trim().split("\\s+");
                if (c.length < 10) {
                    continue;
                }
                int st = Integer.parseInt(c[3], 16);
                String state = proto.startsWith("tcp") ? (st < TCP_STATES.length ? TCP_STATES[st] : c[3]) : (st == 7 ? "LISTEN" : "ESTABLISHED");
                String owner = owners.getOrDefault(c[9], "");
                rows.add(List.of(proto, address(c[1]), address(c[2]), state, owner.isEmpty() ? "" : owner.substring(0, owner.indexOf(' ')),
                        owner.isEmpty() ? "" : owner.substring(owner.indexOf(' ') + 1)));
                if (rows.size() >= HostShell.MAX_ROWS) {
                    break;
                }
            }
        }
        return HostShell.table(null, List.of("Protocol", "Local address", "Remote address", "State", "PID", "Process"), rows);
    }

    /** socket inode -> "pid name", for the processes this sensor may read. */
    private static Map<String, String> socketOwners() {
        Map<String, String> out = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(x -> x.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                String name = read(p.resolve("comm")).strip();
                try (Stream<Path> fds = Files.list(p.resolve("fd"))) {
                    for (Path fd : fds.toList()) {
                        try {
                            String t = Files.readSymbolicLink(fd).toString();
                            if (t.startsWith("socket:[")) {
                                out.put(t.substring(8, t.length() - 1), p.getFileName() + " " + name);
                            }
                        } catch (IOException ignored) {
                            // descriptor closed meanwhile
                        }
                    }
                } catch (IOException | SecurityException ignored) {
                    // another user's process
                }
            }
        } catch (IOException ignored) {
            // no /proc: sockets stay without owner
        }
        return out;
    }

    private static String address(String hex) {
        String[] parts = hex.split(":");
        int port = Integer.parseInt(parts[1], 16);
        String h = parts[0];
        byte[] b = new byte[h.length() / 2];
        // /proc/net stores each 32-bit word in host (little-endian) order.
        for (int w = 0; w < b.length / 4; w++) {
            for (int i = 0; i < 4; i++) {
                b[w * 4 + i] = (byte) Integer.parseInt(h.substring(w * 8 + (3 - i) * 2, w * 8 + (3 - i) * 2 + 2), 16);
            }
        }
        try {
            String a = InetAddress.getByAddress(b).getHostAddress();
            return (b.length == 16 ? "[" + a + "]" : a) + ":" + port;
        } catch (java.net.UnknownHostException e) {
            return hex;
        }
    }

    static Map<String, Object> drivers() throws IOException {
        Path m = Path.of("/proc/modules");
        if (!Files.isReadable(m)) {
            return HostShell.failed("drivers reads /proc/modules, which this device does not have");
        }
        List<List<Object>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(m)) {
            String[] c = line.split("\\s+");
            if (c.length >= 5) {
                rows.add(List.of(c[0], c[1], c[3].equals("-") ? "" : c[3].replaceAll(",$", ""), c[4]));
            }
        }
        return HostShell.table(null, List.of("Name", "Bytes", "Used by", "State"), rows);
    }

    static Map<String, Object> services() {
        Run r = exec(List.of("systemctl", "list-units", "--type=service", "--all", "--no-legend", "--no-pager", "--plain"), 30);
        if (r.exit() != 0) {
            return HostShell.failed("services needs systemd (systemctl answered " + r.exit() + ")", r.output());
        }
        List<List<Object>> rows = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            String[] c = line.trim().split("\\s+", 5);
            if (c.length >= 4) {
                rows.add(List.of(c[0], c[1], c[2], c[3], c.length > 4 ? c[4] : ""));
            }
        }
        return HostShell.table(null, List.of("Unit", "Load", "Active", "State", "Description"), rows);
    }

    static Map<String, Object> scheduledTasks() throws IOException {
        return HostShell.table(null, List.of("Source", "Schedule", "User", "Command"), cronRows());
    }

    private static List<List<Object>> cronRows() throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        List<Path> systemTabs = new ArrayList<>(List.of(Path.of("/etc/crontab")));
        systemTabs.addAll(list(Path.of("/etc/cron.d")));
        for (Path f : systemTabs) {
            for (String[] e : cronLines(f, true)) {
                rows.add(List.of(f.toString(), e[0], e[1], e[2]));
            }
        }
        for (Path f : list(Path.of("/var/spool/cron/crontabs"))) {
            for (String[] e : cronLines(f, false)) {
                rows.add(List.of(f.toString(), e[0], f.getFileName().toString(), e[2]));
            }
        }
        for (String period : List.of("hourly", "daily", "weekly", "monthly")) {
            for (Path f : list(Path.of("/etc/cron." + period))) {
                rows.add(List.of(f.getParent().toString(), "@" + period, "root", f.toString()));
            }
        }
        return rows;
    }

    private static List<String[]> cronLines(Path f, boolean withUser) throws IOException {
        List<String[]> out = new ArrayList<>();
        if (!Files.isReadable(f) || Files.isDirectory(f)) {
            return out;
        }
        for (String raw : Files.readAllLines(f)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.matches("^[A-Za-z_][A-Za-z0-9_]*\\s*=.*")) {
                continue;
            }
            String[] c = line.split("\\s+", line.startsWith("@") ? (withUser ? 3 : 2) : (withUser ? 7 : 6));
            if (line.startsWith("@")) {
                out.add(new String[] {c[0], withUser && c.length > 2 ? c[1] : "", c[c.length - 1]});
            } else if (c.length >= (withUser ? 7 : 6)) {
                out.add(new String[] {String.join(" ", List.of(c).subList(0, 5)), withUser ? c[5] : "", c[c.length - 1]});
            }
        }
        return out;
    }

    static Map<String, Object> startupFolders() throws IOException {
        return HostShell.table(null, List.of("Folder", "Entry", "Runs"), startupRows());
    }

    private static List<List<Object>> startupRows() throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        List<Path> folders = new ArrayList<>(List.of(Path.of("/etc/xdg/autostart")));
        folders.add(Path.of(System.getProperty("user.home"), ".config", "autostart"));
        for (Path d : folders) {
            for (Path f : list(d)) {
                String exec = read(f).lines().filter(l -> l.startsWith("Exec=")).map(l -> l.substring(5)).findFirst().orElse("");
                rows.add(List.of(d.toString(), f.getFileName().toString(), exec));
            }
        }
        return rows;
    }

    static Map<String, Object> persistence() throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> r : cronRows()) {
            rows.add(List.of("Scheduled task", r.get(0), r.get(1) + " " + r.get(3)));
        }
        for (List<Object> r : startupRows()) {
            rows.add(List.of("Startup item", r.get(0) + "/" + r.get(1), r.get(2)));
        }
        for (Path wants : list(Path.of("/etc/systemd/system"))) {
            if (wants.getFileName().toString().endsWith(".wants")) {
                for (Path unit : list(wants)) {
                    rows.add(List.of("Service", wants.toString(), unit.getFileName().toString()));
                }
            }
        }
        for (Path f : List.of(Path.of("/etc/rc.local"), Path.of("/etc/profile"), Path.of(System.getProperty("user.home"), ".bashrc"),
                Path.of(System.getProperty("user.home"), ".profile"))) {
            if (Files.isRegularFile(f)) {
                rows.add(List.of("Shell start-up", f.toString(), Files.size(f) + " bytes"));
            }
        }
        for (Path f : list(Path.of("/etc/profile.d"))) {
            rows.add(List.of("Shell start-up", f.toString(), ""));
        }
        return HostShell.table(null, List.of("Type", "Location", "Entry"), rows);
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir) || !Files.isReadable(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    static Run exec(List<String> cmd, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread t = new Thread(() -> {
                try (InputStream in = p.getInputStream()) {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // process ended
                }
            });
            t.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(-1, "timed out");
            }
            t.join(2000);
            return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Run(127, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "interrupted");
        }
    }
}
