package dev.rampart.portal.detection;

import dev.rampart.portal.events.EventStore;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs enabled rules when due: scheduled rules every interval, and every rule once right away (its first run looks
 * back 30 days). Near-real-time rules then run from {@link NrtDetections} after ingest batches. Not in batch commands,
 * and not while the event store takes a bulk load (the demo organisation).
 */
@Component
@Profile("!cli")
class DetectionScheduler {
    private static final Logger log = LoggerFactory.getLogger(DetectionScheduler.class);

    private final DetectionRules rules;
    private final DetectionEngine engine;
    private final EventStore events;

    DetectionScheduler(DetectionRules rules, DetectionEngine engine, EventStore events) {
        this.rules = rules;
        this.engine = engine;
        this.events = events;
    }

    @Scheduled(initialDelayString = "${rampart.detection.first-run:PT30S}", fixedDelayString = "${rampart.detection.tick:PT1M}")
    void runDue() {
        if (events.bulkLoading()) {
            return; // the next tick after the load runs what is due, first runs included
        }
        Instant now = Instant.now();
        for (DetectionRule r : rules.all()) {
            boolean due = r.enabled() && (r.lastRunAt() == null
                    || r.frequency() != Frequency.NRT && (r.nextRunAt() == null || !r.nextRunAt().isAfter(now)));
            if (due) {
                DetectionEngine.Outcome o = engine.run(r, "schedule");
                if ("failed".equals(o.status())) {
                    log.warn("Detection rule {} failed: {}", r.key(), o.message());
                }
            }
        }
    }
}
