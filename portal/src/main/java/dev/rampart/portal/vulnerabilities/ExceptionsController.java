package dev.rampart.portal.vulnerabilities;

import dev.rampart.portal.access.InvalidInputException;
import dev.rampart.portal.access.Perms;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Remediation › Exceptions: every exception to a security recommendation the reader may see, and cancelling one. */
@Controller
class ExceptionsController {
    static final String PAGE = "/remediation/exceptions";

    private final RecommendationExceptions exceptions;

    ExceptionsController(RecommendationExceptions exceptions) {
        this.exceptions = exceptions;
    }

    @GetMapping(PAGE)
    @PreAuthorize(Perms.VULNERABILITY_MANAGEMENT_READ)
    String list(@RequestParam(defaultValue = "") String recommendation, @RequestParam(defaultValue = "") String justification,
                @RequestParam(defaultValue = "") String status, @RequestParam(required = false) String notice,
                @RequestParam(required = false) String error, Model model) {
        model.addAttribute("items", exceptions.list(recommendation, justification, status));
        model.addAttribute("recommendation", recommendation);
        model.addAttribute("justification", justification);
        model.addAttribute("status", status);
        model.addAttribute("now", Instant.now());
        model.addAttribute("canManage", exceptions.canManage());
        model.addAttribute("notice", notice);
        model.addAttribute("error", error);
        return "vulnerabilities/exceptions";
    }

    @PostMapping(PAGE + "/{id}/cancel")
    @PreAuthorize(Perms.VULNERABILITY_MANAGEMENT_READ + " and " + Perms.EXCEPTION_HANDLING_MANAGE)
    String cancel(@PathVariable long id) {
        try {
            var e = exceptions.cancel(id);
            return "redirect:" + PAGE + "?notice=" + enc("Exception " + id + " to \"" + e.recommendationTitle() + "\" cancelled.");
        } catch (InvalidInputException e) {
            return "redirect:" + PAGE + "?error=" + enc(e.getMessage());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
