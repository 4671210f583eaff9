package dev.rampart.portal.response;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Small helpers shared by the response packages. */
public final class ResponseActionsSupport {
    private ResponseActionsSupport() {
    }

    /** The signed-in user's name, or {@code system} outside a request. */
    public static String currentUser() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a == null || !a.isAuthenticated() ? "system" : a.getName();
    }
}
