package dev.rampart.portal.response.sensors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The live response commands of the reference sensor, carried out on the host it runs on (Linux and other Unix-like
 * systems; Windows-only commands fail with a reason). One instance per session keeps its current folder. Results are
 * the protocol's result objects: text, a table, a new current folder, or a file.
 */
final class HostShell {
    static final int MAX_FILE_BYTES = 20 * 1024 * 1024;
    static final int MAX_ROWS = 10_000;
    private static final int MAX_OUTPUT = 1_000_000;

    private final Path workDir;
    private final List<Path> searchRoots;
    private Path cwd;

    HostShell(Path start, Path workDir, List<Path> searchRoots) {
        this.cwd = start.toAbsolutePath().normalize();
        this.workDir = workDir;
        this.searchRoots = searchRoots;
    }

    /** Runs one command ({@code command}, {@code arguments}, {@code options}, {@code file}) and answers its result. */
    Map<String, Object> run(String command, List<String> args, Map<String, String> options, Map<String, String> file, long timeoutSeconds) {
        try {
            return switch (command) {
                case "cd" -> cd(args.get(0));
                case "dir" -> dir(args.isEmpty() ? cwd : resolve(args.get(0)));
                case "fileinfo" -> fileinfo(resolve(args.get(0)));
                case "findfile" -> findfile(args.get(0));
                case "getfile" -> getfile(resolve(args.get(0)));
                case "processes" -> processes(args.isEmpty() ? null : args.get(0));
                case "connections" -> HostTables.connections();
                case "drivers" -> HostTables.drivers();
                case "services" -> HostTables.services();
                case "scheduledtasks" -> HostTables.scheduledTasks();
                case "startupfolders" -> HostTables.startupFolders();
                case "persistence" -> HostTables.persistence();
                case "registry" -> failed("the registry exists only on Windows; this device runs " + System.getProperty("os.name"));
                case "run" -> runScript(file, options.get("parameters"), timeoutSeconds);
                case "putfile" -> putfile(file, options.containsKey("overwrite"));
                case "remediate" -> remediate(args.get(0).toLowerCase(Locale.ROOT), args.get(1));
                case "undo" -> undo(args.get(0).toLowerCase(Locale.ROOT), args.get(1));
                case "scan" -> failed("this sensor has no antivirus engine to scan with");
                case "collect" -> collect();
                default -> failed("this sensor does not support " + command);
            };
        } catch (NoSuchFileException e) {
            return failed("no such file or folder: " + e.getFile());
        } catch (AccessDeniedException e) {
            return failed("access denied: " + e.getFile());
        } catch (IOException | RuntimeException e) {
            return failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted");
        }
    }

    Path cwd() {
        return cwd;
    }

    private Path resolve(String p) {
        return cwd.resolve(p).toAbsolutePath().normalize();
    }

    private Map<String, Object> cd(String target) throws NoSuchFileException {
        Path p = resolve(target);
        if (!Files.isDirectory(p)) {
            throw new NoSuchFileException(p.toString());
        }
        cwd = p;
        return ok("Current folder: " + cwd);
    }

    private Map<String, Object> dir(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            throw new NoSuchFileException(p.toString());
        }
        List<List<Object>> rows = new ArrayList<>();
        try (Stream<Path> s = Files.list(p)) {
            for (Path f : s.sorted(Comparator.comparing((Path x) -> !Files.isDirectory(x)).thenComparing(x -> x.getFileName().toString())).limit(MAX_ROWS).toList()) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                rows.add(List.of(f.getFileName().toString(), a.isDirectory() ? "folder" : a.isSymbolicLink() ? "link" : "file", a.isDirectory() ? "" : a.size(),
                        a.lastModifiedTime().toInstant().toString()));
            }
        }
        return table("Folder " + p, List.of("Name", "Type", "Bytes", "Modified (UTC)"), rows);
    }

    private Map<String, Object> fileinfo(Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        if (a.isDirectory()) {
            return failed(p + " is a folder");
        }
        String owner;
        try {
            owner = Files.getOwner(p).getName();
        } catch (IOException | UnsupportedOperationException e) {
            owner = "";
        }
        Map<String, String> h = hashes(p);
        return table(null, List.of("Path", "Bytes", "Created (UTC)", "Modified (UTC)", "Owner", "SHA1", "SHA256", "MD5"),
                List.of(List.of(p.toString(), a.size(), a.creationTime().toInstant().toString(), a.lastModifiedTime().toInstant().toString(), owner,
                        h.get("SHA-1"), h.get("SHA-256"), h.get("MD5"))));
    }

    static Map<String, String> hashes(Path p) throws IOException {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(p)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha1.update(buf, 0, n);
                    sha256.update(buf, 0, n);
                    md5.update(buf, 0, n);
                }
            }
            HexFormat hex = HexFormat.of();
            return Map.of("SHA-1", hex.formatHex(sha1.digest()), "SHA-256", hex.formatHex(sha256.digest()), "MD5", hex.formatHex(md5.digest()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> findfile(String name) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 60_000;
        // A name with * or ? is a pattern (case-insensitive), as in "findfile *.ps1"; anything else is the exact name.
        java.util.function.Predicate<String> matches = name.contains("*") || name.contains("?")
                ? java.util.regex.Pattern.compile(glob(name), java.util.regex.Pattern.CASE_INSENSITIVE).asMatchPredicate()
                : n -> n.equalsIgnoreCase(name);
        for (Path root : searchRoots) {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String d = dir.toString();
                    if (d.equals("/proc") || d.equals("/sys") || d.equals("/dev") || d.equals("/run")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return System.currentTimeMillis() > deadline ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (f.getFileName() != null && matches.test(f.getFileName().toString())) {
                        rows.add(List.of(f.toString(), attrs.size(), attrs.lastModifiedTime().toInstant().toString()));
                    }
                    return rows.size() >= 500 ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        String note = System.currentTimeMillis() > deadline ? "Stopped after 60 seconds; the list may be incomplete." : rows.size() >= 500 ? "First 500 matches." : null;
        return table(note, List.of("Path", "Bytes", "Modified (UTC)"), rows);
    }

    private Map<String, Object> getfile(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            return failed(p + " is a folder");
        }
        long size = Files.size(p);
        if (size > MAX_FILE_BYTES) {
            return failed(p + " is " + size + " bytes; getfile uploads at most " + MAX_FILE_BYTES + " bytes");
        }
        byte[] bytes = Files.readAllBytes(p);
        Map<String, Object> r = ok("Uploaded " + p + " (" + bytes.length + " bytes)");
        r.put("file", Map.of("name", safeName(p.getFileName().toString()), "contentBase64", Base64.getEncoder().encodeToString(bytes)));
        return r;
    }

    /** A file-name pattern with * and ? as a regular expression; every other character stands for itself. */
    static String glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return re.toString();
    }

    static String safeName(String n) {
        String s = n.replaceAll("[^A-Za-z0-9._-]", "_");
        if (s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0))) {
            s = "f" + s;
        }
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    private Map<String, Object> processes(String filter) {
        List<List<Object>> rows = new ArrayList<>();
        ProcessHandle.allProcesses().sorted(Comparator.comparingLong(ProcessHandle::pid)).forEach(p -> {
            ProcessHandle.Info i = p.info();
            String cmd = i.command().orElse("");
            String name = cmd.isEmpty() ? "" : Path.of(cmd).getFileName().toString();
            boolean byPid = filter != null && filter.chars().allMatch(Character::isDigit);
            if (filter != null && (byPid ? !filter.equals(String.valueOf(p.pid())) : !name.toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT)))) {
                return;
            }
            if (rows.size() < MAX_ROWS) {
                rows.add(List.of(p.pid(), p.parent().map(ProcessHandle::pid).map(String::valueOf).orElse(""), i.user().orElse(""), name,
                        i.commandLine().orElse(cmd), i.startInstant().map(Instant::toString).orElse(""),
                        i.totalCpuDuration().map(d -> d.toMillis() + " ms").orElse("")));
            }
        });
        return table(null, List.of("PID", "PPID", "User", "Name", "Command line", "Started (UTC)", "CPU time"), rows);
    }

    private Map<String, Object> runScript(Map<String, String> file, String parameters, long timeoutSeconds) throws IOException, InterruptedException {
        if (file == null) {
            return failed("the portal sent no script");
        }
        Path dir = Files.createDirectories(workDir.resolve("scripts"));
        Path script = dir.resolve(safeName(file.get("name")));
        Files.write(script, Base64.getDecoder().decode(file.get("contentBase64")));
        List<String> cmd = new ArrayList<>();
        String n = script.getFileName().toString().toLowerCase(Locale.ROOT);
        cmd.add(n.endsWith(".py") ? "python3" : n.endsWith(".ps1") ? "pwsh" : "/bin/sh");
        cmd.add(script.toString());
        if (parameters != null && !parameters.isBlank()) {
            cmd.addAll(List.of(parameters.strip().split("\\s+")));
        }
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            // Keeps the first MAX_OUTPUT bytes and drains the rest, so a chatty script cannot fill the sensor's memory.
            byte[] buf = new byte[8192];
            try (InputStream in = p.getInputStream()) {
                for (int got; (got = in.read(buf)) > 0; ) {
                    if (out.size() < MAX_OUTPUT) {
                        out.write(buf, 0, Math.min(got, MAX_OUTPUT - out.size()));
                    }
                }
            } catch (IOException ignored) {
                // the process went away; what was read is kept
            }
        });
        reader.start();
        if (!p.waitFor(Math.max(1, timeoutSeconds - 5), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            reader.join(2000);
            return failed("the script ran longer than its time limit and was stopped", clip(out.toString(StandardCharsets.UTF_8)));
        }
        reader.join(5000);
        String text = clip(out.toString(StandardCharsets.UTF_8));
        return p.exitValue() == 0 ? ok(text) : failed("the script exited with code " + p.exitValue(), text);
    }

    private Map<String, Object> putfile(Map<String, String> file, boolean overwrite) throws IOException {
        if (file == null) {
            return failed("the portal sent no file");
        }
        Path dir = Files.createDirectories(workDir.resolve("downloads"));
        Path target = dir.resolve(safeName(file.get("name")));
        if (Files.exists(target) && !overwrite) {
            return failed(target + " exists; use -overwrite to replace it");
        }
        Files.write(target, Base64.getDecoder().decode(file.get("contentBase64")));
        return ok("Copied " + file.get("name") + " to " + target);
    }

    private Map<String, Object> remediate(String kind, String target) throws IOException {
        switch (kind) {
            case "process" -> {
                long pid;
                try {
                    pid = Long.parseLong(target);
                } catch (NumberFormatException e) {
                    return failed("'" + target + "' is not a process id");
                }
                if (pid == ProcessHandle.current().pid()) {
                    return failed("the sensor does not stop itself");
                }
                ProcessHandle h = ProcessHandle.of(pid).orElse(null);
                if (h == null) {
                    return failed("no process " + pid);
                }
                boolean asked = h.destroyForcibly();
                return asked ? ok("Stopped process " + pid + " (" + h.info().command().orElse("?") + ")") : failed("process " + pid + " could not be stopped");
            }
            case "file", "startupitem" -> {
                Path p = resolve(target);
                if (!Files.isRegularFile(p)) {
                    throw new NoSuchFileException(p.toString());
                }
                Path q = Files.createDirectories(workDir.resolve("quarantine"));
                String id = hashes(p).get("SHA-256") + "-" + System.nanoTime();
                Properties index = quarantineIndex();
                index.setProperty(id, p.toString());
                Files.move(p, q.resolve(id), StandardCopyOption.REPLACE_EXISTING);
                saveIndex(index);
                return ok("Quarantined " + p + " (undo " + kind + " \"" + p + "\" restores it)");
            }
            case "service" -> {
                return systemctl("disable", target);
            }
            default -> {
                return failed(kind + " remediation is not supported by this sensor");
            }
        }
    }

    private Map<String, Object> undo(String kind, String target) throws IOException {
        if (kind.equals("service")) {
            return systemctl("enable", target);
        }
        if (!kind.equals("file") && !kind.equals("startupitem")) {
            return failed("undo " + kind + " is not supported by this sensor");
        }
        Path p = resolve(target);
        Properties index = quarantineIndex();
        for (String id : index.stringPropertyNames()) {
            if (index.getProperty(id).equals(p.toString())) {
                if (Files.exists(p)) {
                    return failed(p + " exists again; move it away before restoring");
                }
                Files.move(workDir.resolve("quarantine").resolve(id), p);
                index.remove(id);
                saveIndex(index);
                return ok("Restored " + p);
            }
        }
        return failed("nothing from " + p + " is in quarantine");
    }

    private Map<String, Object> systemctl(String verb, String unit) {
        if (!unit.matches("[A-Za-z0-9@._:-]{1,200}")) {
            return failed("'" + unit + "' is not a service name");
        }
        HostTables.Run r = HostTables.exec(List.of("systemctl", verb, "--now", unit), 60);
        return r.exit() == 0 ? ok(verb + "d " + unit + "\n" + r.output()) : failed("systemctl " + verb + " " + unit + " failed (" + r.exit() + ")", r.output());
    }

    private Properties quarantineIndex() throws IOException {
        Properties p = new Properties();
        Path f = workDir.resolve("quarantine").resolve("index.properties");
        if (Files.exists(f)) {
            try (InputStream in = Files.newInputStream(f)) {
                p.load(in);
            }
        }
        return p;
    }

    private void saveIndex(Properties p) throws IOException {
        try (var out = Files.newOutputStream(workDir.resolve("quarantine").resolve("index.properties"))) {
            p.store(out, "quarantined file -> original path");
        }
    }

    private Map<String, Object> collect() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(bytes)) {
            entry(z, "SystemInformation.txt", "Host: " + HostTables.hostName() + "\nOS: " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                    + "\nCollected: " + Instant.now() + "\n" + HostTables.read(Path.of("/etc/os-release")));
            entry(z, "Processes.tsv", tsv(processes(null)));
            entry(z, "NetworkConnections.tsv", tsv(HostTables.connections()));
            entry(z, "Persistence.tsv", tsv(HostTables.persistence()));
        }
        if (bytes.size() > MAX_FILE_BYTES) {
            return failed("the package is larger than " + MAX_FILE_BYTES + " bytes");
        }
        Map<String, Object> r = ok("Investigation package collected (" + bytes.size() + " bytes)");
        r.put("file", Map.of("name", safeName("investigation-" + HostTables.hostName() + ".zip"), "contentBase64",
                Base64.getEncoder().encodeToString(bytes.toByteArray())));
        return r;
    }

    @SuppressWarnings("unchecked")
    private static String tsv(Map<String, Object> table) {
        StringBuilder sb = new StringBuilder();
        if (table.get("columns") == null) {
            return String.valueOf(table.getOrDefault("error", table.get("output")));
        }
        sb.append(String.join("\t", (List<String>) table.get("columns"))).append('\n');
        for (List<Object> row : (List<List<Object>>) table.get("rows")) {
            sb.append(String.join("\t", row.stream().map(String::valueOf).toList())).append('\n');
        }
        return sb.toString();
    }

    private static void entry(java.util.zip.ZipOutputStream z, String name, String text) throws IOException {
        z.putNextEntry(new java.util.zip.ZipEntry(name));
        z.write(text.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }

    static Map<String, Object> ok(String output) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("status", "completed");
        r.put("output", output);
        return r;
    }

    static Map<String, Object> failed(String error) {
        return failed(error, null);
    }

    static Map<String, Object> failed(String error, String output) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("status", "failed");
        r.put("error", error);
        if (output != null && !output.isEmpty()) {
            r.put("output", output);
        }
        return r;
    }

    static Map<String, Object> table(String output, List<String> columns, List<List<Object>> rows) {
        Map<String, Object> r = ok(output);
        if (output == null) {
            r.remove("output");
        }
        r.put("columns", columns);
        r.put("rows", rows.size() > MAX_ROWS ? rows.subList(0, MAX_ROWS) : rows);
        return r;
    }

    private static String clip(String s) {
        return s.length() <= MAX_OUTPUT ? s : s.substring(0, MAX_OUTPUT);
    }
}
