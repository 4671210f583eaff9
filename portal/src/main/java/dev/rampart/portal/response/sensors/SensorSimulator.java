package dev.rampart.portal.response.sensors;

import dev.rampart.portal.response.EstateLookup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reference sensor simulator for the demo ({@code --demo} or {@code rampart.sensors.simulator=true}): enrols every device
 * of the event store through the real HTTP protocol, heartbeats every 30 seconds with a small inventory, pulls actions
 * and carries them out with realistic delays (isolation seconds, quick scan about a minute, full scan minutes) and
 * results, including an investigation package ZIP. The domain controller gets the identity capability, the mail server
 * the mail capability (or the first device when the estate has none).
 */
@Component
class SensorSimulator {
    private static final Logger log = LoggerFactory.getLogger(SensorSimulator.class);
    private static final Duration HEARTBEAT = Duration.ofSeconds(30);

    private final boolean enabled;
    private final EstateLookup estate;
    private final EnrolmentTokens tokens;
    private final Environment env;
    private final int maxDevices;
    private final Map<String, SimDevice> devices = new ConcurrentHashMap<>();
    private final ScheduledExecutorService work = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "sensor-sim");
        t.setDaemon(true);
        return t;
    });
    private final Random random = new Random(7);
    private final java.util.concurrent.ExecutorService livePolls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sensor-sim-live");
        t.setDaemon(true);
        return t;
    });
    private final dev.rampart.portal.events.EventStore events;
    private SensorClient client;

    static final class SimDevice {
        final EstateLookup.Device device;
        final List<String> caps;
        String credential;
        volatile boolean isolated;
        volatile boolean restricted;
        volatile long liveSessions;
        final java.util.concurrent.atomic.AtomicBoolean polling = new java.util.concurrent.atomic.AtomicBoolean();
        final Map<Long, SimulatedShell> shells = new ConcurrentHashMap<>();
        long nextBeat;

        SimDevice(EstateLookup.Device device, List<String> caps) {
            this.device = device;
            this.caps = caps;
        }
    }

    SensorSimulator(ApplicationArguments args, EstateLookup estate, EnrolmentTokens tokens, Environment env, dev.rampart.portal.events.EventStore events,
                    @Value("${rampart.sensors.simulator:false}") boolean simulator, @Value("${rampart.sensors.simulator.max-devices:500}") int maxDevices) {
        this.events = events;
        this.enabled = simulator || args.containsOption("demo");
        this.estate = estate;
        this.tokens = tokens;
        this.env = env;
        this.maxDevices = maxDevices;
    }

    @Scheduled(initialDelayString = "${rampart.sensors.simulator.first-run:PT20S}", fixedDelayString = "PT5S")
    void tick() {
        String port = env.getProperty("local.server.port");
        if (!enabled || port == null) {
            return;
        }
        if (client == null) {
            client = new SensorClient("http://127.0.0.1:" + port);
        }
        try {
            enrolNew();
            long now = System.currentTimeMillis();
            for (SimDevice d : devices.values()) {
                if (d.credential != null && now >= d.nextBeat) {
                    // Small estates beat faster so that a live response session is picked up within seconds.
                    d.nextBeat = now + (devices.size() <= 60 ? 10_000 : HEARTBEAT.toMillis());
                    beat(d);
                }
            }
        } catch (RuntimeException | IOException e) {
            log.warn("sensor simulator: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void enrolNew() throws IOException, InterruptedException {
        List<EstateLookup.Device> all = estate.devices().stream().limit(maxDevices).toList();
        List<EstateLookup.Device> fresh = all.stream().filter(d -> !devices.containsKey(d.deviceId())).toList();
        if (fresh.isEmpty()) {
            return;
        }
        String token = tokens.create("Sensor simulator", fresh.size(), Duration.ofHours(1)).secret();
        boolean identity = all.stream().anyMatch(d -> role(d, "dc"));
        boolean mail = all.stream().anyMatch(d -> role(d, "mail") || role(d, "exch"));
        boolean first = devices.isEmpty();
        for (EstateLookup.Device d : fresh) {
            List<String> caps = new ArrayList<>();
            caps.add("liveresponse");
            if (role(d, "dc") || (first && !identity)) {
                caps.add("identity");
            }
            if (role(d, "mail") || role(d, "exch") || (first && !mail)) {
                caps.add("mail");
            }
            first = false;
            SimDevice s = new SimDevice(d, caps);
            JsonNode r = client.enrol(token, d.deviceId(), d.deviceName(), d.osPlatform(), d.osVersion(), caps);
            s.credential = r.get("credential").asString();
            s.nextBeat = System.currentTimeMillis() + random.nextInt((int) HEARTBEAT.toMillis());
            devices.put(d.deviceId(), s);
        }
        log.info("sensor simulator: enrolled {} device(s)", fresh.size());
    }

    private static boolean role(EstateLookup.Device d, String marker) {
        String n = d.deviceName() == null ? "" : d.deviceName().toLowerCase(java.util.Locale.ROOT);
        String shortName = n.contains(".") ? n.substring(0, n.indexOf('.')) : n;
        return shortName.startsWith(marker) || shortName.contains("-" + marker);
    }

    private void beat(SimDevice d) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deviceName", d.device.deviceName());
        body.put("sensorVersion", "rampart-sim/1.0");
        body.put("ipAddresses", d.device.publicIp() == null ? List.of() : List.of(d.device.publicIp()));
        body.put("software", List.of(Map.of("name", "rampart-sensor", "vendor", "Rampart", "version", "1.0")));
        body.put("isolated", d.isolated);
        body.put("restricted", d.restricted);
        JsonNode policy = client.heartbeat(d.credential, body);
        d.liveSessions = policy.path("liveResponseSessions").asLong();
        if (d.liveSessions == 0) {
            d.shells.clear();
        }
        if (d.liveSessions > 0 && d.polling.compareAndSet(false, true)) {
            livePolls.submit(() -> pollLive(d));
        }
        if (policy.get("pendingActions").asLong() > 0 || d.caps.stream().anyMatch(c -> !c.equals("liveresponse"))) {
            for (JsonNode a : client.pull(d.credential)) {
                long delay = delayMillis(a.get("type").asString(), a.get("parameters"));
                work.schedule(() -> execute(d, a), delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Long-polls live response commands for this device while its heartbeat reports an open session. */
    private void pollLive(SimDevice d) {
        try {
            while (d.liveSessions > 0) {
                for (JsonNode c : client.liveCommands(d.credential, 20)) {
                    long session = c.get("sessionId").asLong();
                    SimulatedShell shell = d.shells.computeIfAbsent(session, k -> new SimulatedShell(events, d.device.deviceId(), d.device.osPlatform(),
                            c.path("cwd").isString() ? c.get("cwd").asString() : null));
                    List<String> args = new ArrayList<>();
                    c.path("arguments").forEach(n -> args.add(n.asString()));
                    Thread.sleep(200 + random.nextInt(600));
                    Map<String, Object> r = shell.run(c.get("command").asString(), args);
                    r.put("cwd", shell.cwd());
                    client.liveResult(d.credential, c.get("id").asLong(), r);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("sensor simulator: live response on {}: {}", d.device.deviceName(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            d.polling.set(false);
        }
    }

    private long delayMillis(String type, JsonNode params) {
        return switch (type) {
            case "runAntivirusScan" -> "full".equals(params.path("scanType").asString()) ? 120_000 + random.nextInt(120_000) : 30_000 + random.nextInt(30_000);
            case "collectInvestigationPackage" -> 20_000 + random.nextInt(20_000);
            default -> 3_000 + random.nextInt(9_000);
        };
    }

    private void execute(SimDevice d, JsonNode a) {
        Map<String, Object> r = new LinkedHashMap<>();
        String type = a.get("type").asString();
        String target = a.get("targetId").asString();
        r.put("status", "completed");
        switch (type) {
            case "isolateDevice" -> {
                d.isolated = true;
                r.put("summary", "Device isolated: all connections blocked except to the Rampart portal.");
            }
            case "releaseFromIsolation" -> {
                d.isolated = false;
                r.put("summary", "Device released from isolation.");
            }
            case "restrictAppExecution" -> {
                d.restricted = true;
                r.put("summary", "Code integrity policy applied: only signed binaries may run.");
            }
            case "removeAppRestriction" -> {
                d.restricted = false;
                r.put("summary", "App execution restrictions removed.");
            }
            case "runAntivirusScan" -> {
                boolean full = "full".equals(a.path("parameters").path("scanType").asString());
                int files = full ? 180_000 + random.nextInt(150_000) : 8_000 + random.nextInt(6_000);
                r.put("summary", (full ? "Full" : "Quick") + " scan finished: " + String.format("%,d", files) + " files scanned, no threats found.");
                r.put("output", "ScanType=" + (full ? "Full" : "Quick") + "\nFilesScanned=" + files + "\nThreats=0\nCpuLoadFactor=50");
            }
            case "collectInvestigationPackage" -> {
                r.put("summary", "Investigation package collected.");
                r.put("artifacts", List.of(Map.of("name", "investigation-package-" + a.get("id").asLong() + ".zip", "contentType", "application/zip",
                        "contentBase64", Base64.getEncoder().encodeToString(packageZip(d)))));
            }
            case "stopAndQuarantineFile" -> r.put("summary", "Stopped 1 process and quarantined the file " + target + "; persistence removed.");
            case "restoreQuarantinedFile" -> r.put("summary", "File " + target + " restored from quarantine.");
            case "collectFile" -> {
                r.put("status", "failed");
                r.put("summary", "The simulated sensor holds no file contents to upload for " + target + ".");
            }
            case "disableUser" -> r.put("summary", "Account " + target + " disabled in Active Directory.");
            case "enableUser" -> r.put("summary", "Account " + target + " enabled in Active Directory.");
            case "forcePasswordReset" -> r.put("summary", "Account " + target + " must change its password at next sign-in.");
            case "revokeUserSessions" -> r.put("summary", "Sessions and refresh tokens of " + target + " revoked: every application asks it to sign in again.");
            case "moveEmailToJunk" -> r.put("summary", "Message moved to Junk Email for " + a.path("parameters").path("recipient").asString() + ".");
            case "moveEmailToDeletedItems" -> r.put("summary", "Message moved to Deleted Items for " + a.path("parameters").path("recipient").asString() + ".");
            case "softDeleteEmail" -> r.put("summary", "Message moved to Recoverable Items\\Deletions.");
            case "hardDeleteEmail" -> r.put("summary", "Message purged.");
            case "moveEmailToInbox" -> r.put("summary", "Message moved back to the Inbox.");
            default -> {
                r.put("status", "failed");
                r.put("summary", "This sensor does not support " + type + ".");
            }
        }
        try {
            client.result(d.credential, a.get("id").asLong(), r);
        } catch (IOException e) {
            log.warn("sensor simulator: result for action {} not delivered: {}", a.get("id"), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] packageZip(SimDevice d) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            entry(z, "CollectionSummaryReport.txt", "Device: " + d.device.deviceName() + "\nDeviceId: " + d.device.deviceId() + "\nCollected: "
                    + OffsetDateTime.now(ZoneOffset.UTC) + "\nSections: System Information, Network connections, Users and Groups\n");
            entry(z, "SystemInformation.txt", "OS: " + d.device.osPlatform() + " " + d.device.osVersion() + "\nIsolated: " + d.isolated
                    + "\nRestricted: " + d.restricted + "\n");
            entry(z, "NetworkConnections/IpConfig.txt", "Address: " + d.device.publicIp() + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream z, String name, String text) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(text.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }
}
