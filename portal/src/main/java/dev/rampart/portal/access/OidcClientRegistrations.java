package dev.rampart.portal.access;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one client registration ({@value #REGISTRATION_ID}) built from the provider's discovery document, fetched
 * on first use rather than at start so that the portal (and its break-glass form login) starts while the provider
 * is down. A failed fetch is retried at most every {@link #RETRY_AFTER}; a good one is reused for
 * {@link #REFRESH_AFTER}, then refreshed (keeping the old one if the refresh fails).
 */
final class OidcClientRegistrations implements ClientRegistrationRepository {
    static final String REGISTRATION_ID = "oidc";
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    static final Duration REFRESH_AFTER = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(OidcClientRegistrations.class);

    private final java.util.function.Supplier<OidcProperties> settings;
    private final Clock clock;
    private OidcProperties props;
    private HttpClient http;
    private ClientRegistration registration;
    private Instant fetchedAt;
    private Instant failedAt;
    private String failure;

    OidcClientRegistrations(OidcProperties props, Clock clock) {
        this(() -> props, clock);
    }

    /** Follows {@code settings}: when it answers with other settings, the old registration is dropped at once. */
    OidcClientRegistrations(java.util.function.Supplier<OidcProperties> settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** The provider's discovery document for {@code props}, checked as sign-in would check it (test connection). */
    static ClientRegistration describe(OidcProperties props) throws IOException, InterruptedException {
        return new OidcClientRegistrations(props, Clock.systemUTC()).fetch();
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return REGISTRATION_ID.equals(registrationId) ? current().orElse(null) : null;
    }

    /** Why the provider cannot be used now, or empty when its metadata is at hand. */
    synchronized Optional<String> unavailableReason() {
        return current().isPresent() ? Optional.empty() : Optional.ofNullable(failure);
    }

    private synchronized Optional<ClientRegistration> current() {
        OidcProperties now0 = settings.get();
        if (now0 != props) {
            props = now0;
            http = HttpClient.newBuilder().connectTimeout(props.discoveryTimeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
            registration = null;
            fetchedAt = null;
            failedAt = null;
            failure = null;
        }
        if (!props.enabled()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        boolean stale = registration == null || fetchedAt.plus(REFRESH_AFTER).isBefore(now);
        boolean mayTry = failedAt == null || failedAt.plus(RETRY_AFTER).isBefore(now);
        if (stale && mayTry) {
            try {
                registration = fetch();
                fetchedAt = now;
                failedAt = null;
                failure = null;
            } catch (IOException | RuntimeException e) {
                failedAt = now;
                failure = "The identity provider " + props.issuerUri() + " could not be reached or described itself wrongly ("
                        + reason(e) + ").";
                LOG.warn("OpenID Connect discovery failed: {}", failure);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Optional.ofNullable(registration);
    }

    private ClientRegistration fetch() throws IOException, InterruptedException {
        if (http == null) {
            props = settings.get();
            http = HttpClient.newBuilder().connectTimeout(props.discoveryTimeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        String issuer = props.issuerUri();
        URI uri = URI.create((issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer) + "/.well-known/openid-configuration");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(props.discoveryTimeout()).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(uri + " answered HTTP " + r.statusCode());
        }
        Map<String, Object> meta = JsonMapper.builder().build().readValue(r.body(), new TypeReference<Map<String, Object>>() { });
        // The issuer in the document must be the configured one exactly (OpenID Connect Discovery 1.0, section 4.3).
        if (!issuer.equals(meta.get("issuer"))) {
            throw new IOException("its metadata names issuer " + meta.get("issuer") + ", not " + issuer);
        }
        List<String> methods = meta.get("token_endpoint_auth_methods_supported") instanceof List<?> l
                ? l.stream().map(String::valueOf).toList() : List.of("client_secret_basic");
        ClientAuthenticationMethod auth = props.clientSecret() == null ? ClientAuthenticationMethod.NONE
                : methods.contains("client_secret_basic") ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC
                : ClientAuthenticationMethod.CLIENT_SECRET_POST;
        ClientRegistration.Builder b = ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientId(props.clientId())
                .clientAuthenticationMethod(auth)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope(new ArrayList<>(props.scopes()))
                .authorizationUri(required(meta, "authorization_endpoint"))
                .tokenUri(required(meta, "token_endpoint"))
                .jwkSetUri(required(meta, "jwks_uri"))
                .issuerUri(issuer)
                .userNameAttributeName("sub")
                .providerConfigurationMetadata(meta)
                .clientName(props.displayName());
        if (props.clientSecret() != null) {
            b.clientSecret(props.clientSecret());
        }
        if (meta.get("userinfo_endpoint") instanceof String u) {
            b.userInfoUri(u);
        }
        return b.build();
    }

    /** Words for a failed fetch: network exceptions often carry no message of their own. */
    static String reason(Exception e) {
        if (e instanceof java.net.UnknownHostException || e.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
            return "unknown host " + (e.getMessage() == null ? "" : e.getMessage());
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer within the discovery timeout";
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused or host unreachable";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String required(Map<String, Object> meta, String name) throws IOException {
        if (meta.get(name) instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new IOException("its metadata has no " + name);
    }
}
