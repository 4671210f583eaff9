package dev.rampart.portal.detection;

import dev.rampart.portal.access.DeviceGroups;
import dev.rampart.portal.access.Perms;
import java.net.URI;
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
import tools.jackson.databind.JsonNode;

/**
 * Custom detection rules as code, in the shape of Graph's {@code detectionRule}: list and read ("Security data
 * basics"), create, change (only the fields sent) and delete ("Detection tuning (manage)"). Automated actions and a
 * device-group scope are held to the same checks as on the rule page: the caller's permissions and device groups.
 */
@RestController
@RequestMapping("/api/v1/detection/rules")
class DetectionRuleApiController {
    private final DetectionRules rules;
    private final DeviceGroups groups;
    private final dev.rampart.portal.access.DataScopes scopes;

    DetectionRuleApiController(DetectionRules rules, DeviceGroups groups, dev.rampart.portal.access.DataScopes scopes) {
        this.rules = rules;
        this.groups = groups;
        this.scopes = scopes;
    }

    /** Names of the device groups the caller's roles cover (all of them when unrestricted); others are not named in answers. */
    private List<dev.rampart.portal.access.DeviceGroup> named() {
        var mine = scopes.current().deviceGroups(dev.rampart.portal.access.DataScopes.ENDPOINT);
        return groups.all().stream().filter(g -> mine.isEmpty() || mine.get().contains(g.id())).toList();
    }

    @GetMapping
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> list() {
        var all = named();
        return Map.of("value", rules.list().stream().map(r -> DetectionRuleJson.write(r, lastRun(r), all)).toList());
    }

    @GetMapping("/{id}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> get(@PathVariable long id) {
        return DetectionRuleJson.write(require(id), lastRun(require(id)), named());
    }

    @PostMapping
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body) {
        var all = groups.all();
        DetectionRule r = rules.create(DetectionRuleJson.draft(body, null), DetectionRuleJson.response(body, RuleResponse.NONE, all));
        return ResponseEntity.created(URI.create("/api/v1/detection/rules/" + r.id())).body(DetectionRuleJson.write(r, null, all));
    }

    @PatchMapping("/{id}")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    Map<String, Object> update(@PathVariable long id, @RequestBody JsonNode body) {
        DetectionRule base = require(id);
        var all = groups.all();
        DetectionRule r = rules.update(id, DetectionRuleJson.draft(body, base), DetectionRuleJson.response(body, base.response(), all));
        return DetectionRuleJson.write(r, lastRun(r), all);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    ResponseEntity<Void> delete(@PathVariable long id) {
        require(id);
        rules.delete(id);
        return ResponseEntity.noContent().build();
    }

    private DetectionRule require(long id) {
        return rules.get(id).orElseThrow(() -> new NotFound(id));
    }

    private DetectionRules.Run lastRun(DetectionRule r) {
        List<DetectionRules.Run> runs = rules.runs(r.id(), 1);
        return runs.isEmpty() ? null : runs.get(0);
    }

    static final class NotFound extends RuntimeException {
        NotFound(long id) {
            super("There is no detection rule " + id + ".");
        }
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<ProblemDetail> notFound(NotFound e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(DetectionRules.InvalidRuleException.class)
    ResponseEntity<ProblemDetail> invalid(DetectionRules.InvalidRuleException e) {
        return bad(FIELDS.getOrDefault(e.field(), e.field()), e.getMessage());
    }

    @ExceptionHandler(DetectionRuleJson.InvalidJsonException.class)
    ResponseEntity<ProblemDetail> invalidJson(DetectionRuleJson.InvalidJsonException e) {
        return bad(e.path, e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> bad(String field, String message) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
        p.setTitle("Invalid detection rule");
        p.setProperty("field", field);
        return ResponseEntity.badRequest().body(p);
    }

    /** The rule's field names as the request spells them. */
    private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("name", "displayName"), Map.entry("query", "queryCondition.queryText"),
            Map.entry("frequency", "schedule.period"), Map.entry("title", "detectionAction.alertTemplate.title"),
            Map.entry("severity", "detectionAction.alertTemplate.severity"), Map.entry("category", "detectionAction.alertTemplate.category"),
            Map.entry("mitreTechniques", "detectionAction.alertTemplate.mitreTechniques"),
            Map.entry("description", "detectionAction.alertTemplate.description"),
            Map.entry("recommendedActions", "detectionAction.alertTemplate.recommendedActions"),
            Map.entry("actions", "detectionAction.responseActions"), Map.entry("deviceGroups", "detectionAction.organizationalScope"),
            Map.entry("id", "id"));
}
