package dev.rampart.portal.response.liveresponse;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.DataScopes;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.response.sensors.Sensor;
import dev.rampart.portal.response.sensors.SensorHealth;
import dev.rampart.portal.response.sensors.SensorRegistry;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live response for analysts: settings, sessions on one device each, commands typed into them, the library. Every
 * method checks the caller: sessions need Basic live response (manage) where the device lies and belong to whoever
 * started them; advanced commands need Advanced live response there, getfile also File collection; run needs scripts
 * turned on. The sensor side of the protocol is {@link LiveResponseSensors}.
 */
@Service
public class LiveResponse {
    public static final int MAX_SESSIONS = 25;
    public static final int MAX_SESSIONS_PER_USER = 10;
    public static final int MAX_QUEUED_PER_SESSION = 10;
    public static final String CAPABILITY = "liveresponse";
    static final JsonMapper JSON = JsonMapper.builder().build();

    public record Settings(boolean enabled, boolean scriptsEnabled, String updatedBy, OffsetDateTime updatedAt) {
    }

    private final LiveResponseStore store;
    private final LiveLibrary library;
    private final SensorRegistry sensors;
    private final DataScopes scopes;
    private final AuditLog audit;
    private final LiveResponseSignals signals;

    LiveResponse(LiveResponseStore store, LiveLibrary library, SensorRegistry sensors, DataScopes scopes, AuditLog audit, LiveResponseSignals signals) {
        this.store = store;
        this.library = library;
        this.sensors = sensors;
        this.scopes = scopes;
        this.audit = audit;
        this.signals = signals;
    }

    // ---- settings

    public Settings settings() {
        LiveResponseStore.Settings s = store.settings();
        return new Settings(s.enabled(), s.scriptsEnabled(), s.updatedBy(), s.updatedAt());
    }

    public boolean canManageSettings() {
        return AccessPolicy.can(auth(), Permission.CORE_SECURITY_SETTINGS_MANAGE);
    }

    @Transactional
    public void saveSettings(boolean enabled, boolean scripts) {
        if (!canManageSettings()) {
            throw new LiveResponseException("settings", "changing live response settings needs Core security settings (manage)", 403);
        }
        store.lock();
        store.saveSettings(enabled, scripts, AuditLog.currentActor(), now());
        audit.record("liveresponse.settings", "setting", "live-response", "live response " + (enabled ? "on" : "off") + ", scripts "
                + (scripts ? "on" : "off"));
        if (!enabled) {
            for (LiveSession s : store.openSessions()) {
                endNow(s, "live response was turned off");
            }
        }
    }

    // ---- sessions

    /** Why the caller may not start a session on this device now, or empty when they may. */
    public Optional<String> startRefusal(String deviceId) {
        if (!store.settings().enabled()) {
            return Optional.of("Live response is turned off (Settings › Live response).");
        }
        if (!AccessPolicy.can(auth(), Permission.BASIC_LIVE_RESPONSE_MANAGE) || !onDevice(deviceId, Permission.BASIC_LIVE_RESPONSE_MANAGE)) {
            return Optional.of("Live response on this device needs Basic live response (manage) in a role that covers its device group.");
        }
        SensorRegistry.DeviceSensorStatus st = sensors.status(deviceId);
        Sensor s = st.sensor();
        if (s == null) {
            return Optional.of("No sensor is enrolled on this device.");
        }
        if (!s.capabilities().contains(CAPABILITY)) {
            return Optional.of("The sensor of " + s.deviceName() + " does not offer live response.");
        }
        if (st.health() != SensorHealth.ACTIVE) {
            return Optional.of("The sensor of " + s.deviceName() + " is " + st.health().label().toLowerCase() + "; live response needs an active sensor.");
        }
        return Optional.empty();
    }

    @Transactional
    public LiveSession start(String deviceId) {
        store.lock();
        startRefusal(deviceId).ifPresent(r -> {
            throw new LiveResponseException("deviceId", r, r.startsWith("Live response on this device needs") ? 403 : 409);
        });
        Sensor sensor = sensors.status(deviceId).sensor();
        List<LiveSession> open = store.openSessions();
        String me = AuditLog.currentActor();
        for (LiveSession o : open) {
            if (o.deviceId().equals(deviceId)) {
                throw new LiveResponseException("deviceId", sensor.deviceName() + " already has an open live response session (" + o.id() + ", started by "
                        + o.startedBy() + "); one session per device", 409);
            }
        }
        if (open.stream().filter(o -> o.startedBy().equals(me)).count() >= MAX_SESSIONS_PER_USER) {
            throw new LiveResponseException("deviceId", "you already have " + MAX_SESSIONS_PER_USER + " open sessions; end one first", 429);
        }
        if (open.size() >= MAX_SESSIONS) {
            throw new LiveResponseException("deviceId", MAX_SESSIONS + " live response sessions are open, the most at once; try again when one ends", 429);
        }
        long id = store.insertSession(deviceId, sensor.deviceName(), sensor.id(), me, now());
        audit.record("liveresponse.start", "device", deviceId, "session " + id + " on " + sensor.deviceName());
        signals.wake(sensor.id());
        return store.session(id).orElseThrow();
    }

    /** The session, if the caller may see it (Basic live response where its device lies). */
    public Optional<LiveSession> session(long id) {
        return store.session(id).filter(this::visible);
    }

    public LiveSession requireSession(long id) {
        return session(id).orElseThrow(() -> new LiveResponseException("sessionId", "no live response session " + id, 404));
    }

    public boolean canUse(LiveSession s) {
        return s.open() && s.startedBy().equals(AuditLog.currentActor()) && visible(s);
    }

    public boolean canEnd(LiveSession s) {
        return s.open() && visible(s) && (s.startedBy().equals(AuditLog.currentActor()) || onDevice(s.deviceId(), Permission.ADVANCED_LIVE_RESPONSE_MANAGE));
    }

    public List<LiveSession> openSessions() {
        return store.openSessions().stream().filter(this::visible).toList();
    }

    public List<LiveSession> recentSessions(int limit) {
        return store.recentSessions(limit * 10).stream().filter(this::visible).limit(limit).toList();
    }

    public long commandCount(LiveSession s) {
        return store.commandCount(s.id());
    }

    @Transactional
    public void end(long sessionId) {
        LiveSession s = requireSession(sessionId);
        if (!s.open()) {
            throw new LiveResponseException("sessionId", "session " + s.id() + " has ended (" + s.endReason() + ")", 409);
        }
        if (!canEnd(s)) {
            throw new LiveResponseException("sessionId", "session " + s.id() + " belongs to " + s.startedBy(), 403);
        }
        endNow(s, "ended by " + AuditLog.currentActor());
    }

    private void endNow(LiveSession s, String reason) {
        if (store.end(s.id(), reason, now())) {
            audit.record("liveresponse.end", "device", s.deviceId(), "session " + s.id() + " " + reason);
        }
    }

    // ---- commands

    public List<LiveCommandRun> commands(LiveSession s) {
        return store.commands(s.id());
    }

    public Optional<LiveCommandRun> command(long id) {
        return store.command(id).filter(c -> session(c.sessionId()).isPresent());
    }

    /** Whether the caller may run this command on the session's device (permissions and settings, not the session's owner). */
    public Optional<String> commandRefusal(LiveSession s, LiveCommand c) {
        if (c.advanced() && !onDevice(s.deviceId(), Permission.ADVANCED_LIVE_RESPONSE_MANAGE)) {
            return Optional.of(c.wire() + " needs Advanced live response (manage) where " + s.deviceName() + " lies");
        }
        if (c == LiveCommand.GETFILE && !onDevice(s.deviceId(), Permission.FILE_COLLECTION_MANAGE)) {
            return Optional.of("getfile needs File collection (manage) where " + s.deviceName() + " lies");
        }
        if (c == LiveCommand.RUN && !store.settings().scriptsEnabled()) {
            return Optional.of("running scripts is turned off (Settings › Live response)");
        }
        return Optional.empty();
    }

    public static final String SOURCE_CONSOLE = "Manual live response action";
    public static final String SOURCE_API = "Live response action (API)";

    public LiveCommandRun submit(long sessionId, String line) {
        return submit(sessionId, line, SOURCE_CONSOLE);
    }

    /** A command line typed into the console or sent through the API ({@code source}, as the Action center names it). */
    @Transactional
    public LiveCommandRun submit(long sessionId, String line, String source) {
        LiveSession s = requireSession(sessionId);
        if (!s.open()) {
            throw new LiveResponseException("sessionId", "session " + s.id() + " has ended (" + s.endReason() + ")", 409);
        }
        if (!s.startedBy().equals(AuditLog.currentActor())) {
            throw new LiveResponseException("sessionId", "session " + s.id() + " belongs to " + s.startedBy() + "; start your own on another device", 403);
        }
        CommandLine cl = CommandLine.parse(line);
        store.lock();
        if (store.session(s.id()).map(x -> !x.open()).orElse(true)) {
            throw new LiveResponseException("sessionId", "session " + s.id() + " has ended", 409);
        }
        commandRefusal(s, cl.command()).ifPresent(r -> {
            throw new LiveResponseException("commandLine", r, 403);
        });
        OffsetDateTime now = now();
        store.touch(s.id(), now);
        String who = AuditLog.currentActor();
        String args = arguments(cl);
        if (args.length() > 8000) {
            throw new LiveResponseException("commandLine", "is too long once encoded; shorten the paths or parameters");
        }
        long id;
        if (cl.command().where() == LiveCommand.Where.PORTAL) {
            PortalCommands.Answer a = new PortalCommands(store, library, this).answer(s, cl);
            id = store.insertCommand(s.id(), line.strip(), cl.command().wire(), args, a.error() == null ? LiveCommandRun.Status.COMPLETED
                    : LiveCommandRun.Status.FAILED, who, now, a.output(), a.data(), a.error(), source);
            if (cl.command() == LiveCommand.CLS) {
                store.clear(s.id(), id);
            }
        } else {
            if (store.unfinished(s.id()) >= MAX_QUEUED_PER_SESSION) {
                throw new LiveResponseException("commandLine", MAX_QUEUED_PER_SESSION + " commands are already waiting or running in this session", 429);
            }
            if (cl.command() == LiveCommand.RUN || cl.command() == LiveCommand.PUTFILE) {
                if (library.find(cl.args().get(0)).isEmpty()) {
                    throw new LiveResponseException("commandLine", "the library holds no file named " + cl.args().get(0) + "; type library for the list", 404);
                }
            }
            id = store.insertCommand(s.id(), line.strip(), cl.command().wire(), args, LiveCommandRun.Status.PENDING, who, now, null, null, null, source);
            signals.wakeAfterCommit(s.sensorId());
        }
        audit.record("liveresponse.command", "device", s.deviceId(), "session " + s.id() + " command " + id + ": " + line.strip());
        return store.command(id).orElseThrow();
    }

    @Transactional
    public LiveCommandRun cancel(long commandId) {
        LiveCommandRun c = command(commandId).orElseThrow(() -> new LiveResponseException("commandId", "no command " + commandId, 404));
        LiveSession s = requireSession(c.sessionId());
        if (!s.open()) {
            throw new LiveResponseException("commandId", "session " + s.id() + " has ended", 409);
        }
        if (!canUse(s)) {
            throw new LiveResponseException("commandId", "command " + commandId + " is in a session you cannot use", 403);
        }
        if (c.status().finished()) {
            throw new LiveResponseException("commandId", "command " + commandId + " has already " + c.status().label().toLowerCase(), 409);
        }
        // The sensor may still finish it; only the portal stops waiting (like Ctrl+C in the reference console).
        store.finish(commandId, LiveCommandRun.Status.CANCELLED, null, null, "Cancelled by " + AuditLog.currentActor(), null, null, null, now());
        audit.record("liveresponse.cancel", "device", s.deviceId(), "session " + s.id() + " command " + commandId);
        return store.command(commandId).orElseThrow();
    }

    /** The uploaded file of a getfile/collect command, if the caller may download it (File collection where the device lies). */
    public java.nio.file.Path file(long commandId) {
        LiveCommandRun c = command(commandId).filter(x -> x.fileName() != null)
                .orElseThrow(() -> new LiveResponseException("commandId", "command " + commandId + " has no file", 404));
        LiveSession s = requireSession(c.sessionId());
        if (!onDevice(s.deviceId(), Permission.FILE_COLLECTION_MANAGE)) {
            throw new LiveResponseException("commandId", "downloading files from " + s.deviceName() + " needs File collection (manage)", 403);
        }
        java.nio.file.Path p = library.fileRoot().resolve(String.valueOf(c.id())).resolve(c.fileName());
        if (!java.nio.file.Files.isRegularFile(p)) {
            throw new LiveResponseException("commandId", "the file of command " + commandId + " is no longer stored", 404);
        }
        audit.record("liveresponse.download", "device", s.deviceId(), "session " + s.id() + " command " + commandId + " file " + c.fileName());
        return p;
    }

    /** A command of the Action center's live response list. */
    public record Logged(LiveCommandRun command, String deviceId, String deviceName, String source) {
    }

    /** The latest commands of the last {@code days} days on devices where the caller has Basic live response, newest first. */
    public List<Logged> latestCommands(int days, int limit) {
        requireAnyLiveResponse();
        return store.latestCommands(now().minusDays(days), limit * 5).stream()
                .filter(l -> onDevice(l.deviceId(), Permission.BASIC_LIVE_RESPONSE_MANAGE)).limit(limit)
                .map(l -> new Logged(l.command(), l.deviceId(), l.deviceName(), l.source())).toList();
    }

    // ---- library

    public List<LiveLibrary.Entry> library() {
        requireAnyLiveResponse();
        return library.all();
    }

    /** The library as Settings › Live response lists it: to settings readers and live response users. */
    public List<LiveLibrary.Entry> libraryForSettings() {
        if (!AccessPolicy.can(auth(), Permission.CORE_SECURITY_SETTINGS_READ)) {
            requireAnyLiveResponse();
        }
        return library.all();
    }

    public boolean canManageLibrary() {
        return AccessPolicy.can(auth(), Permission.ADVANCED_LIVE_RESPONSE_MANAGE);
    }

    @Transactional
    public LiveLibrary.Entry upload(String name, String description, String parameters, byte[] content, boolean overwrite) {
        if (!canManageLibrary()) {
            throw new LiveResponseException("file", "uploading to the library needs Advanced live response (manage)", 403);
        }
        LiveLibrary.Entry e = library.put(name, description, parameters, content, overwrite, AuditLog.currentActor(), now());
        audit.record("liveresponse.library.upload", "library", name, "sha256 " + e.sha256() + ", " + e.sizeBytes() + " bytes" + (overwrite ? " (overwrite)" : ""));
        return e;
    }

    @Transactional
    public void deleteFromLibrary(String name) {
        if (!canManageLibrary()) {
            throw new LiveResponseException("name", "deleting from the library needs Advanced live response (manage)", 403);
        }
        if (!library.delete(name)) {
            throw new LiveResponseException("name", "the library holds no file named " + name, 404);
        }
        audit.record("liveresponse.library.delete", "library", name, null);
    }

    // ---- helpers

    public boolean canUseLiveResponse() {
        return AccessPolicy.can(auth(), Permission.BASIC_LIVE_RESPONSE_MANAGE);
    }

    private void requireAnyLiveResponse() {
        if (!canUseLiveResponse()) {
            throw new LiveResponseException("permission", "live response needs Basic live response (manage)", 403);
        }
    }

    private boolean visible(LiveSession s) {
        return AccessPolicy.can(auth(), Permission.BASIC_LIVE_RESPONSE_MANAGE) && onDevice(s.deviceId(), Permission.BASIC_LIVE_RESPONSE_MANAGE);
    }

    private boolean onDevice(String deviceId, Permission p) {
        return AccessPolicy.can(auth(), p) && scopes.devicesFor(p).coversId(deviceId);
    }

    static String arguments(CommandLine cl) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("args", cl.args());
        m.put("options", cl.options());
        m.put("json", cl.json());
        m.put("background", cl.background());
        return JSON.writeValueAsString(m);
    }

    static List<String> argsOf(LiveCommandRun c) {
        List<String> out = new ArrayList<>();
        JSON.readTree(c.arguments()).path("args").forEach(n -> out.add(n.asString()));
        return out;
    }

    private static Authentication auth() {
        return SecurityContextHolder.getContext().getAuthentication();
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
