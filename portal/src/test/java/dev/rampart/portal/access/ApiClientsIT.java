package dev.rampart.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Client credentials → bearer token with the client's scopes; rotation and revocation end old tokens. */
class ApiClientsIT extends AbstractPortalIT {
    @Autowired
    ObjectMapper json;
    @Autowired
    ApiClients clients;

    private HttpResponse<String> token(String clientId, String secret) throws Exception {
        return post("/api/v1/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret, null, null);
    }

    private HttpResponse<String> bearer(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void clientCredentials_giveATokenLimitedToTheClientsScopes() throws Exception {
        HttpResponse<String> created = post("/api/v1/api-clients", "application/json",
                "{\"name\":\"SIEM export\",\"scopes\":[\"AUTHORIZATION_READ\"]}", "admin", ADMIN_PASSWORD);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode c = json.readTree(created.body());
        String clientId = c.get("clientId").asString();
        String secret = c.get("secret").asString();

        HttpResponse<String> t = token(clientId, secret);
        assertThat(t.statusCode()).isEqualTo(200);
        String token = json.readTree(t.body()).get("access_token").asString();
        assertThat(json.readTree(t.body()).get("scope").asString()).isEqualTo("AUTHORIZATION_READ");

        assertThat(bearer("/api/v1/roles", token).statusCode()).isEqualTo(200);
        assertThat(bearer("/api/v1/audit/verify", token).statusCode()).isEqualTo(403);
        assertThat(clients.all().stream().filter(x -> x.clientId().equals(clientId)).findFirst().orElseThrow().lastUsedAt()).isNotNull();
        assertThat(token(clientId, "wrong").statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/api-clients", "admin", ADMIN_PASSWORD).body()).contains(clientId).doesNotContain(secret);

        long id = c.get("id").asLong();
        String rotated = json.readTree(post("/api/v1/api-clients/" + id + "/rotate", "application/json", "", "admin", ADMIN_PASSWORD).body())
                .get("secret").asString();
        assertThat(bearer("/api/v1/roles", token).statusCode()).isEqualTo(401);
        assertThat(token(clientId, secret).statusCode()).isEqualTo(401);
        String second = json.readTree(token(clientId, rotated).body()).get("access_token").asString();
        assertThat(bearer("/api/v1/roles", second).statusCode()).isEqualTo(200);

        post("/api/v1/api-clients/" + id + "/revoke", "application/json", "", "admin", ADMIN_PASSWORD);
        assertThat(bearer("/api/v1/roles", second).statusCode()).isEqualTo(401);
        assertThat(token(clientId, rotated).statusCode()).isEqualTo(401);
    }

    @Test
    void create_withoutScopes_isProblemNamingTheField() throws Exception {
        HttpResponse<String> r = post("/api/v1/api-clients", "application/json", "{\"name\":\"\",\"scopes\":[\"NOPE\"]}", "admin", ADMIN_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().contains("problem+json");
        assertThat(r.body()).contains("\"field\":\"name\"", "\"field\":\"scopes\"", "NOPE");
    }

    @Test
    void tokenEndpoint_andClients_areDocumentedInOpenApi() throws Exception {
        JsonNode doc = json.readTree(get("/api/v1/openapi.json", "admin", ADMIN_PASSWORD).body());
        for (String p : List.of("/api/v1/oauth/token", "/api/v1/api-clients", "/api/v1/roles", "/api/v1/device-groups", "/api/v1/audit/verify")) {
            assertThat(doc.get("paths").has(p)).as(p).isTrue();
        }
    }

    @Test
    void garbageBearer_is401Problem() throws Exception {
        HttpResponse<String> r = bearer("/api/v1/roles", "not-a-token");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("bearer token");
    }
}
