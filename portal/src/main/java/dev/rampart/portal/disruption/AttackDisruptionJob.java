package dev.rampart.portal.disruption;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Evaluates recently updated incidents for automatic attack disruption every {@code rampart.disruption.interval}
 * (15 s). Each run looks at incidents updated since the previous run began (with a minute of overlap), the first one
 * at the last day's. Not in batch commands.
 */
@Component
@Profile("!cli")
class AttackDisruptionJob {
    private static final Logger log = LoggerFactory.getLogger(AttackDisruptionJob.class);
    private static final Duration OVERLAP = Duration.ofMinutes(1);

    private final AttackDisruption disruption;
    private Instant since = Instant.now().minus(AttackDisruption.FIRST_LOOK_BACK);

    AttackDisruptionJob(AttackDisruption disruption) {
        this.disruption = disruption;
    }

    @Scheduled(initialDelayString = "${rampart.disruption.first-run:PT20S}", fixedDelayString = "${rampart.disruption.interval:PT15S}")
    void run() {
        Instant started = Instant.now();
        try {
            int acted = disruption.run(since);
            if (acted > 0) {
                log.info("Attack disruption acted on {} device(s) or account(s)", acted);
            }
            since = started.minus(OVERLAP);
        } catch (RuntimeException e) {
            // The next run looks at the same incidents again: nothing is acted on twice (one row per incident and target).
            log.warn("Attack disruption run failed: {}", e.getMessage());
        }
    }
}
