package dev.rampart.portal.access;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
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

    @Override
    public UserDetails loadUserByUsername(String username) {
        var row = jdbc.sql("SELECT id, password_hash, enabled FROM app_user WHERE username = ?")
                .param(username)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getBoolean(3)})
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return User.withUsername(username)
                .password((String) row[1])
                .disabled(!(Boolean) row[2])
                .authorities(authoritiesOf((Long) row[0]))
                .build();
    }

    Collection<GrantedAuthority> authoritiesOf(long userId) {
        List<GrantedAuthority> out = new ArrayList<>();
        jdbc.sql("SELECT role_id FROM user_role WHERE user_id = ?").param(userId).query(String.class).list()
                .forEach(r -> out.add(new SimpleGrantedAuthority("ROLE_" + r)));
        jdbc.sql("SELECT DISTINCT rp.permission FROM role_permission rp JOIN user_role ur ON ur.role_id = rp.role_id WHERE ur.user_id = ?")
                .param(userId).query(String.class).list()
                .forEach(p -> out.add(new SimpleGrantedAuthority("PERM_" + p)));
        return out;
    }

    public Set<Permission> permissionsOf(String username) {
        Set<Permission> out = EnumSet.noneOf(Permission.class);
        jdbc.sql("SELECT DISTINCT rp.permission FROM role_permission rp JOIN user_role ur ON ur.role_id = rp.role_id "
                        + "JOIN app_user u ON u.id = ur.user_id WHERE u.username = ?")
                .param(username).query(String.class).list()
                .forEach(p -> out.add(Permission.valueOf(p)));
        return out;
    }

    public boolean exists(String username) {
        return jdbc.sql("SELECT count(*) FROM app_user WHERE username = ?").param(username).query(Long.class).single() > 0;
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single();
    }

    /** Creates an account with a hashed password and the given roles; returns its id. */
    @Transactional
    public long create(String username, String displayName, String email, String rawPassword, Collection<String> roleIds) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO app_user (username, display_name, email, password_hash, enabled, created_at) VALUES (?, ?, ?, ?, TRUE, ?)")
                .params(username, displayName, email, encoder.encode(rawPassword), OffsetDateTime.now(ZoneOffset.UTC))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        setRoles(id, roleIds);
        return id;
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

    public void setPassword(long userId, String rawPassword) {
        jdbc.sql("UPDATE app_user SET password_hash = ? WHERE id = ?").params(encoder.encode(rawPassword), userId).update();
    }

    public void recordLogin(String username) {
        jdbc.sql("UPDATE app_user SET last_login_at = ? WHERE username = ?").params(OffsetDateTime.now(ZoneOffset.UTC), username).update();
    }

    public Optional<Account> find(long id) {
        return list("WHERE id = ?", id).stream().findFirst();
    }

    public Optional<Account> findByUsername(String username) {
        return list("WHERE username = ?", username).stream().findFirst();
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
