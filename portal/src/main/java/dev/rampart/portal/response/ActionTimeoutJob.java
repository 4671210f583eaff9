package dev.rampart.portal.response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Applies the action timeouts (7 days pending approval, 3 days undelivered, 1 day running) every few minutes. */
@Component
class ActionTimeoutJob {
    private static final Logger log = LoggerFactory.getLogger(ActionTimeoutJob.class);
    private final ResponseActions actions;

    ActionTimeoutJob(ResponseActions actions) {
        this.actions = actions;
    }

    @Scheduled(initialDelayString = "${rampart.response.timeout-first-run:PT1M}", fixedDelayString = "${rampart.response.timeout-interval:PT5M}")
    void run() {
        int n = actions.expire();
        if (n > 0) {
            log.info("response: {} action(s) timed out", n);
        }
    }
}
