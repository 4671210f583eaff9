package dev.rampart.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

class OidcClientRegistrationsTest {
    HttpServer server;
    String issuer;
    final AtomicReference<String> advertisedIssuer = new AtomicReference<>();
    final AtomicInteger fetches = new AtomicInteger();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/soc";
        advertisedIssuer.set(issuer);
        server.createContext("/realms/soc/.well-known/openid-configuration", x -> {
            fetches.incrementAndGet();
            String i = advertisedIssuer.get();
            byte[] body = ("{\"issuer\":\"" + i + "\",\"authorization_endpoint\":\"" + i + "/auth\",\"token_endpoint\":\"" + i
                    + "/token\",\"jwks_uri\":\"" + i + "/jwks\",\"end_session_endpoint\":\"" + i + "/logout\","
                    + "\"token_endpoint_auth_methods_supported\":[\"client_secret_post\"]}").getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static OidcProperties props(String issuer, String secret) {
        return new OidcProperties(issuer, "rampart", secret, null, "Corp SSO", null, null, null, Duration.ofSeconds(2));
    }

    @Test
    void discovery_buildsTheRegistration_fromTheProvidersMetadata() {
        OidcClientRegistrations r = new OidcClientRegistrations(props(issuer, "s3cret"), Clock.systemUTC());
        ClientRegistration reg = r.findByRegistrationId("oidc");
        assertThat(reg.getProviderDetails().getTokenUri()).isEqualTo(issuer + "/token");
        assertThat(reg.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        assertThat(reg.getProviderDetails().getConfigurationMetadata()).containsEntry("end_session_endpoint", issuer + "/logout");
        assertThat(reg.getScopes()).contains("openid");
        assertThat(r.findByRegistrationId("other")).isNull();
        assertThat(r.unavailableReason()).isEmpty();
    }

    @Test
    void withoutSecret_theClientIsPublic() {
        ClientRegistration reg = new OidcClientRegistrations(props(issuer, null), Clock.systemUTC()).findByRegistrationId("oidc");
        assertThat(reg.getClientAuthenticationMethod()).isEqualTo(ClientAuthenticationMethod.NONE);
    }

    @Test
    void metadataNamingAnotherIssuer_isRejected() {
        advertisedIssuer.set("https://evil.example");
        OidcClientRegistrations r = new OidcClientRegistrations(props(issuer, "s"), Clock.systemUTC());
        assertThat(r.findByRegistrationId("oidc")).isNull();
        assertThat(r.unavailableReason()).hasValueSatisfying(m -> assertThat(m).contains("https://evil.example"));
    }

    @Test
    void unreachableProvider_isRetriedOnlyAfterTheBackoff() {
        advertisedIssuer.set("https://evil.example");
        MutableClock clock = new MutableClock();
        OidcClientRegistrations r = new OidcClientRegistrations(props(issuer, "s"), clock);
        assertThat(r.findByRegistrationId("oidc")).isNull();
        assertThat(r.findByRegistrationId("oidc")).isNull();
        assertThat(fetches).hasValue(1);
        advertisedIssuer.set(issuer);
        clock.now = clock.now.plus(OidcClientRegistrations.RETRY_AFTER).plusSeconds(1);
        assertThat(r.findByRegistrationId("oidc")).isNotNull();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void closedPort_givesAReason_notAnException() throws IOException {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        OidcClientRegistrations r = new OidcClientRegistrations(props("http://127.0.0.1:" + port, "s"), Clock.systemUTC());
        assertThat(r.findByRegistrationId("oidc")).isNull();
        assertThat(r.unavailableReason()).hasValueSatisfying(m -> assertThat(m).contains("could not be reached"));
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
