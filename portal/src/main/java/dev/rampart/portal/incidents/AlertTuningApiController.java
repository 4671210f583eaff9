package dev.rampart.portal.incidents;

import dev.rampart.portal.access.Perms;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/alertTuningRules}: list, get, create ({@code {"name", "action": "hide"|"resolve", "comment",
 * "conditions": [{"field", "operator", "operand"}]}}), PATCH {@code {"enabled"}}, DELETE, and
 * {@code GET /{id}/alerts} = ids of the alerts the rule caught.
 */
@RestController
@RequestMapping("/api/v1/alertTuningRules")
class AlertTuningApiController {
    private final AlertTuning tuning;

    AlertTuningApiController(AlertTuning tuning) {
        this.tuning = tuning;
    }

    /** Request body of create. */
    record Create(String name, String action, String comment, List<TuningRule.Condition> conditions) {
    }

    @GetMapping
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> list() {
        return Map.of("value", tuning.list());
    }

    @GetMapping("/{id}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    TuningRule get(@PathVariable long id) {
        return tuning.get(id);
    }

    @GetMapping("/{id}/alerts")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> caught(@PathVariable long id) {
        tuning.get(id);
        return Map.of("value", tuning.caught(id, 1000));
    }

    @PostMapping
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    ResponseEntity<TuningRule> create(@RequestBody Create body) {
        TuningRule r = tuning.create(body.name(), TuningRule.Action.parse(body.action()), body.conditions(), body.comment());
        return ResponseEntity.status(HttpStatus.CREATED).body(r);
    }

    @PatchMapping("/{id}")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    TuningRule patch(@PathVariable long id, @RequestBody Map<String, Object> body) {
        if (!(body.get("enabled") instanceof Boolean b)) {
            throw new InvalidValueException("enabled", "must be true or false");
        }
        return tuning.setEnabled(id, b);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    ResponseEntity<Void> delete(@PathVariable long id) {
        tuning.delete(id);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(InvalidValueException.class)
    ProblemDetail invalid(InvalidValueException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Invalid value");
        p.setProperty("field", e.field());
        return p;
    }

    @ExceptionHandler(IncidentService.NotFoundException.class)
    ProblemDetail notFound(IncidentService.NotFoundException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle("Not found");
        return p;
    }
}
