package dev.rampart.portal.incidents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Copies new alerts to the hunting tables every {@code rampart.alert-tables.interval} (10 s). Not in batch commands:
 * a benchmark raising 100,000 alerts measures correlation, not this copy.
 */
@Component
@Profile("!cli")
class AlertHuntingTablesJob {
    private static final Logger log = LoggerFactory.getLogger(AlertHuntingTablesJob.class);

    private final AlertHuntingTables tables;

    AlertHuntingTablesJob(AlertHuntingTables tables) {
        this.tables = tables;
    }

    @Scheduled(initialDelayString = "${rampart.alert-tables.first-run:PT10S}", fixedDelayString = "${rampart.alert-tables.interval:PT10S}")
    void run() {
        try {
            tables.sync();
        } catch (RuntimeException e) {
            // The next run copies what this one could not: nothing counts as copied until its write commits.
            log.warn("Copying alerts to the AlertInfo/AlertEvidence tables failed: {}", e.getMessage());
        }
    }
}
