package dev.rampart.portal.access;

import dev.rampart.portal.access.AccessViews.UserForm;
import dev.rampart.portal.access.AccessViews.UserList;
import dev.rampart.portal.access.UserAccounts.Account;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings &gt; Users. Forms work as plain posts and as htmx requests (flyout): on success a plain post is
 * redirected and an htmx post gets {@code HX-Redirect}; on invalid input both get 422 with the form and its
 * field errors.
 */
@Controller
@RequestMapping("/settings/users")
class UsersController {
    private static final String LIST = "/settings/users";

    private final UserAccounts users;
    private final Roles roles;
    private final UserAdministration admin;
    private final AccessPolicy access;

    UsersController(UserAccounts users, Roles roles, UserAdministration admin, AccessPolicy access) {
        this.users = users;
        this.roles = roles;
        this.admin = admin;
        this.access = access;
    }

    @GetMapping
    @PreAuthorize(Perms.AUTHORIZATION_READ)
    String list(@RequestParam(required = false) String done, @RequestParam(required = false) String user, Model model) {
        Map<String, String> names = new LinkedHashMap<>();
        sortedRoles().forEach(r -> names.put(r.id(), r.name()));
        model.addAttribute("view", new UserList(users.all(), names, access.can(Permission.AUTHORIZATION_MANAGE), notice(done, user), users.authSources()));
        return "access/users";
    }

    @GetMapping("/new")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String newUser(HttpServletRequest request, Model model) {
        model.addAttribute("form", new UserForm(htmx(request), null, "", "", "", Set.of(), sortedRoles(), Map.of(), true, false));
        return "access/userPage";
    }

    @PostMapping
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String displayName,
                  @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
                  @RequestParam(name = "roles", required = false) List<String> roleIds,
                  HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        try {
            Account created = admin.create(new UserAdministration.NewUser(username, displayName, email, password, roleIds));
            return done(request, response, "created", created.username());
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("form", new UserForm(htmx(request), null, username, displayName, email, set(roleIds), sortedRoles(),
                    e.fieldErrors(), true, false));
            return "access/userPage";
        }
    }

    @GetMapping("/{id}")
    @PreAuthorize(Perms.AUTHORIZATION_READ)
    String detail(@PathVariable long id, HttpServletRequest request, Model model) {
        Account a = users.find(id).orElseThrow(() -> new UnknownUserException(id));
        model.addAttribute("form", form(request, a, a.displayName(), a.email(), set(a.roleIds()), Map.of()));
        return "access/userPage";
    }

    @PostMapping("/{id}")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String update(@PathVariable long id, @RequestParam(defaultValue = "") String displayName, @RequestParam(defaultValue = "") String email,
                  @RequestParam(name = "roles", required = false) List<String> roleIds,
                  HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        try {
            Account a = admin.update(id, new UserAdministration.Change(displayName, email, roleIds));
            return done(request, response, "updated", a.username());
        } catch (InvalidInputException e) {
            return invalid(id, request, response, model, displayName, email, set(roleIds), e);
        }
    }

    @PostMapping("/{id}/enabled")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String setEnabled(@PathVariable long id, @RequestParam boolean enabled,
                      HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        try {
            Account a = admin.setEnabled(id, enabled);
            return done(request, response, enabled ? "enabled" : "disabled", a.username());
        } catch (InvalidInputException e) {
            return invalid(id, request, response, model, null, null, null, e);
        }
    }

    @PostMapping("/{id}/password")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String resetPassword(@PathVariable long id, @RequestParam(defaultValue = "") String password,
                         HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        try {
            Account a = admin.resetPassword(id, password);
            return done(request, response, "password", a.username());
        } catch (InvalidInputException e) {
            return invalid(id, request, response, model, null, null, null, e);
        }
    }

    /** Re-renders the detail panel with the submitted values (or the stored ones for the other forms) and the errors. */
    private String invalid(long id, HttpServletRequest request, HttpServletResponse response, Model model,
                           String displayName, String email, Set<String> roleIds, InvalidInputException e) {
        Account a = users.find(id).orElseThrow(() -> new UnknownUserException(id));
        response.setStatus(422);
        model.addAttribute("form", form(request, a, displayName == null ? a.displayName() : displayName,
                email == null ? a.email() : email, roleIds == null ? set(a.roleIds()) : roleIds, e.fieldErrors()));
        return "access/userPage";
    }

    private UserForm form(HttpServletRequest request, Account a, String displayName, String email, Set<String> roleIds,
                          Map<String, String> errors) {
        boolean self = UserAccounts.key(a.username()).equals(UserAccounts.key(AuditLog.currentActor()));
        return new UserForm(htmx(request), a, a.username(), displayName, email == null ? "" : email, roleIds, sortedRoles(), errors,
                access.can(Permission.AUTHORIZATION_MANAGE), self);
    }

    private static String done(HttpServletRequest request, HttpServletResponse response, String what, String username) throws IOException {
        String location = LIST + "?done=" + what + "&user=" + URLEncoder.encode(username, StandardCharsets.UTF_8);
        if (htmx(request)) {
            response.setHeader("HX-Redirect", location);
            response.setStatus(HttpServletResponse.SC_OK);
        } else {
            response.sendRedirect(location);
        }
        return null;
    }

    private static String notice(String done, String user) {
        if (done == null || user == null) {
            return null;
        }
        return switch (done) {
            case "created" -> "User " + user + " created.";
            case "updated" -> "Changes to " + user + " saved.";
            case "enabled" -> user + " can sign in again.";
            case "disabled" -> user + " is disabled and can no longer sign in; open sessions end at their next request.";
            case "password" -> "Password of " + user + " reset; their open sessions have ended.";
            default -> null;
        };
    }

    private List<Roles.Role> sortedRoles() {
        return roles.all().stream().sorted(Roles.PRIVILEGE_ORDER).toList();
    }

    private static boolean htmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    private static Set<String> set(Collection<String> values) {
        return values == null ? Set.of() : new TreeSet<>(values);
    }
}
