package dev.rampart.portal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

class UserAdministrationTest {
    private static final String GA = BuiltInRole.GLOBAL_ADMINISTRATOR.id();

    private final UserAccounts users = mock(UserAccounts.class);
    private final Roles roles = mock(Roles.class);
    private final AuditLog audit = mock(AuditLog.class);
    private final UserAdministration admin = new UserAdministration(users, roles, audit, mock(DataScopes.class));

    UserAdministrationTest() {
        when(roles.all()).thenReturn(Arrays.stream(BuiltInRole.values())
                .map(b -> new Roles.Role(b.id(), b.displayName(), b.description(), true, b.permissions(), java.util.Map.of())).toList());
    }

    @AfterEach
    void clearPrincipal() {
        SecurityContextHolder.clearContext();
    }

    private static UserAccounts.Account account(long id, String name, boolean enabled, String... roleIds) {
        return new UserAccounts.Account(id, name, "Name " + name, null, enabled, OffsetDateTime.now(), null, List.of(roleIds));
    }

    private static void signedInAs(String name) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, null, List.of()));
    }

    @Test
    void update_removingGlobalAdminFromTheLastOne_isRefused() {
        when(users.find(1L)).thenReturn(Optional.of(account(1, "root", true, GA)));
        when(users.countEnabledWithRole(GA)).thenReturn(1L);
        assertThatThrownBy(() -> admin.update(1, new UserAdministration.Change("Root", "", List.of("security-reader"))))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.fieldErrors().get("roles")).contains("last enabled Global administrator"));
        verify(users).lockAdministratorChanges();
        verify(users, never()).setRoles(anyLong(), any());
    }

    @Test
    void update_removingGlobalAdminWhenAnotherRemains_isAudited() {
        when(users.find(1L)).thenReturn(Optional.of(account(1, "root", true, GA)));
        when(users.countEnabledWithRole(GA)).thenReturn(2L);
        admin.update(1, new UserAdministration.Change("Name root", null, List.of("security-reader")));
        verify(users).setRoles(1L, java.util.Set.of("security-reader"));
        verify(audit).record("user.update", "user", "root", "roles [global-administrator] → [security-reader]");
    }

    @Test
    void setEnabled_false_onSelf_isRefused() {
        signedInAs("Root");
        when(users.find(1L)).thenReturn(Optional.of(account(1, "root", true, GA)));
        when(users.countEnabledWithRole(GA)).thenReturn(5L);
        assertThatThrownBy(() -> admin.setEnabled(1, false)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.fieldErrors()).containsEntry("enabled", "You cannot disable your own account."));
    }

    @Test
    void setEnabled_false_onLastGlobalAdmin_isRefused() {
        signedInAs("other");
        when(users.find(1L)).thenReturn(Optional.of(account(1, "root", true, GA)));
        when(users.countEnabledWithRole(GA)).thenReturn(1L);
        assertThatThrownBy(() -> admin.setEnabled(1, false)).isInstanceOf(InvalidInputException.class);
        verify(users, never()).setEnabled(anyLong(), any(Boolean.class));
    }

    @Test
    void create_unknownRole_isAFieldError() {
        when(users.exists(anyString())).thenReturn(false);
        assertThatThrownBy(() -> admin.create(new UserAdministration.NewUser("carol", "Carol", "", "long enough password", List.of("superuser"))))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsEntry("roles", "Unknown role superuser."));
    }

    @Test
    void create_badUserName_isAFieldError() {
        assertThatThrownBy(() -> admin.create(new UserAdministration.NewUser("a b", "A", "", "long enough password", List.of("global-reader"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors()).containsKey("username"));
    }

    @Test
    void resetPassword_ofAnAccountOfTheIdentityProvider_isRefused() {
        when(users.find(7L)).thenReturn(Optional.of(account(7, "ext", true)));
        when(users.authSource(7L)).thenReturn(Optional.of("https://idp.example"));
        assertThatThrownBy(() -> admin.resetPassword(7, "a-long-password-1234"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.fieldErrors().get("password")).contains("https://idp.example"));
        verify(users, never()).setPassword(anyLong(), anyString());
    }
}
