package dev.rampart.portal.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a successful OpenID Connect sign-in into a Rampart account: provisioned at the first sign-in (no password,
 * source = issuer, linked by the provider's {@code sub}), its mapped groups and roles brought in step with the
 * groups claim at every sign-in. A disabled account stays disabled, and a name already used by another account
 * is refused rather than taken over. Provisioning, changed memberships and refusals are audited (actor
 * {@code system}). The account's permissions are exactly what its roles and groups grant.
 */
@Service
public class OidcAccounts {
    /** OAuth2 error code of a sign-in the provider accepted and Rampart refused; its description is for the user. */
    public static final String REFUSED = "rampart_account_refused";
    private static final Logger LOG = LoggerFactory.getLogger(OidcAccounts.class);

    private final SsoSettings settings;
    private final UserAccounts users;
    private final LocalGroups groups;
    private final Roles roles;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    public OidcAccounts(SsoSettings settings, UserAccounts users, LocalGroups groups, Roles roles, AuditLog audit,
                        PlatformTransactionManager transactions) {
        this.settings = settings;
        this.users = users;
        this.groups = groups;
        this.roles = roles;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * The account for a sign-in with these ID token / user info claims from {@code issuer}, provisioned and synced.
     *
     * @throws OAuth2AuthenticationException with code {@link #REFUSED} when the account is disabled, the name is
     *                                       taken by another account, or no usable name or subject is present
     */
    public UserAccounts.Account signIn(String issuer, Map<String, Object> claims) {
        OidcProperties props = settings.effective();
        if (!(claims.get("sub") instanceof String subject) || subject.isBlank()) {
            throw refuse(issuer, "(unknown)", "The identity provider sent no subject (sub) for this sign-in.");
        }
        String username = OidcClaims.username(claims, props.usernameClaim()).orElse(subject);
        Optional<UserAccounts.Account> linked = users.findExternal(issuer, subject);
        if (linked.isPresent()) {
            username = linked.get().username();
            if (!linked.get().enabled()) {
                throw refuse(issuer, username, disabledMessage(username));
            }
        } else {
            Optional<String> problem = OidcClaims.usernameProblem(username);
            if (problem.isPresent()) {
                throw refuse(issuer, username, problem.get());
            }
            Optional<UserAccounts.Account> same = users.findByUsername(username);
            if (same.isPresent()) {
                throw refuse(issuer, username, same.get().enabled()
                        ? "A Rampart account named \"" + same.get().username() + "\" exists already and does not belong to "
                        + settings.effective().displayName() + ". Sign in with its password, or ask an administrator to rename one of the two."
                        : disabledMessage(same.get().username()));
            }
        }
        Set<String> idpGroups = OidcClaims.groups(claims, props.groupsClaim());
        String name = username;
        return tx.execute(s -> {
            long id = linked.map(UserAccounts.Account::id).orElseGet(() -> provision(issuer, subject, name, claims));
            sync(props, id, name, idpGroups);
            return users.find(id).orElseThrow();
        });
    }

    private long provision(String issuer, String subject, String username, Map<String, Object> claims) {
        String display = claims.get("name") instanceof String n && !n.isBlank() ? n.strip() : username;
        display = display.length() > 200 ? display.substring(0, 200) : display;
        String email = claims.get("email") instanceof String e && !e.isBlank() && e.length() <= 320 ? e.strip() : null;
        long id = users.createExternal(username, display, email, issuer, subject);
        audit.recordAs("system", "user.provision", "user", username, "first sign-in through OpenID Connect: issuer " + issuer
                + ", subject " + subject + ", email " + (email == null ? "none" : email) + "; no password, no role until groups grant one");
        return id;
    }

    /** Brings the memberships and direct roles that some mapping names in step with the provider's groups. */
    private void sync(OidcProperties props, long userId, String username, Set<String> idpGroups) {
        Map<String, Boolean> groupWanted = new LinkedHashMap<>();
        Map<String, Boolean> roleWanted = new LinkedHashMap<>();
        for (OidcProperties.GroupMapping m : props.groupMapping()) {
            boolean member = idpGroups.contains(m.idpGroup().strip());
            if (OidcProperties.blankToNull(m.localGroup()) != null) {
                groupWanted.merge(m.localGroup().strip(), member, Boolean::logicalOr);
            }
            if (OidcProperties.blankToNull(m.role()) != null) {
                roleWanted.merge(m.role().strip(), member, Boolean::logicalOr);
            }
        }
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Set<Long> memberOf = groups.groupIdsOf(userId);
        Set<Long> done = new java.util.HashSet<>();
        groupWanted.forEach((groupName, wanted) -> {
            Optional<LocalGroups.Group> g = groups.findByName(groupName);
            if (g.isEmpty() && wanted) {
                g = Optional.of(groups.create(groupName, "Members come from the identity provider (rampart.oidc.group-mapping).", List.of()));
            }
            if (g.isEmpty() || !done.add(g.get().id())) {
                return;
            }
            boolean isMember = memberOf.contains(g.get().id());
            if (wanted && !isMember) {
                groups.addMember(g.get().id(), userId);
                added.add("group " + g.get().name());
            } else if (!wanted && isMember) {
                groups.removeMember(g.get().id(), userId);
                removed.add("group " + g.get().name());
            }
        });
        Set<String> knownRoles = roles.all().stream().map(Roles.Role::id).collect(Collectors.toSet());
        Set<String> direct = new LinkedHashSet<>(users.directRoles(userId));
        roleWanted.forEach((role, wanted) -> {
            if (!knownRoles.contains(role)) {
                LOG.warn("rampart.oidc.group-mapping names role {}, which does not exist; ignored", role);
                return;
            }
            if (wanted && !direct.contains(role)) {
                users.addRole(userId, role);
                added.add("role " + role);
            } else if (!wanted && direct.contains(role)) {
                users.removeRole(userId, role);
                removed.add("role " + role);
            }
        });
        if (!added.isEmpty() || !removed.isEmpty()) {
            audit.recordAs("system", "user.groups.sync", "user", username, "identity provider groups " + new TreeSet<>(idpGroups)
                    + "; added " + added + "; removed " + removed);
        }
    }

    private OAuth2AuthenticationException refuse(String issuer, String username, String message) {
        audit.recordAs("system", "user.signin.refused", "user", username, "OpenID Connect sign-in from " + issuer + " refused: " + message);
        return new OAuth2AuthenticationException(new OAuth2Error(REFUSED, message, null), message);
    }

    private static String disabledMessage(String username) {
        return "The Rampart account \"" + username + "\" is disabled. Ask an administrator to enable it.";
    }
}
