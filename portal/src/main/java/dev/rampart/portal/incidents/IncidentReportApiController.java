package dev.rampart.portal.incidents;

import dev.rampart.portal.access.Perms;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/incidents/{id}/report.pdf?sections=overview,story,assets,evidence,alerts,activity}: the incident
 * report PDF (every section when none is named). Errors are problem JSON naming the field.
 */
@RestController
class IncidentReportApiController {
    private final IncidentReportPdf reports;

    IncidentReportApiController(IncidentReportPdf reports) {
        this.reports = reports;
    }

    @GetMapping(value = "/api/v1/incidents/{id}/report.pdf", produces = {"application/pdf", "application/problem+json"})
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    ResponseEntity<byte[]> report(@PathVariable long id, @RequestParam(required = false) List<String> sections) {
        return IncidentTabsController.pdf(id, reports.render(id, ReportSection.parse(sections)));
    }

    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidValueException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Invalid value");
        p.setProperty("field", e.field());
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    @ExceptionHandler(IncidentService.NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(IncidentService.NotFoundException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
