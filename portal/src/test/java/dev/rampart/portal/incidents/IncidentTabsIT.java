package dev.rampart.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.UserAccounts;
import dev.rampart.portal.response.ActionRequest;
import dev.rampart.portal.response.ActionStatus;
import dev.rampart.portal.response.ActionType;
import dev.rampart.portal.response.ResponseAction;
import dev.rampart.portal.response.ResponseActions;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** Evidence and response and Summary tabs of the incident page, through a signed-in browser session. */
class IncidentTabsIT extends AbstractPortalIT {
    @Autowired
    Correlator correlator;
    @Autowired
    ResponseActions actions;
    @Autowired
    IncidentService incidents;
    @Autowired
    UserAccounts users;
    @Autowired
    JdbcClient jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String host = "ws-tabs-" + run + ".corp.example";
    private final String server = "srv-tabs-" + run;
    private final String ip = "198.18." + (Math.floorMod(run.hashCode(), 62500) / 250) + "." + (Math.floorMod(run.hashCode(), 250) + 1);
    private final String url = "https://exfil-" + run + ".example.net/upload";
    private final String hash = (run + run + run + run + run + run + run + run).substring(0, 64);
    private List<Alert> alerts;

    @BeforeEach
    void system() {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("tabs-it", "x", "PERM_SECURITY_DATA_READ",
                "PERM_ALERTS_MANAGE", "PERM_RESPONSE_MANAGE", dev.rampart.portal.access.SystemIdentity.AUTHORITY));
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    /** Three alerts on one device: execution, credential access and exfiltration; returns the incident id. */
    private long incident() {
        Instant t = Instant.now().minusSeconds(7200);
        Evidence device = Evidence.of(EntityType.DEVICE, host, "suspicious", List.of());
        Evidence user = Evidence.of(EntityType.USER, "victim" + run + "@corp.example", "suspicious", List.of());
        Alert a1 = correlator.raise(new NewAlert("ra", "Office macro started powershell " + run, "", Severity.HIGH, Category.EXECUTION,
                List.of("T1204.002"), "custom", "microsoftDefenderForEndpoint", "tabs-exec", "", t, t.plusSeconds(5),
                List.of(device, user, Evidence.of(EntityType.FILE, hash, "malicious", List.of()))));
        Alert a2 = correlator.raise(new NewAlert("ra", "LSASS memory read " + run, "", Severity.HIGH, Category.CREDENTIAL_ACCESS,
                List.of("T1003.001"), "custom", "microsoftDefenderForEndpoint", "tabs-cred", "", t.plusSeconds(600), t.plusSeconds(601),
                List.of(device, user, Evidence.of(EntityType.IP, ip, "malicious", List.of("destination")))));
        Alert a3 = correlator.raise(new NewAlert("ra", "Upload to rare domain " + run, "", Severity.MEDIUM, Category.EXFILTRATION,
                List.of("T1567"), "custom", "microsoftDefenderForEndpoint", "tabs-exfil", "", t.plusSeconds(1200), t.plusSeconds(1260),
                List.of(device, Evidence.of(EntityType.IP, ip, "suspicious", List.of()), Evidence.of(EntityType.URL, url, "suspicious", List.of()),
                        Evidence.of(EntityType.DEVICE, server, "clean", List.of()))));
        assertThat(List.of(a2.incidentId(), a3.incidentId())).containsOnly(a1.incidentId());
        alerts = List.of(a1, a2, a3);
        return a1.incidentId();
    }

    private ResponseAction pending(ActionType type, String target, Long incidentId, String alertId) {
        return actions.propose(new ActionRequest(type, target, null, Map.of(), "Proposed by tabs IT", incidentId, alertId), null, false).get(0);
    }

    private static String section(String body, String start, String end) {
        int from = body.indexOf(start);
        assertThat(from).as(start).isGreaterThanOrEqualTo(0);
        int to = body.indexOf(end, from);
        return body.substring(from, to < 0 ? body.length() : to);
    }

    private static int count(String s, String what) {
        return s.split(Pattern.quote(what), -1).length - 1;
    }

    @Test
    void evidenceTab_listsEachEntityOnceWithVerdictRemediationAlertCountAndLinkedActions() {
        long id = incident();
        ResponseAction blockIp = pending(ActionType.BLOCK_IP, ip, id, null);
        ResponseAction blockUrl = pending(ActionType.BLOCK_URL, "exfil-" + run + ".example.net", null, alerts.get(2).id());
        ResponseAction unrelated = pending(ActionType.BLOCK_IP, "198.51.100." + (Math.abs(run.hashCode()) % 200 + 1), null, null);
        WebSession web = WebSession.signIn(port, "admin", ADMIN_PASSWORD);

        String body = web.get("/incidents/" + id + "?tab=evidence").body();

        assertThat(body).contains("Evidence and response (6)", "Evidence (6)");
        String table = section(body, "<table class=\"grid evidence\">", "</table>");
        assertThat(count(table, ">" + host + "</a>")).isEqualTo(1);
        Matcher deviceRow = Pattern.compile(Pattern.quote(host) + "</a>.*?<td title=\"([^\"]+)\">(\\d+)</td>", Pattern.DOTALL).matcher(table);
        assertThat(deviceRow.find()).isTrue();
        assertThat(deviceRow.group(2)).isEqualTo("3");
        assertThat(deviceRow.group(1)).contains(alerts.get(0).id(), alerts.get(2).id());
        String ipRow = table.substring(table.indexOf(">" + ip + "<"));
        ipRow = ipRow.substring(0, ipRow.indexOf("</tr>"));
        assertThat(ipRow).contains("verdict-malicious\">Malicious", "Pending approval", "Block IP address · Pending approval", ">2</td>",
                "/hunting?q=search");
        assertThat(table).contains(url, "verdict-clean\">Clean", "Not remediated");
        // The response actions linked to the incident directly or through one of its alerts, pending first, with Approve/Reject.
        String acts = section(body, "Response actions (", "</table>");
        assertThat(acts).contains("Response actions (2)", "2 pending approval", "action=" + blockIp.id() + "\"", "action=" + blockUrl.id() + "\"",
                "Block URL or domain", "value=\"approve\"", "value=\"reject\"").doesNotContain("action=" + unrelated.id() + "\"");
    }

    @Test
    void evidenceTab_filtersByEntityTypeAndVerdict_inTheUrl() {
        long id = incident();
        WebSession web = WebSession.signIn(port, "admin", ADMIN_PASSWORD);

        String ips = section(web.get("/incidents/" + id + "?tab=evidence&type=ip").body(), "<table class=\"grid evidence\">", "</table>");
        assertThat(ips).contains(">" + ip + "<").doesNotContain(host, url);

        String malicious = web.get("/incidents/" + id + "?tab=evidence&verdict=malicious").body();
        assertThat(section(malicious, "<table class=\"grid evidence\">", "</table>")).contains(ip, hash).doesNotContain(host, url);
        assertThat(malicious).contains("Showing 2 of 6 entities.", "chip active\" href=\"/incidents/" + id + "?tab=evidence&amp;verdict=malicious");

        assertThat(web.get("/incidents/" + id + "?tab=evidence&type=url&verdict=clean").body()).contains("No evidence matches these filters.");
        assertThat(web.get("/incidents/" + id + "?tab=evidence&verdict=evil").body()).contains("Filter ignored: verdict");
    }

    @Test
    void approveAndReject_fromTheIncidentPage_goThroughTheResponseService() {
        long id = incident();
        ResponseAction blockIp = pending(ActionType.BLOCK_IP, ip, id, null);
        ResponseAction blockUrl = pending(ActionType.BLOCK_URL, "exfil-" + run + ".example.net", null, alerts.get(2).id());
        ResponseAction unrelated = pending(ActionType.BLOCK_IP, "198.51.100." + (Math.abs(run.hashCode()) % 200 + 1), null, null);
        WebSession web = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String decide = "/incidents/" + id + "/actions/decide";

        HttpResponse<String> noComment = web.post(decide, WebSession.form("ids", blockIp.id(), "decision", "approve", "comment", ""));
        assertThat(noComment.headers().firstValue("Location").orElse("")).contains("error=Nothing+changed%3A+comment");
        HttpResponse<String> foreign = web.post(decide, WebSession.form("ids", unrelated.id(), "decision", "approve", "comment", "ok"));
        assertThat(foreign.headers().firstValue("Location").orElse("")).contains("not+linked+to+incident+" + id);
        assertThat(actions.get(unrelated.id()).status()).isEqualTo(ActionStatus.PENDING_APPROVAL);

        HttpResponse<String> ok = web.post(decide, WebSession.form("ids", blockIp.id(), "decision", "approve", "comment", "Confirmed C2",
                "back", "&type=ip"));
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(ok.headers().firstValue("Location").orElse("")).contains("/incidents/" + id + "?tab=evidence&type=ip&notice=1+action");
        ResponseAction approved = actions.get(blockIp.id());
        assertThat(approved.status()).isEqualTo(ActionStatus.COMPLETED);
        assertThat(approved.decidedBy()).isEqualTo("admin");
        assertThat(web.post(decide, WebSession.form("ids", blockUrl.id(), "decision", "reject", "comment", "Business site")).statusCode()).isEqualTo(302);
        assertThat(actions.get(blockUrl.id()).status()).isEqualTo(ActionStatus.REJECTED);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE actor = 'admin' AND action IN ('response.action.approve', 'response.action.reject') "
                + "AND target_id IN (?, ?)").params(String.valueOf(blockIp.id()), String.valueOf(blockUrl.id())).query(Long.class).single()).isEqualTo(2);

        String table = section(web.get("/incidents/" + id + "?tab=evidence").body(), "<table class=\"grid evidence\">", "</table>");
        String ipRow = table.substring(table.indexOf(">" + ip + "<"));
        assertThat(ipRow.substring(0, ipRow.indexOf("</tr>"))).contains("Remediated", "Block IP address · Completed");
        String urlRow = table.substring(table.indexOf(url));
        assertThat(urlRow.substring(0, urlRow.indexOf("</tr>"))).contains("Remediation declined");
    }

    @Test
    void reader_seesEvidenceAndActions_butNoApproveAndCannotDecide() {
        long id = incident();
        ResponseAction blockIp = pending(ActionType.BLOCK_IP, ip, id, null);
        String reader = "tabs-reader-" + run;
        users.create(reader, "Tabs reader", null, "tabs-reader-pw-1234", List.of("security-reader"));
        WebSession web = WebSession.signIn(port, reader, "tabs-reader-pw-1234");

        String body = web.get("/incidents/" + id + "?tab=evidence").body();
        assertThat(body).contains("action=" + blockIp.id() + "\"", "Waiting for a Response manager").doesNotContain("value=\"approve\"");
        assertThat(web.post("/incidents/" + id + "/actions/decide", WebSession.form("ids", blockIp.id(), "decision", "approve", "comment", "x"))
                .statusCode()).isEqualTo(403);
        assertThat(actions.get(blockIp.id()).status()).isEqualTo(ActionStatus.PENDING_APPROVAL);
    }

    @Test
    void summaryTab_showsKillChainInTacticOrder_timeline_scopeRankedByAlerts_evidenceCountAndInformation() {
        long id = incident();
        incidents.update(id, IncidentChange.none().withTags(List.of("tabs-tag-" + run), List.of()).withAssignedTo("analyst-" + run));
        WebSession web = WebSession.signIn(port, "admin", ADMIN_PASSWORD);

        String body = web.get("/incidents/" + id + "?tab=summary").body();

        String chain = section(body, "<table class=\"killchain\">", "</table>");
        List<String> order = List.of("Initial access", "Execution", "Persistence", "Privilege escalation", "Defense evasion", "Credential access",
                "Discovery", "Lateral movement", "Collection", "Command and control", "Exfiltration", "Impact");
        for (int i = 1; i < order.size(); i++) {
            assertThat(chain.indexOf(">" + order.get(i) + "<")).as(order.get(i)).isGreaterThan(chain.indexOf(">" + order.get(i - 1) + "<"));
        }
        String execution = chain.substring(chain.indexOf("Office macro started powershell " + run));
        assertThat(chain.indexOf("Office macro started powershell " + run)).isGreaterThan(0);
        assertThat(execution).contains("T1204.002");
        assertThat(chain.indexOf("LSASS memory read " + run)).isLessThan(chain.indexOf("Upload to rare domain " + run));
        assertThat(body).contains("3 alerts across 3 of 12 MITRE ATT&amp;CK tactics", "id=\"alerts-timeline\"", alerts.get(1).id());
        String scope = section(body, ">Scope<", "</section>");
        assertThat(scope).contains("<span class=\"kpi-value\">2</span><span class=\"kpi-label\">Impacted devices",
                "<span class=\"kpi-value\">1</span><span class=\"kpi-label\">Impacted users");
        assertThat(scope.indexOf(host)).isLessThan(scope.indexOf(server));
        assertThat(scope).contains("3 alerts", "1 alert<");
        assertThat(section(body, ">Evidence<", "</section>")).contains("<span class=\"kpi-value\">6</span><span class=\"kpi-label\">Entities");
        assertThat(section(body, ">Incident information<", "</section>")).contains("tabs-tag-" + run, "analyst-" + run, "High", "New");
    }
}
