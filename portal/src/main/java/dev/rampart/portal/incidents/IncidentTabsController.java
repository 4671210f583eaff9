package dev.rampart.portal.incidents;

import dev.rampart.portal.access.Perms;
import dev.rampart.portal.response.ActionException;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Incident page actions of the Evidence and response tab (approve/reject linked actions) and the PDF report download. */
@Controller
class IncidentTabsController {
    private final IncidentDetails details;
    private final IncidentReportPdf reports;

    IncidentTabsController(IncidentDetails details, IncidentReportPdf reports) {
        this.details = details;
        this.reports = reports;
    }

    @PostMapping("/incidents/{id}/actions/decide")
    @PreAuthorize(Perms.RESPONSE_MANAGE)
    String decide(@PathVariable long id, @RequestParam(name = "ids", required = false) List<Long> ids, @RequestParam String decision,
                  @RequestParam(required = false) String comment, @RequestParam(defaultValue = "") String back) {
        String target = "/incidents/" + id + "?tab=evidence" + (back.startsWith("&") ? back.replaceAll("[^A-Za-z0-9=&_.-]", "") : "");
        boolean approve = !"reject".equals(decision);
        try {
            List<Long> done = details.decide(id, ids, approve, comment);
            return "redirect:" + target + "&notice=" + IncidentViews.enc(done.size() + " action(s) " + (approve ? "approved" : "rejected") + ".");
        } catch (ActionException e) {
            return "redirect:" + target + "&error=" + IncidentViews.enc("Nothing changed: " + e.field() + " " + e.getMessage() + ".");
        } catch (IncidentService.NotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }

    /** The PDF for the signed-in browser session; {@code section} repeats once per chosen section. */
    @GetMapping("/incidents/{id}/report.pdf")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    ResponseEntity<byte[]> report(@PathVariable long id, @RequestParam(name = "section", required = false) List<String> sections) {
        try {
            return pdf(id, reports.render(id, ReportSection.parse(sections)));
        } catch (IncidentService.NotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        } catch (InvalidValueException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    static ResponseEntity<byte[]> pdf(long id, byte[] body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("incident-" + id + "-report.pdf").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }
}
