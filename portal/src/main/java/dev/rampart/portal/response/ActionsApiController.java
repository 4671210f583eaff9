package dev.rampart.portal.response;

import dev.rampart.portal.access.Perms;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/**
 * {@code /api/v1/actions}: list with filters, create for a target, approve/reject (single or bulk), cancel, undo.
 * Creating needs one of the permissions the catalogue names (checked per type in the service).
 */
@RestController
@RequestMapping(value = "/api/v1/actions", produces = "application/json")
class ActionsApiController {
    static final String ANY_RESPONSE = "hasAnyAuthority('PERM_RESPONSE_MANAGE', 'PERM_ALERTS_MANAGE', 'PERM_FILE_COLLECTION_MANAGE')";

    private final ResponseActions actions;

    ActionsApiController(ResponseActions actions) {
        this.actions = actions;
    }

    @GetMapping
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> list(@RequestParam(required = false) String status, @RequestParam(required = false) String type,
                             @RequestParam(required = false) String targetType, @RequestParam(required = false) String target,
                             @RequestParam(required = false) String deviceId, @RequestParam(required = false) String requestedBy,
                             @RequestParam(required = false) Long incidentId, @RequestParam(required = false) OffsetDateTime from,
                             @RequestParam(required = false) OffsetDateTime to, @RequestParam(required = false) String approvalId,
                             @RequestParam(defaultValue = "1") int page,
                             @RequestParam(defaultValue = "50") int pageSize) {
        if (pageSize < 1 || pageSize > 500) {
            throw new ActionException("pageSize", "must be between 1 and 500");
        }
        ActionQuery q = new ActionQuery(status == null ? Set.of() : Set.of(ActionStatus.parse(status)),
                type == null ? Set.of() : Set.of(ActionType.parse(type)), targetType == null ? null : parseTarget(targetType), target, deviceId,
                requestedBy, null, incidentId, null, from, to, approvalId == null ? null : approvalId.strip().toUpperCase(java.util.Locale.ROOT));
        ActionPage p = actions.list(q, page, pageSize);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", p.total());
        m.put("page", p.page());
        m.put("pageSize", p.pageSize());
        m.put("value", p.items().stream().map(ActionsApiController::json).toList());
        return m;
    }

    @GetMapping("/{id}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> get(@PathVariable long id) {
        return json(actions.get(id));
    }

    record CreateRequest(String type, String target, String deviceId, Map<String, String> parameters, String comment, Long incidentId,
                         String alertId) {
    }

    @PostMapping
    @PreAuthorize(ANY_RESPONSE)
    ResponseEntity<Map<String, Object>> create(@RequestBody CreateRequest r) {
        List<ResponseAction> created = actions.request(new ActionRequest(ActionType.parse(r.type()), r.target(), r.deviceId(), r.parameters(),
                r.comment(), r.incidentId(), r.alertId()), ResponseAction.API);
        return ResponseEntity.created(URI.create("/api/v1/actions/" + created.get(0).id()))
                .body(Map.of("value", created.stream().map(ActionsApiController::json).toList()));
    }

    record Decision(List<Long> ids, String comment) {
    }

    @PostMapping("/approve")
    @PreAuthorize(Perms.RESPONSE_MANAGE)
    Map<String, Object> approve(@RequestBody Decision d) {
        return Map.of("approved", actions.approve(d.ids() == null ? List.of() : d.ids(), d.comment()));
    }

    @PostMapping("/reject")
    @PreAuthorize(Perms.RESPONSE_MANAGE)
    Map<String, Object> reject(@RequestBody Decision d) {
        return Map.of("rejected", actions.reject(d.ids() == null ? List.of() : d.ids(), d.comment()));
    }

    record Comment(String comment) {
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize(ANY_RESPONSE)
    Map<String, Object> cancel(@PathVariable long id, @RequestBody Comment c) {
        return json(actions.cancel(id, c.comment()));
    }

    @PostMapping("/{id}/undo")
    @PreAuthorize(ANY_RESPONSE)
    ResponseEntity<Map<String, Object>> undo(@PathVariable long id, @RequestBody Comment c) {
        ResponseAction u = actions.undo(id, c.comment());
        return ResponseEntity.created(URI.create("/api/v1/actions/" + u.id())).body(json(u));
    }

    @ExceptionHandler(ActionException.class)
    ResponseEntity<ProblemDetail> problem(ActionException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.field() + " " + e.getMessage());
        p.setProperty("field", e.field());
        return ResponseEntity.status(e.status()).body(p);
    }

    private static TargetType parseTarget(String s) {
        try {
            return TargetType.valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ActionException("targetType", "unknown target type '" + s + "'; use device, file, user, email, ip or url");
        }
    }

    static Map<String, Object> json(ResponseAction a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("type", a.type().wire());
        m.put("label", a.type().label());
        m.put("targetType", a.targetType().name().toLowerCase(java.util.Locale.ROOT));
        m.put("target", a.targetId());
        m.put("targetName", a.targetName());
        m.put("deviceId", a.deviceId());
        m.put("parameters", a.parameters());
        m.put("status", a.status().name());
        m.put("source", a.source());
        m.put("requestedBy", a.requestedBy());
        m.put("comment", a.requestComment());
        m.put("requestedAt", a.requestedAt());
        m.put("decidedBy", a.decidedBy());
        m.put("decidedAt", a.decidedAt());
        m.put("decisionComment", a.decisionComment());
        m.put("startedAt", a.startedAt());
        m.put("completedAt", a.completedAt());
        m.put("result", a.resultSummary());
        m.put("incidentId", a.incidentId());
        m.put("alertId", a.alertId());
        m.put("investigationId", a.investigationId());
        m.put("undoOf", a.undoOf());
        m.put("undoneBy", a.undoneBy());
        m.put("undoable", a.undoable());
        m.put("approvalId", a.batchId());
        m.put("remediationName", a.batchName());
        return m;
    }
}
