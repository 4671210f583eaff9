package dev.rampart.portal.access;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read-only JSON views of users and roles for automation; both need Authorization (read). */
@RestController
@RequestMapping("/api/v1")
@PreAuthorize(Perms.AUTHORIZATION_READ)
class AccessApiController {
    private final UserAccounts users;
    private final Roles roles;

    AccessApiController(UserAccounts users, Roles roles) {
        this.users = users;
        this.roles = roles;
    }

    public record UserJson(long id, String username, String displayName, String email, boolean enabled,
                           OffsetDateTime createdAt, OffsetDateTime lastSignInAt, List<String> roles) {
    }

    public record RoleJson(String id, String name, String description, boolean builtIn, List<String> permissions) {
    }

    @GetMapping("/users")
    List<UserJson> users() {
        return users.all().stream().map(a -> new UserJson(a.id(), a.username(), a.displayName(), a.email(), a.enabled(),
                a.createdAt(), a.lastLoginAt(), a.roleIds())).toList();
    }

    @GetMapping("/roles")
    List<RoleJson> roles() {
        return roles.all().stream().map(r -> new RoleJson(r.id(), r.name(), r.description(), r.builtIn(),
                r.permissions().stream().map(Enum::name).sorted().toList())).toList();
    }
}
