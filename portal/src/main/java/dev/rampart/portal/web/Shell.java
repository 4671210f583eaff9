package dev.rampart.portal.web;

import dev.rampart.portal.access.Roles;
import dev.rampart.portal.access.UserAccounts;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Supplies every page with the {@code shell} model: navigation filtered by the user's permissions. */
@ControllerAdvice
class Shell {
    private final Navigation navigation;
    private final UserAccounts users;
    private final Roles roles;
    private final List<StatusBanner> banners;

    Shell(Navigation navigation, UserAccounts users, Roles roles, List<StatusBanner> banners) {
        this.banners = banners;
        this.navigation = navigation;
        this.users = users;
        this.roles = roles;
    }

    @ModelAttribute("shell")
    ShellModel shell(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || request.getRequestURI().startsWith("/api/")) {
            return null;
        }
        List<ShellModel.Section> sections = navigation.sectionsFor(auth);
        var account = users.findByUsername(auth.getName());
        String display = account.map(UserAccounts.Account::displayName).orElse(auth.getName());
        String roleNames = account.map(a -> roles.all().stream().filter(r -> a.roleIds().contains(r.id()))
                .map(Roles.Role::name).collect(Collectors.joining(", "))).orElse("");
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return new ShellModel(auth.getName(), display, roleNames, sections, path.isEmpty() ? "/" : path,
                csrf == null ? "X-CSRF-TOKEN" : csrf.getHeaderName(), csrf == null ? "" : csrf.getToken(),
                banners.stream().flatMap(b -> b.banner().stream()).toList());
    }
}
