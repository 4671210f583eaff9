package dev.rampart.portal.access;

import io.swagger.v3.oas.annotations.Operation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * OAuth 2.0 token endpoint (RFC 6749 §4.4, client credentials in the form body). Public on purpose: the client
 * authenticates with its id and secret in the request itself.
 */
@RestController
class TokenEndpoint {
    static final String PATH = "/api/v1/oauth/token";

    private final ApiClients clients;

    TokenEndpoint(ApiClients clients) {
        this.clients = clients;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @PreAuthorize("permitAll()")
    @Operation(summary = "Exchange API client credentials for a bearer token",
            description = "Form fields grant_type=client_credentials, client_id, client_secret. The token is valid for expires_in seconds "
                    + "and grants the client's scopes (permission names); send it as 'Authorization: Bearer <token>'.")
    ResponseEntity<Map<String, Object>> token(@RequestParam(name = "grant_type", required = false) String grantType,
                                              @RequestParam(name = "client_id", required = false) String clientId,
                                              @RequestParam(name = "client_secret", required = false) String clientSecret) {
        if (!"client_credentials".equals(grantType)) {
            return ResponseEntity.badRequest().header("Cache-Control", "no-store")
                    .body(Map.of("error", "unsupported_grant_type", "error_description", "Only grant_type=client_credentials is supported."));
        }
        return clients.exchange(clientId, clientSecret).<ResponseEntity<Map<String, Object>>>map(t -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", t.accessToken());
            body.put("token_type", "Bearer");
            body.put("expires_in", t.expiresInSeconds());
            body.put("scope", t.scopes().stream().map(Enum::name).collect(Collectors.joining(" ")));
            return ResponseEntity.ok().header("Cache-Control", "no-store").body(body);
        }).orElseGet(() -> ResponseEntity.status(401).header("Cache-Control", "no-store")
                .body(Map.of("error", "invalid_client", "error_description", "Unknown client, wrong secret, or the client was revoked.")));
    }
}
