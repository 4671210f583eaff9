package dev.rampart.portal.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.notifications.Notifications.Kind;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class NotificationApiIT extends AbstractPortalIT {
    @Autowired
    Notifications notifications;

    @Test
    void list_showsUnreadAndItems_dismissHidesButKeeps() throws Exception {
        String title = "API import finished " + UUID.randomUUID();
        notifications.toUser("admin", Kind.SUCCESS, title, "42 rows", "/settings/data");
        var r = get("/api/v1/notifications", "admin", ADMIN_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains(title, "\"unread\":", "\"kind\":\"SUCCESS\"");
        long id = notifications.list("admin", NotificationController.held(
                        new org.springframework.security.authentication.UsernamePasswordAuthenticationToken("admin", null, java.util.List.of())),
                false, 0, 200).stream().filter(i -> i.title().equals(title)).findFirst().orElseThrow().id();

        assertThat(post("/api/v1/notifications/" + id + "/dismiss", "application/json", "", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/notifications", "admin", ADMIN_PASSWORD).body()).doesNotContain(title);
        assertThat(get("/api/v1/notifications?dismissed=true", "admin", ADMIN_PASSWORD).body()).contains(title);
        assertThat(post("/api/v1/notifications/dismiss-all", "application/json", "", "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(204);
    }

    @Test
    void anonymous_isRefused() throws Exception {
        assertThat(get("/api/v1/notifications", null, null).statusCode()).isEqualTo(401);
    }
}
