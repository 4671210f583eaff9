package dev.rampart.portal.web;

import dev.rampart.portal.access.AccessPolicy;
import dev.rampart.portal.access.Roles;
import dev.rampart.portal.access.UserAccounts;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Supplies every page with the {@code shell} model: navigation filtered by the user's permissions. */
@ControllerAdvice
class Shell {
    private final List<NavEntry> entries;
    private final UserAccounts users;
    private final Roles roles;

    Shell(List<NavigationContributor> contributors, UserAccounts users, Roles roles) {
        this.entries = contributors.stream().flatMap(c -> c.navEntries().stream())
                .sorted(Comparator.comparing(NavEntry::group).thenComparingInt(NavEntry::order)).toList();
        this.users = users;
        this.roles = roles;
    }

    @ModelAttribute("shell")
    ShellModel shell(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || request.getRequestURI().startsWith("/api/")) {
            return null;
        }
        Map<NavGroup, List<NavEntry>> byGroup = new EnumMap<>(NavGroup.class);
        for (NavEntry e : entries) {
            if (e.permission() == null || AccessPolicy.can(auth, e.permission())) {
                byGroup.computeIfAbsent(e.group(), g -> new ArrayList<>()).add(e);
            }
        }
        List<ShellModel.Section> sections = new ArrayList<>();
        byGroup.forEach((g, list) -> sections.add(new ShellModel.Section(g.label(), list)));
        var account = users.findByUsername(auth.getName());
        String display = account.map(UserAccounts.Account::displayName).orElse(auth.getName());
        String roleNames = account.map(a -> roles.all().stream().filter(r -> a.roleIds().contains(r.id()))
                .map(Roles.Role::name).collect(Collectors.joining(", "))).orElse("");
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return new ShellModel(auth.getName(), display, roleNames, sections, path.isEmpty() ? "/" : path,
                csrf == null ? "X-CSRF-TOKEN" : csrf.getHeaderName(), csrf == null ? "" : csrf.getToken());
    }
}
