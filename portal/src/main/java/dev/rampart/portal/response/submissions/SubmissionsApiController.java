package dev.rampart.portal.response.submissions;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.response.indicators.Indicator;
import dev.rampart.portal.incidents.TuningRule;
import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/v1/submissions}: list (filters type, verdict, status, submittedBy, since), create (JSON for hashes, URLs and
 * detections; multipart with a {@code file} part for .eml), get with findings, artifacts and follow-ups, re-analyse,
 * and the follow-ups (indicator, tuning rule). Permissions as on the pages.
 */
@RestController
@RequestMapping(value = "/api/v1/submissions", produces = "application/json")
class SubmissionsApiController {
    private final Submissions submissions;
    private final AccessPolicy access;

    SubmissionsApiController(Submissions submissions, AccessPolicy access) {
        this.submissions = submissions;
        this.access = access;
    }

    /** JSON body of a submission of a hash, URL or detection. */
    record Body(String type, String claim, String value, String notes) {
    }

    record IndicatorBody(String indicatorType, String value, String action, String expiresAt, String comment) {
    }

    record TuningBody(String name, String action, Boolean sameDeviceOnly, String comment) {
    }

    @GetMapping
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> list(@RequestParam(required = false) String type, @RequestParam(required = false) String verdict,
                             @RequestParam(required = false) String status, @RequestParam(required = false) String submittedBy,
                             @RequestParam(required = false) String since, @RequestParam(defaultValue = "1") int page) {
        OffsetDateTime from;
        try {
            from = since == null || since.isBlank() ? null : OffsetDateTime.parse(since.strip());
        } catch (DateTimeParseException e) {
            throw new SubmissionException("since", "'" + since + "' is not a time such as 2025-06-30T00:00:00Z", 400);
        }
        Submissions.ListPage p = submissions.list(parse(SubmissionType.class, type, "type"), parse(SubmissionVerdict.class, verdict, "verdict"),
                parse(SubmissionStatus.class, status, "status"), submittedBy, from, page);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", p.total());
        m.put("page", p.page());
        m.put("pageSize", p.pageSize());
        m.put("value", p.items().stream().map(this::summary).toList());
        return m;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(Perms.RESPONSE_MANAGE)
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) Body b) {
        if (b != null && "email".equalsIgnoreCase(b.type())) {
            throw new SubmissionException("file", "emails are uploaded as multipart/form-data with the .eml in a part named file", 415);
        }
        Submission s = submissions.submit(new Submissions.Request(b == null ? null : b.type(), b == null ? null : b.claim(), b == null ? null : b.value(),
                null, null, b == null ? null : b.notes()));
        return ResponseEntity.created(URI.create("/api/v1/submissions/" + s.id())).body(one(s.id()));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(Perms.RESPONSE_MANAGE)
    ResponseEntity<Map<String, Object>> upload(@RequestParam(defaultValue = "email") String type, @RequestParam(required = false) String claim,
                                               @RequestParam(required = false) String value, @RequestParam(required = false) String notes,
                                               @RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
        boolean withFile = file != null && !file.isEmpty();
        Submission s = submissions.submit(new Submissions.Request(type, claim, value, withFile ? file.getBytes() : null,
                withFile ? file.getOriginalFilename() : null, notes));
        return ResponseEntity.created(URI.create("/api/v1/submissions/" + s.id())).body(one(s.id()));
    }

    @GetMapping("/{id}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    Map<String, Object> one(@PathVariable long id) {
        Submissions.Details d = submissions.details(id);
        Map<String, Object> m = summary(d.submission());
        m.put("findings", d.findings().stream().map(f -> Map.of("source", f.source(), "signal", f.signal().name(), "text", f.text())).toList());
        m.put("artifacts", d.artifacts().stream().map(a -> Map.of("indicatorType", a.type().name(), "value", a.value(), "label", a.label())).toList());
        m.put("followUps", d.followUps().stream().map(f -> Map.of("kind", f.kind(), "id", f.refId(), "label", f.label(), "createdBy", f.createdBy(),
                "createdAt", f.createdAt().toString())).toList());
        return m;
    }

    @PostMapping("/{id}/reanalyse")
    @PreAuthorize(Perms.RESPONSE_MANAGE)
    ResponseEntity<Map<String, Object>> reanalyse(@PathVariable long id) {
        submissions.reanalyse(id);
        return ResponseEntity.accepted().body(one(id));
    }

    @PostMapping(value = "/{id}/indicator", consumes = "application/json")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    ResponseEntity<Map<String, Object>> indicator(@PathVariable long id, @RequestBody IndicatorBody b) {
        Indicator i = submissions.createIndicator(id, b.indicatorType(), b.value(), b.action(), b.expiresAt(), b.comment());
        return ResponseEntity.created(URI.create("/api/v1/indicators/" + i.id())).body(Map.of("indicatorId", i.id(), "indicatorType", i.type().name(),
                "value", i.value(), "action", i.action().name()));
    }

    @PostMapping(value = "/{id}/tuning-rule", consumes = "application/json")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    ResponseEntity<Map<String, Object>> tuningRule(@PathVariable long id, @RequestBody TuningBody b) {
        TuningRule r = submissions.createTuningRule(id, b.name(), b.action(), Boolean.TRUE.equals(b.sameDeviceOnly()), b.comment());
        return ResponseEntity.created(URI.create("/api/v1/alertTuningRules/" + r.id())).body(Map.of("tuningRuleId", r.id(), "name", r.name(),
                "action", r.action().key()));
    }

    @ExceptionHandler(SubmissionException.class)
    ResponseEntity<ProblemDetail> problem(SubmissionException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.field() + " " + e.getMessage());
        p.setProperty("field", e.field());
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SubmissionException(field, "'" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()), 400);
        }
    }

    /** Email header facts only for holders of Email &amp; collaboration metadata (read), as on the pages. */
    private Map<String, Object> summary(Submission s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("type", s.type().name());
        m.put("claim", s.claim().name());
        boolean hideEmail = s.type() == SubmissionType.EMAIL && !access.can(Permission.EMAIL_METADATA_READ);
        m.put("subject", hideEmail ? "Email " + s.id() : s.subject());
        m.put("name", hideEmail ? "Email " + s.id() : s.name());
        m.put("status", s.status().name());
        m.put("verdict", s.verdict() == null ? null : s.verdict().name());
        m.put("result", s.result());
        m.put("failure", s.failure());
        m.put("notes", s.notes());
        m.put("alertId", s.alertId());
        m.put("submittedBy", s.submittedBy());
        m.put("submittedAt", s.submittedAt().toString());
        m.put("completedAt", s.completedAt() == null ? null : s.completedAt().toString());
        if (s.email() != null && access.can(Permission.EMAIL_METADATA_READ)) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("from", s.email().from());
            e.put("replyTo", s.email().replyTo());
            e.put("to", s.email().to());
            e.put("subject", s.email().subject());
            e.put("messageId", s.email().messageId());
            e.put("date", s.email().date());
            e.put("fileName", s.email().fileName());
            m.put("email", e);
        }
        return m;
    }
}
