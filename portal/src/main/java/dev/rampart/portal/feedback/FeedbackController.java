package dev.rampart.portal.feedback;

import dev.rampart.portal.access.InvalidInputException;
import dev.rampart.portal.access.Permission;
import dev.rampart.portal.access.Perms;
import dev.rampart.portal.web.NavEntry;
import dev.rampart.portal.web.NavGroup;
import dev.rampart.portal.web.NavigationContributor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The feedback form (user menu, every signed-in user) and Settings › Feedback (System settings read). */
@Controller
public class FeedbackController implements NavigationContributor {
    private final FeedbackService feedback;

    FeedbackController(FeedbackService feedback) {
        this.feedback = feedback;
    }

    @Override
    public List<NavEntry> navEntries() {
        return List.of(new NavEntry(NavGroup.SYSTEM, 50, "Feedback", "/settings/feedback", "chat", Permission.SYSTEM_SETTINGS_READ));
    }

    /** The form as shown: field values to keep, errors per field, and {@code sent} after a successful submission. */
    public record Form(String category, String message, String page, Map<String, String> errors, boolean sent) {
        public String error(String field) {
            return errors.get(field);
        }
    }

    @GetMapping("/feedback")
    @PreAuthorize(Perms.SIGNED_IN)
    String form(@RequestParam(required = false) String from, @RequestParam(defaultValue = "false") boolean sent,
                HttpServletRequest request, Model model) {
        String page = from != null ? from : refererPath(request);
        model.addAttribute("form", new Form("", "", page == null ? "" : page, Map.of(), sent));
        model.addAttribute("categories", FeedbackService.Category.values());
        model.addAttribute("maxMessage", FeedbackService.MAX_MESSAGE);
        return "feedback/form";
    }

    @PostMapping("/feedback")
    @PreAuthorize(Perms.SIGNED_IN)
    String submit(@RequestParam(defaultValue = "") String category, @RequestParam(defaultValue = "") String message,
                  @RequestParam(defaultValue = "") String page, Authentication auth, HttpServletResponse response, Model model) {
        try {
            feedback.submit(auth, category, message, page);
            return "redirect:/feedback?sent=true";
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("form", new Form(category, message, page, e.fieldErrors(), false));
            model.addAttribute("categories", FeedbackService.Category.values());
            model.addAttribute("maxMessage", FeedbackService.MAX_MESSAGE);
            return "feedback/form";
        }
    }

    @GetMapping("/settings/feedback")
    @PreAuthorize(Perms.SYSTEM_SETTINGS_READ)
    String list(@RequestParam(defaultValue = "") String category, @RequestParam(defaultValue = "1") int page, Model model) {
        FeedbackService.Category c = null;
        if (!category.isBlank()) {
            c = FeedbackService.Category.parse(category).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "category: unknown feedback category \"" + category + "\""));
        }
        model.addAttribute("result", feedback.list(c, page));
        model.addAttribute("category", c);
        model.addAttribute("categories", FeedbackService.Category.values());
        return "feedback/list";
    }

    /** The path of the portal page the user came from (same-origin Referer only), so the feedback says where it was written. */
    private static String refererPath(HttpServletRequest request) {
        String ref = request.getHeader("Referer");
        if (ref == null) {
            return null;
        }
        try {
            URI u = URI.create(ref);
            if (u.getHost() != null && !u.getHost().equalsIgnoreCase(request.getServerName())) {
                return null;
            }
            String p = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
            return p.startsWith("/") && p.length() <= FeedbackService.MAX_PAGE && !p.startsWith("/feedback") ? p : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
