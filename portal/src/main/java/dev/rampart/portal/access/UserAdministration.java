package dev.rampart.portal.access;

import dev.rampart.portal.access.UserAccounts.Account;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Account administration with the rules an administrator relies on: validated input (one message per field,
 * thrown as {@link InvalidInputException}), case-insensitive unique user names, the password policy, nobody
 * disables their own account, and the last enabled Global administrator is never removed. Every change is
 * audited under the current principal; passwords never reach the audit log.
 * <p>Callers check permissions (controllers declare {@code AUTHORIZATION_MANAGE}); the methods themselves do not,
 * so that batch commands can use them.
 */
@Service
public class UserAdministration {
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{2,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final String GLOBAL_ADMIN = BuiltInRole.GLOBAL_ADMINISTRATOR.id();

    private final UserAccounts users;
    private final Roles roles;
    private final AuditLog audit;
    private final DataScopes scopes;

    public UserAdministration(UserAccounts users, Roles roles, AuditLog audit, DataScopes scopes) {
        this.scopes = scopes;
        this.users = users;
        this.roles = roles;
        this.audit = audit;
    }

    /** A new account as entered on the form. */
    public record NewUser(String username, String displayName, String email, String password, Collection<String> roleIds) {
    }

    /** The editable attributes of an existing account. */
    public record Change(String displayName, String email, Collection<String> roleIds) {
    }

    /** Creates the account and audits {@code user.create}. */
    @Transactional
    public Account create(NewUser in) {
        Map<String, String> errors = new LinkedHashMap<>();
        String username = trim(in.username());
        if (username.isEmpty()) {
            errors.put("username", "Enter a user name.");
        } else if (!USERNAME.matcher(username).matches()) {
            errors.put("username", "Use 3 to 64 letters, digits, dots, hyphens, underscores or @, starting with a letter or digit.");
        } else if (users.exists(username)) {
            errors.put("username", "A user named \"" + username + "\" already exists (user names ignore case).");
        }
        String displayName = checkDisplayName(in.displayName(), errors);
        String email = checkEmail(in.email(), errors);
        PasswordPolicy.problem(in.password(), username).ifPresent(p -> errors.put("password", p));
        Set<String> roleIds = checkRoles(in.roleIds(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        long id;
        try {
            id = users.create(username, displayName, email, in.password(), roleIds);
        } catch (DuplicateKeyException raced) {
            throw InvalidInputException.of("username", "A user named \"" + username + "\" already exists (user names ignore case).");
        }
        scopes.changed();
        audit.record("user.create", "user", username, "display name \"" + displayName + "\", email " + (email == null ? "none" : email)
                + ", roles " + roleIds);
        return users.find(id).orElseThrow();
    }

    /** Changes display name, e-mail and roles; audits {@code user.update} with what changed (nothing when nothing did). */
    @Transactional
    public Account update(long id, Change in) {
        Account before = users.find(id).orElseThrow(() -> new UnknownUserException(id));
        Map<String, String> errors = new LinkedHashMap<>();
        String displayName = checkDisplayName(in.displayName(), errors);
        String email = checkEmail(in.email(), errors);
        Set<String> roleIds = checkRoles(in.roleIds(), errors);
        if (errors.isEmpty() && before.roleIds().contains(GLOBAL_ADMIN) && !roleIds.contains(GLOBAL_ADMIN)) {
            users.lockAdministratorChanges();
            if (before.enabled() && users.countEnabledWithRole(GLOBAL_ADMIN) <= 1) {
                errors.put("roles", lastAdminMessage(before.username()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        List<String> changes = new ArrayList<>();
        if (!displayName.equals(before.displayName()) || !Objects.equals(email, before.email())) {
            users.setProfile(id, displayName, email);
            if (!displayName.equals(before.displayName())) {
                changes.add("display name \"" + before.displayName() + "\" → \"" + displayName + "\"");
            }
            if (!Objects.equals(email, before.email())) {
                changes.add("email " + orNone(before.email()) + " → " + orNone(email));
            }
        }
        Set<String> oldRoles = new TreeSet<>(before.roleIds());
        if (!oldRoles.equals(roleIds)) {
            users.setRoles(id, roleIds);
            changes.add("roles " + oldRoles + " → " + roleIds);
        }
        if (!changes.isEmpty()) {
            scopes.changed();
            audit.record("user.update", "user", before.username(), String.join("; ", changes));
        }
        return users.find(id).orElseThrow();
    }

    /** Enables or disables sign-in; audits {@code user.enable} / {@code user.disable} when the state changes. */
    @Transactional
    public Account setEnabled(long id, boolean enabled) {
        Account before = users.find(id).orElseThrow(() -> new UnknownUserException(id));
        if (!enabled) {
            if (UserAccounts.key(before.username()).equals(UserAccounts.key(AuditLog.currentActor()))) {
                throw InvalidInputException.of("enabled", "You cannot disable your own account.");
            }
            if (before.enabled() && before.roleIds().contains(GLOBAL_ADMIN)) {
                users.lockAdministratorChanges();
                if (users.countEnabledWithRole(GLOBAL_ADMIN) <= 1) {
                    throw InvalidInputException.of("enabled", lastAdminMessage(before.username()));
                }
            }
        }
        if (before.enabled() != enabled) {
            users.setEnabled(id, enabled);
            scopes.changed();
            audit.record(enabled ? "user.enable" : "user.disable", "user", before.username(),
                    enabled ? "sign-in allowed" : "sign-in blocked; open sessions end at their next request");
        }
        return users.find(id).orElseThrow();
    }

    /** Sets a new password chosen by an administrator; ends the user's sessions; audits {@code user.password.reset}. */
    @Transactional
    public Account resetPassword(long id, String newPassword) {
        Account account = users.find(id).orElseThrow(() -> new UnknownUserException(id));
        refuseExternal(account, "password");
        PasswordPolicy.problem(newPassword, account.username()).ifPresent(p -> {
            throw InvalidInputException.of("password", p);
        });
        users.setPassword(id, newPassword);
        scopes.changed();
        audit.record("user.password.reset", "user", account.username(), "password set by an administrator; the user's sessions were ended");
        return account;
    }

    /**
     * Changes the signed-in user's own password after checking the current one; audits {@code user.password.change}.
     * Field names in errors: {@code currentPassword}, {@code newPassword}, {@code confirmPassword}.
     */
    @Transactional
    public void changeOwnPassword(String username, String currentPassword, String newPassword, String confirmPassword) {
        Account account = users.findByUsername(username).orElseThrow(() -> new IllegalStateException("signed-in user " + username + " has no account"));
        refuseExternal(account, "currentPassword");
        Map<String, String> errors = new LinkedHashMap<>();
        if (!users.passwordMatches(account.id(), currentPassword)) {
            errors.put("currentPassword", "The current password is not correct.");
        }
        PasswordPolicy.problem(newPassword, account.username()).ifPresent(p -> errors.put("newPassword", p));
        if (!errors.containsKey("newPassword") && Objects.equals(newPassword, currentPassword)) {
            errors.put("newPassword", "Choose a password different from the current one.");
        }
        if (!Objects.equals(newPassword, confirmPassword)) {
            errors.put("confirmPassword", "The two new passwords do not match.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        users.setPassword(account.id(), newPassword);
        scopes.changed();
        audit.record("user.password.change", "user", account.username(), "own password changed; other sessions were ended");
    }

    // A password on an account of an identity provider would open a second way in that the provider cannot revoke.
    private void refuseExternal(Account account, String field) {
        users.authSource(account.id()).ifPresent(issuer -> {
            throw InvalidInputException.of(field, account.username() + " signs in through the identity provider " + issuer
                    + "; Rampart keeps no password for it.");
        });
    }

    private static String checkDisplayName(String value, Map<String, String> errors) {
        String v = trim(value);
        if (v.isEmpty()) {
            errors.put("displayName", "Enter a display name.");
        } else if (v.length() > 200) {
            errors.put("displayName", "Use at most 200 characters.");
        }
        return v;
    }

    private static String checkEmail(String value, Map<String, String> errors) {
        String v = trim(value);
        if (v.isEmpty()) {
            return null;
        }
        if (v.length() > 320 || !EMAIL.matcher(v).matches()) {
            errors.put("email", "Enter an e-mail address like name@example.com, or leave it empty.");
        }
        return v;
    }

    private Set<String> checkRoles(Collection<String> roleIds, Map<String, String> errors) {
        Set<String> wanted = roleIds == null ? new TreeSet<>()
                : roleIds.stream().filter(Objects::nonNull).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        // No direct role is allowed: such a user's access comes from role assignments (possibly scoped) alone.
        if (wanted.isEmpty()) {
            return wanted;
        }
        Set<String> known = roles.all().stream().map(Roles.Role::id).collect(Collectors.toSet());
        List<String> unknown = wanted.stream().filter(r -> !known.contains(r)).toList();
        if (!unknown.isEmpty()) {
            errors.put("roles", "Unknown role " + String.join(", ", unknown) + ".");
        }
        return wanted;
    }

    private static String lastAdminMessage(String username) {
        return username + " is the last enabled Global administrator. Give another enabled user that role first.";
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    private static String orNone(String s) {
        return s == null ? "none" : s;
    }
}
