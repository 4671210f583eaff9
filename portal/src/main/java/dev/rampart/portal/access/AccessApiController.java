package dev.rampart.portal.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users, roles (with their assignments), local groups and device groups as JSON: reading needs Authorization
 * (read), changing needs Authorization (manage). Invalid input answers 422 problem JSON naming the fields.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Access", description = "Users, roles and their scoped assignments, local groups, device groups. Reading needs Authorization (read), changing Authorization (manage).")
class AccessApiController {
    private final UserAccounts users;
    private final UserAdministration userAdmin;
    private final Roles roles;
    private final RoleAdministration roleAdmin;
    private final RoleAssignments assignments;
    private final LocalGroups groups;
    private final DeviceGroups deviceGroups;
    private final DeviceGroupMembership membership;
    private final DataScopes scopes;

    AccessApiController(UserAccounts users, UserAdministration userAdmin, Roles roles, RoleAdministration roleAdmin,
                        RoleAssignments assignments, LocalGroups groups, DeviceGroups deviceGroups, DeviceGroupMembership membership,
                        DataScopes scopes) {
        this.scopes = scopes;
        this.users = users;
        this.userAdmin = userAdmin;
        this.roles = roles;
        this.roleAdmin = roleAdmin;
        this.assignments = assignments;
        this.groups = groups;
        this.deviceGroups = deviceGroups;
        this.membership = membership;
    }

    public record UserJson(long id, String username, String displayName, String email, boolean enabled,
                           OffsetDateTime createdAt, OffsetDateTime lastSignInAt, List<String> roles) {
    }

    /** Body of user creation; {@code roles} are role ids given directly (unscoped). */
    public record NewUserJson(String username, String displayName, String email, String password, List<String> roles) {
    }

    /** Body of a user change; {@code enabled} null leaves sign-in as it is. */
    public record UserChangeJson(String displayName, String email, List<String> roles, Boolean enabled) {
    }

    /** What a user may do where: direct roles, the assignments reaching them (directly or through a group), and per permission its scope. */
    public record UserAccessJson(String username, List<String> directRoles, List<UserAssignmentJson> assignments, List<PermissionScopeJson> permissions) {
    }

    /** An assignment reaching a user; {@code via} is "user" or the group's name. */
    public record UserAssignmentJson(String roleId, long id, String name, String via, boolean allDataSources, List<String> dataSources,
                                     boolean allDeviceGroups, List<Long> deviceGroups) {
    }

    /** Where a permission applies: everywhere, or the union of these grants (null lists = all). */
    public record PermissionScopeJson(String permission, boolean everywhere, List<GrantJson> grants) {
    }

    public record GrantJson(List<String> dataSources, List<Long> deviceGroups) {
    }

    public record RoleJson(String id, String name, String description, boolean builtIn, List<String> permissions,
                           Map<String, String> categories, List<AssignmentJson> assignments) {
    }

    /** Body of a custom role: permission names and, per category label, READ / READ_MANAGE ("all" of that category). */
    public record RoleInputJson(String name, String description, List<String> permissions, Map<String, String> categories) {
    }

    /** An assignment; empty {@code dataSources} / {@code deviceGroups} in a request mean all. */
    public record AssignmentJson(Long id, String name, List<String> users, List<String> groups, List<String> dataSources,
                                 List<Long> deviceGroups, Boolean allDataSources, Boolean allDeviceGroups) {
    }

    public record GroupJson(Long id, String name, String description, List<String> members) {
    }

    public record DeviceGroupJson(Long id, String name, String description, String automationLevel, Integer rank,
                                  Boolean isDefault, Map<String, List<String>> rules, Integer deviceCount) {
    }

    // --- users

    @GetMapping("/users")
    @Operation(summary = "List users with their directly held roles")
    @PreAuthorize(Perms.AUTHORIZATION_READ)
    List<UserJson> users() {
        return users.all().stream().map(AccessApiController::json).toList();
    }

    @GetMapping("/users/{id}")
    @Operation(summary = "Read one user")
    @PreAuthorize(Perms.AUTHORIZATION_READ)
    UserJson user(@PathVariable long id) {
        return json(users.find(id).orElseThrow(() -> new UnknownUserException(id)));
    }

    @GetMapping("/users/{id}/access")
    @Operation(summary = "A user's effective access: direct roles, assignments reaching them, and per permission the data sources and device groups where it applies")
    @PreAuthorize(Perms.AUTHORIZATION_READ)
    UserAccessJson access(@PathVariable long id) {
        UserAccounts.Account a = users.find(id).orElseThrow(() -> new UnknownUserException(id));
        List<String> memberOf = groups.all().stream().filter(g -> g.members().stream().anyMatch(m -> m.equalsIgnoreCase(a.username())))
                .map(LocalGroups.Group::name).toList();
        List<UserAssignmentJson> reaching = new java.util.ArrayList<>();
        for (RoleAssignments.Assignment x : assignments.all()) {
            String via = x.users().stream().anyMatch(u -> u.equalsIgnoreCase(a.username())) ? "user"
                    : x.groups().stream().filter(memberOf::contains).findFirst().orElse(null);
            if (via != null) {
                reaching.add(new UserAssignmentJson(x.roleId(), x.id(), x.name(), via, x.allDataSources(), x.dataSources(), x.allDeviceGroups(),
                        x.deviceGroupIds()));
            }
        }
        List<PermissionScopeJson> perms = users.permissionsOf(a.username()).stream().sorted().map(p -> {
            DataScope s = scopes.forUser(a.username(), p);
            boolean everywhere = !s.restricted();
            return new PermissionScopeJson(p.name(), everywhere, everywhere ? List.of() : s.grants().stream()
                    .map(g -> new GrantJson(g.workloads() == null ? null : g.workloads().stream().sorted().toList(),
                            g.deviceGroups() == null ? null : g.deviceGroups().stream().sorted().toList())).toList());
        }).toList();
        return new UserAccessJson(a.username(), a.roleIds(), reaching, perms);
    }

    @PostMapping("/users")
    @Operation(summary = "Create a local user (password policy applies)")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    @ResponseStatus(HttpStatus.CREATED)
    UserJson createUser(@RequestBody NewUserJson in) {
        return json(userAdmin.create(new UserAdministration.NewUser(in.username(), in.displayName(), in.email(), in.password(), in.roles())));
    }

    @PutMapping("/users/{id}")
    @Operation(summary = "Change display name, email, direct roles, or enable/disable sign-in")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    UserJson updateUser(@PathVariable long id, @RequestBody UserChangeJson in) {
        userAdmin.update(id, new UserAdministration.Change(in.displayName(), in.email(), in.roles()));
        if (in.enabled() != null) {
            userAdmin.setEnabled(id, in.enabled());
        }
        return user(id);
    }

    // --- roles and assignments

    @GetMapping("/roles")
    @Operation(summary = "List built-in and custom roles with their permissions and assignments")
    @PreAuthorize(Perms.AUTHORIZATION_READ)
    List<RoleJson> roles() {
        return roles.all().stream().map(this::json).toList();
    }

    @GetMapping("/roles/{id}")
    @Operation(summary = "Read one role with its assignments")
    @PreAuthorize(Perms.AUTHORIZATION_READ)
    RoleJson role(@PathVariable String id) {
        return json(roles.require(id));
    }

    @PostMapping("/roles")
    @Operation(summary = "Create a custom role from catalogue permissions or whole categories")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    @ResponseStatus(HttpStatus.CREATED)
    RoleJson createRole(@RequestBody RoleInputJson in) {
        return json(roleAdmin.create(input(in)));
    }

    @PutMapping("/roles/{id}")
    @Operation(summary = "Change a custom role")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    RoleJson updateRole(@PathVariable String id, @RequestBody RoleInputJson in) {
        return json(roleAdmin.update(id, input(in)));
    }

    @DeleteMapping("/roles/{id}")
    @Operation(summary = "Delete a custom role and its assignments")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteRole(@PathVariable String id) {
        roleAdmin.delete(id);
    }

    @PostMapping("/roles/{id}/assignments")
    @Operation(summary = "Assign a role to users and groups, scoped to data sources and device groups (empty = all)")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    @ResponseStatus(HttpStatus.CREATED)
    AssignmentJson createAssignment(@PathVariable String id, @RequestBody AssignmentJson in) {
        return json(assignments.create(id, input(in)));
    }

    @PutMapping("/roles/{id}/assignments/{assignmentId}")
    @Operation(summary = "Change an assignment")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    AssignmentJson updateAssignment(@PathVariable String id, @PathVariable long assignmentId, @RequestBody AssignmentJson in) {
        requireOfRole(id, assignmentId);
        return json(assignments.update(assignmentId, input(in)));
    }

    @DeleteMapping("/roles/{id}/assignments/{assignmentId}")
    @Operation(summary = "Remove an assignment")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteAssignment(@PathVariable String id, @PathVariable long assignmentId) {
        requireOfRole(id, assignmentId);
        assignments.delete(assignmentId);
    }

    // --- local groups

    @GetMapping("/groups")
    @Operation(summary = "List local groups and their members")
    @PreAuthorize(Perms.AUTHORIZATION_READ)
    List<GroupJson> groups() {
        return groups.all().stream().map(g -> new GroupJson(g.id(), g.name(), g.description(), g.members())).toList();
    }

    @PostMapping("/groups")
    @Operation(summary = "Create a local group")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    @ResponseStatus(HttpStatus.CREATED)
    GroupJson createGroup(@RequestBody GroupJson in) {
        var g = groups.create(in.name(), in.description(), in.members());
        return new GroupJson(g.id(), g.name(), g.description(), g.members());
    }

    @PutMapping("/groups/{id}")
    @Operation(summary = "Change a local group")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    GroupJson updateGroup(@PathVariable long id, @RequestBody GroupJson in) {
        var g = groups.update(id, in.name(), in.description(), in.members());
        return new GroupJson(g.id(), g.name(), g.description(), g.members());
    }

    @DeleteMapping("/groups/{id}")
    @Operation(summary = "Delete a local group")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteGroup(@PathVariable long id) {
        groups.delete(id);
    }

    // --- device groups

    @GetMapping("/device-groups")
    @Operation(summary = "List device groups in rank order with their rules and device counts")
    @PreAuthorize(Perms.AUTHORIZATION_READ)
    List<DeviceGroupJson> deviceGroups() {
        var s = membership.current();
        return deviceGroups.all().stream().map(g -> json(g, s.count(g.id()))).toList();
    }

    @GetMapping("/device-groups/{id}")
    @Operation(summary = "Read one device group")
    @PreAuthorize(Perms.AUTHORIZATION_READ)
    DeviceGroupJson deviceGroup(@PathVariable long id) {
        return json(deviceGroups.require(id), membership.current().count(id));
    }

    @PostMapping("/device-groups")
    @Operation(summary = "Create a device group (ranked rules on name, domain, OS, tag)")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    @ResponseStatus(HttpStatus.CREATED)
    DeviceGroupJson createDeviceGroup(@RequestBody DeviceGroupJson in) {
        DeviceGroup g = deviceGroups.create(input(in));
        return json(g, membership.current().count(g.id()));
    }

    @PutMapping("/device-groups/{id}")
    @Operation(summary = "Change a device group")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    DeviceGroupJson updateDeviceGroup(@PathVariable long id, @RequestBody DeviceGroupJson in) {
        DeviceGroup g = deviceGroups.update(id, input(in));
        return json(g, membership.current().count(g.id()));
    }

    @DeleteMapping("/device-groups/{id}")
    @Operation(summary = "Delete a device group (its devices fall to lower-ranked groups)")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteDeviceGroup(@PathVariable long id) {
        deviceGroups.delete(id);
    }

    private void requireOfRole(String roleId, long assignmentId) {
        if (!assignments.require(assignmentId).roleId().equals(roleId)) {
            throw new NotFoundException("assignment", roleId + "/" + assignmentId);
        }
    }

    private static UserJson json(UserAccounts.Account a) {
        return new UserJson(a.id(), a.username(), a.displayName(), a.email(), a.enabled(), a.createdAt(), a.lastLoginAt(), a.roleIds());
    }

    private RoleJson json(Roles.Role r) {
        return new RoleJson(r.id(), r.name(), r.description(), r.builtIn(), r.permissions().stream().map(Enum::name).sorted().toList(),
                r.categories(), assignments.ofRole(r.id()).stream().map(AccessApiController::json).toList());
    }

    private static AssignmentJson json(RoleAssignments.Assignment a) {
        return new AssignmentJson(a.id(), a.name(), a.users(), a.groups(), a.dataSources(), a.deviceGroupIds(), a.allDataSources(), a.allDeviceGroups());
    }

    private static DeviceGroupJson json(DeviceGroup g, int count) {
        Map<String, List<String>> rules = new java.util.LinkedHashMap<>();
        g.rules().forEach((p, v) -> rules.put(p.name(), v));
        return new DeviceGroupJson(g.id(), g.name(), g.description(), g.automationLevel().name(), g.isDefault() ? null : g.rank(),
                g.isDefault(), rules, count);
    }

    private static RoleAdministration.Input input(RoleInputJson in) {
        return new RoleAdministration.Input(in.name(), in.description(), in.permissions(), in.categories());
    }

    private static RoleAssignments.Input input(AssignmentJson in) {
        return new RoleAssignments.Input(in.name(), in.users(), in.groups(), in.dataSources(), in.deviceGroups());
    }

    private static DeviceGroups.Input input(DeviceGroupJson in) {
        return new DeviceGroups.Input(in.name(), in.description(), in.automationLevel(), in.rank(), in.rules());
    }
}
