package dev.rampart.portal.intel;

import dev.rampart.portal.access.InvalidInputException;
import dev.rampart.portal.access.Perms;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/threat-intelligence}: reports and profiles with this organisation's figures, and STIX imports (the
 * request body is the STIX JSON, as a feed would push it).
 */
@RestController
@RequestMapping("/api/v1/threat-intelligence")
class ThreatIntelApiController {
    static final int MAX_BODY = 25 * 1024 * 1024;
    private final ThreatIntel intel;
    private final IntelImporter importer;

    ThreatIntelApiController(ThreatIntel intel, IntelImporter importer) {
        this.intel = intel;
        this.importer = importer;
    }

    @GetMapping("/reports")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> reports(@RequestParam(required = false) String q, @RequestParam(required = false) String tag) {
        return Map.of("value", intel.reports(q, tag).stream().map(r -> {
            Map<String, Object> m = item(r.report());
            m.put("techniques", r.techniques());
            m.put("indicators", r.indicators());
            m.put("matchedIndicators", r.matchedIndicators());
            m.put("activeAlerts", r.activeAlerts());
            m.put("resolvedAlerts", r.resolvedAlerts());
            m.put("impactedDevices", r.devices());
            return m;
        }).toList());
    }

    @GetMapping("/reports/{id}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> report(@PathVariable String id) {
        ThreatIntel.Report r = intel.report(id).orElseThrow(() -> new NotFound("No report " + id));
        Map<String, Object> m = item(r.report());
        m.put("techniques", r.techniques().stream().map(ThreatIntelApiController::technique).toList());
        m.put("indicators", r.indicators().stream().map(u -> Map.of("id", u.indicator().id(), "pattern", String.valueOf(u.indicator().pattern()),
                "portalIndicators", u.portalIndicators(), "matches", u.matches())).toList());
        m.put("alerts", r.alerts().stream().map(a -> Map.of("id", a.id(), "incidentId", a.incidentId(), "title", a.title(), "status", a.status().graph())).toList());
        m.put("impactedDevices", r.devices());
        m.put("impactedUsers", r.users());
        return m;
    }

    @GetMapping("/profiles")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> profiles(@RequestParam(defaultValue = "actors") String kind, @RequestParam(required = false) String q) {
        if (!ThreatIntel.KINDS.containsKey(kind)) {
            throw InvalidInputException.of("kind", "unknown kind '" + kind + "'; use " + String.join(", ", ThreatIntel.KINDS.keySet().stream().sorted().toList()));
        }
        return Map.of("value", intel.profiles(kind, q).stream().map(r -> {
            Map<String, Object> m = item(r.item());
            m.put(kind.equals("techniques") ? "usedBy" : "techniques", r.techniques());
            m.put(kind.equals("techniques") ? "alertsHere" : "techniquesSeenHere", r.seenHere());
            return m;
        }).toList());
    }

    @GetMapping("/profiles/{key}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> profile(@PathVariable String key) {
        ThreatIntel.Profile p = intel.profile(key).orElseThrow(() -> new NotFound("No profile " + key));
        Map<String, Object> m = item(p.item());
        m.put("description", p.item().description());
        m.put("techniques", p.techniques().stream().map(ThreatIntelApiController::technique).toList());
        m.put("related", p.related().stream().map(ThreatIntelApiController::item).toList());
        m.put("usedBy", p.usedBy().stream().map(ThreatIntelApiController::item).toList());
        return m;
    }

    @PostMapping(value = "/imports", consumes = "application/json")
    @PreAuthorize(Perms.CORE_SECURITY_SETTINGS_MANAGE)
    ResponseEntity<Map<String, Object>> importJson(jakarta.servlet.http.HttpServletRequest request, @RequestParam(defaultValue = "import.json") String name,
                                                   @RequestParam(defaultValue = "false") boolean createIndicators) throws java.io.IOException {
        // Read with a cap: the upload limits of multipart requests do not apply to a JSON body.
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw InvalidInputException.of("body", "is larger than " + (MAX_BODY >> 20) + " MB; split the bundle or import it with intel-import");
        }
        IntelImporter.Summary s = importer.importUpload(name.endsWith(".json") ? name : name + ".json", body, createIndicators);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("source", s.source());
        m.put("objects", s.objects());
        m.put("added", s.added());
        m.put("updated", s.updated());
        m.put("unchanged", s.unchanged());
        m.put("skipped", s.skipped());
        m.put("indicatorsCreated", s.indicators());
        m.put("byType", s.byType());
        m.put("problems", s.problems());
        return ResponseEntity.status(HttpStatus.CREATED).body(m);
    }

    @ExceptionHandler
    ProblemDetail invalid(InvalidInputException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        p.setTitle("Invalid input");
        p.setType(URI.create("https://rampart.dev/problems/invalid-input"));
        p.setProperty("errors", e.fieldErrors().entrySet().stream().map(x -> Map.of("field", x.getKey(), "message", x.getValue())).toList());
        return p;
    }

    @ExceptionHandler
    ProblemDetail notFound(NotFound e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle("Not found");
        return p;
    }

    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    private static Map<String, Object> technique(ThreatIntel.TechniqueUse t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.technique().externalId());
        m.put("name", t.technique().name());
        m.put("tactic", t.tactic());
        m.put("alertsHere", t.alerts());
        m.put("detectionRules", t.rules());
        return m;
    }

    private static Map<String, Object> item(ThreatIntel.Item i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("type", i.type());
        m.put("name", i.name());
        m.put("externalId", i.externalId());
        m.put("aliases", i.aliases());
        m.put("labels", i.labels());
        m.put("published", i.published() == null ? null : i.published().toString());
        m.put("modified", i.modified().toString());
        m.put("source", i.source());
        return m;
    }
}
