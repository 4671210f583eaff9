package dev.rampart.portal.response.submissions;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Actions &amp; submissions &gt; Submissions: the list (filters type, verdict, status, submitter, date), the submit form,
 * and one submission with its verdict, reasons and follow-ups (indicator, tuning rule, re-analyse).
 * Viewing needs Security data (read); submitting Response (manage), as the reference asks for admin submissions;
 * indicators and tuning rules need Detection tuning (manage), like their own pages.
 */
@Controller
class SubmissionsController implements NavigationContributor {
    private final Submissions submissions;
    private final AccessPolicy access;

    SubmissionsController(Submissions submissions, AccessPolicy access) {
        this.submissions = submissions;
        this.access = access;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.INVESTIGATION, 32, "Submissions", "/submissions", "submissions", Permission.SECURITY_DATA_READ));
    }

    @GetMapping("/submissions")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String list(@RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String verdict,
                @RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "") String submittedBy,
                @RequestParam(defaultValue = "30") String days, @RequestParam(defaultValue = "1") int page,
                @RequestParam(required = false) String message, Model model) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("type", type);
        f.put("verdict", verdict);
        f.put("status", status);
        f.put("submittedBy", submittedBy);
        f.put("days", days);
        OffsetDateTime since = switch (days) {
            case "1", "7", "30", "90", "180" -> OffsetDateTime.now(ZoneOffset.UTC).minusDays(Integer.parseInt(days));
            case "all" -> null;
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "days must be 1, 7, 30, 90, 180 or all");
        };
        Submissions.ListPage p = submissions.list(parse(SubmissionType.class, type, "type"), parse(SubmissionVerdict.class, verdict, "verdict"),
                parse(SubmissionStatus.class, status, "status"), submittedBy, since, page);
        model.addAttribute("view", new SubmissionViews.ListPage(p, f, access.can(Permission.RESPONSE_MANAGE), access.can(Permission.EMAIL_METADATA_READ), message));
        return "submissions/list";
    }

    @GetMapping("/submissions/new")
    @PreAuthorize(Perms.RESPONSE_MANAGE)
    String form(@RequestParam(required = false) String type, @RequestParam(required = false) String value, Model model) {
        model.addAttribute("form", SubmissionViews.Form.empty(type, value));
        return "submissions/new";
    }

    @PostMapping("/submissions")
    @PreAuthorize(Perms.RESPONSE_MANAGE)
    String submit(@RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String claim,
                  @RequestParam(defaultValue = "") String value, @RequestParam(required = false) MultipartFile file,
                  @RequestParam(defaultValue = "") String notes, HttpServletResponse response, Model model) throws IOException {
        try {
            boolean withFile = "EMAIL".equalsIgnoreCase(type) && file != null && !file.isEmpty();
            Submission s = submissions.submit(new Submissions.Request(type, claim, value, withFile ? file.getBytes() : null,
                    withFile ? file.getOriginalFilename() : null, notes));
            return "redirect:/submissions/" + s.id();
        } catch (SubmissionException e) {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("type", type);
            v.put("claim", claim);
            v.put("value", value);
            v.put("notes", notes);
            response.setStatus(e.status() == 404 ? 422 : e.status() == 413 ? 413 : 422);
            model.addAttribute("form", new SubmissionViews.Form(v, e.field() + " " + e.getMessage(), e.field()));
            return "submissions/new";
        }
    }

    @GetMapping("/submissions/{id}")
    @PreAuthorize(Perms.SECURITY_DATA_READ)
    String one(@PathVariable long id, @RequestParam(required = false) String message, @RequestParam(required = false) String error, Model model) {
        Submissions.Details d;
        try {
            d = submissions.details(id);
        } catch (SubmissionException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
        model.addAttribute("view", new SubmissionViews.DetailPage(d, access.can(Permission.RESPONSE_MANAGE), access.can(Permission.DETECTION_TUNING_MANAGE),
                access.can(Permission.EMAIL_METADATA_READ), access.can(Permission.EMAIL_CONTENT_READ), message, error));
        return "submissions/detail";
    }

    @GetMapping("/submissions/{id}/message.eml")
    @PreAuthorize(Perms.EMAIL_CONTENT_READ)
    ResponseEntity<byte[]> download(@PathVariable long id) {
        try {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("message/rfc822"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"submission-" + id + ".eml\"").body(submissions.message(id));
        } catch (SubmissionException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }

    @PostMapping("/submissions/{id}/reanalyse")
    @PreAuthorize(Perms.RESPONSE_MANAGE)
    String reanalyse(@PathVariable long id, RedirectAttributes redirect) {
        try {
            submissions.reanalyse(id);
            redirect.addAttribute("message", "Analysis restarted.");
        } catch (SubmissionException e) {
            notFound(e);
            redirect.addAttribute("error", e.getMessage());
        }
        return "redirect:/submissions/" + id;
    }

    @PostMapping("/submissions/{id}/indicator")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    String indicator(@PathVariable long id, @RequestParam(defaultValue = "") String artifact, @RequestParam(defaultValue = "") String action,
                     @RequestParam(defaultValue = "") String expiresAt, RedirectAttributes redirect) {
        int bar = artifact.indexOf('|');
        try {
            if (bar < 0) {
                throw new SubmissionException("artifact", "choose an item to allow or block", 400);
            }
            var i = submissions.createIndicator(id, artifact.substring(0, bar), artifact.substring(bar + 1), action, expiresAt, null);
            redirect.addAttribute("message", "Indicator " + i.id() + " saved: " + i.action().label() + " " + i.type().label() + " " + i.value() + ".");
        } catch (SubmissionException e) {
            notFound(e);
            redirect.addAttribute("error", "No indicator created: " + e.field() + " " + e.getMessage() + ".");
        }
        return "redirect:/submissions/" + id;
    }

    @PostMapping("/submissions/{id}/tuning-rule")
    @PreAuthorize(Perms.DETECTION_TUNING_MANAGE)
    String tuningRule(@PathVariable long id, @RequestParam(defaultValue = "resolve") String action,
                      @RequestParam(defaultValue = "false") boolean sameDeviceOnly, @RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
        try {
            var r = submissions.createTuningRule(id, name, action, sameDeviceOnly, null);
            redirect.addAttribute("message", "Tuning rule " + r.id() + " \"" + r.name() + "\" created: future matching alerts are " + r.action().key() + "d.");
        } catch (SubmissionException e) {
            notFound(e);
            redirect.addAttribute("error", "No tuning rule created: " + e.field() + " " + e.getMessage() + ".");
        }
        return "redirect:/submissions/" + id;
    }

    private static void notFound(SubmissionException e) {
        if (e.status() == 404 && e.field().equals("id")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, field + " '" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
