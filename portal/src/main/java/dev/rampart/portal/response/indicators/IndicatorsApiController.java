package dev.rampart.portal.response.indicators;

import dev.rampart.portal.access.Perms;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/indicators}: list, get, create, replace, expire, delete, CSV import. Changes need Detection tuning (manage). */
@RestController
@RequestMapping(value = "/api/v1/indicators", produces = "application/json")
class IndicatorsApiController {
    private final Indicators indicators;

    IndicatorsApiController(Indicators indicators) {
        this.indicators = indicators;
    }

    @GetMapping
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> list(@RequestParam(required = false) String search, @RequestParam(required = false) String type,
                             @RequestParam(defaultValue = "false") boolean activeOnly, @RequestParam(name = "$top", defaultValue = "100") int top,
                             @RequestParam(name = "$skip", defaultValue = "0") int skip) {
        if (top < 1 || top > 1000) {
            throw new IndicatorException("$top", "must be between 1 and 1000");
        }
        IndicatorType t = type == null ? null : IndicatorType.parse(type);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", indicators.count(search, t, activeOnly));
        m.put("value", indicators.list(search, t, activeOnly, top, Math.max(0, skip)).stream().map(IndicatorsApiController::json).toList());
        return m;
    }

    @GetMapping("/{id}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> get(@PathVariable long id) {
        return json(indicators.find(id).orElseThrow(() -> new IndicatorException("id", "no indicator " + id, 0, 404)));
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    ResponseEntity<Map<String, Object>> create(@RequestBody IndicatorDraft d) {
        Indicator i = indicators.save(d, "API");
        return ResponseEntity.created(URI.create("/api/v1/indicators/" + i.id())).body(json(i));
    }

    @PutMapping("/{id}")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    Map<String, Object> update(@PathVariable long id, @RequestBody IndicatorDraft d) {
        return json(indicators.update(id, d));
    }

    @PostMapping("/{id}/expire")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    Map<String, Object> expire(@PathVariable long id) {
        return json(indicators.expire(id));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    ResponseEntity<Void> delete(@PathVariable long id) {
        indicators.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(value = "/import", consumes = {"text/csv", "text/plain"})
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    Map<String, Object> importCsv(@RequestBody String csv) {
        return Map.of("imported", indicators.importCsv(csv));
    }

    @ExceptionHandler(IndicatorException.class)
    ResponseEntity<ProblemDetail> problem(IndicatorException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.line() > 0 ? e.getMessage() : e.field() + " " + e.getMessage());
        p.setProperty("field", e.field());
        if (e.line() > 0) {
            p.setProperty("line", e.line());
        }
        return ResponseEntity.status(e.status()).body(p);
    }

    static Map<String, Object> json(Indicator i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("indicatorType", i.type().name());
        m.put("indicatorValue", i.value());
        m.put("action", i.action().name());
        m.put("generateAlert", i.generateAlert());
        m.put("title", i.title());
        m.put("description", i.description());
        m.put("severity", i.severity().graph());
        m.put("recommendedActions", i.recommendedActions());
        m.put("scope", i.scope());
        m.put("deviceGroups", i.deviceGroups());
        m.put("expiresAt", i.expiresAt());
        m.put("source", i.source());
        m.put("createdBy", i.createdBy());
        m.put("createdAt", i.createdAt());
        m.put("updatedBy", i.updatedBy());
        m.put("updatedAt", i.updatedAt());
        return m;
    }
}
