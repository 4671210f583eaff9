package dev.rampart.portal.response.liveresponse;

import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.response.sensors.Sensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The sensor side of live response ({@code docs/sensor-protocol.md} §5): a sensor long-polls for the commands typed
 * into the open sessions on its device and reports each result — text, a table, a new current folder, or a file.
 */
@Service
public class LiveResponseSensors {
    public static final int MAX_WAIT_SECONDS = 25;
    public static final int MAX_OUTPUT_CHARS = 1_000_000;
    public static final int MAX_ROWS = 10_000;
    public static final int MAX_DATA_CHARS = 4_000_000;

    public record FileItem(String name, String sha256, String contentBase64) {
    }

    public record WorkItem(long id, long sessionId, String command, List<String> arguments, Map<String, String> options, String cwd,
                           long timeoutSeconds, FileItem file) {
    }

    public record FileUpload(String name, String contentBase64) {
    }

    public record Result(String status, String output, List<String> columns, List<List<Object>> rows, String cwd, String error, FileUpload file) {
    }

    private final LiveResponseStore store;
    private final LiveLibrary library;
    private final LiveResponseSignals signals;
    private final AuditLog audit;

    LiveResponseSensors(LiveResponseStore store, LiveLibrary library, LiveResponseSignals signals, AuditLog audit) {
        this.store = store;
        this.library = library;
        this.signals = signals;
        this.audit = audit;
    }

    /** Open live response sessions on this sensor's device (the heartbeat's hint to start polling for commands). */
    public long openSessions(long sensorId) {
        return store.openSessionsOf(sensorId);
    }

    /** Commands waiting for this sensor, marked as running; waits up to {@code waitSeconds} for one to arrive. */
    public List<WorkItem> claim(Sensor sensor, int waitSeconds, int limit) throws InterruptedException {
        if (!sensor.capabilities().contains(LiveResponse.CAPABILITY)) {
            throw new LiveResponseException("capabilities", "this sensor did not enrol with the " + LiveResponse.CAPABILITY + " capability", 409);
        }
        long deadline = System.currentTimeMillis() + Math.max(0, Math.min(waitSeconds, MAX_WAIT_SECONDS)) * 1000L;
        while (true) {
            List<WorkItem> out = new ArrayList<>();
            for (LiveCommandRun c : store.pendingForSensor(sensor.id(), Math.max(1, Math.min(limit, 10)))) {
                WorkItem w;
                try {
                    w = item(c);
                } catch (LiveResponseException e) {
                    // Refused at pick-up (scripts turned off, library file gone): the analyst sees why at once.
                    store.finish(c.id(), LiveCommandRun.Status.FAILED, null, null, e.getMessage(), null, null, null, LiveResponse.now());
                    continue;
                }
                if (store.markSent(c.id(), LiveResponse.now())) {
                    out.add(w);
                }
            }
            long left = deadline - System.currentTimeMillis();
            // Only a device with an open session waits: at most 25 polls hold a request thread at any time.
            if (!out.isEmpty() || left <= 0 || store.openSessionsOf(sensor.id()) == 0) {
                return out;
            }
            signals.await(sensor.id(), Math.min(left, 1000));
        }
    }

    private WorkItem item(LiveCommandRun c) {
        LiveSession s = store.session(c.sessionId()).orElseThrow();
        JsonNode a = LiveResponse.JSON.readTree(c.arguments());
        Map<String, String> options = new LinkedHashMap<>();
        a.path("options").properties().forEach(e -> options.put(e.getKey(), e.getValue().asString()));
        List<String> args = LiveResponse.argsOf(c);
        FileItem file = null;
        LiveCommand cmd = LiveCommand.find(c.command()).orElseThrow();
        if (cmd == LiveCommand.RUN && !store.settings().scriptsEnabled()) {
            throw new LiveResponseException("commandLine", "running scripts was turned off before the sensor picked the command up", 409);
        }
        if (cmd == LiveCommand.RUN || cmd == LiveCommand.PUTFILE) {
            LiveLibrary.Entry e = library.find(args.get(0))
                    .orElseThrow(() -> new LiveResponseException("commandLine", "the library no longer holds " + args.get(0), 409));
            file = new FileItem(e.name(), e.sha256(), Base64.getEncoder().encodeToString(library.content(e.name())));
        }
        return new WorkItem(c.id(), s.id(), c.command(), args, options, s.cwd(), cmd.timeLimit().toSeconds(), file);
    }

    public LiveCommandRun report(Sensor sensor, long commandId, Result r) {
        LiveCommandRun c = store.command(commandId).orElseThrow(() -> new LiveResponseException("id", "no live response command " + commandId, 404));
        LiveSession s = store.session(c.sessionId()).orElseThrow();
        if (s.sensorId() != sensor.id()) {
            throw new LiveResponseException("id", "command " + commandId + " was not sent to this sensor", 409);
        }
        if (r == null || r.status() == null) {
            throw new LiveResponseException("status", "is required: completed or failed");
        }
        boolean ok = switch (r.status().strip().toLowerCase(Locale.ROOT)) {
            case "completed" -> true;
            case "failed" -> false;
            default -> throw new LiveResponseException("status", "must be completed or failed, got '" + r.status() + "'");
        };
        if (r.output() != null && r.output().length() > MAX_OUTPUT_CHARS) {
            throw new LiveResponseException("output", "is longer than " + MAX_OUTPUT_CHARS + " characters", 413);
        }
        String data = null;
        if (r.rows() != null || r.columns() != null) {
            if (r.columns() == null || r.columns().isEmpty()) {
                throw new LiveResponseException("columns", "are required with rows");
            }
            List<List<Object>> rows = r.rows() == null ? List.of() : r.rows();
            if (rows.size() > MAX_ROWS) {
                throw new LiveResponseException("rows", "are more than " + MAX_ROWS + "; filter on the device or use getfile", 413);
            }
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i) == null || rows.get(i).size() != r.columns().size()) {
                    throw new LiveResponseException("rows[" + i + "]", "has " + (rows.get(i) == null ? 0 : rows.get(i).size()) + " cells for "
                            + r.columns().size() + " columns");
                }
            }
            data = PortalCommands.table(r.columns(), rows);
            if (data.length() > MAX_DATA_CHARS) {
                throw new LiveResponseException("rows", "are larger than " + MAX_DATA_CHARS + " characters", 413);
            }
        }
        if (!c.status().finished() && c.status() != LiveCommandRun.Status.SENT) {
            throw new LiveResponseException("id", "command " + commandId + " was not handed to this sensor yet", 409);
        }
        boolean cancelled = c.status() == LiveCommandRun.Status.CANCELLED && c.sentAt() != null && c.output() == null && c.data() == null;
        if (c.status().finished() && !cancelled) {
            throw new LiveResponseException("id", "command " + commandId + " already has a result (" + c.status().label().toLowerCase() + ")", 409);
        }
        String fileName = null;
        Long fileSize = null;
        String sha = null;
        Path staged = null;
        if (r.file() != null) {
            LiveCommand cmd = LiveCommand.find(c.command()).orElseThrow();
            if (cmd != LiveCommand.GETFILE && cmd != LiveCommand.COLLECT) {
                throw new LiveResponseException("file", "only getfile and collect upload a file");
            }
            LiveLibrary.checkName(r.file().name());
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(r.file().contentBase64() == null ? "" : r.file().contentBase64());
            } catch (IllegalArgumentException e) {
                throw new LiveResponseException("file.contentBase64", "is not base64");
            }
            if (bytes.length > LiveLibrary.MAX_BYTES) {
                throw new LiveResponseException("file", "is larger than " + LiveLibrary.MAX_BYTES / (1024 * 1024) + " MiB", 413);
            }
            try {
                // Written aside first and moved in place only once the result is accepted: a refused result leaves nothing behind.
                Path dir = library.fileRoot().resolve(String.valueOf(commandId));
                Files.createDirectories(dir);
                staged = Files.createTempFile(dir, ".upload", ".tmp");
                Files.write(staged, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            fileName = r.file().name();
            fileSize = (long) bytes.length;
            sha = LiveLibrary.sha256(bytes);
        }
        OffsetDateTime now = LiveResponse.now();
        String error = ok ? null : (r.error() == null || r.error().isBlank() ? "Failed on the device" : clip(clean(r.error()), 4000));
        if (cancelled) {
            // The portal stopped waiting, the device did not: what it did is recorded, not dropped.
            error = "Cancelled in the portal after the sensor had started it; the device finished it anyway" + (error == null ? "" : ": " + error);
        }
        if (!store.finish(commandId, ok ? LiveCommandRun.Status.COMPLETED : LiveCommandRun.Status.FAILED, clean(r.output()), data == null ? null : clean(data),
                error, fileName, fileSize, sha, now, cancelled)) {
            deleteQuietly(staged);
            throw new LiveResponseException("id", "command " + commandId + " already has a result", 409);
        }
        if (staged != null) {
            try {
                Files.move(staged, staged.resolveSibling(fileName), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                deleteQuietly(staged);
                throw new UncheckedIOException(e);
            }
        }
        if (ok && "cd".equals(c.command()) && r.cwd() != null && !r.cwd().isBlank()) {
            store.setCwd(s.id(), clip(r.cwd().strip(), 1000));
        } else if (ok && r.cwd() != null && !r.cwd().isBlank() && s.cwd() == null) {
            store.setCwd(s.id(), clip(r.cwd().strip(), 1000));
        }
        store.touch(s.id(), now);
        if (fileName != null) {
            audit.recordAs("sensor:" + sensor.deviceName(), "liveresponse.file", "device", s.deviceId(), "command " + commandId + " uploaded " + fileName
                    + " (" + fileSize + " bytes, sha256 " + sha + ")");
        }
        return store.command(commandId).orElseThrow();
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a stray temporary file is harmless; the next upload to this command replaces nothing it needs
            }
        }
    }

    /** PostgreSQL text cannot hold NUL characters; sensors' output may. */
    private static String clean(String s) {
        return s == null || s.indexOf('\u0000') < 0 ? s : s.replace("\u0000", "");
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
