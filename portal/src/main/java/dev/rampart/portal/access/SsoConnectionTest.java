package dev.rampart.portal.access;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Test connection" on Settings › Single sign-on: fetches the issuer's discovery document as sign-in would (same
 * checks: reachable, issuer identical, endpoints present) and its key set, and says what it found. Audited.
 */
@Component
public class SsoConnectionTest {
    private final SsoSettings settings;
    private final AuditLog audit;

    SsoConnectionTest(SsoSettings settings, AuditLog audit) {
        this.settings = settings;
        this.audit = audit;
    }

    /** The outcome: {@code ok} when sign-in could use the provider; {@code lines} say what was checked. */
    public record Result(boolean ok, String issuer, List<String> lines) {
    }

    public Result test(String issuerUri) {
        String issuer = OidcProperties.blankToNull(issuerUri);
        List<String> lines = new ArrayList<>();
        if (issuer == null || SsoSettings.problemWithIssuer(issuer).isPresent()) {
            lines.add(issuer == null ? "Enter the issuer URI to test." : SsoSettings.problemWithIssuer(issuer).get());
            return new Result(false, issuer, lines);
        }
        Duration timeout = settings.properties().discoveryTimeout();
        boolean ok;
        try {
            ClientRegistration reg = OidcClientRegistrations.describe(new OidcProperties(issuer, "connection-test", null, List.of(), null, null, null,
                    List.of(), timeout));
            Map<String, Object> meta = reg.getProviderDetails().getConfigurationMetadata();
            lines.add("Discovery document found; it names issuer " + meta.get("issuer") + ".");
            lines.add("Authorization endpoint: " + reg.getProviderDetails().getAuthorizationUri());
            lines.add("Token endpoint: " + reg.getProviderDetails().getTokenUri());
            lines.add("End-session endpoint: " + (meta.get("end_session_endpoint") == null ? "none (signing out ends the portal session only)"
                    : meta.get("end_session_endpoint")));
            lines.add("Back-channel logout: " + (Boolean.TRUE.equals(meta.get("backchannel_logout_supported")) ? "supported" : "not advertised"));
            int keys = keyCount(reg.getProviderDetails().getJwkSetUri(), timeout);
            lines.add("Signing keys at " + reg.getProviderDetails().getJwkSetUri() + ": " + keys);
            ok = keys > 0;
            if (!ok) {
                lines.add("The provider publishes no signing key, so its ID tokens could not be verified.");
            }
        } catch (IOException | RuntimeException e) {
            lines.add("The provider could not be reached or described itself wrongly: " + OidcClientRegistrations.reason(e));
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lines.add("Interrupted.");
            ok = false;
        }
        audit.record("sso.settings.test", "sso", "oidc", "connection test of " + issuer + ": " + (ok ? "succeeded" : "failed") + " — " + lines.get(lines.size() - 1));
        return new Result(ok, issuer, lines);
    }

    private static int keyCount(String jwksUri, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(jwksUri)).timeout(timeout).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(jwksUri + " answered HTTP " + r.statusCode());
        }
        Map<String, Object> set = JsonMapper.builder().build().readValue(r.body(), new TypeReference<Map<String, Object>>() { });
        return set.get("keys") instanceof List<?> l ? l.size() : 0;
    }
}
