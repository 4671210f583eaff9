package dev.rampart.portal.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.Optional;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Component;

/**
 * Sign-in with OpenID Connect as the login page and the security configuration see it: whether it is on, the
 * button, why it cannot be used right now, and the message of a refused sign-in. See {@link OidcProperties}.
 */
@Component
public class SingleSignOn {
    private final SsoSettings settings;
    private final OidcClientRegistrations registrations;
    private final OidcAccounts accounts;
    private final UserAccounts users;

    public SingleSignOn(SsoSettings settings, OidcAccounts accounts, UserAccounts users) {
        this.settings = settings;
        this.accounts = accounts;
        this.users = users;
        this.registrations = new OidcClientRegistrations(settings::effective, Clock.systemUTC());
    }

    /** Whether sign-in with the provider is on now (settings saved on the page apply at once). */
    public boolean enabled() {
        return settings.effective().enabled();
    }

    String issuerUri() {
        return settings.effective().issuerUri();
    }

    /** "Sign in with &lt;display name&gt;". */
    public String buttonLabel() {
        return "Sign in with " + settings.effective().displayName();
    }

    /** Where the button points: starts the authorization code flow. */
    public String startPath() {
        return "/oauth2/authorization/" + OidcClientRegistrations.REGISTRATION_ID;
    }

    /** Why the provider cannot be used now (its metadata could not be fetched), or empty. */
    public Optional<String> unavailableReason() {
        return enabled() ? registrations.unavailableReason() : Optional.empty();
    }

    /**
     * The message for the last failed sign-in with the provider in this session (consumed): Rampart's own reason
     * when it refused the account, otherwise the provider's error code.
     */
    public Optional<String> takeFailureMessage(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof AuthenticationException e)) {
            return Optional.empty();
        }
        session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        OidcProperties props = settings.effective();
        if (e instanceof OAuth2AuthenticationException o) {
            if (OidcAccounts.REFUSED.equals(o.getError().getErrorCode())) {
                return Optional.of(o.getError().getDescription());
            }
            return Optional.of("Sign-in with " + props.displayName() + " failed (" + o.getError().getErrorCode()
                    + "). Try again, or sign in with a local account.");
        }
        return Optional.of("Sign-in with " + props.displayName() + " failed. Try again, or sign in with a local account.");
    }

    OidcClientRegistrations registrations() {
        return registrations;
    }

    /** Loads the provider's user as usual, then maps it onto the Rampart account and its authorities. */
    OAuth2UserService<OidcUserRequest, OidcUser> userService() {
        OidcUserService standard = new OidcUserService();
        return request -> {
            OidcUser fromProvider = standard.loadUser(request);
            UserAccounts.Account account = accounts.signIn(request.getClientRegistration().getProviderDetails().getIssuerUri(), fromProvider.getClaims());
            UserAccounts.SessionState state = users.sessionState(account.username()).orElseThrow();
            return new Principal(state, fromProvider, account.username());
        };
    }

    /** The provider's user under its Rampart account name, holding the account's authorities. */
    static final class Principal extends DefaultOidcUser {
        private final String username;

        Principal(UserAccounts.SessionState state, OidcUser user, String username) {
            super(state.authorities(), user.getIdToken(), user.getUserInfo(), "sub");
            this.username = username;
        }

        @Override
        public String getName() {
            return username;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Principal p && super.equals(p) && username.equals(p.username);
        }

        @Override
        public int hashCode() {
            return super.hashCode() * 31 + username.hashCode();
        }
    }
}
