package dev.rampart.portal.access;

import dev.rampart.portal.access.UserAccounts.Account;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the access pages render; public because JTE templates import them. */
public final class AccessViews {

    private AccessViews() {
    }

    /** The users list. {@code roleNames} maps role id to display name. */
    /** {@code sources}: issuer by account id, for accounts that sign in through an identity provider. */
    public record UserList(List<Account> users, Map<String, String> roleNames, boolean canManage, String notice, Map<Long, String> sources) {
        public String roleName(String id) {
            return roleNames.getOrDefault(id, id);
        }
    }

    /**
     * The create form ({@code account == null}) or the detail panel of one account, with the values to show and
     * the field errors of the last submission. {@code fragment} = render without the page frame (htmx flyout).
     */
    public record UserForm(boolean fragment, Account account, String username, String displayName, String email,
                           Set<String> roleIds, List<Roles.Role> roles, Map<String, String> errors, boolean canManage,
                           boolean self) {
        public boolean isNew() {
            return account == null;
        }

        public String error(String field) {
            return errors.get(field);
        }

        public boolean hasError(String field) {
            return errors.containsKey(field);
        }
    }

    /** One row of the permission matrix: a catalogue permission and, per role in column order, what it grants. */
    public record MatrixRow(String label, List<String> levels, List<String> cells) {
    }

    public record MatrixGroup(String category, List<MatrixRow> rows) {
    }

    public record RoleMatrix(List<Roles.Role> roles, Map<String, Long> userCounts, List<MatrixGroup> groups) {
        public long users(String roleId) {
            return userCounts.getOrDefault(roleId, 0L);
        }
    }

    /** The audit page: current filter values as typed (strings, for the form), one page, and URL parts. */
    public record AuditView(AuditLog.Page page, String actor, String action, String targetType, String from, String to,
                            List<String> actions, List<String> targetTypes, String query, String error,
                            AuditChain.Verification verification) {
        public String pageLink(int p) {
            return "/settings/audit?" + (query.isEmpty() ? "" : query + "&") + "page=" + p;
        }

        public String exportLink() {
            return "/settings/audit/export" + (query.isEmpty() ? "" : "?" + query);
        }

        public boolean filtered() {
            return !query.isEmpty();
        }
    }

    /**
     * The custom role page: the role ({@code null} while creating), values as entered, its assignments and what an
     * assignment can name, and the field errors of the last submission (role form and assignment form apart).
     */
    public record RoleEdit(Roles.Role role, String name, String description, Set<String> permissions, Map<String, String> categories,
                           List<RoleAssignments.Assignment> assignments, List<DeviceGroup> deviceGroups, List<String> dataSources,
                           Map<String, String> errors, Map<String, String> assignmentErrors, boolean canManage) {
        public boolean isNew() {
            return role == null;
        }

        public boolean readOnly() {
            return !canManage || (role != null && role.builtIn());
        }

        public Map<String, List<Permission>> catalogue() {
            Map<String, List<Permission>> out = new java.util.LinkedHashMap<>();
            for (Permission p : Permission.values()) {
                out.computeIfAbsent(p.category(), c -> new java.util.ArrayList<>()).add(p);
            }
            return out;
        }

        public String category(String c) {
            return categories.getOrDefault(c, "CUSTOM");
        }

        public String deviceGroupName(long id) {
            return deviceGroups.stream().filter(g -> g.id() == id).map(DeviceGroup::name).findFirst().orElse("deleted group " + id);
        }

        public String error(String field) {
            return errors.get(field);
        }

        public String assignmentError(String field) {
            return assignmentErrors.get(field);
        }
    }

    /** The device groups page: groups by rank with their device counts, and the form's values and errors. */
    public record DeviceGroupsView(List<DeviceGroup> groups, Map<Long, Integer> counts, String refreshedAt, boolean canManage,
                                   DeviceGroup editing, Map<String, String> values, Map<String, String> errors, String notice) {
        public int count(long id) {
            return counts.getOrDefault(id, 0);
        }

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.get(field);
        }

        public AutomationLevel[] levels() {
            return AutomationLevel.values();
        }

        public DeviceGroup.Property[] properties() {
            return DeviceGroup.Property.values();
        }
    }

    /** The API clients page; {@code issued} + {@code secret} are set right after a create or rotate, to show the secret once. */
    public record ApiClientsView(List<ApiClients.Client> clients, boolean canManage, ApiClients.Client issued, String secret,
                                 Map<String, String> errors) {
        public Permission[] permissions() {
            return Permission.values();
        }

        public String error(String field) {
            return errors.get(field);
        }
    }

    /**
     * Settings › Single sign-on: the form (saved values, or what was entered), what is saved and in effect, the
     * properties the portal started with, the last connection test, and the URLs to register at the provider.
     */
    public record SsoView(SsoSettings.Input form, java.util.Optional<SsoSettings.Saved> saved, OidcProperties effective, OidcProperties properties,
                          boolean canManage, List<Roles.Role> roles, Map<String, String> errors, SsoConnectionTest.Result test, String notice,
                          String redirectUri, String backChannelUri, String postLogoutUri) {
        public String error(String field) {
            return errors.get(field);
        }

        public String value(String s) {
            return s == null ? "" : s;
        }

        /** The mapping rows to show: those entered, then empty rows to add more. */
        public List<OidcProperties.GroupMapping> mappingRows() {
            List<OidcProperties.GroupMapping> out = new java.util.ArrayList<>(form.groupMapping() == null ? List.of() : form.groupMapping().stream()
                    .filter(m -> OidcProperties.blankToNull(m.idpGroup()) != null || OidcProperties.blankToNull(m.localGroup()) != null
                            || OidcProperties.blankToNull(m.role()) != null).toList());
            for (int i = 0; i < 3; i++) {
                out.add(new OidcProperties.GroupMapping(null, null, null));
            }
            return out;
        }

        public String mappingError(int i) {
            return errors.get("groupMapping[" + i + "]");
        }

        /** Where the configuration in effect comes from, in words. */
        public String source() {
            if (saved.isPresent()) {
                return "Settings saved on this page by " + saved.get().updatedBy() + " on " + minute(saved.get().updatedAt())
                        + (properties.enabled() ? " (they replace the rampart.oidc.* properties; group mappings of both apply)" : "");
            }
            return properties.enabled() ? "The rampart.oidc.* properties (saving this page replaces them)" : "Nothing configured: only local accounts sign in";
        }

        public boolean secretStored() {
            return saved.map(SsoSettings.Saved::secretStored).orElse(properties.clientSecret() != null);
        }

        /** A saved secret that this installation's key cannot open: it has to be entered again. */
        public boolean secretUnreadable() {
            return saved.map(SsoSettings.Saved::secretUnreadable).orElse(false);
        }
    }

    /** The own-password form. */
    public record PasswordForm(Map<String, String> errors, boolean changed) {
        public String error(String field) {
            return errors.get(field);
        }

        public boolean hasError(String field) {
            return errors.containsKey(field);
        }
    }

    public static String minute(OffsetDateTime t) {
        return t == null ? "" : dev.rampart.portal.web.DisplayZone.format(t, "yyyy-MM-dd HH:mm") + " " + dev.rampart.portal.web.DisplayZone.label(t.toInstant());
    }

    public static String second(OffsetDateTime t) {
        return t == null ? "" : dev.rampart.portal.web.DisplayZone.format(t, "yyyy-MM-dd HH:mm:ss") + " " + dev.rampart.portal.web.DisplayZone.label(t.toInstant());
    }

    public static String day(OffsetDateTime t) {
        return t == null ? "" : dev.rampart.portal.web.DisplayZone.format(t, "yyyy-MM-dd");
    }

    public static String iso(OffsetDateTime t) {
        return t == null ? "" : t.withOffsetSameInstant(ZoneOffset.UTC).toString();
    }
}
