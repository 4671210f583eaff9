package dev.rampart.portal.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.SystemIdentity;
import dev.rampart.portal.access.UserAccounts;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.response.ActionQuery;
import dev.rampart.portal.response.ActionStatus;
import dev.rampart.portal.response.ResponseAction;
import dev.rampart.portal.response.ResponseActions;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/** The email page shows one message with its recipients, attachments and URLs, and remediates it for its recipients. */
class EmailPageIT extends AbstractPortalIT {
    @Autowired
    EventStore events;
    @Autowired
    ResponseActions actions;
    @Autowired
    UserAccounts users;

    final String id = "nmi-" + UUID.randomUUID();

    private static Object[] row(Table t, Map<String, Object> values) {
        Object[] r = new Object[t.columns().size()];
        values.forEach((k, v) -> r[t.indexOf(k)] = v);
        return r;
    }

    void seed() {
        Instant at = Instant.now().minusSeconds(600);
        events.write(s -> {
            Table e = events.table("EmailEvents");
            for (String to : List.of("ann@corp.example", "bob@corp.example")) {
                s.appender("EmailEvents").append(row(e, Map.of("Timestamp", at, "NetworkMessageId", id, "RecipientEmailAddress", to,
                        "SenderFromAddress", "billing@pay-lure.example", "SenderDisplayName", "Billing", "Subject", "Overdue invoice " + id.substring(4, 12),
                        "DeliveryAction", "Delivered", "DeliveryLocation", "Inbox/folder", "ThreatTypes", "Phish", "SenderIPv4", "203.0.113.77")));
            }
            s.appender("EmailAttachmentInfo").append(row(events.table("EmailAttachmentInfo"), Map.of("Timestamp", at, "NetworkMessageId", id,
                    "RecipientEmailAddress", "ann@corp.example", "FileName", "invoice.docm", "FileType", "docm", "SHA256", "c".repeat(64))));
            s.appender("EmailUrlInfo").append(row(events.table("EmailUrlInfo"), Map.of("Timestamp", at, "NetworkMessageId", id,
                    "Url", "https://pay-lure.example/login", "UrlDomain", "pay-lure.example", "UrlLocation", "Body")));
            s.appender("EmailPostDeliveryEvents").append(row(events.table("EmailPostDeliveryEvents"), Map.of("Timestamp", at.plusSeconds(60),
                    "NetworkMessageId", id, "RecipientEmailAddress", "bob@corp.example", "ActionType", "Phish ZAP", "ActionResult", "Success")));
            return null;
        });
    }

    @Test
    void page_showsTheMessage_andRemediatesEveryRecipientUnderOneApprovalId() {
        seed();
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String page = admin.get("/emails/" + id).body();
        assertThat(page).contains("Overdue invoice", "billing@pay-lure.example", "ann@corp.example", "bob@corp.example", "Phish ZAP (Success)",
                "invoice.docm", "https://pay-lure.example/login", "/ips/203.0.113.77", "Every recipient");
        assertThat(EntityLinks.forColumn("NetworkMessageId", id)).hasValue("/emails/" + id);

        HttpResponse<String> done = admin.post("/emails/" + id + "/actions", dev.rampart.portal.WebSession.form("type", "SOFT_DELETE_EMAIL",
                "recipient", "", "comment", "phish wave"));
        assertThat(done.statusCode()).isEqualTo(302);
        String location = java.net.URLDecoder.decode(done.headers().firstValue("Location").orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(location).contains("Soft delete requested for 2 recipients").contains("waits for approval");
        SecurityContextHolder.getContext().setAuthentication(SystemIdentity.authentication("email-it"));
        try {
            List<ResponseAction> taken = actions.list(new ActionQuery(null, null, null, id, null, null, null, null, null, null, null), 1, 50).items();
            assertThat(taken).hasSize(2).allSatisfy(a -> {
                assertThat(a.status()).isEqualTo(ActionStatus.PENDING_APPROVAL);
                assertThat(a.source()).isEqualTo(ResponseAction.MANUAL_EMAIL);
                assertThat(a.batchId()).isNotNull();
            }).extracting(a -> a.parameter("recipient")).containsExactlyInAnyOrder("ann@corp.example", "bob@corp.example");
        } finally {
            SecurityContextHolder.clearContext();
        }
        assertThat(admin.post("/emails/" + id + "/actions", dev.rampart.portal.WebSession.form("type", "SOFT_DELETE_EMAIL",
                "recipient", "eve@corp.example", "comment", "x")).headers().firstValue("Location").orElseThrow()).contains("did+not+receive");
        assertThat(admin.get("/emails/nmi-unknown").statusCode()).isEqualTo(404);
    }

    @Test
    void readers_seeNoRemediation_andCannotPostIt() {
        seed();
        if (!users.exists("email-reader")) {
            users.create("email-reader", "Reader", null, "email-reader-password", List.of("security-reader"));
        }
        WebSession reader = WebSession.signIn(port, "email-reader", "email-reader-password");
        // A security reader holds Email metadata (read): the page, without remediation.
        HttpResponse<String> page = reader.get("/emails/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("needs the Response (manage) permission").doesNotContain("Every recipient");
        assertThat(reader.post("/emails/" + id + "/actions", dev.rampart.portal.WebSession.form("type", "SOFT_DELETE_EMAIL", "comment", "x"))
                .statusCode()).isEqualTo(403);
    }

    @Test
    void responseRoleOnEndpointsOnly_cannotRemediateMailboxes_thoughAnotherRoleReadsThem(@Autowired org.springframework.context.ApplicationContext ctx) throws Exception {
        seed();
        String split = dev.rampart.portal.access.ScopeFixture.account(ctx, "email-split-" + id.substring(4, 10), List.of("SECURITY_DATA_READ",
                "EMAIL_METADATA_READ"), List.of(), List.of());
        var responders = ctx.getBean(dev.rampart.portal.access.RoleAdministration.class).create(new dev.rampart.portal.access.RoleAdministration.Input(
                "endpoint responders " + id.substring(4, 10), "Response on endpoints only", List.of("RESPONSE_MANAGE"), Map.of()));
        ctx.getBean(dev.rampart.portal.access.RoleAssignments.class).create(responders.id(), new dev.rampart.portal.access.RoleAssignments.Input(
                "endpoint responders", List.of(split), List.of(), List.of("endpoint"), List.of()));
        HttpResponse<String> r = WebSession.signIn(port, split, dev.rampart.portal.access.ScopeFixture.PASSWORD).post("/emails/" + id + "/actions",
                dev.rampart.portal.WebSession.form("type", "SOFT_DELETE_EMAIL", "recipient", "", "comment", "x"));
        assertThat(java.net.URLDecoder.decode(r.headers().firstValue("Location").orElse(""), java.nio.charset.StandardCharsets.UTF_8))
                .contains("your roles with Response (manage) do not cover the mailbox of ann@corp.example");
        // The API and hunting's "Take actions" go through the same check: a message id and recipient are not enough.
        HttpResponse<String> api = post("/api/v1/actions", "application/json", "{\"type\":\"softDeleteEmail\",\"target\":\"" + id
                + "\",\"parameters\":{\"recipient\":\"ann@corp.example\"},\"comment\":\"x\"}", split, dev.rampart.portal.access.ScopeFixture.PASSWORD);
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.body()).contains("your roles with Response (manage) do not cover mailboxes");
    }
}
