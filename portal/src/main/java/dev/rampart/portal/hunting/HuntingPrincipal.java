package dev.rampart.portal.hunting;

import dev.rampart.kql.Principal;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The signed-in user as KQL's current_principal() sees it: {@code rampartuser=<name>}, with the user's roles
 * and permissions as {@code rampartrole=<authority>} groups for current_principal_is_member_of().
 */
final class HuntingPrincipal {
    private HuntingPrincipal() {
    }

    static Principal current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth.getName() == null) {
            return Principal.ANONYMOUS;
        }
        List<String> groups = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && !a.isBlank()).map(a -> "rampartrole=" + a).toList();
        return new Principal("rampartuser=" + auth.getName(), auth.getName(), groups);
    }
}
