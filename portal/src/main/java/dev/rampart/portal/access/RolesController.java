package dev.rampart.portal.access;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings &gt; Roles: the permission matrix of every role, and custom roles with their assignments (create, edit,
 * delete). Built-in roles open read-only. Invalid input answers 422 with the form and its field errors.
 */
@Controller
class RolesController {
    private final Roles roles;
    private final UserAccounts users;
    private final RoleAdministration admin;
    private final RoleAssignments assignments;
    private final DeviceGroups deviceGroups;
    private final AccessPolicy access;

    RolesController(Roles roles, UserAccounts users, RoleAdministration admin, RoleAssignments assignments, DeviceGroups deviceGroups,
                    AccessPolicy access) {
        this.roles = roles;
        this.users = users;
        this.admin = admin;
        this.assignments = assignments;
        this.deviceGroups = deviceGroups;
        this.access = access;
    }

    @GetMapping("/settings/roles")
    @PreAuthorize(Perms.AUTHORIZATION_READ)
    String roles(Model model) {
        List<Roles.Role> all = roles.all().stream().sorted(Roles.PRIVILEGE_ORDER).toList();
        model.addAttribute("view", new AccessViews.RoleMatrix(all, users.countByRole(), Roles.matrix(all)));
        model.addAttribute("canManage", access.can(Permission.AUTHORIZATION_MANAGE));
        return "access/roles";
    }

    @GetMapping("/settings/roles/new")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String newRole(Model model) {
        model.addAttribute("view", view(null, "", "", Set.of(), Map.of(), Map.of(), Map.of()));
        return "access/roleEdit";
    }

    @PostMapping("/settings/roles")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String description,
                  @RequestParam(name = "permissions", required = false) List<String> permissions,
                  @RequestParam Map<String, String> params, HttpServletResponse response, Model model) {
        Map<String, String> categories = categories(params);
        try {
            Roles.Role r = admin.create(new RoleAdministration.Input(name, description, permissions, categories));
            return "redirect:/settings/roles/" + enc(r.id());
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("view", view(null, name, description, set(permissions), categories, e.fieldErrors(), Map.of()));
            return "access/roleEdit";
        }
    }

    @GetMapping("/settings/roles/{id}")
    @PreAuthorize(Perms.AUTHORIZATION_READ)
    String role(@PathVariable String id, Model model) {
        Roles.Role r = roles.require(id);
        model.addAttribute("view", view(r, r.name(), r.description(), names(r.permissions()), r.categories(), Map.of(), Map.of()));
        return "access/roleEdit";
    }

    @PostMapping("/settings/roles/{id}")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String update(@PathVariable String id, @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String description,
                  @RequestParam(name = "permissions", required = false) List<String> permissions,
                  @RequestParam Map<String, String> params, HttpServletResponse response, Model model) {
        Roles.Role r = roles.require(id);
        Map<String, String> categories = categories(params);
        try {
            admin.update(id, new RoleAdministration.Input(name, description, permissions, categories));
            return "redirect:/settings/roles/" + enc(id);
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("view", view(r, name, description, set(permissions), categories, e.fieldErrors(), Map.of()));
            return "access/roleEdit";
        }
    }

    @PostMapping("/settings/roles/{id}/delete")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String delete(@PathVariable String id, HttpServletResponse response, Model model) {
        Roles.Role r = roles.require(id);
        try {
            admin.delete(id);
            return "redirect:/settings/roles";
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("view", view(r, r.name(), r.description(), names(r.permissions()), r.categories(), e.fieldErrors(), Map.of()));
            return "access/roleEdit";
        }
    }

    @PostMapping("/settings/roles/{id}/assignments")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String assign(@PathVariable String id, @RequestParam(defaultValue = "") String assignmentName,
                  @RequestParam(defaultValue = "") String assignUsers, @RequestParam(defaultValue = "") String assignGroups,
                  @RequestParam(name = "dataSources", required = false) List<String> dataSources,
                  @RequestParam(name = "deviceGroups", required = false) List<Long> deviceGroupIds,
                  HttpServletResponse response, Model model) {
        Roles.Role r = roles.require(id);
        try {
            assignments.create(id, new RoleAssignments.Input(assignmentName, split(assignUsers), split(assignGroups), dataSources, deviceGroupIds));
            return "redirect:/settings/roles/" + enc(id);
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("view", view(r, r.name(), r.description(), names(r.permissions()), r.categories(), Map.of(), e.fieldErrors()));
            return "access/roleEdit";
        }
    }

    @PostMapping("/settings/roles/{id}/assignments/{assignmentId}/delete")
    @PreAuthorize(Perms.AUTHORIZATION_MANAGE)
    String unassign(@PathVariable String id, @PathVariable long assignmentId) {
        if (!assignments.require(assignmentId).roleId().equals(id)) {
            throw new NotFoundException("assignment", id + "/" + assignmentId);
        }
        assignments.delete(assignmentId);
        return "redirect:/settings/roles/" + enc(id);
    }

    private AccessViews.RoleEdit view(Roles.Role r, String name, String description, Set<String> perms, Map<String, String> categories,
                                      Map<String, String> errors, Map<String, String> assignmentErrors) {
        return new AccessViews.RoleEdit(r, name, description, perms, categories, r == null ? List.of() : assignments.ofRole(r.id()),
                deviceGroups.all(), assignments.dataSources(), errors, assignmentErrors, access.can(Permission.AUTHORIZATION_MANAGE));
    }

    // Category selects are posted as "category:<label>" = CUSTOM | READ | READ_MANAGE.
    private static Map<String, String> categories(Map<String, String> params) {
        Map<String, String> out = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith("category:")) {
                out.put(k.substring("category:".length()), v);
            }
        });
        return out;
    }

    private static List<String> split(String s) {
        return Arrays.stream(s.split("[,;\\n]")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    private static Set<String> set(List<String> l) {
        return l == null ? Set.of() : new TreeSet<>(l);
    }

    private static Set<String> names(Set<Permission> p) {
        return p.stream().map(Enum::name).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
