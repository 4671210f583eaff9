package dev.rampart.portal.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs retention shortly after start and then every hour ({@code rampart.retention-first-run},
 * {@code rampart.retention-interval}, ISO-8601 durations). Not in batch commands: an import must not
 * race a purge of the rows it is loading.
 */
@Component
@Profile("!cli")
class RetentionJob {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final RetentionService retention;

    RetentionJob(RetentionService retention) {
        this.retention = retention;
    }

    @Scheduled(initialDelayString = "${rampart.retention-first-run:PT2M}", fixedDelayString = "${rampart.retention-interval:PT1H}")
    void run() {
        try {
            retention.purgeExpired();
        } catch (RuntimeException e) {
            // The next run retries; a failed purge loses nothing.
            log.warn("Retention run failed: {}", e.getMessage());
        }
    }
}
