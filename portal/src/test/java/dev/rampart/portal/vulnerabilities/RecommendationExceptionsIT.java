package dev.rampart.portal.vulnerabilities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.kql.schema.Table;
import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.WebSession;
import dev.rampart.portal.access.DeviceGroup;
import dev.rampart.portal.access.DeviceGroups;
import dev.rampart.portal.access.ScopeFixture;
import dev.rampart.portal.access.ScopeFixture.Seeded;
import dev.rampart.portal.access.SystemIdentity;
import dev.rampart.portal.events.EventStore;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Exceptions to security recommendations: created from the recommendation's page within the analyst's device groups,
 * listed and cancelled under Remediation › Exceptions, shown as partial or full exception on the list, and mitigating
 * justifications earn the covered devices their Secure Score points.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecommendationExceptionsIT extends AbstractPortalIT {
    static final String P = "rexc";
    @Autowired
    ApplicationContext ctx;
    @Autowired
    EventStore events;
    @Autowired
    SecureScore score;
    @Autowired
    JdbcClient jdbc;

    Seeded f;
    String configId;
    String page;
    long euGroup;
    long defaultGroup;
    WebSession euManager;
    WebSession allManager;
    WebSession reader;

    @BeforeAll
    void seed() {
        f = ScopeFixture.seed(ctx, P);
        DeviceGroups groups = ctx.getBean(DeviceGroups.class);
        euGroup = groups.all().stream().filter(g -> g.name().equals(P + " EU devices")).findFirst().orElseThrow().id();
        defaultGroup = groups.all().stream().filter(DeviceGroup::isDefault).findFirst().orElseThrow().id();
        List<String> manage = List.of("SECURITY_DATA_READ", "VULNERABILITY_MANAGEMENT_READ", "EXPOSURE_MANAGEMENT_READ", "EXCEPTION_HANDLING_MANAGE");
        ScopeFixture.account(ctx, P + "-eum", manage, List.of("endpoint", "vulnerability"), List.of(euGroup));
        ScopeFixture.account(ctx, P + "-allm", manage, List.of(), List.of());
        ScopeFixture.account(ctx, P + "-read", List.of("SECURITY_DATA_READ", "VULNERABILITY_MANAGEMENT_READ"), List.of(), List.of());
        euManager = WebSession.signIn(port, P + "-eum", ScopeFixture.PASSWORD);
        allManager = WebSession.signIn(port, P + "-allm", ScopeFixture.PASSWORD);
        reader = WebSession.signIn(port, P + "-read", ScopeFixture.PASSWORD);
    }

    /** A new configuration check that all four fixture devices fail; the tests' recommendation. */
    private void newCheck() {
        configId = "scid-" + P + ThreadLocalRandom.current().nextInt(10_000, 99_999);
        page = "/recommendations/config/" + configId;
        Table cfg = events.table("DeviceTvmSecureConfigurationAssessment");
        Table kb = events.table("DeviceTvmSecureConfigurationAssessmentKB");
        Instant now = Instant.now().minusSeconds(300);
        List<String> devices = List.of(f.euDevice(), f.euDevice().replace("-eu1.", "-eu2."), f.usDevice(), f.usDevice().replace("-us1.", "-us2."));
        events.write(s -> {
            for (String d : devices) {
                s.appender("DeviceTvmSecureConfigurationAssessment").append(row(cfg, Map.of("DeviceId", Seeded.id(d), "DeviceName", d,
                        "OSPlatform", "Windows11", "Timestamp", now, "ConfigurationId", configId, "ConfigurationCategory", "Network",
                        "IsApplicable", true, "IsCompliant", false)));
            }
            s.appender("DeviceTvmSecureConfigurationAssessmentKB").append(row(kb, Map.of("ConfigurationId", configId,
                    "ConfigurationName", "Block " + P + " legacy protocol " + configId, "ConfigurationCategory", "Network", "ConfigurationImpact", 8.0)));
            return null;
        });
    }

    private static Object[] row(Table t, Map<String, Object> values) {
        Object[] r = new Object[t.columns().size()];
        values.forEach((k, v) -> r[t.indexOf(k)] = v);
        return r;
    }

    private long exceptions() {
        return jdbc.sql("SELECT count(*) FROM recommendation_exception WHERE recommendation_id = ?").params("config/" + configId).query(Long.class).single();
    }

    private SecureScore.Action action() {
        return SystemIdentity.run(P, () -> score.current(1)).actions().stream().filter(a -> a.configurationId().equals(configId)).findFirst().orElseThrow();
    }

    private HttpResponse<String> create(WebSession s, Object... fields) {
        return s.post(page + "/exceptions", WebSession.form(fields));
    }

    @Test
    void groupException_isPartial_mitigates_andCancelRestoresTheScore() {
        newCheck();
        assertThat(action().compliant()).isZero();
        HttpResponse<String> r = create(euManager, "justification", "ALTERNATE_MITIGATION", "scope", "groups", "groups", euGroup, "days", 90,
                "comment", "EU sites block the protocol at the perimeter firewall.");
        assertThat(r.statusCode()).as(r.body()).isIn(302, 303);
        // The two EU devices now count as compliant: 8 points × 2/4.
        SecureScore.Action a = action();
        assertThat(a.compliant()).isEqualTo(2);
        assertThat(a.points()).isEqualTo(4.0);
        String detail = allManager.get(page).body();
        assertThat(detail).contains("Exceptions (1 active)", "Alternate mitigation", P + " EU devices", "EU sites block the protocol")
                .containsPattern("<span class=\"kpi-value\">2</span><span class=\"kpi-label\">exposed after exceptions");
        assertThat(allManager.get("/recommendations?q=" + configId).body()).contains("Partial exception");
        String list = euManager.get("/remediation/exceptions?recommendation=config/" + configId).body();
        assertThat(list).contains("Block " + P + " legacy protocol", "Alternate mitigation", "Active");
        long id = jdbc.sql("SELECT max(id) FROM recommendation_exception WHERE recommendation_id = ?").params("config/" + configId).query(Long.class).single();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'recommendation.exception.create' AND target_id = ?")
                .params("config/" + configId).query(Long.class).single()).isEqualTo(1);

        HttpResponse<String> cancelled = euManager.post("/remediation/exceptions/" + id + "/cancel", Map.of());
        assertThat(cancelled.statusCode()).isIn(302, 303);
        assertThat(action().compliant()).isZero();
        assertThat(euManager.get("/remediation/exceptions?status=CANCELLED").body()).contains("Block " + P + " legacy protocol", "by " + P + "-eum");
        assertThat(euManager.post("/remediation/exceptions/" + id + "/cancel", Map.of()).headers().firstValue("Location").orElse(""))
                .contains("error=").contains("already+cancelled");
    }

    @Test
    void riskAccepted_marksDevices_butEarnsNoPoints() {
        newCheck();
        long before = action().compliant();
        assertThat(create(allManager, "justification", "RISK_ACCEPTED", "scope", "groups", "groups", defaultGroup, "days", 30,
                "comment", "Legacy lab machines, retired next quarter.").statusCode()).isIn(302, 303);
        assertThat(action().compliant()).isEqualTo(before);
        // The US devices are ungrouped: the EU manager does not see an exception that names only that group.
        assertThat(euManager.get("/remediation/exceptions?recommendation=config/" + configId).body()).doesNotContain("Legacy lab machines");
        assertThat(allManager.get("/remediation/exceptions?recommendation=config/" + configId).body()).contains("Legacy lab machines", "Risk accepted");
        // The two ungrouped US devices are marked, and no longer counted as exposed.
        assertThat(allManager.get(page).body()).containsPattern("<span class=\"kpi-value\">2</span><span class=\"kpi-label\">exposed after exceptions")
                .contains("Not compliant <span class=\"pill\">Exception</span>");
    }

    @Test
    void anExceptionSpanningGroups_showsOnlyTheReadersGroupNames() {
        newCheck();
        assertThat(create(allManager, "justification", "RISK_ACCEPTED", "scope", "groups", "groups", List.of(euGroup, defaultGroup), "days", 30,
                "comment", "Both sites accept it.").statusCode()).isIn(302, 303);
        String eu = euManager.get("/remediation/exceptions?recommendation=config/" + configId).body();
        assertThat(eu).contains("Both sites accept it.", P + " EU devices, 1 other group").doesNotContain("Ungrouped devices");
        // Not all of its groups are the EU manager's: no Cancel button, and cancelling is refused.
        assertThat(eu).doesNotContain(">Cancel</button>");
        assertThat(allManager.get("/remediation/exceptions?recommendation=config/" + configId).body()).contains("Ungrouped devices (default)");
    }

    @Test
    void badInput_namesTheField_andCreatesNothing() {
        newCheck();
        long before = exceptions();
        HttpResponse<String> noComment = create(euManager, "justification", "THIRD_PARTY_CONTROL", "scope", "groups", "groups", euGroup, "days", 30,
                "comment", " ");
        assertThat(noComment.statusCode()).isEqualTo(422);
        assertThat(noComment.body()).contains("Say why", "field-error");
        HttpResponse<String> global = create(euManager, "justification", "THIRD_PARTY_CONTROL", "scope", "global", "days", 30, "comment", "x");
        assertThat(global.statusCode()).isEqualTo(422);
        assertThat(global.body()).contains("A global exception needs Exception handling (manage) over every device group");
        HttpResponse<String> otherGroup = create(euManager, "justification", "RISK_ACCEPTED", "scope", "groups", "groups", defaultGroup, "days", 30,
                "comment", "x");
        assertThat(otherGroup.body()).contains("is not one you may manage exceptions for");
        HttpResponse<String> tooLong = create(allManager, "justification", "nonsense", "scope", "global", "days", 900, "comment", "x");
        assertThat(tooLong.body()).contains("Choose a justification", "between 1 and 365 days");
        assertThat(exceptions()).isEqualTo(before);
    }

    @Test
    void withoutExceptionHandling_noFormAndPostIsForbidden() {
        newCheck();
        assertThat(reader.get(page).body()).contains("Exceptions (").doesNotContain("Create exception");
        assertThat(create(reader, "justification", "RISK_ACCEPTED", "scope", "global", "days", 30, "comment", "x").statusCode()).isEqualTo(403);
        assertThat(euManager.get(page).body()).contains("Create exception").doesNotContain("Global (every device group)");
        assertThat(allManager.get(page).body()).contains("Global (every device group)");
    }

    @Test
    void globalException_isFull() {
        newCheck();
        String cfg = configId;
        assertThat(create(allManager, "justification", "PLANNED_REMEDIATION", "scope", "global", "days", 60, "comment", "Rollout planned in Q1.")
                .statusCode()).isIn(302, 303);
        assertThat(reader.get("/recommendations?q=" + configId).body()).contains("Full exception");
        assertThat(reader.get("/remediation/exceptions?justification=PLANNED_REMEDIATION").body()).contains("Rollout planned in Q1.", "Global")
                .doesNotContain(">Cancel</button>");
        long id = jdbc.sql("SELECT max(id) FROM recommendation_exception WHERE recommendation_id = ? AND global_scope").params("config/" + cfg)
                .query(Long.class).single();
        // A group-scoped manager may not cancel a global exception.
        assertThat(euManager.post("/remediation/exceptions/" + id + "/cancel", Map.of()).statusCode()).isEqualTo(403);
        assertThat(allManager.post("/remediation/exceptions/" + id + "/cancel", Map.of()).statusCode()).isIn(302, 303);
    }
}
