package dev.rampart.portal.access;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Settings &gt; Roles: the built-in roles and what each grants. Read-only until custom roles exist. */
@Controller
class RolesController {
    private final Roles roles;
    private final UserAccounts users;

    RolesController(Roles roles, UserAccounts users) {
        this.roles = roles;
        this.users = users;
    }

    @GetMapping("/settings/roles")
    @PreAuthorize(Perms.AUTHORIZATION_READ)
    String roles(Model model) {
        List<Roles.Role> all = roles.all().stream().sorted(Roles.PRIVILEGE_ORDER).toList();
        model.addAttribute("view", new AccessViews.RoleMatrix(all, users.countByRole(), Roles.matrix(all)));
        return "access/roles";
    }
}
