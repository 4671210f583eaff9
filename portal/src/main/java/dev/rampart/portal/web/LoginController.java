package dev.rampart.portal.web;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page; public by design (see SecurityConfig). */
@Controller
class LoginController {
    @GetMapping("/login")
    String login(CsrfToken csrf, @RequestParam(required = false) String error, @RequestParam(required = false) String logout, Model model) {
        model.addAttribute("csrf", csrf);
        model.addAttribute("error", error != null);
        model.addAttribute("loggedOut", logout != null);
        return "login";
    }
}
