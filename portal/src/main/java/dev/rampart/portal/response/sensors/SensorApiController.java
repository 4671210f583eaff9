package dev.rampart.portal.response.sensors;

import dev.rampart.portal.access.Perms;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/sensors}: the sensor protocol ({@code /enrol}, {@code /me/...}, authenticated by the sensor chain)
 * and the administrators' view (list sensors, create/revoke enrolment tokens, authenticated as users).
 */
@RestController
@RequestMapping(value = "/api/v1/sensors", produces = "application/json")
class SensorApiController {
    private static final String SENSOR = "hasAuthority('" + SensorAuthentication.AUTHORITY + "')";

    private final SensorProtocol protocol;
    private final SensorRegistry registry;
    private final EnrolmentTokens tokens;

    SensorApiController(SensorProtocol protocol, SensorRegistry registry, EnrolmentTokens tokens) {
        this.protocol = protocol;
        this.registry = registry;
        this.tokens = tokens;
    }

    /** Open endpoint: the enrolment token in the body is the credential. */
    @PostMapping("/enrol")
    @PreAuthorize("permitAll()")
    ResponseEntity<SensorProtocol.Enrolled> enrol(@RequestBody SensorProtocol.Enrolment e) {
        SensorProtocol.Enrolled done = protocol.enrol(e);
        return ResponseEntity.created(URI.create("/api/v1/sensors/" + done.sensorId())).body(done);
    }

    @PostMapping("/me/heartbeat")
    @PreAuthorize(SENSOR)
    SensorProtocol.Policy heartbeat(Authentication auth, @RequestBody SensorProtocol.Heartbeat h, HttpServletRequest req) {
        return protocol.heartbeat(sensor(auth), h, req.getRemoteAddr());
    }

    @GetMapping("/me/actions")
    @PreAuthorize(SENSOR)
    List<SensorProtocol.WorkItem> pull(Authentication auth, @RequestParam(defaultValue = "10") int limit) {
        return protocol.pull(sensor(auth), limit);
    }

    @PostMapping("/me/actions/{id}/result")
    @PreAuthorize(SENSOR)
    Map<String, Object> result(Authentication auth, @PathVariable long id, @RequestBody SensorProtocol.Result r) {
        var a = protocol.report(sensor(auth), id, r);
        return Map.of("id", a.id(), "status", a.status().name());
    }

    @GetMapping
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    List<Map<String, Object>> list() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return registry.all().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("deviceId", s.deviceId());
            m.put("deviceName", s.deviceName());
            m.put("osPlatform", s.osPlatform());
            m.put("sensorVersion", s.sensorVersion());
            m.put("capabilities", s.capabilities());
            m.put("health", s.health(now).name());
            m.put("lastSeen", s.lastSeenAt());
            m.put("isolated", s.isolated());
            m.put("restricted", s.restricted());
            return m;
        }).toList();
    }

    record TokenRequest(String label, Integer maxUses, Integer validHours) {
    }

    @PostMapping("/enrolment-tokens")
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_MANAGE)
    ResponseEntity<Map<String, Object>> createToken(@RequestBody TokenRequest r) {
        EnrolmentTokens.Created c = tokens.create(r.label(), r.maxUses() == null ? 1 : r.maxUses(),
                Duration.ofHours(r.validHours() == null ? 24 : r.validHours()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.token().id());
        m.put("token", c.secret());
        m.put("maxUses", c.token().maxUses());
        m.put("expiresAt", c.token().expiresAt());
        return ResponseEntity.status(HttpStatus.CREATED).body(m);
    }

    @ExceptionHandler(SensorException.class)
    ResponseEntity<ProblemDetail> problem(SensorException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.field() + " " + e.getMessage());
        p.setProperty("field", e.field());
        return ResponseEntity.status(e.status()).body(p);
    }

    private static Sensor sensor(Authentication auth) {
        return ((SensorAuthentication) auth).sensor();
    }
}
