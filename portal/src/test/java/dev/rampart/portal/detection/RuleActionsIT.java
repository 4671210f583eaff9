package dev.rampart.portal.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.DeviceGroups;
import dev.rampart.portal.access.RoleAdministration;
import dev.rampart.portal.access.RoleAssignments;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.access.ScopeFixture.Seeded;
import dev.rampart.portal.access.SystemIdentity;
import dev.rampart.portal.access.UserAccounts;
import dev.rampart.portal.response.ActionQuery;
import dev.rampart.portal.response.ActionType;
import dev.rampart.portal.response.ResponseAction;
import dev.rampart.portal.response.ResponseActions;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Custom detection rules with automated actions and a device-group scope: a rule scoped to the EU group alerts on EU
 * devices only and isolates and scans each of them without approval; authors are held to their permissions and groups.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuleActionsIT extends AbstractPortalIT {
    @Autowired
    ApplicationContext ctx;
    @Autowired
    ResponseActions actions;
    @Autowired
    DetectionRules rules;

    final String run = UUID.randomUUID().toString().substring(0, 6);
    String prefix;
    Seeded f;
    long euGroup;
    long usGroup;

    @BeforeAll
    void seed() {
        prefix = "rax" + run;
        f = ScopeFixture.seed(ctx, prefix);
        DeviceGroups groups = ctx.getBean(DeviceGroups.class);
        euGroup = groups.all().stream().filter(g -> g.name().equals(prefix + " EU devices")).findFirst().orElseThrow().id();
        usGroup = SystemIdentity.run("rax-it", () -> groups.create(new DeviceGroups.Input(prefix + " US devices", "US offices", "SEMI_ALL_FOLDERS", 2,
                Map.of("DOMAIN", List.of("us." + prefix + ".example"))))).id();
    }

    /** Form fields; a name given twice is sent twice. */
    static Map<String, Object> fields(String... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) m.computeIfAbsent(kv[i], k -> new ArrayList<String>());
            values.add(kv[i + 1]);
        }
        return m;
    }

    String[] rule(String name, String query, String... more) {
        List<String> kv = new ArrayList<>(List.of("name", name, "query", query, "frequency", "1H", "title", "Tool on {{DeviceName}}",
                "severity", "high", "category", "Execution", "enabled", "true"));
        kv.addAll(List.of(more));
        return kv.toArray(String[]::new);
    }

    String toolQuery() {
        return "DeviceProcessEvents | where FileName == \"" + prefix + "-tool.exe\" | project Timestamp, DeviceId, DeviceName, SHA1, ReportId";
    }

    static long saved(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        Matcher m = Pattern.compile("/detection/rules/(\\d+)").matcher(r.headers().firstValue("Location").orElse(""));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    List<ResponseAction> byRule(String name) {
        SecurityContextHolder.getContext().setAuthentication(SystemIdentity.authentication("rax-it"));
        try {
            return actions.list(new ActionQuery(null, null, null, null, null, ResponseActions.RULE_ACTOR_PREFIX + name, null, null, null, null, null),
                    1, 500).items();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void scopedRule_alertsOnItsGroupsOnly_andIsolatesAndScansEachDeviceWithoutApproval() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String name = "Contain tool " + run;
        long id = saved(admin.post("/detection/rules/new", fields(rule(name, toolQuery(), "ra", "ISOLATE_DEVICE", "ra", "RUN_ANTIVIRUS_SCAN",
                "scanType", "full", "scope", "groups", "deviceGroup", String.valueOf(euGroup)))));
        String page = admin.get("/detection/rules/" + id).body();
        assertThat(page).containsPattern("value=\"ISOLATE_DEVICE\" checked").containsPattern("<option value=\"full\" selected")
                .containsPattern("value=\"" + euGroup + "\" checked").contains("No alert of this rule has led to a response action yet.");

        HttpResponse<String> ran = admin.post("/detection/rules/" + id + "/run", fields());
        assertThat(ran.statusCode()).isEqualTo(302);
        String notice = java.net.URLDecoder.decode(ran.headers().firstValue("Location").orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
        // Two EU devices ran the tool (the US ones are outside the rule's scope): two alerts, two isolations, two scans.
        assertThat(notice).contains("2 new alerts").contains("Automated actions: 4 requested.");

        List<ResponseAction> taken = byRule(name);
        assertThat(taken).hasSize(4).allSatisfy(a -> {
            assertThat(a.source()).isEqualTo(ResponseAction.AUTOMATED_DEVICE);
            assertThat(a.status().name()).isEqualTo("PENDING");
            assertThat(a.alertId()).isNotNull();
            assertThat(a.incidentId()).isNotNull();
            assertThat(a.targetId()).contains("-eu");
        });
        assertThat(taken).filteredOn(a -> a.type() == ActionType.ISOLATE_DEVICE).extracting(ResponseAction::targetId)
                .containsExactlyInAnyOrder(Seeded.id(f.euDevice()), Seeded.id(f.euDevice().replace("-eu1.", "-eu2.")));
        assertThat(taken).filteredOn(a -> a.type() == ActionType.RUN_ANTIVIRUS_SCAN).allSatisfy(a -> assertThat(a.parameter("scanType")).isEqualTo("full"));

        String after = admin.get("/detection/rules/" + id).body();
        assertThat(after).contains("Triggered actions").contains("Isolate device").contains(taken.get(0).alertId());
        // Triggered alerts: the rule's own, and the alert queue filtered to them.
        assertThat(after).contains("Triggered alerts").contains("/alerts/" + taken.get(0).alertId());
        String key = SystemIdentity.run("rax-it", () -> rules.get(id).map(DetectionRule::key).orElseThrow());
        String queue = admin.get("/alerts?status=&days=0&detector=" + key).body();
        assertThat(queue).contains("Tool on " + f.euDevice()).doesNotContain("Tool on " + f.usDevice());
        // A second run finds no new events: no new alerts, no new actions.
        admin.post("/detection/rules/" + id + "/run", fields());
        assertThat(byRule(name)).hasSize(4);
    }

    @Test
    void actionsNeedTheirColumns_andAuthorsAreHeldToTheirPermissionsAndGroups() throws Exception {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        HttpResponse<String> noHash = admin.post("/detection/rules/new", fields(rule("No hash " + run,
                "DeviceProcessEvents | project Timestamp, DeviceId, DeviceName, ReportId", "ra", "STOP_AND_QUARANTINE_FILE")));
        assertThat(noHash.statusCode()).isEqualTo(200);
        assertThat(noHash.body()).contains("actions: Stop and quarantine file needs the query to return SHA1 or SHA256")
                .containsPattern("value=\"STOP_AND_QUARANTINE_FILE\" checked");
        HttpResponse<String> noGroup = admin.post("/detection/rules/new", fields(rule("No group " + run, toolQuery(), "scope", "groups")));
        assertThat(noGroup.body()).contains("deviceGroups: Choose at least one device group, or All devices.");

        String author = prefix + "-author";
        ctx.getBean(UserAccounts.class).create(author, "EU detection author", null, ScopeFixture.PASSWORD, List.of());
        var role = SystemIdentity.run("rax-it", () -> ctx.getBean(RoleAdministration.class).create(new RoleAdministration.Input(prefix + " authors",
                "EU rules", List.of("SECURITY_DATA_READ", "DETECTION_TUNING_MANAGE", "ALERTS_MANAGE"), Map.of())));
        SystemIdentity.run("rax-it", () -> ctx.getBean(RoleAssignments.class).create(role.id(), new RoleAssignments.Input("EU", List.of(author),
                List.of(), List.of(), List.of(euGroup))));
        WebSession eu = WebSession.signIn(port, author, ScopeFixture.PASSWORD);

        String form = eu.get("/detection/rules/new").body();
        assertThat(form).containsPattern("value=\"ISOLATE_DEVICE\"[^>]*disabled").doesNotContainPattern("value=\"RUN_ANTIVIRUS_SCAN\"[^>]*disabled")
                .contains(prefix + " EU devices").doesNotContain(prefix + " US devices");
        assertThat(eu.post("/detection/rules/new", fields(rule("Everywhere " + run, toolQuery()))).body())
                .contains("deviceGroups: Your roles cover only some device groups; scope the rule to groups among them.");
        assertThat(eu.post("/detection/rules/new", fields(rule("US " + run, toolQuery(), "scope", "groups", "deviceGroup", String.valueOf(usGroup)))).body())
                .contains("deviceGroups: Device group " + prefix + " US devices is outside the groups your roles cover.");
        assertThat(eu.post("/detection/rules/new", fields(rule("Isolate " + run, toolQuery(), "ra", "ISOLATE_DEVICE", "scope", "groups",
                "deviceGroup", String.valueOf(euGroup)))).body())
                .contains("actions: Isolate device needs the Response (manage) permission, which your roles do not grant.");
        long ok = saved(eu.post("/detection/rules/new", fields(rule("Scan " + run, toolQuery(), "ra", "RUN_ANTIVIRUS_SCAN", "scope", "groups",
                "deviceGroup", String.valueOf(euGroup)))));
        // A tenant-wide rule is not theirs to turn off or delete; their own EU rule is.
        long global = saved(admin.post("/detection/rules/new", fields(rule("Global " + run, toolQuery()))));
        HttpResponse<String> off = eu.post("/detection/rules/" + global + "/enabled", fields("enabled", "false"));
        assertThat(java.net.URLDecoder.decode(off.headers().firstValue("Location").orElseThrow(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("Not changed: The rule '").contains("runs on all devices");
        assertThat(eu.post("/detection/rules/" + ok + "/enabled", fields("enabled", "false")).headers().firstValue("Location").orElseThrow())
                .contains("turned+off");
        SecurityContextHolder.getContext().setAuthentication(SystemIdentity.authentication("rax-it"));
        try {
            RuleResponse saved = rules.get(ok).orElseThrow().response();
            assertThat(saved.deviceGroups()).containsExactly(euGroup);
            assertThat(saved.formatActions()).isEqualTo("RUN_ANTIVIRUS_SCAN:quick");
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void aQueryNamingADeviceOutsideTheRulesGroups_cannotActOnIt() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String name = "Retarget " + run;
        String query = "DeviceProcessEvents | where FileName == \"" + prefix + "-tool.exe\" and DeviceName startswith \"" + prefix + "-eu1\""
                + " | extend DeviceId = \"" + Seeded.id(f.usDevice()) + "\", DeviceName = \"" + f.usDevice() + "\" | project Timestamp, DeviceId, DeviceName, ReportId";
        long id = saved(admin.post("/detection/rules/new", fields(rule(name, query, "ra", "ISOLATE_DEVICE", "scope", "groups",
                "deviceGroup", String.valueOf(euGroup)))));
        HttpResponse<String> ran = admin.post("/detection/rules/" + id + "/run", fields());
        String notice = java.net.URLDecoder.decode(ran.headers().firstValue("Location").orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(notice).contains("1 new alerts").contains("Automated actions: 0 requested, 1 not taken (Isolate device on " + Seeded.id(f.usDevice()));
        assertThat(byRule(name)).isEmpty();
    }

    @Test
    void editors_needThePermissionsOfTheRulesActions_inTheRulesGroups() throws Exception {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String name = "Guarded " + run;
        long id = saved(admin.post("/detection/rules/new", fields(rule(name, toolQuery(), "ra", "ISOLATE_DEVICE"))));

        // Detection tuning everywhere, Response (manage) on EU devices only.
        String editor = prefix + "-editor";
        ctx.getBean(UserAccounts.class).create(editor, "Rule editor", null, ScopeFixture.PASSWORD, List.of());
        var tuning = SystemIdentity.run("rax-it", () -> ctx.getBean(RoleAdministration.class).create(new RoleAdministration.Input(prefix + " tuning",
                "rules", List.of("SECURITY_DATA_READ", "DETECTION_TUNING_MANAGE"), Map.of())));
        var response = SystemIdentity.run("rax-it", () -> ctx.getBean(RoleAdministration.class).create(new RoleAdministration.Input(prefix + " eu response",
                "EU response", List.of("SECURITY_DATA_READ", "RESPONSE_MANAGE"), Map.of())));
        SystemIdentity.run("rax-it", () -> ctx.getBean(RoleAssignments.class).create(tuning.id(), new RoleAssignments.Input("all", List.of(editor),
                List.of(), List.of(), List.of())));
        SystemIdentity.run("rax-it", () -> ctx.getBean(RoleAssignments.class).create(response.id(), new RoleAssignments.Input("EU", List.of(editor),
                List.of(), List.of(), List.of(euGroup))));
        WebSession e = WebSession.signIn(port, editor, ScopeFixture.PASSWORD);

        // The existing rule isolates on all devices: changing only its query is refused.
        HttpResponse<String> edit = e.post("/detection/rules/" + id, fields(rule(name, toolQuery() + " | take 5", "ra", "ISOLATE_DEVICE")));
        assertThat(edit.statusCode()).isEqualTo(200);
        assertThat(edit.body()).contains("deviceGroups: Your Response (manage) permission for Isolate device covers only some device groups");
        HttpResponse<String> us = e.post("/detection/rules/new", fields(rule("US isolate " + run, toolQuery(), "ra", "ISOLATE_DEVICE", "scope", "groups",
                "deviceGroup", String.valueOf(usGroup))));
        assertThat(us.body()).contains("is outside the groups your Response (manage) permission for Isolate device covers.");
        saved(e.post("/detection/rules/new", fields(rule("EU isolate " + run, toolQuery(), "ra", "ISOLATE_DEVICE", "scope", "groups",
                "deviceGroup", String.valueOf(euGroup)))));
        // Without Response (manage) at all, a rule that isolates cannot be changed, nor turned back on.
        String tuner = prefix + "-tuner";
        ctx.getBean(UserAccounts.class).create(tuner, "Tuner", null, ScopeFixture.PASSWORD, List.of());
        SystemIdentity.run("rax-it", () -> ctx.getBean(RoleAssignments.class).create(tuning.id(), new RoleAssignments.Input("tuner", List.of(tuner),
                List.of(), List.of(), List.of())));
        WebSession t = WebSession.signIn(port, tuner, ScopeFixture.PASSWORD);
        assertThat(t.post("/detection/rules/" + id, fields(rule(name, toolQuery() + " | take 5", "ra", "ISOLATE_DEVICE"))).body())
                .contains("actions: Isolate device needs the Response (manage) permission, which your roles do not grant.");
        SystemIdentity.run("rax-it", () -> rules.setEnabled(id, false));
        SecurityContextHolder.getContext().setAuthentication(new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(
                tuner, "x", List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("PERM_DETECTION_TUNING_MANAGE"),
                        new org.springframework.security.core.authority.SimpleGrantedAuthority("PERM_SECURITY_DATA_READ"))));
        try {
            assertThatThrownBy(() -> rules.setEnabled(id, true)).hasMessageContaining("Isolate device needs the Response (manage) permission");
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void aLongRuleName_stillTakesItsActions() {
        WebSession admin = WebSession.signIn(port, "admin", ADMIN_PASSWORD);
        String name = "Long " + run + " " + "x".repeat(150);
        long id = saved(admin.post("/detection/rules/new", fields(rule(name, toolQuery(), "ra", "RUN_ANTIVIRUS_SCAN", "scope", "groups",
                "deviceGroup", String.valueOf(euGroup)))));
        String notice = java.net.URLDecoder.decode(admin.post("/detection/rules/" + id + "/run", fields()).headers().firstValue("Location").orElseThrow(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(notice).contains("Automated actions: 2 requested.");
        SecurityContextHolder.getContext().setAuthentication(SystemIdentity.authentication("rax-it"));
        try {
            assertThat(actions.list(new ActionQuery(null, null, null, null, null, null, null, null, null, null, null), 1, 500).items())
                    .filteredOn(a -> a.requestComment().contains("#" + id + ","))
                    .hasSize(2).allSatisfy(a -> assertThat(a.requestedBy()).hasSize(ResponseActions.RULE_ACTOR_PREFIX.length() + 80).endsWith("…"));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
