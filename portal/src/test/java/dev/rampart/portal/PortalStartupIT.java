package dev.rampart.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class PortalStartupIT extends AbstractPortalIT {

    @Test
    void health_isUpWithoutSignIn() throws Exception {
        HttpResponse<String> r = get("/actuator/health", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void page_withoutSession_redirectsToLogin() throws Exception {
        HttpResponse<String> r = get("/", null, null);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void api_withoutCredentials_isProblem401() throws Exception {
        HttpResponse<String> r = get("/api/v1/tables", null, null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(c -> assertThat(c).startsWith("application/problem+json"));
    }

    @Test
    void loginPage_sendsSecurityHeaders() throws Exception {
        HttpResponse<String> r = get("/login", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.body()).contains("name=\"_csrf\"");
    }
}
