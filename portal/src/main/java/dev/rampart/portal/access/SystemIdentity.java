package dev.rampart.portal.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The portal acting for itself (batch commands, harnesses, background work that must see everything): every
 * permission plus {@link #AUTHORITY}, which is the only thing that makes {@link DataScopes} unrestricted for a
 * principal without an account. No sign-in path grants it: accounts get {@code ROLE_*}/{@code PERM_*} authorities
 * from the database and API clients {@code PERM_*} plus {@link DataScopes#CLIENT_AUTHORITY}.
 */
public final class SystemIdentity {
    /** Marks a principal as the portal itself. */
    public static final String AUTHORITY = "RAMPART_SYSTEM";

    private SystemIdentity() {
    }

    /** An authenticated principal named {@code name} holding every permission and {@link #AUTHORITY}. */
    public static Authentication authentication(String name) {
        List<GrantedAuthority> all = new ArrayList<>();
        all.add(new SimpleGrantedAuthority(AUTHORITY));
        Arrays.stream(Permission.values()).map(p -> new SimpleGrantedAuthority(p.authority())).forEach(all::add);
        return UsernamePasswordAuthenticationToken.authenticated(name, null, all);
    }

    /** Runs {@code work} as {@link #authentication(String)} on this thread, then restores the previous principal. */
    public static <T> T run(String name, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(authentication(name));
        SecurityContextHolder.setContext(ctx);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
