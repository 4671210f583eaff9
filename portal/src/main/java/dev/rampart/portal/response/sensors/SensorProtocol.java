package dev.rampart.portal.response.sensors;

import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.response.ActionException;
import dev.rampart.portal.response.Artifacts;
import dev.rampart.portal.response.ResponseAction;
import dev.rampart.portal.response.ResponseActions;
import dev.rampart.portal.response.ResponseStateHandlers;
import dev.rampart.portal.response.indicators.Indicator;
import dev.rampart.portal.response.indicators.IndicatorScope;
import dev.rampart.portal.response.indicators.Indicators;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server side of the sensor protocol ({@code docs/sensor-protocol.md}): enrolment with a token, heartbeats with
 * device inventory answered by the sensor's policy, pulling pending actions and reporting their results.
 */
@Service
public class SensorProtocol {
    public static final int HEARTBEAT_SECONDS = 60;
    public static final int MAX_INVENTORY_CHARS = 262_144;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern DEVICE_ID = Pattern.compile("^[A-Za-z0-9-]{1,64}$");
    private static final List<String> KNOWN_CAPABILITIES = List.of("device", "identity", "mail", "liveresponse");

    public record Enrolment(String token, String deviceId, String deviceName, String osPlatform, String osVersion, String sensorVersion,
                            List<String> capabilities) {
    }

    public record Enrolled(long sensorId, String credential, int heartbeatSeconds) {
    }

    public record Heartbeat(String deviceName, String osVersion, String sensorVersion, List<String> ipAddresses, List<String> loggedOnUsers,
                            List<Map<String, Object>> software, Boolean isolated, Boolean restricted) {
    }

    public record PolicyIndicator(String type, String value, String action) {
    }

    public record Policy(String serverTime, int heartbeatSeconds, long pendingActions, List<PolicyIndicator> indicators,
                         List<String> containedAddresses, List<String> containedUsers, long liveResponseSessions) {
    }

    public record WorkItem(long id, String type, String targetType, String targetId, String targetName, Map<String, String> parameters,
                           String comment, String requestedBy, String requestedAt) {
    }

    public record ArtifactUpload(String name, String contentType, String contentBase64) {
    }

    public record Result(String status, String summary, String output, List<ArtifactUpload> artifacts) {
    }

    private final SensorRegistry registry;
    private final EnrolmentTokens tokens;
    private final ResponseActions actions;
    private final ResponseStateHandlers state;
    private final Indicators indicators;
    private final Artifacts artifacts;
    private final AuditLog audit;
    private final IndicatorScope indicatorScope;
    private final dev.rampart.portal.response.liveresponse.LiveResponseSensors live;

    SensorProtocol(SensorRegistry registry, EnrolmentTokens tokens, ResponseActions actions, ResponseStateHandlers state, Indicators indicators,
                   Artifacts artifacts, AuditLog audit, IndicatorScope indicatorScope, dev.rampart.portal.response.liveresponse.LiveResponseSensors live) {
        this.live = live;
        this.registry = registry;
        this.tokens = tokens;
        this.actions = actions;
        this.state = state;
        this.indicators = indicators;
        this.artifacts = artifacts;
        this.audit = audit;
        this.indicatorScope = indicatorScope;
    }

    @Transactional(noRollbackFor = SensorException.class)
    public Enrolled enrol(Enrolment e) {
        if (e.deviceId() == null || !DEVICE_ID.matcher(e.deviceId()).matches()) {
            throw new SensorException("deviceId", "is required: 1 to 64 letters, digits or dashes", 400);
        }
        if (e.deviceName() == null || e.deviceName().isBlank() || e.deviceName().length() > 300) {
            throw new SensorException("deviceName", "is required (at most 300 characters)", 400);
        }
        List<String> caps = new ArrayList<>();
        caps.add("device");
        for (String c : e.capabilities() == null ? List.<String>of() : e.capabilities()) {
            String n = c == null ? "" : c.strip().toLowerCase(java.util.Locale.ROOT);
            if (!KNOWN_CAPABILITIES.contains(n)) {
                throw new SensorException("capabilities", "unknown capability '" + c + "'; use " + KNOWN_CAPABILITIES, 400);
            }
            if (!caps.contains(n)) {
                caps.add(n);
            }
        }
        long tokenId = tokens.consume(e.token());
        String credential = SensorRegistry.newSecret("rsn_");
        long id = registry.enrol(e.deviceId(), e.deviceName().strip(), e.osPlatform(), e.osVersion(), e.sensorVersion(), caps, credential, tokenId,
                OffsetDateTime.now(ZoneOffset.UTC));
        audit.recordAs("sensor:" + e.deviceName().strip(), "sensor.enrol", "sensor", String.valueOf(id),
                "device " + e.deviceId() + " with enrolment token " + tokenId + ", capabilities " + caps);
        return new Enrolled(id, credential, HEARTBEAT_SECONDS);
    }

    /** The sensor holding this credential, or empty when it is unknown or revoked. */
    public java.util.Optional<Sensor> authenticate(String credential) {
        return credential == null ? java.util.Optional.empty() : registry.byCredential(credential);
    }

    @Transactional
    public Policy heartbeat(Sensor s, Heartbeat h, String remoteIp) {
        Map<String, Object> inventory = new LinkedHashMap<>();
        inventory.put("ipAddresses", h.ipAddresses() == null ? List.of() : h.ipAddresses());
        inventory.put("loggedOnUsers", h.loggedOnUsers() == null ? List.of() : h.loggedOnUsers());
        inventory.put("software", h.software() == null ? List.of() : h.software());
        String json = JSON.writeValueAsString(inventory);
        if (json.length() > MAX_INVENTORY_CHARS) {
            throw new SensorException("software", "inventory is larger than " + MAX_INVENTORY_CHARS + " characters", 413);
        }
        String ip = h.ipAddresses() != null && !h.ipAddresses().isEmpty() ? h.ipAddresses().get(0) : remoteIp;
        registry.heartbeat(s.id(), blank(h.deviceName()), blank(h.osVersion()), blank(h.sensorVersion()), ip, json,
                Boolean.TRUE.equals(h.isolated()), Boolean.TRUE.equals(h.restricted()), OffsetDateTime.now(ZoneOffset.UTC));
        return policy(registry.byId(s.id()).orElseThrow());
    }

    /**
     * What the sensor enforces: active allow/warn/block indicators in its scope, the addresses of contained devices and
     * the contained accounts whose network sign-ins it refuses.
     */
    public Policy policy(Sensor s) {
        List<PolicyIndicator> ind = new ArrayList<>();
        for (Indicator i : indicators.active()) {
            if (i.action() != dev.rampart.portal.response.indicators.IndicatorAction.AUDIT && indicatorScope.applies(i, s.deviceId(), s.deviceName())) {
                ind.add(new PolicyIndicator(i.type().name(), i.value(), i.action().name()));
            }
        }
        List<String> contained = state.containedAddresses().stream().filter(a -> !a.equals(s.lastIp())).toList();
        long pending = actions.pendingFor(s.deviceId());
        return new Policy(OffsetDateTime.now(ZoneOffset.UTC).toString(), HEARTBEAT_SECONDS, pending, ind, contained, state.containedUsers(),
                live.openSessions(s.id()));
    }

    public List<WorkItem> pull(Sensor s, int limit) {
        return actions.claim(s, Math.max(1, Math.min(limit, 50))).stream().map(a -> new WorkItem(a.id(), a.type().wire(), a.targetType().name(),
                a.targetId(), a.targetName(), a.parameters(), a.requestComment(), a.requestedBy(), a.requestedAt().toString())).toList();
    }

    @Transactional
    public ResponseAction report(Sensor s, long actionId, Result r) {
        if (r == null || r.status() == null) {
            throw new SensorException("status", "is required: completed or failed", 400);
        }
        boolean ok = switch (r.status().strip().toLowerCase(java.util.Locale.ROOT)) {
            case "completed", "succeeded", "success" -> true;
            case "failed", "failure" -> false;
            default -> throw new SensorException("status", "must be completed or failed, got '" + r.status() + "'", 400);
        };
        if (r.output() != null && r.output().length() > 1_000_000) {
            throw new SensorException("output", "is longer than 1,000,000 characters; upload it as an artifact", 413);
        }
        Map<ArtifactUpload, byte[]> files = new LinkedHashMap<>();
        for (ArtifactUpload u : r.artifacts() == null ? List.<ArtifactUpload>of() : r.artifacts()) {
            try {
                files.put(u, Base64.getDecoder().decode(u.contentBase64() == null ? "" : u.contentBase64()));
            } catch (IllegalArgumentException e) {
                throw new SensorException("artifacts.contentBase64", "of " + u.name() + " is not base64", 400);
            }
        }
        ResponseAction done;
        try {
            done = actions.report(s, actionId, ok, r.summary() == null ? (ok ? "Completed" : "Failed") : clip(r.summary(), 4000), r.output());
            files.forEach((u, bytes) -> artifacts.store(actionId, u.name(), u.contentType(), bytes));
        } catch (ActionException e) {
            throw new SensorException(e.field(), e.getMessage(), e.status());
        }
        return done;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
