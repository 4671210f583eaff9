package dev.rampart.portal.home;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.BuiltInRole;
import dev.rampart.portal.access.Roles;
import dev.rampart.portal.access.UserAccounts;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class HomeCardsIT extends AbstractPortalIT {
    @Autowired
    UserAccounts users;
    @Autowired
    Roles roles;

    private WebSession user(String name, BuiltInRole role) {
        String roleId = roles.all().stream().filter(r -> r.name().equals(role.displayName())).findFirst().orElseThrow().id();
        users.create(name, name, null, "Home-cards-pw-123456!", Set.of(roleId));
        return WebSession.signIn(port, name, "Home-cards-pw-123456!");
    }

    private static List<String> cardIds(String html) {
        return java.util.regex.Pattern.compile("data-card=\"([a-z-]+)\"").matcher(html).results().map(m -> m.group(1)).toList();
    }

    @Test
    void defaults_dependOnRole() {
        List<String> admin = cardIds(WebSession.signIn(port, "admin", ADMIN_PASSWORD).get("/").body());
        List<String> reader = cardIds(user("homeit-reader", BuiltInRole.SECURITY_READER).get("/").body());
        List<String> operator = cardIds(user("homeit-operator", BuiltInRole.SECURITY_OPERATOR).get("/").body());
        assertThat(admin).startsWith("ingestion-health");
        assertThat(operator).startsWith("active-incidents", "sign-in-failures", "top-processes");
        assertThat(reader).startsWith("devices-by-os");
        assertThat(admin).isNotEqualTo(reader);
    }

    @Test
    void addRemoveReorder_isSavedPerUser_andResetRestoresDefaults() {
        WebSession s = user("homeit-custom", BuiltInRole.SECURITY_READER);
        List<String> before = cardIds(s.get("/").body());
        s.postHtmx("/home/cards/" + before.get(0) + "/remove", Map.of());
        s.postHtmx("/home/cards/top-processes/add", Map.of());
        List<String> after = cardIds(s.postHtmx("/home/cards/top-processes/move", Map.of("dir", "up")).body());
        assertThat(after).doesNotContain(before.get(0)).contains("top-processes");
        assertThat(after.indexOf("top-processes")).isEqualTo(after.size() - 2);
        assertThat(cardIds(s.get("/").body())).isEqualTo(after);
        // Another reader keeps the defaults.
        assertThat(cardIds(user("homeit-other", BuiltInRole.SECURITY_READER).get("/").body())).isEqualTo(before);
        assertThat(cardIds(s.postHtmx("/home/cards/reset", Map.of()).body())).isEqualTo(before);
    }

    @Test
    void everyCard_rendersLiveData_andLinksToItsPage() {
        WebSession s = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        for (HomeCard c : HomeCard.values()) {
            var r = s.getHtmx("/home/cards/" + c.id());
            assertThat(r.statusCode()).as(c.id()).isEqualTo(200);
        }
        assertThat(s.getHtmx("/home/cards/hunting-quick-start").body()).contains("/hunting?q=");
        assertThat(s.get("/").body()).contains("href=\"/devices\"", "+ Add cards");
    }

    @Test
    void cardsApi_returnsTheUsersCardsWithData() throws Exception {
        var r = get("/api/v1/home/cards", "admin", ADMIN_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"id\":\"ingestion-health\"", "\"kpis\"", "\"customised\"");
    }

    @Test
    void dataCards_areRefused_withoutDataPermission() {
        users.create("homeit-nodata", "No data", null, "Home-cards-pw-123456!", Set.of());
        WebSession s = WebSession.signIn(port, "homeit-nodata", "Home-cards-pw-123456!");
        assertThat(cardIds(s.get("/").body())).isEmpty();
        assertThat(s.getHtmx("/home/cards/devices-by-os").statusCode()).isEqualTo(403);
    }
}
