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

    public void require(Permission permission) {
        if (!can(permission)) {
            throw new AccessDeniedException("missing permission " + permission.label() + " (" + permission.level() + ")");
        }
    }
}
