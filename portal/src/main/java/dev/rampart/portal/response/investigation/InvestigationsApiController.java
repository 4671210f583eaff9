package dev.rampart.portal.response.investigation;

import dev.rampart.portal.access.Perms;
import dev.rampart.portal.response.ResponseAction;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/investigations}: list (optionally by state), one with entities, actions and log, and start for an alert. */
@RestController
@RequestMapping(value = "/api/v1/investigations", produces = "application/json")
class InvestigationsApiController {
    private final Investigations investigations;

    InvestigationsApiController(Investigations investigations) {
        this.investigations = investigations;
    }

    @GetMapping
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> list(@RequestParam(required = false) String state, @RequestParam(defaultValue = "100") int top) {
        if (top < 1 || top > 1000) {
            throw new InvestigationException("top", "must be between 1 and 1000", 400);
        }
        List<Investigation> items = investigations.list(InvestigationState.parse(state), top);
        return Map.of("value", items.stream().map(InvestigationsApiController::summary).toList());
    }

    @GetMapping("/{id}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> one(@PathVariable long id) {
        Map<String, Object> m = summary(investigations.get(id));
        m.put("entities", investigations.entities(id).stream().map(e -> Map.of("type", e.type(), "value", e.display(),
                "verdict", e.verdict().name(), "reasons", e.reasons())).toList());
        m.put("actions", investigations.actionsOf(id).stream().map(InvestigationsApiController::action).toList());
        m.put("log", investigations.log(id).stream().map(l -> Map.of("at", l.at().toString(), "step", l.step(), "text", l.text())).toList());
        return m;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(Perms.ALERTS_MANAGE)
    ResponseEntity<Map<String, Object>> start(@RequestBody(required = false) Map<String, Object> body) {
        Object alertId = body == null ? null : body.get("alertId");
        Investigation i = investigations.start(alertId == null ? null : alertId.toString());
        return ResponseEntity.created(URI.create("/api/v1/investigations/" + i.id())).body(one(i.id()));
    }

    @ExceptionHandler(InvestigationException.class)
    ResponseEntity<ProblemDetail> problem(InvestigationException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.field() + " " + e.getMessage());
        p.setProperty("field", e.field());
        return ResponseEntity.status(e.status()).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static Map<String, Object> summary(Investigation i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("state", i.state().name());
        m.put("alertId", i.alertId());
        m.put("incidentId", i.incidentId());
        m.put("deviceId", i.deviceId());
        m.put("deviceName", i.deviceName());
        m.put("automationLevel", i.automationLevel().name());
        m.put("startedBy", i.startedBy());
        m.put("startedAt", i.startedAt().toString());
        m.put("endedAt", i.endedAt() == null ? null : i.endedAt().toString());
        m.put("failure", i.failure());
        return m;
    }

    private static Map<String, Object> action(ResponseAction a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("type", a.type().wire());
        m.put("target", a.targetId());
        m.put("deviceId", a.deviceId());
        m.put("status", a.status().name());
        return m;
    }
}
