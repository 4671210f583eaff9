package dev.rampart.portal.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.events.EventStore;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deception rules: decoys are validated line by line, each rule becomes near-real-time built-in detections, a sign-in
 * with a decoy account or a connection to a decoy host raises a high-severity alert whose incident is tagged Deception,
 * turning a rule off turns its detections off, deleting it removes them (alerts stay).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeceptionIT extends AbstractPortalIT {
    static final String P = "decoy";
    @Autowired
    ApplicationContext ctx;
    @Autowired
    EventStore events;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    NrtDetections nrt;
    @Autowired
    DeceptionRules deception;

    WebSession manager;
    WebSession reader;

    @BeforeAll
    void accounts() {
        ScopeFixture.account(ctx, P + "-manager", List.of("SECURITY_DATA_READ", "CORE_SECURITY_SETTINGS_READ", "DETECTION_TUNING_MANAGE"), List.of(), List.of());
        ScopeFixture.account(ctx, P + "-reader", List.of("SECURITY_DATA_READ", "CORE_SECURITY_SETTINGS_READ"), List.of(), List.of());
        manager = WebSession.signIn(port, P + "-manager", ScopeFixture.PASSWORD);
        reader = WebSession.signIn(port, P + "-reader", ScopeFixture.PASSWORD);
    }

    private long ruleId(String name) {
        return jdbc.sql("SELECT id FROM deception_rule WHERE name = ?").param(name).query(Long.class).single();
    }

    private List<String> detectionKeys(long id) {
        return jdbc.sql("SELECT rule_key || ':' || enabled FROM detection_rule WHERE rule_key LIKE ? ORDER BY rule_key")
                .param(DeceptionRules.KEY_PREFIX + id + "-%").query(String.class).list();
    }

    private void signIn(String account, String device) {
        Table t = events.table("DeviceLogonEvents");
        events.write(s -> {
            Object[] r = new Object[t.columns().size()];
            r[t.indexOf("Timestamp")] = Instant.now().minusSeconds(60);
            r[t.indexOf("DeviceId")] = "id-" + device;
            r[t.indexOf("DeviceName")] = device;
            r[t.indexOf("ActionType")] = "LogonFailed";
            r[t.indexOf("LogonType")] = "Network";
            r[t.indexOf("AccountName")] = account;
            r[t.indexOf("AccountDomain")] = "CORP";
            r[t.indexOf("RemoteIP")] = "10.44.0.9";
            r[t.indexOf("ReportId")] = 7L;
            s.appender("DeviceLogonEvents").append(r);
            return null;
        });
    }

    private void directorySignIn(String upn) {
        directorySignIn(upn, null);
    }

    private void directorySignIn(String upn, String target) {
        Table t = events.table("IdentityLogonEvents");
        events.write(s -> {
            Object[] r = new Object[t.columns().size()];
            r[t.indexOf("Timestamp")] = Instant.now().minusSeconds(60);
            r[t.indexOf("ActionType")] = "LogonFailed";
            r[t.indexOf("AccountUpn")] = upn;
            r[t.indexOf("AccountName")] = upn.substring(0, upn.indexOf('@'));
            r[t.indexOf("Protocol")] = "Kerberos";
            r[t.indexOf("DeviceName")] = P + "-ws9";
            r[t.indexOf("TargetDeviceName")] = target;
            r[t.indexOf("ReportId")] = 9L;
            s.appender("IdentityLogonEvents").append(r);
            return null;
        });
    }

    private void connect(String device, String url) {
        connect(device, url, "10.44.0.200");
    }

    private void connect(String device, String url, String ip) {
        Table t = events.table("DeviceNetworkEvents");
        events.write(s -> {
            Object[] r = new Object[t.columns().size()];
            r[t.indexOf("Timestamp")] = Instant.now().minusSeconds(60);
            r[t.indexOf("DeviceId")] = "id-" + device;
            r[t.indexOf("DeviceName")] = device;
            r[t.indexOf("ActionType")] = "ConnectionAttempt";
            r[t.indexOf("RemoteUrl")] = url;
            r[t.indexOf("RemoteIP")] = ip;
            r[t.indexOf("RemotePort")] = 445;
            r[t.indexOf("ReportId")] = 8L;
            s.appender("DeviceNetworkEvents").append(r);
            return null;
        });
    }

    private List<String> alerts(String key) {
        return jdbc.sql("SELECT a.title || ' | ' || a.severity || ' | ' || coalesce((SELECT max(t.tag) FROM incident_tag t WHERE t.incident_id = a.incident_id "
                + "AND t.tag = 'Deception'), '-') FROM alert a WHERE a.detector_id = ? ORDER BY a.created_at").param(key).query(String.class).list();
    }

    @Test
    void badDecoys_areRefusedWithTheirLine_andNothingIsSaved() {
        HttpResponse<String> r = manager.post("/settings/deception", WebSession.form("name", P + " bad", "accounts", "dcy-ok\n\nnot an account",
                "hosts", "", "enabled", "true"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("line 3:", "is not an account name or UPN").contains("dcy-ok");
        HttpResponse<String> hosts = manager.post("/settings/deception", WebSession.form("name", P + " bad", "accounts", "", "hosts", "fs01.corp.example\nhttp://x/y"));
        assertThat(hosts.statusCode()).isEqualTo(422);
        assertThat(hosts.body()).contains("line 2:", "is not a host name or IP address");
        assertThat(manager.post("/settings/deception", WebSession.form("name", P + " empty", "accounts", " ", "hosts", "")).body())
                .contains("name at least one decoy account or host");
        // Nothing that could end the KQL string literal or widen the match gets through.
        for (String bad : List.of("a\"b", "x\") or true //", "svc one")) {
            assertThat(manager.post("/settings/deception", WebSession.form("name", P + " inj", "accounts", bad)).statusCode()).as(bad).isEqualTo(422);
        }
        for (String bad : List.of("0.0.0.0", "127.0.0.1", "::", "255.255.255.255", "01.2.3.4", "corp.example/x")) {
            assertThat(manager.post("/settings/deception", WebSession.form("name", P + " inj", "hosts", bad)).statusCode()).as(bad).isEqualTo(422);
        }
        assertThat(reader.post("/settings/deception", WebSession.form("name", P + " reader", "accounts", "x1")).statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM deception_rule WHERE name LIKE ?").param(P + " %").query(Long.class).single()).isZero();
    }

    @Test
    void decoyUse_raisesDeceptionAlerts_offTurnsDetectionsOff_deleteRemovesThem() {
        HttpResponse<String> created = manager.post("/settings/deception", WebSession.form("name", P + " tier0", "description", "Decoys near the DCs",
                "accounts", "CORP\\" + P + "-svc1\n" + P + "-admin@decoy.example", "hosts", "fs-" + P + "9.corp.example, 10.44.0.201", "enabled", "true"));
        assertThat(created.statusCode()).as(created.body()).isIn(302, 303);
        long id = ruleId(P + " tier0");
        assertThat(detectionKeys(id)).containsExactly(DeceptionRules.KEY_PREFIX + id + "-connection:TRUE",
                DeceptionRules.KEY_PREFIX + id + "-device-signin:TRUE", DeceptionRules.KEY_PREFIX + id + "-identity-host:TRUE",
                DeceptionRules.KEY_PREFIX + id + "-identity-signin:TRUE");
        // Readers see the rule, not its decoys: not on the page, the detection's page or the API.
        String page = reader.get("/settings/deception").body();
        assertThat(page).contains(P + " tier0").doesNotContain(P + "-svc1").doesNotContain("fs-" + P + "9").doesNotContain("New deception rule");
        long detection = jdbc.sql("SELECT id FROM detection_rule WHERE rule_key = ?").param(DeceptionRules.KEY_PREFIX + id + "-device-signin")
                .query(Long.class).single();
        assertThat(reader.get("/detection/rules/" + detection).body()).doesNotContain(P + "-svc1").contains("its decoys are shown to Detection tuning");
        assertThat(manager.get("/detection/rules/" + detection).body()).contains(P + "-svc1", "change it in <a href=\"/settings/deception\">");
        assertThat(manager.get("/detection/rules").body()).contains("title=\"Carries out a deception rule: turned on and off with it\">Deception rule</a>");
        // The detections change only with their deception rule.
        assertThat(manager.post("/detection/rules/" + detection + "/enabled", WebSession.form("enabled", "false")).headers().firstValue("Location").orElse(""))
                .contains("Not+changed");
        assertThat(detectionKeys(id)).contains(DeceptionRules.KEY_PREFIX + id + "-device-signin:TRUE");

        signIn(P + "-SVC1", P + "-ws7");
        signIn("someone-else", P + "-ws7");
        signIn(P + "-admin", P + "-ws7");
        nrt.runFor("DeviceLogonEvents");
        // The UPN decoy's local part alone is no match on devices: only the listed account name is.
        assertThat(alerts(DeceptionRules.KEY_PREFIX + id + "-device-signin"))
                .containsExactly("Sign-in attempt with a deceptive user account | high | Deception");

        directorySignIn(P + "-admin@decoy.example");
        directorySignIn(P + "-other@decoy.example");
        // A Kerberos ticket asked for the decoy host (named in upper case, without its domain), and one for a real host.
        directorySignIn(P + "-user3@corp.example", "FS-" + P.toUpperCase() + "9");
        directorySignIn(P + "-user4@corp.example", "FS-" + P.toUpperCase() + "90");
        nrt.runFor("IdentityLogonEvents");
        assertThat(alerts(DeceptionRules.KEY_PREFIX + id + "-identity-signin"))
                .containsExactly("Sign-in attempt with a deceptive user account | high | Deception");
        assertThat(alerts(DeceptionRules.KEY_PREFIX + id + "-identity-host")).containsExactly("Connection attempt to a deceptive host | high | Deception");

        connect(P + "-srv1", "https://fs-" + P + "9.corp.example/share$");
        connect(P + "-srv2", "https://fs-" + P + "9.corp.example.evil.test/");
        connect(P + "-srv2", "https://intranet.corp.example/?next=fs-" + P + "9.corp.example");
        connect(P + "-srv3", null, "::ffff:10.44.0.201");
        nrt.runFor("DeviceNetworkEvents");
        // The exact host and the decoy address (IPv6-mapped) alert, each from its own device; look-alike hosts do not.
        assertThat(alerts(DeceptionRules.KEY_PREFIX + id + "-connection")).containsExactly("Connection attempt to a deceptive host | high | Deception",
                "Connection attempt to a deceptive host | high | Deception");
        assertThat(jdbc.sql("SELECT count(*) FROM alert a JOIN alert_evidence e ON e.alert_id = a.id WHERE a.detector_id = ? AND lower(e.entity_key) LIKE ?")
                .params(DeceptionRules.KEY_PREFIX + id + "-connection", P + "-srv2%").query(Long.class).single()).isZero();

        // Off: the detections stay but stop, and a sign-in meanwhile raises nothing.
        assertThat(manager.post("/settings/deception/" + id + "/enabled", WebSession.form("enabled", "false")).statusCode()).isIn(302, 303);
        assertThat(detectionKeys(id)).containsExactly(DeceptionRules.KEY_PREFIX + id + "-connection:FALSE",
                DeceptionRules.KEY_PREFIX + id + "-device-signin:FALSE", DeceptionRules.KEY_PREFIX + id + "-identity-host:FALSE",
                DeceptionRules.KEY_PREFIX + id + "-identity-signin:FALSE");
        signIn(P + "-svc1", P + "-ws8");
        nrt.runFor("DeviceLogonEvents");
        assertThat(alerts(DeceptionRules.KEY_PREFIX + id + "-device-signin")).hasSize(1);
        // On again, without hosts: sign-ins are watched again (the earlier alerts are not raised twice), connections stay off.
        assertThat(manager.post("/settings/deception/" + id, WebSession.form("name", P + " tier0", "accounts", P + "-svc1", "enabled", "true")).statusCode())
                .isIn(302, 303);
        assertThat(detectionKeys(id)).containsExactly(DeceptionRules.KEY_PREFIX + id + "-connection:FALSE",
                DeceptionRules.KEY_PREFIX + id + "-device-signin:TRUE", DeceptionRules.KEY_PREFIX + id + "-identity-host:FALSE",
                DeceptionRules.KEY_PREFIX + id + "-identity-signin:TRUE");
        nrt.runFor("DeviceLogonEvents");
        assertThat(alerts(DeceptionRules.KEY_PREFIX + id + "-device-signin")).hasSize(2);

        assertThat(reader.post("/settings/deception/" + id + "/delete", Map.of()).statusCode()).isEqualTo(403);
        assertThat(manager.post("/settings/deception/" + id + "/delete", Map.of()).statusCode()).isIn(302, 303);
        assertThat(detectionKeys(id)).isEmpty();
        assertThat(alerts(DeceptionRules.KEY_PREFIX + id + "-device-signin")).hasSize(2);
    }

    @Test
    void generatedQueries_compileAndNameOnlyValidatedDecoys() {
        var rule = new DeceptionRules.Rule(1, "x", "", true, List.of("svc1", "adm@corp.example"), List.of("fs9.corp.example", "10.0.0.1", "fe80::1"), "t",
                Instant.now());
        assertThat(DeceptionRules.draft(rule, DeceptionRules.Detection.DIRECTORY_SIGN_IN).query())
                .contains("AccountName in~ (\"svc1\") or AccountUpn in~ (\"adm@corp.example\")");
        assertThat(DeceptionRules.draft(rule, DeceptionRules.Detection.DEVICE_SIGN_IN).query()).contains("AccountName in~ (\"svc1\")").doesNotContain("adm");
        assertThat(DeceptionRules.draft(rule, DeceptionRules.Detection.CONNECTION).query())
                .contains("RemoteIP in~ (\"10.0.0.1\", \"fe80::1\", \"::ffff:10.0.0.1\") or RemoteHost in (\"fs9.corp.example\")");
        var accountsOnly = new DeceptionRules.Rule(2, "y", "", true, List.of("svc1"), List.of(), "t", Instant.now());
        assertThat(DeceptionRules.draft(accountsOnly, DeceptionRules.Detection.CONNECTION)).isNull();
        for (DeceptionRules.Detection d : DeceptionRules.Detection.values()) {
            var draft = DeceptionRules.draft(rule, d);
            assertThat(ctx.getBean(RuleEvaluator.class).evaluate(draft.query(), draft.entities(), Instant.now(), java.time.Duration.ofHours(1)).columns())
                    .as(d.name()).contains("Timestamp", "ReportId").containsAnyOf("DeviceName", "AccountUpn");
        }
    }
}
