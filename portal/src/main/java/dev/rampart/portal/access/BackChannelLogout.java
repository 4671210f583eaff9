package dev.rampart.portal.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Service;

/**
 * OpenID Connect Back-Channel Logout 1.0, receiving side: the provider posts a logout token (a JWT) when a user
 * signs out there or is disabled; a valid one ends that user's portal sessions of the provider session it names
 * ({@code sid}), or all of the subject's sessions ({@code sub}). The token must be signed with a key of the
 * provider's JWKS, name the configured issuer, have the client id in its audience, carry the back-channel logout
 * event, {@code iat}, a {@code sid} or {@code sub}, and no {@code nonce}. Ending sessions is audited.
 */
@Service
public class BackChannelLogout {
    public static final String PATH = "/oidc/backchannel-logout";
    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private final SingleSignOn sso;
    private final OidcSessions sessions;
    private final AuditLog audit;
    private final Map<String, NimbusJwtDecoder> decoders = new ConcurrentHashMap<>();

    public BackChannelLogout(SingleSignOn sso, OidcSessions sessions, AuditLog audit) {
        this.sso = sso;
        this.sessions = sessions;
        this.audit = audit;
    }

    /** Why a logout token was refused: {@code error} is the OAuth error code the endpoint answers with. */
    public static final class Refused extends RuntimeException {
        private final String error;

        Refused(String error, String description) {
            super(description);
            this.error = error;
        }

        public String error() {
            return error;
        }
    }

    /**
     * Validates {@code logoutToken} and ends the sessions it names; returns the user names whose sessions ended
     * (empty when none was open, which is still a success).
     *
     * @throws Refused when sign-in with a provider is off or the token is not a valid logout token for it
     */
    public List<String> logout(String logoutToken) {
        if (logoutToken == null || logoutToken.isBlank()) {
            throw new Refused("invalid_request", "logout_token is missing");
        }
        ClientRegistration reg = sso.registrations().findByRegistrationId(OidcClientRegistrations.REGISTRATION_ID);
        if (reg == null) {
            throw new Refused("invalid_request", "sign-in with an identity provider is not configured or its metadata is unavailable");
        }
        String issuer = reg.getProviderDetails().getIssuerUri();
        Jwt jwt;
        try {
            jwt = decoder(reg).decode(logoutToken);
        } catch (JwtException e) {
            audit.recordAs("system", "user.signout.backchannel.refused", "sso", "oidc", "logout token from " + issuer + " refused: " + e.getMessage());
            throw new Refused("invalid_request", "the logout token is not valid: " + e.getMessage());
        }
        String sid = jwt.getClaimAsString("sid");
        String sub = jwt.getSubject();
        List<String> ended = sessions.end(issuer, sub, sid);
        audit.recordAs("system", "user.signout.backchannel", "sso", "oidc", "logout token from " + issuer + " (sub " + sub + ", sid " + sid
                + ") ended " + ended.size() + " session(s)" + (ended.isEmpty() ? "" : " of " + new java.util.TreeSet<>(ended)));
        return ended;
    }

    private NimbusJwtDecoder decoder(ClientRegistration reg) {
        String key = reg.getProviderDetails().getJwkSetUri() + "|" + reg.getProviderDetails().getIssuerUri() + "|" + reg.getClientId();
        return decoders.computeIfAbsent(key, k -> {
            NimbusJwtDecoder d = NimbusJwtDecoder.withJwkSetUri(reg.getProviderDetails().getJwkSetUri())
                    .jwsAlgorithms(a -> a.addAll(List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.RS384, SignatureAlgorithm.RS512,
                            SignatureAlgorithm.ES256, SignatureAlgorithm.ES384, SignatureAlgorithm.ES512, SignatureAlgorithm.PS256,
                            SignatureAlgorithm.PS384, SignatureAlgorithm.PS512)))
                    .validateType(false)
                    .build();
            JwtTypeValidator type = new JwtTypeValidator("JWT", "logout+jwt");
            type.setAllowEmpty(true);
            d.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(type, new JwtTimestampValidator(Duration.ofMinutes(2)),
                    new JwtIssuerValidator(reg.getProviderDetails().getIssuerUri()), new JwtAudienceValidator(reg.getClientId()), LOGOUT_CLAIMS)));
            return d;
        });
    }

    /** The claims that make a JWT a logout token (Back-Channel Logout 1.0, section 2.4). */
    static final OAuth2TokenValidator<Jwt> LOGOUT_CLAIMS = jwt -> {
        List<OAuth2Error> errors = new ArrayList<>();
        if (jwt.getIssuedAt() == null) {
            errors.add(new OAuth2Error("invalid_request", "the logout token has no iat", null));
        }
        if (!(jwt.getClaims().get("events") instanceof Map<?, ?> events) || !(events.get(EVENT) instanceof Map<?, ?>)) {
            errors.add(new OAuth2Error("invalid_request", "the logout token's events claim has no " + EVENT + " member holding a JSON object", null));
        }
        if (jwt.getSubject() == null && jwt.getClaimAsString("sid") == null) {
            errors.add(new OAuth2Error("invalid_request", "the logout token names neither sub nor sid", null));
        }
        if (jwt.hasClaim("nonce")) {
            errors.add(new OAuth2Error("invalid_request", "a logout token must not contain a nonce", null));
        }
        return errors.isEmpty() ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(errors);
    };
}
