package dev.rampart.portal.response.sensors;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/**
 * The reference sensor: {@code java -jar rampart.jar sensor --portal URL --token ret_...} enrols the host it runs on,
 * heartbeats, and answers live response commands on that host ({@link HostShell}) — the protocol's client for real
 * devices, without the portal's stores. It keeps its credential in {@code --state-dir} (default {@code ./rampart-sensor}),
 * so later starts need no token. Of the device actions it carries out the investigation package; others fail with a reason.
 */
public final class ReferenceSensor implements AutoCloseable {
    static final String VERSION = "rampart-reference/1.0";

    record Options(String portal, String token, Path stateDir, String deviceId, String deviceName, Path start, List<Path> searchRoots) {
    }

    private final Options options;
    private final SensorClient client;
    private final Map<Long, HostShell> shells = new ConcurrentHashMap<>();
    private final Map<Long, ExecutorService> sessionThreads = new ConcurrentHashMap<>();
    private final List<Thread> loops = new ArrayList<>();
    private volatile boolean running = true;
    private String credential;
    private String deviceId;

    ReferenceSensor(Options options) {
        this.options = options;
        this.client = new SensorClient(options.portal().replaceAll("/+$", ""));
    }

    /** Entry point of {@code rampart.jar sensor}; runs until the process is stopped. */
    public static int main(List<String> args, PrintStream out) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            out.println("sensor: " + e.getMessage());
            out.println("usage: sensor --portal=https://rampart.example --token=ret_... [--state-dir=DIR] [--device-id=ID] [--device-name=NAME] "
                    + "[--start-folder=DIR] [--search-root=DIR]");
            return 2;
        }
        try (ReferenceSensor s = new ReferenceSensor(o)) {
            s.start();
            out.println("sensor: device " + s.deviceId + " connected to " + o.portal() + "; live response on; Ctrl+C stops");
            Thread.currentThread().join();
            return 0;
        } catch (IOException e) {
            out.println("sensor: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Enrols (or reuses the stored credential) with {@code sensor} command-line options and starts; close to stop. */
    public static ReferenceSensor connect(List<String> args) throws IOException, InterruptedException {
        ReferenceSensor s = new ReferenceSensor(parse(args));
        s.start();
        return s;
    }

    static Options parse(List<String> args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("'" + a + "' is not an option of the form --name=value");
            }
            String name = a.substring(2, a.indexOf('='));
            if (!List.of("portal", "token", "state-dir", "device-id", "device-name", "start-folder", "search-root").contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            m.put(name, a.substring(a.indexOf('=') + 1));
        }
        if (!m.containsKey("portal") || !m.get("portal").matches("https?://.+")) {
            throw new IllegalArgumentException("--portal is required: the portal's http(s) address");
        }
        String id = m.get("device-id");
        if (id != null && !id.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("--device-id must be 1 to 64 letters, digits or dashes (the DeviceId of this host's telemetry)");
        }
        return new Options(m.get("portal"), m.get("token"), Path.of(m.getOrDefault("state-dir", "rampart-sensor")).toAbsolutePath(), id,
                m.getOrDefault("device-name", HostTables.hostName()), Path.of(m.getOrDefault("start-folder", System.getProperty("user.home"))),
                List.of(Path.of(m.getOrDefault("search-root", "/"))));
    }

    /** Enrols (or reuses the stored credential) and starts the heartbeat and live response loops. */
    void start() throws IOException, InterruptedException {
        Files.createDirectories(options.stateDir());
        Path state = options.stateDir().resolve("sensor.properties");
        Properties p = new Properties();
        if (Files.exists(state)) {
            try (InputStream in = Files.newInputStream(state)) {
                p.load(in);
            }
        }
        deviceId = options.deviceId() != null ? options.deviceId() : p.getProperty("deviceId", java.util.UUID.randomUUID().toString());
        credential = deviceId.equals(p.getProperty("deviceId")) ? p.getProperty("credential") : null;
        if (credential == null) {
            if (options.token() == null) {
                throw new IOException("no stored credential in " + state + "; pass --token=ret_... from Settings › Sensors");
            }
            JsonNode r = client.enrol(options.token(), deviceId, options.deviceName(), System.getProperty("os.name"), System.getProperty("os.version"),
                    List.of("liveresponse"), VERSION);
            credential = r.get("credential").asString();
            p.setProperty("deviceId", deviceId);
            p.setProperty("credential", credential);
            try {
                Files.deleteIfExists(state);
                Files.createFile(state, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the file gets the directory's defaults
            }
            try (OutputStream out = Files.newOutputStream(state)) {
                p.store(out, "Rampart sensor credential: keep private");
            }
        }
        heartbeat();
        loops.add(loop("sensor-heartbeat", () -> {
            Thread.sleep(30_000);
            heartbeat();
        }));
        loops.add(loop("sensor-live-response", this::pollLiveResponse));
    }

    private Thread loop(String name, Step step) {
        Thread t = new Thread(() -> {
            while (running) {
                try {
                    step.run();
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    System.err.println(name + ": " + e.getMessage());
                    try {
                        Thread.sleep(5_000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private interface Step {
        void run() throws IOException, InterruptedException;
    }

    private void heartbeat() throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deviceName", options.deviceName());
        body.put("osVersion", System.getProperty("os.version"));
        body.put("sensorVersion", VERSION);
        body.put("ipAddresses", addresses());
        body.put("isolated", false);
        body.put("restricted", false);
        JsonNode policy = client.heartbeat(credential, body);
        if (policy.path("liveResponseSessions").asLong() == 0 && !sessionThreads.isEmpty()) {
            // Every session on this device has ended: its folder state and worker thread go too.
            sessionThreads.values().forEach(ExecutorService::shutdown);
            sessionThreads.clear();
            shells.clear();
        }
        if (policy.path("pendingActions").asLong() > 0) {
            for (JsonNode a : client.pull(credential)) {
                client.result(credential, a.get("id").asLong(), action(a));
            }
        }
    }

    private Map<String, Object> action(JsonNode a) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (a.get("type").asString().equals("collectInvestigationPackage")) {
            Map<String, Object> pkg = new HostShell(options.start(), options.stateDir(), options.searchRoots()).run("collect", List.of(), Map.of(), null, 600);
            r.put("status", pkg.get("status"));
            r.put("summary", pkg.getOrDefault("output", pkg.get("error")));
            if (pkg.get("file") instanceof Map<?, ?> f) {
                r.put("artifacts", List.of(Map.of("name", f.get("name"), "contentType", "application/zip", "contentBase64", f.get("contentBase64"))));
            }
        } else {
            r.put("status", "failed");
            r.put("summary", "The reference sensor does not carry out " + a.get("type").asString() + "; use live response or a full agent.");
        }
        return r;
    }

    private void pollLiveResponse() throws IOException, InterruptedException {
        long asked = System.currentTimeMillis();
        JsonNode commands = client.liveCommands(credential, 20);
        if (commands.isEmpty() && System.currentTimeMillis() - asked < 1000) {
            // The portal answers at once when no session is open on this device: ask again in a few seconds.
            Thread.sleep(3_000);
        }
        for (JsonNode c : commands) {
            long session = c.get("sessionId").asLong();
            sessionThreads.computeIfAbsent(session, k -> Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "live-response-" + k);
                t.setDaemon(true);
                return t;
            })).submit(() -> execute(session, c));
        }
    }

    private void execute(long session, JsonNode c) {
        HostShell shell = shells.computeIfAbsent(session, k -> new HostShell(c.path("cwd").isString() ? Path.of(c.get("cwd").asString()) : options.start(),
                options.stateDir(), options.searchRoots()));
        List<String> args = new ArrayList<>();
        c.path("arguments").forEach(n -> args.add(n.asString()));
        Map<String, String> opts = new LinkedHashMap<>();
        c.path("options").properties().forEach(e -> opts.put(e.getKey(), e.getValue().asString()));
        Map<String, String> file = null;
        if (c.path("file").isObject()) {
            file = Map.of("name", c.get("file").get("name").asString(), "contentBase64", c.get("file").get("contentBase64").asString());
        }
        Map<String, Object> result = shell.run(c.get("command").asString(), args, opts, file, c.path("timeoutSeconds").asLong(600));
        result.put("cwd", shell.cwd().toString());
        try {
            client.liveResult(credential, c.get("id").asLong(), result);
        } catch (IOException e) {
            System.err.println("live response: result of command " + c.get("id") + " not delivered: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> addresses() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(n.getInetAddresses())) {
                    if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        out.add(a.getHostAddress());
                    }
                }
            }
        } catch (IOException ignored) {
            // no interfaces readable: the portal uses the connection's address
        }
        return out;
    }

    String deviceId() {
        return deviceId;
    }

    @Override
    public void close() {
        running = false;
        loops.forEach(Thread::interrupt);
        sessionThreads.values().forEach(ExecutorService::shutdownNow);
    }
}
