package dev.rampart.portal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.hunting.HuntingException;
import dev.rampart.portal.hunting.HuntingService;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Data scopes fail closed: a principal without an account sees no data even when it holds permissions; only the
 * portal's own {@link SystemIdentity} and API clients are unrestricted.
 */
class DataScopesFailClosedIT extends AbstractPortalIT {
    @Autowired
    DataScopes scopes;
    @Autowired
    HuntingService hunting;
    @Autowired
    UserAccounts users;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private static void principal(String name, String... authorities) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, null,
                java.util.Arrays.stream(authorities).map(SimpleGrantedAuthority::new).toList()));
    }

    @Test
    void unknownPrincipal_withDataPermission_seesNothing() {
        principal("dsfc-nobody", "PERM_SECURITY_DATA_READ");
        DataScope scope = scopes.current();
        assertThat(scope.unrestricted()).isFalse();
        assertThat(scope.grants()).isEmpty();
        assertThat(scope.workloadVisible("endpoint")).isFalse();
        assertThat(hunting.visibleSchema().tables()).isEmpty();
        assertThatThrownBy(() -> hunting.run("DeviceInfo | take 1", "P1D", null, "api")).isInstanceOf(HuntingException.class);
    }

    @Test
    void unknownUserName_hasNoScope() {
        assertThat(scopes.forUser("dsfc-never-created")).isEqualTo(DataScope.NONE);
    }

    @Test
    void systemIdentity_isUnrestricted_butOnlyThroughItsAuthority() {
        SystemIdentity.run("dsfc-batch", () -> {
            assertThat(scopes.current().unrestricted()).isTrue();
            assertThat(hunting.run("DeviceInfo | take 1", "P1D", null, "api").rows()).isNotNull();
            return null;
        });
        principal("dsfc-batch", "PERM_SECURITY_DATA_READ", "ROLE_" + SystemIdentity.AUTHORITY);
        assertThat(scopes.current().unrestricted()).as("a look-alike authority is not the system").isFalse();
    }

    @Test
    void apiClient_isUnrestricted() {
        principal("client:rc_dsfc", DataScopes.CLIENT_AUTHORITY, "PERM_SECURITY_DATA_READ");
        assertThat(scopes.current().unrestricted()).isTrue();
    }

    @Test
    void accountWithoutRoles_seesNothing() {
        users.create("dsfc-norole", "No role", null, "dsfc-norole-pw-1234", List.of());
        principal("dsfc-norole", "PERM_SECURITY_DATA_READ");
        assertThat(scopes.current().grants()).isEmpty();
        assertThat(scopes.current().unrestricted()).isFalse();
    }
}
