package dev.rampart.portal.hunting;

import dev.rampart.portal.access.Perms;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/hunting/run}: the Graph {@code runHuntingQuery} contract. Body {@code {"Query": "...",
 * "Timespan": "P7D"}}; answer {@code {"schema": [{"name","type"}], "results": [{column: value}]}}, and for a query
 * returning several tables {@code additionalResults}: the others, each with its name, schema, results and stats. Query errors are
 * 400 problems with {@code line} and {@code column}; a run past the time limit is 408; a used-up CPU quota is 429
 * with {@code Retry-After}.
 */
@RestController
class HuntingApiController {
    private final HuntingService hunting;
    private final HuntingFunctions functions;
    private final ApiRateLimit limit;

    HuntingApiController(HuntingService hunting, HuntingFunctions functions, ApiRateLimit limit) {
        this.hunting = hunting;
        this.functions = functions;
        this.limit = limit;
    }

    /** 429 with Retry-After when the caller used up its calls of the minute. */
    private java.util.Optional<ResponseEntity<?>> limited(org.springframework.security.core.Authentication auth) {
        var wait = limit.acquire(auth.getName());
        if (wait.isEmpty()) {
            return java.util.Optional.empty();
        }
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, "At most " + limit.perMinute()
                + " hunting API calls a minute per caller; try again in " + wait.getAsLong() + " s.");
        return java.util.Optional.of(ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", String.valueOf(wait.getAsLong())).body(p));
    }

    record LegacyRunRequest(String Query) {
    }

    /**
     * The legacy advanced hunting API ({@code POST /api/advancedhunting/run}) for scripts written against it: body
     * {@code {"Query": "..."}}, the last 30 days; answer {@code {"Stats", "Schema": [{"Name","Type"}], "Results"}}.
     */
    @PostMapping("/api/advancedhunting/run")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    @io.swagger.v3.oas.annotations.Operation(summary = "Run a KQL hunting query (legacy advanced hunting API shape)",
            description = "Body {\"Query\": \"...\"} over the last 30 days; answers Stats, Schema (Name, Type) and Results. Errors and "
                    + "limits as POST /api/v1/hunting/run. Needs Security data basics (read).")
    ResponseEntity<?> legacyRun(@RequestBody LegacyRunRequest request, org.springframework.security.core.Authentication auth) {
        var tooMany = limited(auth);
        if (tooMany.isPresent()) {
            return tooMany.get();
        }
        HuntingResult r;
        try {
            r = hunting.run(request.Query(), null, null, "api");
        } catch (HuntingException e) {
            return problem(e);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("ExecutionTime", r.elapsed().toMillis() / 1000.0);
        stats.put("resource_usage", Map.of("cpu", Map.of("total cpu", String.valueOf(r.cpu()))));
        stats.put("dataset_statistics", List.of(Map.of("table_row_count", r.rows().size(), "table_size", 0)));
        body.put("Stats", stats);
        List<Map<String, Object>> schema = new ArrayList<>();
        r.columns().forEach(c -> schema.add(Map.of("Name", c.name(), "Type", GraphTypes.typeName(c.type()))));
        body.put("Schema", schema);
        body.put("Results", table(r).get("results"));
        return ResponseEntity.ok(body);
    }

    @org.springframework.web.bind.annotation.GetMapping("/api/v1/hunting/functions")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    @io.swagger.v3.oas.annotations.Operation(summary = "List the functions hunting queries can call",
            description = "builtInFunctions: Defender's hunting functions the store answers; savedFunctions: the caller's own and the "
                    + "team's shared ones (name, parameters, body, returns, folder, isShared, createdBy, lastModifiedBy, "
                    + "lastModifiedDateTime). A query calls a saved function by name; the caller's own wins over a shared one "
                    + "of the same name. Needs Security data basics (read).")
    Map<String, Object> functions(org.springframework.security.core.Authentication auth) {
        List<Map<String, Object>> builtIn = BuiltInFunctions.ALL.stream()
                .map(b -> Map.<String, Object>of("usage", b.usage(), "description", b.description())).toList();
        List<Map<String, Object>> saved = new ArrayList<>();
        for (HuntingFunctions.SavedFunction f : functions.visibleTo(auth.getName())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.id());
            m.put("name", f.name());
            m.put("parameters", f.parameters());
            m.put("returns", f.returns());
            m.put("description", f.description());
            m.put("folder", f.folder());
            m.put("isShared", f.shared());
            m.put("createdBy", f.owner());
            m.put("lastModifiedBy", f.updatedBy());
            m.put("lastModifiedDateTime", f.updatedAt().toInstant().toString());
            m.put("body", f.body());
            saved.add(m);
        }
        return Map.of("builtInFunctions", builtIn, "savedFunctions", saved);
    }

    record RunRequest(String Query, String Timespan) {
    }

    @PostMapping("/api/v1/hunting/run")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    @io.swagger.v3.oas.annotations.Operation(summary = "Run a KQL hunting query",
            description = "Graph runHuntingQuery contract. Timespan is ISO 8601 (P7D, start/end, P1D/end, start/P1D or a start); "
                    + "default 30 days. At most rampart.hunting.max-rows rows (stats.truncated tells); query errors are 400 "
                    + "problems with line and column; a run past the timeout is 408; "
                    + "when the caller's hunting CPU quota is used up the answer is 429 with Retry-After (seconds). stats.cpuTimeMs is "
                    + "the CPU the run used. A query returning several tables (several statements, fork, facet) answers the first "
                    + "in schema/results and the others in additionalResults. Needs Security data basics (read).")
    ResponseEntity<?> run(@RequestBody RunRequest request, org.springframework.security.core.Authentication auth) {
        var tooMany = limited(auth);
        if (tooMany.isPresent()) {
            return tooMany.get();
        }
        HuntingResult r;
        try {
            r = hunting.run(request.Query(), request.Timespan(), null, "api");
        } catch (HuntingException e) {
            return problem(e);
        }
        Map<String, Object> body = table(r);
        if (!r.additional().isEmpty()) {
            // Graph's shape has one table; a query returning several (several statements, fork, facet) adds the rest here.
            List<Map<String, Object>> more = new ArrayList<>();
            for (HuntingResult t : r.additional()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", t.name());
                m.putAll(table(t));
                m.put("stats", Map.of("rowCount", t.rows().size(), "truncated", t.truncated()));
                more.add(m);
            }
            body.put("additionalResults", more);
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("executionTimeMs", r.elapsed().toMillis());
        stats.put("cpuTimeMs", r.cpu().toMillis());
        stats.put("rowCount", r.rows().size());
        stats.put("truncated", r.truncated());
        body.put("stats", stats);
        List<String> warnings = new ArrayList<>(r.warnings());
        if (r.quotaWarning() != null) {
            warnings.add(r.quotaWarning());
        }
        if (!warnings.isEmpty()) {
            body.put("warnings", warnings);
        }
        return ResponseEntity.ok(body);
    }

    /** One result table in Graph's shape: schema (name, type) and results (one object a row). */
    private static Map<String, Object> table(HuntingResult r) {
        List<Map<String, Object>> schema = new ArrayList<>();
        r.columns().forEach(c -> schema.add(Map.of("name", c.name(), "type", GraphTypes.typeName(c.type()))));
        List<Map<String, Object>> results = new ArrayList<>(r.rows().size());
        for (Object[] row : r.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < row.length; i++) {
                m.put(r.columns().get(i).name(), GraphTypes.jsonValue(row[i]));
            }
            results.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schema", schema);
        body.put("results", results);
        return body;
    }

    static ResponseEntity<ProblemDetail> problem(HuntingException e) {
        HttpStatus status = switch (e.kind()) {
            case TIMEOUT, CANCELLED -> HttpStatus.REQUEST_TIMEOUT;
            case QUOTA -> HttpStatus.TOO_MANY_REQUESTS;
            case EXECUTION -> HttpStatus.INTERNAL_SERVER_ERROR;
            default -> HttpStatus.BAD_REQUEST;
        };
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        p.setTitle(switch (e.kind()) {
            case SYNTAX -> "Query syntax error";
            case SEMANTIC -> "Query error";
            case UNSUPPORTED -> "Unsupported query feature";
            case TIMEOUT -> "Query exceeded the timeout period";
            case CANCELLED -> "Query cancelled";
            case EXECUTION -> "Query failed";
            case BAD_REQUEST -> "Invalid request";
            case QUOTA -> "Hunting quota used up";
        });
        if (e.line() > 0) {
            p.setProperty("line", e.line());
            p.setProperty("column", e.column());
        }
        var response = ResponseEntity.status(status);
        if (e.retryAfter() != null) {
            response.header(org.springframework.http.HttpHeaders.RETRY_AFTER, String.valueOf((e.retryAfter().toMillis() + 999) / 1000));
        }
        return response.body(p);
    }
}
