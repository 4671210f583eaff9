package dev.rampart.portal.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.portal.AbstractPortalIT;
import dev.rampart.portal.access.SystemIdentity;
import dev.rampart.portal.events.EventStore;
import dev.rampart.portal.incidents.Category;
import dev.rampart.portal.incidents.Severity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/** The scheduler holds rules back while the event store takes a bulk load, so a first run sees all of the loaded data. */
class DetectionSchedulerIT extends AbstractPortalIT {
    @Autowired
    DetectionScheduler scheduler;
    @Autowired
    DetectionRules rules;
    @Autowired
    EventStore events;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void signIn() {
        SecurityContextHolder.getContext().setAuthentication(SystemIdentity.authentication("scheduler-it"));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void runDue_duringABulkLoad_runsNothing_andAfterItRunsTheFirstRun() {
        DetectionRule r = rules.create(new RuleDraft("Scheduler gate " + run, "DeviceProcessEvents | where FileName == \"gate-" + run + ".exe\" "
                + "| project Timestamp, DeviceId, DeviceName, ReportId", Frequency.HOUR_1, "Gate on {{DeviceName}}", "IT rule", Severity.LOW,
                Category.EXECUTION, List.of(), "", EntityMapping.automatic(), false));

        Instant during = events.bulkLoad(() -> {
            rules.setEnabled(r.id(), true); // enabled only now: the scheduler's own ticks are held back as well
            scheduler.runDue();
            return rules.find(r.id()).orElseThrow().lastRunAt();
        });
        assertThat(during).isNull();

        scheduler.runDue();
        assertThat(rules.find(r.id()).orElseThrow().lastRunAt()).isNotNull();
    }
}
