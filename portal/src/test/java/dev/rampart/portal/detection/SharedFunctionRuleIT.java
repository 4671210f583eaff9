package dev.rampart.portal.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.hunting.HuntingFunctions;
import dev.rampart.portal.hunting.HuntingService;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Severity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/** Custom detection rules call the team's shared functions; a private function is not theirs to call. */
class SharedFunctionRuleIT extends AbstractPortalIT {
    @Autowired
    HuntingFunctions functions;
    @Autowired
    HuntingService hunting;
    @Autowired
    DetectionRules rules;
    @Autowired
    DetectionEngine engine;
    @Autowired
    EventStore events;

    final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void signIn() {
        SecurityContextHolder.getContext().setAuthentication(dev.rampart.portal.access.SystemIdentity.authentication("fn-rule-it"));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    RuleDraft draft(String query) {
        return new RuleDraft("Function rule " + run + " " + UUID.randomUUID().toString().substring(0, 4), query, Frequency.HOUR_1,
                "Tool on {{DeviceName}}", "IT rule", Severity.MEDIUM, Category.EXECUTION, List.of("T1059"), "Look",
                EntityMapping.automatic(), true);
    }

    @Test
    void rule_callsASharedFunction_andRaisesAlertsFromItsRows() {
        String tool = "fn-tool-" + run + ".exe";
        EventFixture.insert(events, "DeviceProcessEvents", 2, Map.of("DeviceId", "id-fn-" + run, "DeviceName", "fn-" + run + ".it.example",
                "ActionType", "ProcessCreated", "FileName", tool, "ProcessCommandLine", tool + " {i}", "AccountUpn", "u" + run + "@it.example",
                "ReportId", "{i}"), Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600));
        String fn = "ToolRuns_" + run;
        functions.save("fn-rule-it", 0, fn, "Detections", null, "tool:string",
                "DeviceProcessEvents | where FileName == tool | project Timestamp, DeviceId, DeviceName, ReportId, AccountUpn, ProcessCommandLine",
                true, hunting.visibleSchema());

        DetectionRule rule = rules.create(draft(fn + "('" + tool + "')"));
        DetectionEngine.Outcome out = engine.run(rule, "manual");
        assertThat(out.status()).isEqualTo("completed");
        assertThat(out.rows()).isEqualTo(2);
        assertThat(out.alerts()).isEqualTo(1);

        // While the rule calls it, the function is not deleted, renamed, made private or changed in a way that breaks the rule.
        long fnId = functions.visibleTo("fn-rule-it").stream().filter(f -> f.name().equals(fn)).findFirst().orElseThrow().id();
        String calls = "detection rule '" + rule.name() + "' calls it";
        assertThatThrownBy(() -> functions.delete("fn-rule-it", fnId)).hasMessageContaining("Cannot delete the shared function " + fn)
                .hasMessageContaining(calls);
        assertThatThrownBy(() -> functions.save("fn-rule-it", fnId, fn + "_v2", "Detections", null, "tool:string", "DeviceProcessEvents",
                true, hunting.visibleSchema())).hasMessageContaining("Cannot rename").hasMessageContaining(calls);
        assertThatThrownBy(() -> functions.save("fn-rule-it", fnId, fn, "Detections", null, "tool:string", "DeviceProcessEvents",
                false, hunting.visibleSchema())).hasMessageContaining("Cannot make private").hasMessageContaining(calls);
        assertThatThrownBy(() -> functions.save("fn-rule-it", fnId, fn, "Detections", null, "tool:string, since:timespan", "DeviceProcessEvents",
                true, hunting.visibleSchema())).hasMessageStartingWith("This change would break what calls " + fn + ": detection rule '" + rule.name() + "'");

        RuleDraft inline = draft("DeviceProcessEvents | where FileName == '" + tool + "' "
                + "| project Timestamp, DeviceId, DeviceName, ReportId, AccountUpn, ProcessCommandLine");
        rules.update(rule.id(), new RuleDraft(rule.name(), inline.query(), inline.frequency(), inline.title(), inline.description(),
                inline.severity(), inline.category(), inline.mitreTechniques(), inline.recommendedActions(), inline.entities(), true));
        functions.delete("fn-rule-it", fnId);
        assertThat(functions.visibleTo("fn-rule-it")).noneMatch(f -> f.id() == fnId);
    }

    @Test
    void rule_cannotCallAPrivateFunction() {
        String fn = "Private_" + run;
        functions.save("fn-rule-it", 0, fn, null, null, "",
                "DeviceProcessEvents | project Timestamp, DeviceId, DeviceName, ReportId", false, hunting.visibleSchema());
        assertThatThrownBy(() -> rules.create(draft(fn + " | take 1")))
                .isInstanceOfSatisfying(DetectionRules.InvalidRuleException.class, e -> assertThat(e.getMessage()).contains("Unknown table '" + fn + "'"));
    }
}
