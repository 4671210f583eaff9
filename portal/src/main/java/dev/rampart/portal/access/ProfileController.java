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

    ProfileController(UserAdministration admin, UserAccounts users) {
        this.admin = admin;
        this.users = users;
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
