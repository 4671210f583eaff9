package dev.rampart.portal.ingest;

import dev.rampart.portal.access.Perms;
import dev.rampart.portal.events.EventStoreException;
import dev.rampart.portal.ingest.format.EventFormats;
import dev.rampart.portal.ingest.format.UnknownFormatException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Event ingestion API.
 *
 * <p>{@code POST /api/v1/ingest/{table}} takes NDJSON (one JSON object per line, column names exactly as in the
 * hunting table; any Content-Type; {@code Content-Encoding: gzip} accepted) and answers
 * {@code {"table":..,"accepted":N}} only after the rows are committed. Batches are all-or-nothing: one invalid
 * line rejects the batch with 400 and a problem body listing line, field and message for the first
 * {@value EventIngestor#MAX_REPORTED_ERRORS} problems, so the sender can fix and resend the same batch safely.
 * Unknown table → 404 naming the nearest table; body over {@code rampart.ingest-max-bytes} → 413.
 *
 * <p><b>Permission: System settings (manage).</b> Writing telemetry is what a sensor or data connector does, not
 * an analyst: in the reference portal connecting data sources (streaming API, SIEM/API connectors, device
 * onboarding) lives under Settings, which the unified RBAC catalogue grants with "System settings". Analyst
 * permissions (Security data basics, Alerts) deliberately do not allow injecting events that detections and
 * investigations would then trust. Built-in administrators and security operators hold it; readers do not.
 * Give a connector its own local account with a role holding only this permission.
 *
 * <p>{@code ?format=windows|sysmon|defender-export} takes JSON lines of that source format instead (see
 * {@code docs/ingest-formats.md}); then {@code {table}} may be {@code auto} (each event goes to the table its mapping
 * names) and the answer also counts rows per table and lines skipped with their reasons. {@code native} (default)
 * is the hunting-schema path above. Unknown format → 400 listing the known ones.
 *
 * <p>{@code GET /api/v1/tables} lists every hunting table with workload and row count ("Security data basics").
 */
@RestController
@RequestMapping("/api/v1")
class IngestController {
    private final IngestService ingest;
    private final JsonMapper json;

    private final EventFormats formats;

    IngestController(IngestService ingest, JsonMapper json, EventFormats formats) {
        this.ingest = ingest;
        this.json = json;
        this.formats = formats;
    }

    @PostMapping("/ingest/{table}")
    @PreAuthorize(Perms.SYSTEM_SETTINGS_MANAGE)
    Object ingest(@PathVariable String table, @RequestParam(name = "format", required = false) String format,
                  HttpServletRequest request) throws IOException {
        // Source formats (package ingest.format): ?format=windows|sysmon|defender-export, {table} may be "auto".
        if (!EventFormats.isNative(format)) {
            return ingest.ingest(formats.require(format), table, request.getInputStream(), request.getContentLengthLong(),
                    request.getHeader("Content-Encoding"));
        }
        return ingest.ingest(table, request.getInputStream(), request.getContentLengthLong(), request.getHeader("Content-Encoding"));
    }

    @ExceptionHandler
    ProblemDetail unknownFormat(UnknownFormatException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "unknown-format", "Unknown format", e.getMessage());
        p.setProperty("format", e.format());
        p.setProperty("formats", e.known());
        return p;
    }

    @GetMapping("/tables")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    List<IngestService.TableInfo> tables() {
        return ingest.tables();
    }

    @ExceptionHandler
    ProblemDetail unknownTable(UnknownTableException e) {
        ProblemDetail p = problem(HttpStatus.NOT_FOUND, "unknown-table", "Unknown table", e.getMessage());
        p.setProperty("table", e.table());
        if (e.hint() != null) {
            p.setProperty("hint", e.hint());
        }
        return p;
    }

    @ExceptionHandler
    ProblemDetail invalidEvents(InvalidEventsException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-events", "Invalid events",
                e.rejectedLines() + " of " + e.totalLines() + " lines rejected; nothing was stored"
                        + (e.errorCount() > e.errors().size() ? " (first " + e.errors().size() + " of " + e.errorCount() + " errors listed)" : ""));
        p.setProperty("table", e.table());
        p.setProperty("rejectedLines", e.rejectedLines());
        p.setProperty("totalLines", e.totalLines());
        p.setProperty("errorCount", e.errorCount());
        p.setProperty("errors", e.errors());
        return p;
    }

    @ExceptionHandler
    void tooLarge(PayloadTooLargeException e, HttpServletResponse response) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:rampart:problem:payload-too-large");
        body.put("title", "Request body too large");
        body.put("status", HttpStatus.CONTENT_TOO_LARGE.value());
        body.put("detail", e.getMessage());
        body.put("limit", e.limit());
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // The rest of the body is unwanted: close the connection, and flush now because the container would
        // otherwise first try to drain the unread body (up to the declared length) before sending the answer.
        response.setHeader("Connection", "close");
        response.getOutputStream().write(json.writeValueAsBytes(body));
        response.flushBuffer();
    }

    @ExceptionHandler
    ProblemDetail badBody(IngestRequestException e) {
        return e.kind() == IngestRequestException.Kind.UNSUPPORTED_ENCODING
                ? problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-encoding", "Unsupported content encoding", e.getMessage())
                : problem(HttpStatus.BAD_REQUEST, "corrupt-encoding", "Unreadable request body", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail storeFailure(EventStoreException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "event-store", "Event store unavailable",
                "The events could not be stored and nothing was kept; retry later. " + e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("urn:rampart:problem:" + type));
        p.setTitle(title);
        return p;
    }
}
