package dev.rampart.portal.access;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Permission checks in pairs: {@code can} decides what to render, {@code require} guards an operation
 * and throws {@link AccessDeniedException}. Both read the current principal's {@code PERM_*} authorities.
 */
@Component
public class AccessPolicy {

    public boolean can(Permission permission) {
        return can(SecurityContextHolder.getContext().getAuthentication(), permission);
    }

    public static boolean can(Authentication auth, Permission permission) {
        if (auth == null || !auth.isAuthenticated()) {
            return false;
        }
        String wanted = permission.authority();
        return auth.getAuthorities().stream().anyMatch(a -> wanted.equals(a.getAuthority()));
    }

    /**
     * Whether the current principal holds one of these built-in roles (directly or through an assignment), for the
     * few rules the reference ties to roles rather than to the permission catalogue.
     */
    public boolean holdsAny(BuiltInRole... roles) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return false;
        }
        for (BuiltInRole r : roles) {
            String wanted = "ROLE_" + r.id();
            if (auth.getAuthorities().stream().anyMatch(a -> wanted.equals(a.getAuthority()))) {
                return true;
            }
        }
        return false;
    }

    public void require(Permission permission) {
        if (!can(permission)) {
            throw new AccessDeniedException("missing permission " + permission.label() + " (" + permission.level() + ")");
        }
    }
}
