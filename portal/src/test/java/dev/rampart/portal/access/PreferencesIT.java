package dev.rampart.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class PreferencesIT extends AbstractPortalIT {
    @Autowired
    ApplicationContext ctx;

    @Test
    void timeZone_choiceShowsTimesInIt_andAnUnknownZoneIsRefusedByField() {
        String user = ScopeFixture.account(ctx, "pref-analyst", List.of("SECURITY_DATA_READ", "SYSTEM_SETTINGS_READ"), List.of(), List.of());
        WebSession s = WebSession.signIn(port, user, ScopeFixture.PASSWORD);
        assertThat(s.get("/profile/preferences").body()).contains("<option value=\"Asia/Kolkata\"").contains("<option value=\"UTC\" selected");
        assertThat(s.get("/settings/audit").body()).contains("<th>Time (UTC)</th>").containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC");

        HttpResponse<String> bad = s.post("/profile/preferences", WebSession.form("timeZone", "Mars/Olympus"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("Not saved: 'Mars/Olympus' is not a time zone");

        assertThat(s.post("/profile/preferences", WebSession.form("timeZone", "Asia/Kolkata")).headers().firstValue("Location").orElse(""))
                .endsWith("/profile/preferences?saved");
        assertThat(s.get("/profile/preferences?saved").body()).contains("<option value=\"Asia/Kolkata\" selected").contains("(IST now)");
        assertThat(s.get("/settings/audit").body()).contains("<th>Time (IST)</th>").containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} IST")
                .doesNotContainPattern("\\d{2}:\\d{2}:\\d{2} UTC<");
        // Another account keeps UTC.
        assertThat(WebSession.signIn(port, "admin", ADMIN_PASSWORD).get("/settings/audit").body()).contains("<th>Time (UTC)</th>");
    }
}
