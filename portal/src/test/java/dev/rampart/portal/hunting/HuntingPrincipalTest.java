package dev.rampart.portal.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.Principal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

class HuntingPrincipalTest {
    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void signedInUser_isThePrincipal_withAuthoritiesAsGroups() {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("alice", "x",
                List.of(new SimpleGrantedAuthority("ROLE_ANALYST"))));
        Principal p = HuntingPrincipal.current();
        assertThat(p.fqn()).isEqualTo("rampartuser=alice");
        assertThat(p.isMemberOf("rampartrole=ROLE_ANALYST")).isTrue();
        assertThat(p.isMemberOf("rampartrole=ROLE_ADMIN")).isFalse();
    }

    @Test
    void noAuthentication_isTheAnonymousPrincipal() {
        assertThat(HuntingPrincipal.current()).isEqualTo(Principal.ANONYMOUS);
    }
}
