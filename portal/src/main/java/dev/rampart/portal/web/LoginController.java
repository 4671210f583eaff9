package dev.rampart.portal.web;

import dev.rampart.portal.access.SingleSignOn;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page; public by design (see SecurityConfig). */
@Controller
class LoginController {
    private final SingleSignOn sso;

    LoginController(SingleSignOn sso) {
        this.sso = sso;
    }

    @GetMapping("/login")
    String login(CsrfToken csrf, @RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                 @RequestParam(required = false) String sso, HttpServletRequest request, Model model) {
        model.addAttribute("csrf", csrf);
        model.addAttribute("error", error != null);
        model.addAttribute("loggedOut", logout != null);
        model.addAttribute("sso", this.sso);
        model.addAttribute("ssoError", sso != null ? this.sso.takeFailureMessage(request).orElse(null) : null);
        return "login";
    }
}
