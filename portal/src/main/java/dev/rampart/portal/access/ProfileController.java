package dev.rampart.portal.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** User menu &gt; Change password, for every signed-in user. */
@Controller
class ProfileController {
    private final UserAdministration admin;
    private final UserAccounts users;
    private final UserPreferences preferences;

    ProfileController(UserAdministration admin, UserAccounts users, UserPreferences preferences) {
        this.admin = admin;
        this.users = users;
        this.preferences = preferences;
    }

    /** Region time zones (Europe/Berlin...) and UTC, for the preferences form. */
    static final java.util.List<String> ZONES = java.util.stream.Stream.concat(java.util.stream.Stream.of("UTC"),
            java.time.ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/"))
                    .sorted()).toList();

    @GetMapping("/profile/preferences")
    @PreAuthorize(Perms.SIGNED_IN)
    String preferences(Principal principal, @RequestParam(required = false) String saved, Model model) {
        model.addAttribute("zone", preferences.zone(principal.getName()).getId().equals("Z") ? "UTC" : preferences.zone(principal.getName()).getId());
        model.addAttribute("zones", ZONES);
        model.addAttribute("saved", saved != null);
        model.addAttribute("error", null);
        return "access/preferences";
    }

    @PostMapping("/profile/preferences")
    @PreAuthorize(Perms.SIGNED_IN)
    String savePreferences(Principal principal, @RequestParam(defaultValue = "") String timeZone, HttpServletResponse response, Model model) {
        try {
            preferences.setZone(principal.getName(), timeZone);
            return "redirect:/profile/preferences?saved";
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("zone", timeZone);
            model.addAttribute("zones", ZONES);
            model.addAttribute("saved", false);
            model.addAttribute("error", e.fieldErrors().get("timeZone"));
            return "access/preferences";
        }
    }

    @GetMapping("/profile/password")
    @PreAuthorize(Perms.SIGNED_IN)
    String form(@RequestParam(required = false) String changed, Model model) {
        model.addAttribute("form", new AccessViews.PasswordForm(Map.of(), changed != null));
        return "access/password";
    }

    @PostMapping("/profile/password")
    @PreAuthorize(Perms.SIGNED_IN)
    String change(@RequestParam(defaultValue = "") String currentPassword, @RequestParam(defaultValue = "") String newPassword,
                  @RequestParam(defaultValue = "") String confirmPassword, Principal principal,
                  HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        try {
            admin.changeOwnPassword(principal.getName(), currentPassword, newPassword, confirmPassword);
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("form", new AccessViews.PasswordForm(e.fieldErrors(), false));
            return "access/password";
        }
        // This session stays signed in; every other session of the account ends at its next request.
        AccountStateFilter.bind(request, users, principal.getName());
        response.sendRedirect("/profile/password?changed");
        return null;
    }
}
