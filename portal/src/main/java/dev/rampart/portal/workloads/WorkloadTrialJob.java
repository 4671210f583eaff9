package dev.rampart.portal.workloads;

import dev.rampart.portal.access.SystemIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Checks trials shortly after start and then hourly ({@code rampart.workloads.trial-check}), as the portal itself. */
@Component
@Profile("!cli")
class WorkloadTrialJob {
    private static final Logger log = LoggerFactory.getLogger(WorkloadTrialJob.class);

    private final Workloads workloads;

    WorkloadTrialJob(Workloads workloads) {
        this.workloads = workloads;
    }

    @Scheduled(initialDelayString = "${rampart.workloads.trial-check-first-run:PT1M}", fixedDelayString = "${rampart.workloads.trial-check:PT1H}")
    void run() {
        try {
            Workloads.TrialCheck done = SystemIdentity.run("workload-trials", workloads::checkTrials);
            if (!done.warned().isEmpty() || !done.expired().isEmpty()) {
                log.info("workload trials: warned {}, expired {}", done.warned(), done.expired());
            }
        } catch (RuntimeException e) {
            // The next run retries: nothing is marked as notified unless its notification was stored.
            log.warn("Workload trial check failed: {}", e.getMessage());
        }
    }
}
