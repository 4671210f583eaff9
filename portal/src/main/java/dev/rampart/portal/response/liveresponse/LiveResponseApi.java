package dev.rampart.portal.response.liveresponse;

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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/live-response}: start a session, send command lines, read their results, end it — the console's
 * operations for scripts, with the same checks (the caller owns the session; advanced commands and file collection
 * need their permissions where the device lies).
 */
@RestController
@RequestMapping(value = "/api/v1/live-response", produces = "application/json")
class LiveResponseApi {
    private final LiveResponse live;

    LiveResponseApi(LiveResponse live) {
        this.live = live;
    }

    record StartRequest(String deviceId) {
    }

    record CommandRequest(String commandLine) {
    }

    @PostMapping("/sessions")
    @PreAuthorize(Perms.BASIC_LIVE_RESPONSE_MANAGE)
    ResponseEntity<Map<String, Object>> start(@RequestBody StartRequest r) {
        if (r == null || r.deviceId() == null || r.deviceId().isBlank()) {
            throw new LiveResponseException("deviceId", "is required");
        }
        LiveSession s = live.start(r.deviceId().strip());
        return ResponseEntity.created(URI.create("/api/v1/live-response/sessions/" + s.id())).body(session(s));
    }

    @GetMapping("/sessions/{id}")
    @PreAuthorize(Perms.BASIC_LIVE_RESPONSE_MANAGE)
    Map<String, Object> get(@PathVariable long id) {
        LiveSession s = live.requireSession(id);
        Map<String, Object> m = session(s);
        m.put("commands", live.commands(s).stream().map(LiveResponseApi::command).toList());
        return m;
    }

    @DeleteMapping("/sessions/{id}")
    @PreAuthorize(Perms.BASIC_LIVE_RESPONSE_MANAGE)
    Map<String, Object> end(@PathVariable long id) {
        live.end(id);
        return session(live.requireSession(id));
    }

    @PostMapping("/sessions/{id}/commands")
    @PreAuthorize(Perms.BASIC_LIVE_RESPONSE_MANAGE)
    ResponseEntity<Map<String, Object>> command(@PathVariable long id, @RequestBody CommandRequest r) {
        LiveCommandRun c = live.submit(id, r == null ? null : r.commandLine(), LiveResponse.SOURCE_API);
        return ResponseEntity.status(c.status().finished() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/live-response/commands/" + c.id())).body(command(c));
    }

    @GetMapping("/commands/{id}")
    @PreAuthorize(Perms.BASIC_LIVE_RESPONSE_MANAGE)
    Map<String, Object> command(@PathVariable long id) {
        return command(live.command(id).orElseThrow(() -> new LiveResponseException("id", "no live response command " + id, 404)));
    }

    @GetMapping(value = "/commands/{id}/file", produces = "application/octet-stream")
    @PreAuthorize(Perms.BASIC_LIVE_RESPONSE_MANAGE)
    ResponseEntity<org.springframework.core.io.FileSystemResource> file(@PathVariable long id) throws java.io.IOException {
        java.nio.file.Path p = live.file(id);
        if (!java.nio.file.Files.isRegularFile(p)) {
            throw new LiveResponseException("id", "the file of command " + id + " is no longer stored", 404);
        }
        return ResponseEntity.ok().header("Content-Disposition", org.springframework.http.ContentDisposition.attachment()
                .filename(p.getFileName().toString()).build().toString()).contentLength(java.nio.file.Files.size(p))
                .body(new org.springframework.core.io.FileSystemResource(p));
    }

    @ExceptionHandler(LiveResponseException.class)
    ResponseEntity<ProblemDetail> problem(LiveResponseException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.field() + " " + e.getMessage());
        p.setProperty("field", e.field());
        return ResponseEntity.status(e.status()).body(p);
    }

    private static Map<String, Object> session(LiveSession s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("deviceId", s.deviceId());
        m.put("deviceName", s.deviceName());
        m.put("startedBy", s.startedBy());
        m.put("startedAt", s.startedAt());
        m.put("lastActivityAt", s.lastActivityAt());
        m.put("status", s.open() ? "open" : "ended");
        m.put("endedAt", s.endedAt());
        m.put("endReason", s.endReason());
        m.put("currentFolder", s.cwd());
        return m;
    }

    private static Map<String, Object> command(LiveCommandRun c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("sessionId", c.sessionId());
        m.put("commandLine", c.commandLine());
        m.put("command", c.command());
        m.put("status", c.status().name());
        m.put("requestedBy", c.requestedBy());
        m.put("createdAt", c.createdAt());
        m.put("completedAt", c.completedAt());
        m.put("output", c.output());
        if (c.data() != null) {
            tools.jackson.databind.JsonNode d = LiveResponse.JSON.readTree(c.data());
            m.put("columns", d.get("columns"));
            m.put("rows", d.get("rows"));
        }
        m.put("error", c.error());
        if (c.fileName() != null) {
            m.put("file", Map.of("name", c.fileName(), "sizeBytes", c.fileSize(), "sha256", c.fileSha256(),
                    "download", "/api/v1/live-response/commands/" + c.id() + "/file"));
        }
        return m;
    }
}
