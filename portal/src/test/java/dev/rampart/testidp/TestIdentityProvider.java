package dev.rampart.testidp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * A real OpenID Connect provider for tests: Spring Authorization Server in its own small Spring context (no portal
 * beans; outside the portal's component scan), on a random port, reached as {@code localhost} while the portal is
 * reached as {@code 127.0.0.1} so the two keep separate cookies. Users sign in on its login form; the ID token
 * carries the extra claims set per user here (groups, preferred_username, email, name), read at token time so
 * tests can change a user's groups between sign-ins. One registered client, {@value #CLIENT_ID}, confidential,
 * authorization code, no consent screen.
 */
public final class TestIdentityProvider implements AutoCloseable {
    public static final String CLIENT_ID = "rampart-portal";
    public static final String CLIENT_SECRET = "test-idp-secret-123";

    private static final Map<String, Map<String, Object>> CLAIMS = new ConcurrentHashMap<>();
    private static final InMemoryUserDetailsManager USERS = new InMemoryUserDetailsManager();

    private final ConfigurableApplicationContext context;
    private final int port;

    private TestIdentityProvider(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Starts a provider whose client may redirect back to {@code portalBaseUrl} (e.g. {@code http://127.0.0.1:8123}). */
    public static TestIdentityProvider start(String portalBaseUrl) {
        String c = "--spring.security.oauth2.authorizationserver.client.rampart.";
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(Config.class)
                .web(WebApplicationType.SERVLET).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .run("--server.port=0",
                        "--spring.application.name=test-idp",
                        "--server.servlet.session.cookie.name=IDPSESSION",
                        "--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                                + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
                        c + "registration.client-id=" + CLIENT_ID,
                        c + "registration.client-secret={noop}" + CLIENT_SECRET,
                        c + "registration.client-authentication-methods=client_secret_basic",
                        c + "registration.authorization-grant-types=authorization_code,refresh_token",
                        c + "registration.redirect-uris=" + portalBaseUrl + "/login/oauth2/code/oidc",
                        c + "registration.post-logout-redirect-uris=" + portalBaseUrl + "/login?logout",
                        c + "registration.scopes=openid,profile,email",
                        c + "require-authorization-consent=false");
        return new TestIdentityProvider(ctx);
    }

    /** The issuer as the portal must be configured with it. */
    public String issuer() {
        return "http://localhost:" + port;
    }

    /** Adds (or replaces) a user with the claims its ID token will carry besides {@code sub} (= {@code username}). */
    public void user(String username, String password, Map<String, Object> claims) {
        if (USERS.userExists(username)) {
            USERS.deleteUser(username);
        }
        USERS.createUser(User.withUsername(username).password("{noop}" + password).roles("USER").build());
        CLAIMS.put(username, new LinkedHashMap<>(claims));
    }

    /** Changes one claim of a user (null removes it); applies to the next ID token issued. */
    public void claim(String username, String claim, Object value) {
        Map<String, Object> m = CLAIMS.computeIfAbsent(username, u -> new ConcurrentHashMap<>());
        if (value == null) {
            m.remove(claim);
        } else {
            m.put(claim, value);
        }
    }

    /**
     * A back-channel logout token (OpenID Connect Back-Channel Logout 1.0) signed with this provider's own key, as
     * the provider would post it: {@code iss}, {@code aud} = the client, {@code iat}, {@code exp}, {@code jti}, the
     * logout event, and {@code sub}/{@code sid} when not null. {@code changes} adds or replaces claims (a null value
     * removes one) so tests can send malformed tokens.
     */
    public String logoutToken(String subject, String sid, Map<String, Object> changes) {
        @SuppressWarnings("unchecked")
        com.nimbusds.jose.jwk.source.JWKSource<com.nimbusds.jose.proc.SecurityContext> keys = context.getBean(com.nimbusds.jose.jwk.source.JWKSource.class);
        return sign(keys, subject, sid, changes);
    }

    /** The same token signed with a key the provider never published. */
    public String logoutTokenWithForeignKey(String subject, String sid) {
        try {
            com.nimbusds.jose.jwk.RSAKey key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("foreign").generate();
            return sign(new com.nimbusds.jose.jwk.source.ImmutableJWKSet<>(new com.nimbusds.jose.jwk.JWKSet(key)), subject, sid, Map.of());
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(com.nimbusds.jose.jwk.source.JWKSource<com.nimbusds.jose.proc.SecurityContext> keys, String subject, String sid,
                        Map<String, Object> changes) {
        java.time.Instant now = java.time.Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer());
        claims.put("aud", java.util.List.of(CLIENT_ID));
        claims.put("iat", now);
        claims.put("exp", now.plusSeconds(120));
        claims.put("jti", java.util.UUID.randomUUID().toString());
        claims.put("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
        if (subject != null) {
            claims.put("sub", subject);
        }
        if (sid != null) {
            claims.put("sid", sid);
        }
        changes.forEach((k, v) -> {
            if (v == null) {
                claims.remove(k);
            } else {
                claims.put(k, v);
            }
        });
        org.springframework.security.oauth2.jwt.JwtClaimsSet.Builder set = org.springframework.security.oauth2.jwt.JwtClaimsSet.builder();
        claims.forEach(set::claim);
        var header = org.springframework.security.oauth2.jwt.JwsHeader.with(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256)
                .type("logout+jwt").build();
        return new org.springframework.security.oauth2.jwt.NimbusJwtEncoder(keys)
                .encode(org.springframework.security.oauth2.jwt.JwtEncoderParameters.from(header, set.build())).getTokenValue();
    }

    @Override
    public void close() {
        context.close();
    }

    @EnableAutoConfiguration
    static class Config {
        @Bean
        InMemoryUserDetailsManager users() {
            return USERS;
        }

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims() {
            return context -> {
                if ("id_token".equals(context.getTokenType().getValue())) {
                    CLAIMS.getOrDefault(context.getPrincipal().getName(), Map.of()).forEach((k, v) -> context.getClaims().claim(k, v));
                }
            };
        }
    }
}
