package dev.rampart.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Roles, assignments, groups and device groups through the API, with field-naming problems on bad input. */
class AccessApiIT extends AbstractPortalIT {
    @Autowired
    ObjectMapper json;

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", basic("admin", ADMIN_PASSWORD))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void customRole_lifecycle_withCategoryGrantAndScopedAssignment() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/roles",
                "{\"name\":\"API posture reader\",\"permissions\":[\"SECURITY_DATA_READ\"],\"categories\":{\"Security posture\":\"READ\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode role = json.readTree(created.body());
        String id = role.get("id").asString();
        assertThat(role.get("permissions").toString()).contains("VULNERABILITY_MANAGEMENT_READ", "EXPOSURE_MANAGEMENT_READ")
                .doesNotContain("EXPOSURE_MANAGEMENT_MANAGE");

        JsonNode dg = json.readTree(send("POST", "/api/v1/device-groups",
                "{\"name\":\"API servers\",\"automationLevel\":\"FULL\",\"rules\":{\"TAG\":[\"Server\"]}}").body());
        send("POST", "/api/v1/users", "{\"username\":\"api-it-member\",\"displayName\":\"Member\",\"password\":\"api-it-password-123\"}");
        assertThat(send("POST", "/api/v1/groups", "{\"name\":\"API IT team\",\"members\":[\"api-it-member\"]}").statusCode()).isEqualTo(201);
        HttpResponse<String> a = send("POST", "/api/v1/roles/" + id + "/assignments", "{\"name\":\"Team on servers\",\"groups\":[\"API IT team\"],"
                + "\"dataSources\":[\"endpoint\"],\"deviceGroups\":[" + dg.get("id").asLong() + "]}");
        assertThat(a.statusCode()).as(a.body()).isEqualTo(201);
        assertThat(get("/api/v1/roles", "api-it-member", "api-it-password-123").statusCode()).isEqualTo(403);
        HttpResponse<String> hunt = post("/api/v1/hunting/run", "application/json", "{\"Query\":\"DeviceInfo | take 1\"}", "api-it-member", "api-it-password-123");
        assertThat(hunt.statusCode()).isEqualTo(200);

        assertThat(send("PUT", "/api/v1/roles/" + id, "{\"name\":\"API posture reader 2\",\"permissions\":[\"SECURITY_DATA_READ\"]}").statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/api/v1/roles/" + id, "").statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/roles/" + id, "").statusCode()).isEqualTo(404);
        assertThat(post("/api/v1/hunting/run", "application/json", "{\"Query\":\"DeviceInfo | take 1\"}", "api-it-member", "api-it-password-123")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void badInput_namesEveryField() throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/roles", "{\"name\":\"\",\"permissions\":[\"FLY\"]}");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("\"field\":\"name\"", "\"field\":\"permissions\"", "FLY");
        HttpResponse<String> g = send("POST", "/api/v1/device-groups", "{\"name\":\"x\",\"automationLevel\":\"SOMETIMES\",\"rules\":{\"COLOUR\":[\"blue\"]}}");
        assertThat(g.statusCode()).isEqualTo(422);
        assertThat(g.body()).contains("\"field\":\"automationLevel\"", "\"field\":\"rules.COLOUR\"");
        HttpResponse<String> builtIn = send("PUT", "/api/v1/roles/global-reader", "{\"name\":\"Mine now\",\"permissions\":[\"SECURITY_DATA_READ\"]}");
        assertThat(builtIn.statusCode()).isEqualTo(422);
        assertThat(builtIn.body()).contains("built-in");
        assertThat(send("DELETE", "/api/v1/roles/security-reader", "").statusCode()).isEqualTo(422);
        long defaultId = json.readTree(send("GET", "/api/v1/device-groups", "").body()).valueStream()
                .filter(n -> n.get("isDefault").asBoolean()).findFirst().orElseThrow().get("id").asLong();
        assertThat(send("DELETE", "/api/v1/device-groups/" + defaultId, "").statusCode()).isEqualTo(422);
        assertThat(send("POST", "/api/v1/roles", "{not json").statusCode()).isEqualTo(400);
    }
}
