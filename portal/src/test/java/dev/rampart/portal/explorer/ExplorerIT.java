package dev.rampart.portal.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.events.EventStore;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorerIT extends AbstractPortalIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ApplicationContext ctx;

    @BeforeAll
    void seed() throws Exception {
        EventStore events = ctx.getBean(EventStore.class);
        Table mail = events.table("EmailEvents");
        Table urls = events.table("EmailUrlInfo");
        Table clicks = events.table("UrlClickEvents");
        Instant t = Instant.now().minus(Duration.ofMinutes(30));
        events.write(s -> {
            for (String[] m : List.of(new String[] {"xplit-m1", "ann@xplit.example", "Phish", "Delivered", "Inbox"},
                    new String[] {"xplit-m1", "bob@xplit.example", "Phish", "Delivered", "Inbox"},
                    new String[] {"xplit-m2", "ann@xplit.example", "", "Delivered", "Inbox"},
                    new String[] {"xplit-m3", "cyd@xplit.example", "Malware", "Blocked", "Quarantine"})) {
                Object[] r = new Object[mail.columns().size()];
                r[mail.indexOf("Timestamp")] = t;
                r[mail.indexOf("NetworkMessageId")] = m[0];
                r[mail.indexOf("RecipientEmailAddress")] = m[1];
                r[mail.indexOf("SenderFromAddress")] = m[0].equals("xplit-m2") ? "colleague@xplit.example" : "billing@xplit-evil.example";
                r[mail.indexOf("SenderFromDomain")] = m[0].equals("xplit-m2") ? "xplit.example" : "xplit-evil.example";
                r[mail.indexOf("Subject")] = "xplit invoice " + m[0];
                r[mail.indexOf("ThreatTypes")] = m[2];
                r[mail.indexOf("DeliveryAction")] = m[3];
                r[mail.indexOf("LatestDeliveryLocation")] = m[4];
                r[mail.indexOf("EmailDirection")] = "Inbound";
                s.appender("EmailEvents").append(r);
            }
            Object[] u = new Object[urls.columns().size()];
            u[urls.indexOf("Timestamp")] = t;
            u[urls.indexOf("NetworkMessageId")] = "xplit-m1";
            u[urls.indexOf("Url")] = "https://xplit-evil.example/login";
            u[urls.indexOf("UrlDomain")] = "xplit-evil.example";
            s.appender("EmailUrlInfo").append(u);
            Object[] c = new Object[clicks.columns().size()];
            c[clicks.indexOf("Timestamp")] = t;
            c[clicks.indexOf("Url")] = "https://xplit-evil.example/login";
            c[clicks.indexOf("AccountUpn")] = "ann@xplit.example";
            c[clicks.indexOf("ActionType")] = "ClickAllowed";
            c[clicks.indexOf("NetworkMessageId")] = "xplit-m1";
            c[clicks.indexOf("ThreatTypes")] = "Phish";
            s.appender("UrlClickEvents").append(c);
            return null;
        });
        String token = JSON.readTree(post("/api/v1/sensors/enrolment-tokens", "application/json", "{\"label\":\"xplit\"}", "admin", ADMIN_PASSWORD).body())
                .get("token").asString();
        String cred = JSON.readTree(post("/api/v1/sensors/enrol", "application/json", "{\"token\":\"" + token
                + "\",\"deviceId\":\"xplit-mail-1\",\"deviceName\":\"xplit-mail1.example\",\"capabilities\":[\"mail\"]}", null, null).body()).get("credential").asString();
        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/v1/sensors/me/heartbeat"))).header("Authorization", "Bearer " + cred)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void views_filtersAndUrlJoin_findTheMessages() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String phish = admin.get("/explorer?view=phish&subject=XPLIT").body();
        assertThat(phish).contains("<strong>2 messages</strong>").contains("ann@xplit.example").contains("bob@xplit.example").doesNotContain("xplit-m2");
        assertThat(admin.get("/explorer?view=all&url=xplit-evil.example%2Flogin").body()).contains("<strong>2 messages</strong>");
        assertThat(admin.get("/explorer?view=malware&subject=xplit").body()).contains("<strong>1 message</strong>").contains("Quarantine");
        assertThat(admin.get("/explorer?view=all&subject=xplit&sender=colleague").body()).contains("<strong>1 message</strong>");
        assertThat(admin.get("/explorer?view=all&subject=xplit&deliveryAction=Blocked").body()).contains("<strong>1 message</strong>");
        assertThat(admin.get("/explorer?view=clicks&url=xplit-evil").body()).contains("<strong>1 click</strong>").contains("ClickAllowed");
        String campaigns = admin.get("/explorer?view=campaigns&subject=xplit").body();
        assertThat(campaigns).contains("1 campaign<").contains("xplit-evil.example")
                .containsPattern("xplit-evil.example</td><td><span class=\"pill pill-bad\">Phish</span></td><td class=\"num\">2</td>\\s*<td class=\"num\">2</td>"
                        + "<td class=\"num\"><strong>2</strong></td><td class=\"num\">1</td>");
        assertThat(admin.get("/explorer?view=all&subject=xplit&pivot=threat").body()).contains("name&#34;:&#34;Phish&#34;").contains("name&#34;:&#34;Malware&#34;");
    }

    @Test
    void badDatesAndPivots_areReportedByField_andTheOtherFiltersKept() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String body = admin.get("/explorer?view=phish&subject=xplit&from=2020-01-01&to=tomorrow&pivot=colour").body();
        assertThat(body).contains("from: is more than 30 days ago").contains("to: 'tomorrow' is not a date (YYYY-MM-DD)")
                .contains("pivot: 'colour' is not a chart pivot of this view").contains("value=\"xplit\"").contains("<strong>2 messages</strong>");
    }

    @Test
    void export_allMatchingRows_isAudited() throws Exception {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        HttpResponse<byte[]> csv = admin.getBytes("/explorer.csv?view=all&subject=xplit");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text.lines().count()).isEqualTo(5);
        assertThat(text).startsWith("Timestamp,NetworkMessageId,Subject").contains("cyd@xplit.example");
        assertThat(csv.headers().firstValue("X-Total-Count")).contains("4");
        Long audited = ctx.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT COUNT(*) FROM audit_event WHERE action = 'explorer.export' AND details LIKE '4 row(s)%subject=xplit%'").query(Long.class).single();
        assertThat(audited).isPositive();
    }

    @Test
    void takeAction_pickedAndWholeQuery_becomeOneApprovalInTheActionCenter() throws Exception {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        HttpResponse<String> r = admin.post("/explorer/actions", WebSession.form("view", "phish", "subject", "xplit", "scope", "picked",
                "sel", List.of("xplit-m1|ann@xplit.example", "xplit-m1|bob@xplit.example"), "type", "MOVE_EMAIL_TO_DELETED_ITEMS", "name", "xplit purge", "comment", "phish campaign"));
        String location = URLDecoder.decode(r.headers().firstValue("Location").orElse(""), StandardCharsets.UTF_8);
        assertThat(location).contains("/action-center/").contains("2 action(s) \"xplit purge\"");
        String batch = location.replaceAll(".*batch=([A-Z0-9-]+).*", "$1");
        JsonNode listed = JSON.readTree(get("/api/v1/actions?approvalId=" + batch, "admin", ADMIN_PASSWORD).body());
        List<String> sources = new ArrayList<>();
        listed.findValues("source").forEach(n -> sources.add(n.asString()));
        assertThat(sources).hasSize(2).containsOnly("Explorer action");
        assertThat(listed.toString()).contains("ann@xplit.example").contains("bob@xplit.example");

        HttpResponse<String> stale = admin.post("/explorer/actions", WebSession.form("view", "all", "subject", "xplit", "scope", "all", "expected", "3",
                "type", "MOVE_EMAIL_TO_JUNK", "name", "xplit junk all", "comment", "whole query"));
        assertThat(URLDecoder.decode(stale.headers().firstValue("Location").orElse(""), StandardCharsets.UTF_8))
                .contains("the query now matches 4 messages, not the 3 shown");
        HttpResponse<String> all = admin.post("/explorer/actions", WebSession.form("view", "all", "subject", "xplit", "scope", "all", "expected", "4",
                "type", "MOVE_EMAIL_TO_JUNK", "name", "xplit junk all", "comment", "whole query"));
        String allLocation = URLDecoder.decode(all.headers().firstValue("Location").orElse(""), StandardCharsets.UTF_8);
        assertThat(allLocation).contains("4 action(s)");
        JsonNode junked = JSON.readTree(get("/api/v1/actions?approvalId=" + allLocation.replaceAll(".*batch=([A-Z0-9-]+).*", "$1"), "admin", ADMIN_PASSWORD).body());
        assertThat(junked.toString()).contains("xplit invoice xplit-m3");

        HttpResponse<String> forged = admin.post("/explorer/actions", WebSession.form("view", "all", "scope", "picked", "sel", List.of("xplit-m2|bob@xplit.example"),
                "type", "MOVE_EMAIL_TO_JUNK", "name", "x", "comment", "c"));
        assertThat(URLDecoder.decode(forged.headers().firstValue("Location").orElse(""), StandardCharsets.UTF_8))
                .contains("no message xplit-m2 to bob@xplit.example in your data scope");

        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add("xplit-m" + i + "|ann@xplit.example");
        }
        HttpResponse<String> tooMany = admin.post("/explorer/actions", WebSession.form("view", "all", "subject", "xplit", "scope", "picked", "sel", many,
                "type", "MOVE_EMAIL_TO_JUNK", "name", "x"));
        assertThat(URLDecoder.decode(tooMany.headers().firstValue("Location").orElse(""), StandardCharsets.UTF_8))
                .contains("/explorer?view=all&subject=xplit").contains("101 messages are picked; pick at most 100");
        HttpResponse<String> unnamed = admin.post("/explorer/actions", WebSession.form("view", "all", "subject", "xplit", "scope", "all",
                "type", "MOVE_EMAIL_TO_JUNK", "name", "", "comment", "c"));
        assertThat(URLDecoder.decode(unnamed.headers().firstValue("Location").orElse(""), StandardCharsets.UTF_8)).contains("error=name");
    }

    @org.junit.jupiter.api.AfterAll
    void rejectRequestedActions() throws Exception {
        List<Long> ids = new ArrayList<>();
        JSON.readTree(get("/api/v1/actions?target=xplit-m&status=PENDING_APPROVAL&pageSize=500", "admin", ADMIN_PASSWORD).body()).findValues("id").forEach(n -> ids.add(n.asLong()));
        post("/api/v1/actions/reject", "application/json", "{\"ids\":" + ids + ",\"comment\":\"test cleanup\"}", "admin", ADMIN_PASSWORD);
    }

    @Test
    void scope_emailWorkloadAndPermission_areCheckedOnTheServer() {
        String endpointOnly = ScopeFixture.account(ctx, "xplit-endpoint", List.of("SECURITY_DATA_READ", "EMAIL_METADATA_READ"), List.of("endpoint"), List.of());
        assertThat(WebSession.signIn(port, endpointOnly, ScopeFixture.PASSWORD).get("/explorer?view=all&subject=xplit").body())
                .contains("<strong>0 messages</strong>").doesNotContain("ann@xplit.example");
        String noMail = ScopeFixture.account(ctx, "xplit-nomail", List.of("SECURITY_DATA_READ"), List.of(), List.of());
        WebSession s = WebSession.signIn(port, noMail, ScopeFixture.PASSWORD);
        assertThat(s.get("/explorer").statusCode()).isEqualTo(403);
        assertThat(s.getBytes("/explorer.csv").statusCode()).isEqualTo(403);
        String reader = ScopeFixture.account(ctx, "xplit-reader", List.of("SECURITY_DATA_READ", "EMAIL_METADATA_READ"), List.of(), List.of());
        WebSession rs = WebSession.signIn(port, reader, ScopeFixture.PASSWORD);
        assertThat(rs.get("/explorer?view=all&subject=xplit").body()).contains("<strong>4 messages</strong>").doesNotContain("Take action");
        String responder = ScopeFixture.account(ctx, "xplit-responder", List.of("SECURITY_DATA_READ", "EMAIL_METADATA_READ", "RESPONSE_MANAGE"),
                List.of("endpoint"), List.of());
        HttpResponse<String> outside = WebSession.signIn(port, responder, ScopeFixture.PASSWORD).post("/explorer/actions", WebSession.form("view", "all",
                "scope", "picked", "sel", List.of("xplit-m1|ann@xplit.example"), "type", "MOVE_EMAIL_TO_JUNK", "name", "x", "comment", "c"));
        assertThat(URLDecoder.decode(outside.headers().firstValue("Location").orElse(""), StandardCharsets.UTF_8))
                .contains("no message xplit-m1 to ann@xplit.example in your data scope");
        String split = ScopeFixture.account(ctx, "xplit-split", List.of("SECURITY_DATA_READ", "EMAIL_METADATA_READ"), List.of(), List.of());
        var endpointResponders = ctx.getBean(dev.rampart.portal.access.RoleAdministration.class).create(new dev.rampart.portal.access.RoleAdministration.Input(
                "xplit endpoint responders", "Response on endpoints only", List.of("RESPONSE_MANAGE"), Map.of()));
        ctx.getBean(dev.rampart.portal.access.RoleAssignments.class).create(endpointResponders.id(), new dev.rampart.portal.access.RoleAssignments.Input(
                "xplit endpoint responders", List.of(split), List.of(), List.of("endpoint"), List.of()));
        HttpResponse<String> notMailbox = WebSession.signIn(port, split, ScopeFixture.PASSWORD).post("/explorer/actions", WebSession.form("view", "all",
                "scope", "picked", "sel", List.of("xplit-m1|ann@xplit.example"), "type", "MOVE_EMAIL_TO_JUNK", "name", "x", "comment", "c"));
        assertThat(URLDecoder.decode(notMailbox.headers().firstValue("Location").orElse(""), StandardCharsets.UTF_8))
                .contains("your roles with Response (manage) do not cover the email of ann@xplit.example");
        HttpResponse<String> act = rs.post("/explorer/actions", WebSession.form("view", "all", "subject", "xplit", "scope", "all", "type", "MOVE_EMAIL_TO_JUNK",
                "name", "x", "comment", "c"));
        assertThat(URLDecoder.decode(act.headers().firstValue("Location").orElse(""), StandardCharsets.UTF_8)).contains("error=").contains("needs the Response (manage) permission");
    }
}
