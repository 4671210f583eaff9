package dev.rampart.portal.feedback;

import static dev.rampart.portal.WebSession.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.AuditLog;
import dev.rampart.portal.access.BuiltInRole;
import dev.rampart.portal.access.UserAccounts;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedbackIT extends AbstractPortalIT {
    private static final String PASSWORD = "Feedback-it-pw-123456!";

    @Autowired
    UserAccounts users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditLog audit;

    WebSession analyst;
    WebSession admin;
    String analystName;

    @BeforeAll
    void signIn() {
        analystName = "fbit-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(analystName, "Feedback analyst", null, PASSWORD, List.of(BuiltInRole.SECURITY_OPERATOR.id()));
        analyst = WebSession.signIn(port, analystName, PASSWORD);
        admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
    }

    private long stored(String text) {
        return jdbc.sql("SELECT count(*) FROM feedback WHERE message = ?").param(text).query(Long.class).single();
    }

    @Test
    void userMenu_linksToTheForm() {
        assertThat(analyst.get("/").body()).contains("href=\"/feedback\"", "Send feedback");
        assertThat(analyst.get("/feedback?from=/incidents").body()).contains("value=\"/incidents\"", "Report a problem", "maxlength=\"4000\"");
    }

    @Test
    void validFeedback_isStoredAudited_andListedForAdmins() {
        String text = "The incident queue could show the assignee avatar " + UUID.randomUUID();
        var r = analyst.post("/feedback", form("category", "IDEA", "message", "  " + text + "\n", "page", "/incidents"));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/feedback?sent=true");
        assertThat(analyst.get("/feedback?sent=true").body()).contains("your feedback was stored");
        assertThat(stored(text)).isEqualTo(1);
        assertThat(audit.search(new AuditLog.Filter(analystName, "feedback.submit", "feedback", null, null), 1, 10).entries())
                .singleElement().satisfies(e -> assertThat(e.details()).contains("Suggest an improvement", "from /incidents"));

        String list = admin.get("/settings/feedback").body();
        assertThat(list).contains(text, analystName, "Suggest an improvement", "/incidents");
        assertThat(admin.get("/settings/feedback?category=IDEA").body()).contains(text);
        assertThat(admin.get("/settings/feedback?category=PROBLEM").body()).doesNotContain(text);
        assertThat(admin.get("/settings/feedback?category=nope").statusCode()).isEqualTo(400);
    }

    @Test
    void invalidFeedback_is422_withAnErrorPerField_andNothingStored() {
        var empty = analyst.post("/feedback", form("category", "", "message", "   ", "page", "//evil.example/x"));
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.body()).contains("Choose a category", "the message is empty", "The page must be a portal path");

        String tooLong = "y".repeat(FeedbackService.MAX_MESSAGE + 1);
        var longOne = analyst.post("/feedback", form("category", "PROBLEM", "message", tooLong));
        assertThat(longOne.statusCode()).isEqualTo(422);
        assertThat(longOne.body()).contains("The message is 4001 characters; the limit is 4000.", "value=\"PROBLEM\" checked");
        assertThat(stored(tooLong)).isZero();

        String exact = "z".repeat(FeedbackService.MAX_MESSAGE);
        assertThat(analyst.post("/feedback", form("category", "OTHER", "message", exact)).statusCode()).isEqualTo(302);
        assertThat(stored(exact)).isEqualTo(1);
    }
}
