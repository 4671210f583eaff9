package dev.rampart.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.BuiltInRole;
import dev.rampart.portal.access.UserAccounts;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ErrorPagesIT extends AbstractPortalIT {
    static final String PASSWORD = "error-pages-password-1";

    @Autowired
    UserAccounts users;

    @Test
    void forbiddenPage_showsPortalErrorPage_notWhitelabel() {
        if (!users.exists("errpages-reader")) {
            users.create("errpages-reader", "Error Reader", null, PASSWORD, List.of(BuiltInRole.SECURITY_READER.id()));
        }
        WebSession s = WebSession.signIn(port, "errpages-reader", PASSWORD);
        HttpResponse<String> r = s.get("/settings/users");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("You do not have access to this page.").doesNotContain("Whitelabel");
    }

    @Test
    void unknownPage_is404Page_andUnknownApi_is404Problem() throws Exception {
        WebSession s = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        HttpResponse<String> page = s.get("/no-such-page");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("This page does not exist.");

        HttpResponse<String> api = get("/api/v1/no-such-endpoint", "admin", ADMIN_PASSWORD);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(c -> assertThat(c).contains("problem+json"));
    }
}
