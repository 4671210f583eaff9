package dev.rampart.portal.access;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Local user accounts and their role assignments, stored in the state database.
 * Authorities of a user are the {@code PERM_*} authorities of all their roles plus {@code ROLE_<role-id>}.
 */
@Service
public class UserAccounts implements UserDetailsService {
    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;

    public UserAccounts(JdbcClient jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    public record Account(long id, String username, String displayName, String email, boolean enabled,
                          OffsetDateTime createdAt, OffsetDateTime lastLoginAt, List<String> roleIds) {
    }

    /**
     * What a live web session must re-check on every request: whether the account still exists and is enabled,
     * which password generation it signed in with, and its current authorities.
     */
    public record SessionState(boolean enabled, int credentialsVersion, Collection<GrantedAuthority> authorities) {
    }

    /** Looks the user up case-insensitively; the returned user name is the stored spelling. */
    @Override
    public UserDetails loadUserByUsername(String username) {
        // Accounts of an identity provider have no password here: they sign in through it, never with a form or Basic.
        var row = jdbc.sql("SELECT id, username, password_hash, enabled FROM app_user WHERE username_key = ? "
                        + "AND auth_source IS NULL AND password_hash IS NOT NULL")
                .param(key(username))
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)})
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return User.withUsername((String) row[1])
                .password((String) row[2])
                .disabled(!(Boolean) row[3])
                .authorities(authoritiesOf((Long) row[0]))
                .build();
    }

    /** Current state of the account behind a session, or empty when the account no longer exists. */
    public Optional<SessionState> sessionState(String username) {
        return jdbc.sql("SELECT id, enabled, credentials_version FROM app_user WHERE username_key = ?")
                .param(key(username))
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getBoolean(2), rs.getInt(3)})
                .optional()
                .map(r -> new SessionState((Boolean) r[1], (Integer) r[2], authoritiesOf((Long) r[0])));
    }

    /** True when {@code rawPassword} is the account's current password. */
    public boolean passwordMatches(long userId, String rawPassword) {
        return jdbc.sql("SELECT password_hash FROM app_user WHERE id = ? AND password_hash IS NOT NULL").param(userId).query(String.class).optional()
                .map(h -> rawPassword != null && encoder.matches(rawPassword, h)).orElse(false);
    }

    static String key(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Role ids a user holds: given directly, or through a role assignment naming the user or one of their groups.
     * The authorities are the union over all of them; where each permission applies is narrowed per assignment by
     * {@link DataScopes#current(Permission)}.
     */
    static final String ROLES_OF_USER = "SELECT role_id FROM user_role WHERE user_id = ? "
            + "UNION SELECT ra.role_id FROM role_assignment ra JOIN assignment_user au ON au.assignment_id = ra.id WHERE au.user_id = ? "
            + "UNION SELECT ra.role_id FROM role_assignment ra JOIN assignment_group ag ON ag.assignment_id = ra.id "
            + "JOIN group_member gm ON gm.group_id = ag.group_id WHERE gm.user_id = ?";

    Collection<GrantedAuthority> authoritiesOf(long userId) {
        List<GrantedAuthority> out = new ArrayList<>();
        jdbc.sql("SELECT DISTINCT role_id FROM (" + ROLES_OF_USER + ") r ORDER BY role_id").params(userId, userId, userId).query(String.class).list()
                .forEach(r -> out.add(new SimpleGrantedAuthority("ROLE_" + r)));
        jdbc.sql("SELECT DISTINCT permission FROM role_permission WHERE role_id IN (" + ROLES_OF_USER + ") ORDER BY permission")
                .params(userId, userId, userId).query(String.class).list()
                .forEach(p -> out.add(new SimpleGrantedAuthority("PERM_" + p)));
        return out;
    }

    public Set<Permission> permissionsOf(String username) {
        Set<Permission> out = EnumSet.noneOf(Permission.class);
        findByUsername(username).ifPresent(a -> authoritiesOf(a.id()).stream().map(GrantedAuthority::getAuthority)
                .filter(x -> x.startsWith("PERM_")).forEach(x -> out.add(Permission.valueOf(x.substring(5)))));
        return out;
    }

    /** Whether a user of that name exists, ignoring case. */
    public boolean exists(String username) {
        return jdbc.sql("SELECT count(*) FROM app_user WHERE username_key = ?").param(key(username)).query(Long.class).single() > 0;
    }

    /** Enabled accounts holding the role; the last enabled Global administrator must never be removed. */
    public long countEnabledWithRole(String roleId) {
        return jdbc.sql("SELECT count(*) FROM app_user u JOIN user_role ur ON ur.user_id = u.id WHERE ur.role_id = ? AND u.enabled = TRUE")
                .param(roleId).query(Long.class).single();
    }

    /** Number of accounts per role id. */
    public Map<String, Long> countByRole() {
        Map<String, Long> out = new HashMap<>();
        jdbc.sql("SELECT role_id, count(*) FROM user_role GROUP BY role_id")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * Serialises changes that could remove the last administrator: the caller's transaction holds a row lock
     * on the Global administrator role until it commits, so two concurrent demotions cannot both pass the check.
     */
    void lockAdministratorChanges() {
        jdbc.sql("SELECT id FROM app_role WHERE id = ? FOR UPDATE").param(BuiltInRole.GLOBAL_ADMINISTRATOR.id())
                .query(String.class).list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single();
    }

    /** Creates an account with a hashed password and the given roles; returns its id. */
    @Transactional
    public long create(String username, String displayName, String email, String rawPassword, Collection<String> roleIds) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO app_user (username, username_key, display_name, email, password_hash, enabled, created_at) VALUES (?, ?, ?, ?, ?, TRUE, ?)")
                .params(username, key(username), displayName, email, encoder.encode(rawPassword), OffsetDateTime.now(ZoneOffset.UTC))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        setRoles(id, roleIds);
        return id;
    }

    /**
     * Creates an account of an identity provider: no password, {@code issuer} as its source and {@code subject}
     * (the provider's {@code sub}) linking later sign-ins; no role. Returns its id.
     */
    long createExternal(String username, String displayName, String email, String issuer, String subject) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO app_user (username, username_key, display_name, email, password_hash, enabled, created_at, auth_source, external_subject) "
                        + "VALUES (?, ?, ?, ?, NULL, TRUE, ?, ?, ?)")
                .params(username, key(username), displayName, email, OffsetDateTime.now(ZoneOffset.UTC), issuer, subject)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The account linked to {@code subject} at {@code issuer}, if one was provisioned. */
    Optional<Account> findExternal(String issuer, String subject) {
        return jdbc.sql("SELECT id FROM app_user WHERE auth_source = ? AND external_subject = ?").params(issuer, subject)
                .query(Long.class).optional().flatMap(this::find);
    }

    /** The issuer an account signs in through, or empty for a local account (one with a password here). */
    public Optional<String> authSource(long userId) {
        return jdbc.sql("SELECT auth_source FROM app_user WHERE id = ? AND auth_source IS NOT NULL").param(userId).query(String.class).optional();
    }

    /** Issuer by account id, for every account of an identity provider. */
    public Map<Long, String> authSources() {
        Map<Long, String> out = new HashMap<>();
        jdbc.sql("SELECT id, auth_source FROM app_user WHERE auth_source IS NOT NULL")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Direct roles of a user, sorted. */
    List<String> directRoles(long userId) {
        return jdbc.sql("SELECT role_id FROM user_role WHERE user_id = ? ORDER BY role_id").param(userId).query(String.class).list();
    }

    void addRole(long userId, String roleId) {
        jdbc.sql("MERGE INTO user_role t USING (VALUES (?, ?)) s(user_id, role_id) ON t.user_id = s.user_id AND t.role_id = s.role_id "
                + "WHEN NOT MATCHED THEN INSERT (user_id, role_id) VALUES (s.user_id, s.role_id)").params(userId, roleId).update();
    }

    void removeRole(long userId, String roleId) {
        jdbc.sql("DELETE FROM user_role WHERE user_id = ? AND role_id = ?").params(userId, roleId).update();
    }

    @Transactional
    public void setRoles(long userId, Collection<String> roleIds) {
        jdbc.sql("DELETE FROM user_role WHERE user_id = ?").param(userId).update();
        for (String r : roleIds) {
            jdbc.sql("INSERT INTO user_role (user_id, role_id) VALUES (?, ?)").params(userId, r).update();
        }
    }

    public void setEnabled(long userId, boolean enabled) {
        jdbc.sql("UPDATE app_user SET enabled = ? WHERE id = ?").params(enabled, userId).update();
    }

    /** Changes display name and e-mail (null or blank = none). */
    public void setProfile(long userId, String displayName, String email) {
        jdbc.sql("UPDATE app_user SET display_name = ?, email = ? WHERE id = ?")
                .params(displayName, email == null || email.isBlank() ? null : email, userId).update();
    }

    /** Stores a new password hash and moves the credentials version, which ends the account's other web sessions. */
    public void setPassword(long userId, String rawPassword) {
        jdbc.sql("UPDATE app_user SET password_hash = ?, credentials_version = credentials_version + 1 WHERE id = ?")
                .params(encoder.encode(rawPassword), userId).update();
    }

    public void recordLogin(String username) {
        jdbc.sql("UPDATE app_user SET last_login_at = ? WHERE username_key = ?").params(OffsetDateTime.now(ZoneOffset.UTC), key(username)).update();
    }

    public Optional<Account> find(long id) {
        return list("WHERE id = ?", id).stream().findFirst();
    }

    /** Finds an account by user name, ignoring case. */
    public Optional<Account> findByUsername(String username) {
        return list("WHERE username_key = ?", key(username)).stream().findFirst();
    }

    public List<Account> all() {
        return list("", null);
    }

    private List<Account> list(String where, Object param) {
        var spec = jdbc.sql("SELECT id, username, display_name, email, enabled, created_at, last_login_at FROM app_user " + where + " ORDER BY username");
        if (param != null) {
            spec = spec.param(param);
        }
        List<Account> accounts = spec.query((rs, n) -> new Account(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getBoolean(5), rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class),
                List.of())).list();
        List<Account> out = new ArrayList<>(accounts.size());
        for (Account a : accounts) {
            List<String> roles = jdbc.sql("SELECT role_id FROM user_role WHERE user_id = ? ORDER BY role_id").param(a.id()).query(String.class).list();
            out.add(new Account(a.id(), a.username(), a.displayName(), a.email(), a.enabled(), a.createdAt(), a.lastLoginAt(), roles));
        }
        return out;
    }
}
